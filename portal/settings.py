"""Settings of Pustaka, every knob read from the environment once, here, with embedded defaults.

The one switch that matters first is ``PUSTAKA_ENV``:

* ``production`` (the default): refuses to start with the default ``SECRET_KEY`` or an empty
  ``ALLOWED_HOSTS``; internal errors are masked; no GraphiQL.
* ``development`` (what ``make run`` uses): a local secret, GraphiQL, detailed errors.
* ``test`` (what the test suite uses): fast password hashing, tasks run inline.

Everything else defaults to one machine: SQLite (WAL) and SqliteHuey under ``var/``, media on the
local disk. ``DATABASE_URL`` switches to PostgreSQL, ``REDIS_URL`` to RedisHuey and a Redis cache.
The README lists every variable.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = os.environ


def env_bool(name: str, default: bool) -> bool:
    value = env.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}.")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    value = env.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {number}.")
    return number


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env.get(name, default).split(",") if item.strip()]


# --- Mode -----------------------------------------------------------------------------------

PUSTAKA_ENV = env.get("PUSTAKA_ENV", "production").strip().lower()
if PUSTAKA_ENV not in {"production", "development", "test"}:
    raise ImproperlyConfigured(
        f"PUSTAKA_ENV must be production, development or test, got {PUSTAKA_ENV!r}."
    )
DEV_MODE = PUSTAKA_ENV == "development"
TEST_MODE = PUSTAKA_ENV == "test"
PRODUCTION = PUSTAKA_ENV == "production"

DEBUG = env_bool("DEBUG", DEV_MODE)

INSECURE_DEFAULT_SECRET_KEY = "pustaka-insecure-development-key-never-use-in-production"
SECRET_KEY = env.get("SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver"
)

if PRODUCTION:
    if SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "Production mode needs SECRET_KEY (at least 32 random characters). "
            "For local work set PUSTAKA_ENV=development."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Production mode needs ALLOWED_HOSTS (comma-separated host names). "
            "For local work set PUSTAKA_ENV=development."
        )

VAR_DIR = Path(env.get("PUSTAKA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)  # whitenoise warns when STATIC_ROOT is missing

# --- Applications ---------------------------------------------------------------------------

INSTALLED_APPS = [
    "portal",
    "portal.notifications",
    "portal.analytics",
    "cms",
    "cms.circulation",
    "cms.datasets",
    "cms.faq",
    "cms.elibrary",
    "community",
    "community.events",
    "community.reference",
    "community.consultations",
    "social_sync",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "graphene_django",
    "corsheaders",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.headless",
    "allauth.usersessions",
    "django_comments_xtd",
    "django_comments",
    "huey.contrib.djhuey",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
]

if TEST_MODE:
    # A stand-in kind of member post: the MemberContent protocols are tested on a real table.
    INSTALLED_APPS.append("tests.community.sample_posts")
    # A stand-in subscription (a room of messages) that tests the WebSocket transport on its
    # own schema (tests/realtime/); the product's schema never holds it.
    INSTALLED_APPS.append("tests.realtime.relay")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.compression.CompressionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "portal.api.response_cache.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "community.middleware.MemberLanguageMiddleware",
    "portal.middleware.AccountApiBoundaryMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------

DATABASE_URL = env.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env.get("PUSTAKA_SQLITE_PATH", "").strip() or VAR_DIR / "pustaka.sqlite3",
            "OPTIONS": {
                # WAL lets the web workers read while the huey worker writes; IMMEDIATE makes
                # writers queue for the lock instead of failing with "database is locked".
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # The test database is a file too, not SQLite's shared in-memory database: there,
            # concurrent writers fail at once ("database table is locked") instead of queueing
            # for the lock as they do in production, so concurrency tests could not run.
            "TEST": {"NAME": str(VAR_DIR / "test-pustaka.sqlite3")},
            # Keep a worker's connection between requests, as on PostgreSQL: opening one runs
            # the three PRAGMAs above, which cost more than most requests' own queries.
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.get("REDIS_URL", "").strip()
# Parallel test workers (pytest-xdist sets PYTEST_XDIST_WORKER=gw0, gw1…) each get their own
# Redis database and queue, since tests empty the cache between them.
TEST_WORKER = env.get("PYTEST_XDIST_WORKER", "") if TEST_MODE else ""
if REDIS_URL and TEST_WORKER:
    _redis = urlsplit(REDIS_URL)
    _base_db = int(_redis.path.strip("/") or 0)
    _worker_db = (_base_db + int(TEST_WORKER.removeprefix("gw") or 0)) % 16
    REDIS_URL = _redis._replace(path=f"/{_worker_db}").geturl()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "pustaka"),
        }
    }
else:
    # A database cache is shared by all gunicorn workers and the huey worker, which
    # rate limits and cache purges need; local memory would give each process its own.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "pustaka_cache",
        }
    }

# --- Real time (Channels) ------------------------------------------------------------------
# The channel layer carries subscriptions' wake-ups (portal.realtime): in memory within the ASGI
# process by default, Redis across processes and machines when REDIS_URL is set.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env.get("CACHE_KEY_PREFIX", "pustaka") + ":channels",
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# The GraphQL WebSocket endpoint (portal/api/websocket.py, graphql-transport-ws). A message may
# be as large as an HTTP request body (GRAPHQL_LIMITS["MAX_BODY_BYTES"]).
REALTIME = {
    # Seconds a client has to send connection_init once the socket is open (then 4408).
    "INIT_TIMEOUT": env_int("REALTIME_INIT_TIMEOUT", 10, minimum=1),
    # Operations (subscriptions, queries, mutations) one connection may run at once.
    "MAX_OPERATIONS": env_int("REALTIME_MAX_OPERATIONS", 20, minimum=1),
    # Seconds between two checks that a signed-in connection's session still holds (then 4403).
    "SESSION_CHECK_SECONDS": env_int("REALTIME_SESSION_CHECK_SECONDS", 60, minimum=1),
}

# --- Task queue (huey) ----------------------------------------------------------------------

HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", TEST_MODE)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": env.get("HUEY_NAME", "pustaka") + (f"-{TEST_WORKER}" if TEST_WORKER else ""),
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": env.get("HUEY_NAME", "pustaka"),
        "filename": str(
            VAR_DIR / (f"huey-{TEST_WORKER}.sqlite3" if TEST_WORKER else "huey.sqlite3")
        ),
        "immediate": HUEY_IMMEDIATE,
    }
HUEY["consumer"] = {
    "workers": env_int("HUEY_WORKERS", 2, minimum=1),
    "worker_type": "thread",
    "periodic": True,
    "check_worker_health": True,
}

# --- Accounts -------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TEST_MODE:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# The frontend (website or app) owns every page a member sees; allauth only answers JSON.
FRONTEND_URL = env.get("FRONTEND_URL", "http://localhost:3000").rstrip("/")

# Video consultations (community.consultations) run on Jitsi Meet: meet.jit.si, or the
# library's own server. With an app id and secret, links carry a signed JWT (HS256) for a
# server that requires token authentication; the librarian joins as moderator.
JITSI_BASE_URL = env.get("JITSI_BASE_URL", "https://meet.jit.si").rstrip("/")
JITSI_APP_ID = env.get("JITSI_APP_ID", "")
JITSI_APP_SECRET = env.get("JITSI_APP_SECRET", "")
HEADLESS_ONLY = True
# The repository part of OAI-PMH identifiers (oai:<this>:dataset/12): a domain the library
# controls, never changed once harvested.
OAI_REPOSITORY_IDENTIFIER = env.get("OAI_REPOSITORY_IDENTIFIER", "perpustakaan.ternatekota.go.id")
OAI_ADMIN_EMAIL = env.get("OAI_ADMIN_EMAIL", "perpustakaan@ternatekota.go.id")
# Links in account e-mails lead to these frontend pages; the page reads {key} from its path and
# posts it to /_allauth/{client}/v1/auth/email/verify (or .../auth/password/reset). Verification
# and password reset go by link, not by code (the *_BY_CODE_ENABLED settings below).
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": f"{FRONTEND_URL}/akun/verifikasi/{{key}}",
    "account_reset_password": f"{FRONTEND_URL}/akun/sandi",
    "account_reset_password_from_key": f"{FRONTEND_URL}/akun/sandi/{{key}}",
    "account_signup": f"{FRONTEND_URL}/akun/daftar",
    "socialaccount_login_error": f"{FRONTEND_URL}/akun/masuk/galat",
}
# allauth describes its endpoints, as configured here, at /_allauth/openapi.json (and .yaml).
HEADLESS_SERVE_SPECIFICATION = True
ACCOUNT_ADAPTER = "community.accounts.MemberAccountAdapter"
# Sign-up costs one password hash whether or not the address is registered (no timing oracle).
ACCOUNT_SIGNUP_FORM_CLASS = "community.signup.EvenSignupForm"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False  # after verifying, the member signs in
ACCOUNT_CHANGE_EMAIL = True  # a new address replaces the old one once it is verified
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Perpustakaan Kota Ternate] "
if TEST_MODE:
    # False switches allauth's rate limits off ({} would keep its defaults, and None would
    # break them: allauth merges the setting into its defaults).
    ACCOUNT_RATE_LIMITS = False

# Social login is optional: a provider is offered only when its credentials are set.
SOCIALACCOUNT_PROVIDERS = {}
if env.get("GOOGLE_CLIENT_ID") and env.get("GOOGLE_CLIENT_SECRET"):
    INSTALLED_APPS.append("allauth.socialaccount.providers.google")
    SOCIALACCOUNT_PROVIDERS["google"] = {
        "APPS": [{"client_id": env["GOOGLE_CLIENT_ID"], "secret": env["GOOGLE_CLIENT_SECRET"]}],
        "SCOPE": ["profile", "email"],
        "EMAIL_AUTHENTICATION": True,
    }
if env.get("FACEBOOK_LOGIN_APP_ID") and env.get("FACEBOOK_LOGIN_APP_SECRET"):
    INSTALLED_APPS.append("allauth.socialaccount.providers.facebook")
    SOCIALACCOUNT_PROVIDERS["facebook"] = {
        "APPS": [
            {"client_id": env["FACEBOOK_LOGIN_APP_ID"], "secret": env["FACEBOOK_LOGIN_APP_SECRET"]}
        ],
        "SCOPE": ["email", "public_profile"],
    }
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # never merge into an account by an unverified claim

# Avatars: uploaded at POST /api/avatar, re-encoded (metadata stripped) to at most this size.
AVATAR_MAX_UPLOAD_BYTES = env_int("AVATAR_MAX_UPLOAD_BYTES", 2 * 1024 * 1024, minimum=1024)
AVATAR_SIZE = 512

SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_SAMESITE = "Lax"
# The frontend `make run` serves for (FRONTEND_URL) is trusted by default in development only.
_FRONTEND_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(FRONTEND_URL))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or ([_FRONTEND_ORIGIN] if DEV_MODE else [])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None

# Third-party frontends call the API from their own origins.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS") or ([_FRONTEND_ORIGIN] if DEV_MODE else [])
CORS_ALLOW_CREDENTIALS = True
CORS_URLS_REGEX = r"^/(graphql|_allauth|api)/.*$"
CORS_ALLOW_HEADERS = (
    "accept",
    "accept-language",
    "authorization",
    "content-type",
    "x-csrftoken",
    "x-requested-with",
    "x-session-token",
)
CORS_EXPOSE_HEADERS = ("etag",)

# --- Discussions (django-comments-xtd) ------------------------------------------------------

COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # levels 0, 1 and 2: a topic's replies go three deep
COMMENTS_XTD_CONFIRM_EMAIL = False  # members are signed in; allauth verified their address
COMMENTS_XTD_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "noreply@localhost")

# --- Community rules ------------------------------------------------------------------------

# --- Notices to members (portal.notifications) ---------------------------------------------

# Channels notices are sent on besides the website; a WhatsApp or SMS channel is one more class.
NOTIFICATION_CHANNELS = ["portal.notifications.channels.EmailChannel"]
# The frontend page where members choose which notices they receive (linked from every e-mail).
NOTIFICATION_SETTINGS_PATH = "/akun/pemberitahuan"
NOTIFICATIONS = {
    # Seconds after which a delivery left "being sent" by a dead worker is sent again.
    "CLAIM_TIMEOUT": env_int("NOTIFICATION_CLAIM_TIMEOUT", 300, minimum=10),
    # Failed sends are retried this many times in all, 60 s × 2^(n−1) apart.
    "MAX_ATTEMPTS": env_int("NOTIFICATION_MAX_ATTEMPTS", 5, minimum=1),
    "RETRY_DELAY": 60,
    # Notices older than this are deleted (UU PDP: kept no longer than needed).
    "KEEP_DAYS": env_int("NOTIFICATION_KEEP_DAYS", 365, minimum=1),
}

# --- Usage analytics (portal.analytics) -----------------------------------------------------

ANALYTICS = {
    # Off: nothing is counted (the beacon answers 204).
    "ENABLED": env_bool("ANALYTICS_ENABLED", True),
    # Raw events are deleted after this many days; the daily counts stay.
    "KEEP_DAYS": env_int("ANALYTICS_KEEP_DAYS", 30, minimum=2),
    # A process hands its buffered events to the worker when it holds this many, or this many
    # seconds after the first one (tests write each event at once).
    "FLUSH_SIZE": env_int("ANALYTICS_FLUSH_SIZE", 1 if TEST_MODE else 200, minimum=1),
    "FLUSH_SECONDS": env_int("ANALYTICS_FLUSH_SECONDS", 2, minimum=1),
    # Reports show counts below this as "< 5": a small count could single someone out.
    "MIN_COUNT": env_int("ANALYTICS_MIN_COUNT", 5, minimum=1),
    # Seconds a process keeps the list of live page paths the beacon accepts.
    "PATHS_TTL": env_int("ANALYTICS_PATHS_TTL", 300, minimum=0),
    # The catalog title route of the frontend (its `title` group is the Book's number) and the
    # frontend's own routes that are not Wagtail pages.
    "TITLE_PATH": r"/(?:en/)?katalog/(?P<title>\d{1,10})(?:/[\w-]*)?/?",
    "FRONTEND_PATHS": [
        r"/(?:en/?)?",
        r"/(?:en/)?(?:katalog|cari|program|kalender|akun|ulasan|diskusi|daftar-bacaan)/?",
    ],
    # Behind a proxy that sets X-Forwarded-For, the visitor's address for the daily hash.
    "TRUST_X_FORWARDED_FOR": env_bool("ANALYTICS_TRUST_X_FORWARDED_FOR", False),
}

CIRCULATION = {
    # A loan's "due soon" notice goes out this many days before its due date.
    "DUE_SOON_DAYS": env_int("CIRCULATION_DUE_SOON_DAYS", 3, minimum=1),
}

ELIBRARY = {
    # Signed download URLs live this long (seconds): a reader app fetches right away.
    "URL_TTL": env_int("ELIBRARY_URL_TTL", 300, minimum=10),
    # Uploads larger than this are refused (bytes).
    "MAX_FILE_BYTES": env_int("ELIBRARY_MAX_FILE_BYTES", 300 * 1024 * 1024, minimum=1024),
    # A licensed copy freed for the next in line waits this long for them to borrow it.
    "HOLD_READY_HOURS": env_int("ELIBRARY_HOLD_READY_HOURS", 48, minimum=1),
    # Publications per OPDS page (the most a client may ask for is 100).
    "OPDS_PAGE_SIZE": env_int("ELIBRARY_OPDS_PAGE_SIZE", 50, minimum=1),
}

COMMUNITY = {
    # Flags from different members after which content hides itself until a moderator looks.
    "FLAGS_TO_HIDE": env_int("COMMUNITY_FLAGS_TO_HIDE", 3, minimum=1),
    # A new member's first N posts wait for a moderator (0 switches holding off).
    "HOLD_FIRST_POSTS": env_int("COMMUNITY_HOLD_FIRST_POSTS", 0, minimum=0),
    # Rate limits: (count, seconds) per member and per client address.
    "POST_RATE": (env_int("COMMUNITY_POST_RATE", 10, minimum=1), 600),
    "FLAG_RATE": (env_int("COMMUNITY_FLAG_RATE", 20, minimum=1), 3600),
    # Password re-entries (deleting the account): few, so it cannot be used to guess passwords.
    "REAUTH_RATE": (env_int("COMMUNITY_REAUTH_RATE", 5, minimum=1), 900),
    # Requests for a guardian's consent: each sends an e-mail to an address the minor gives.
    "CONSENT_RATE": (env_int("COMMUNITY_CONSENT_RATE", 3, minimum=1), 3600),
    # Registrations for programs (each public one e-mails a confirmation link).
    "REGISTER_RATE": (env_int("COMMUNITY_REGISTER_RATE", 10, minimum=1), 3600),
    # Questions to a librarian (ask a librarian: chats and tickets; guests need no account).
    "QUESTION_RATE": (env_int("COMMUNITY_QUESTION_RATE", 5, minimum=1), 3600),
    # Messages in those conversations (both sides), and typing indications.
    "CHAT_MESSAGE_RATE": (env_int("COMMUNITY_CHAT_MESSAGE_RATE", 60, minimum=1), 600),
    # Seconds the link e-mailed to a guardian stays valid (a week by default).
    "GUARDIAN_CONSENT_MAX_AGE": env_int(
        "COMMUNITY_GUARDIAN_CONSENT_MAX_AGE", 7 * 24 * 3600, minimum=3600
    ),
    # The frontend page a guardian opens from that e-mail; it posts {token} to
    # confirmGuardianConsent.
    "GUARDIAN_CONSENT_URL": f"{FRONTEND_URL}/akun/persetujuan-wali/{{token}}",
    # Age under which a guardian's consent is needed before posts are public (UU PDP).
    "ADULT_AGE": 18,
}

# --- Ask a librarian (community.reference) --------------------------------------------------

# Conversations (chats and tickets) and their messages are deleted this many days after their
# last activity, by a periodic task (UU PDP).
REFERENCE_RETENTION_DAYS = env_int("REFERENCE_RETENTION_DAYS", 180, minimum=1)
REFERENCE = {
    # A librarian on duty who has not been seen (console open, any action) for this many
    # seconds no longer counts as on duty: questions become tickets.
    "PRESENCE_TIMEOUT": env_int("REFERENCE_PRESENCE_TIMEOUT", 900, minimum=60),
    # Conversations not closed one member, or one guest e-mail address, may have at once.
    "MAX_OPEN_PER_ASKER": env_int("REFERENCE_MAX_OPEN_PER_ASKER", 3, minimum=1),
    # Characters of a question / a message.
    "MAX_QUESTION_LENGTH": 4000,
    "MAX_MESSAGE_LENGTH": 4000,
    # Catalog records and pages one message may link to.
    "MAX_LINKS": 5,
}

# --- Social cross-posting (social_sync) ----------------------------------------------------

# Fernet keys (comma-separated, newest first) that encrypt the channels' tokens in the database.
# Outside production a key derived from SECRET_KEY is used when this is empty; production
# refuses to store a token without it.
SOCIAL_SECRETS_KEY = env.get("SOCIAL_SECRETS_KEY", "").strip()
# Render and record deliveries without calling any network (the default outside production).
SOCIAL_DRY_RUN = env_bool("SOCIAL_DRY_RUN", not PRODUCTION)
# Where the SDKs send their calls: staging can point these at a sandbox or a fake.
FACEBOOK_GRAPH_URL = env.get("FACEBOOK_GRAPH_URL", "https://graph.facebook.com/").rstrip("/") + "/"
FACEBOOK_GRAPH_VERSION = env.get("FACEBOOK_GRAPH_VERSION", "v21.0")
X_API_BASE_URL = env.get("X_API_BASE_URL", "https://api.x.com/2").rstrip("/")
X_UPLOAD_BASE_URL = env.get("X_UPLOAD_BASE_URL", "https://upload.x.com/1.1").rstrip("/")
# Base of the absolute image URLs Instagram fetches (the media files must be public there).
SOCIAL_MEDIA_BASE_URL = env.get(
    "SOCIAL_MEDIA_BASE_URL", env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
).rstrip("/")
SOCIAL = {
    # Failed attempts (transient errors) before a delivery is FAILED for good.
    "MAX_ATTEMPTS": env_int("SOCIAL_MAX_ATTEMPTS", 6, minimum=1),
    # Backoff: BASE * 2**(attempt-1) seconds, at most MAX, with jitter.
    "BACKOFF_BASE": env_int("SOCIAL_BACKOFF_BASE", 30, minimum=1),
    "BACKOFF_MAX": env_int("SOCIAL_BACKOFF_MAX", 3600, minimum=1),
    # Seconds one network call may take.
    "HTTP_TIMEOUT": env_int("SOCIAL_HTTP_TIMEOUT", 20, minimum=1),
    # A delivery claimed longer than this was abandoned by a crashed worker: reconcile it.
    "CLAIM_TIMEOUT": env_int("SOCIAL_CLAIM_TIMEOUT", 180, minimum=1),
    # Instagram: seconds between container status checks, and how many checks at most.
    "IG_POLL_INTERVAL": env_int("SOCIAL_IG_POLL_INTERVAL", 20, minimum=1),
    "IG_MAX_POLLS": env_int("SOCIAL_IG_MAX_POLLS", 30, minimum=1),
    # Seconds between two searches of the account's posts before an unfound post is re-sent.
    "RECONCILE_DELAY": env_int("SOCIAL_RECONCILE_DELAY", 60, minimum=0),
    # Rate limits: the shortest wait (also when the network's reset time has passed), and the
    # seconds between the restarts of a channel's waiting deliveries once the limit ends.
    "RATE_LIMIT_MIN_WAIT": env_int("SOCIAL_RATE_LIMIT_MIN_WAIT", 15, minimum=0),
    "RATE_LIMIT_SPREAD": env_int("SOCIAL_RATE_LIMIT_SPREAD", 1, minimum=0),
}

# --- Languages and time ---------------------------------------------------------------------

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jayapura"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True

# --- Files ----------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = env.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# E-book files are private (served only through signed URLs, never under MEDIA_URL): on the
# local disk by default, or in an S3-compatible bucket shared by several web servers.
ELIBRARY_S3_BUCKET = env.get("ELIBRARY_S3_BUCKET", "")
if ELIBRARY_S3_BUCKET:
    STORAGES["elibrary"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ELIBRARY_S3_BUCKET,
            "endpoint_url": env.get("ELIBRARY_S3_ENDPOINT_URL") or None,
            "region_name": env.get("ELIBRARY_S3_REGION") or None,
            "access_key": env.get("ELIBRARY_S3_ACCESS_KEY_ID") or None,
            "secret_key": env.get("ELIBRARY_S3_SECRET_ACCESS_KEY") or None,
            "location": env.get("ELIBRARY_S3_PREFIX", "elibrary"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["elibrary"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(Path(env.get("ELIBRARY_ROOT", VAR_DIR / "elibrary")))},
    }
# Outside production the admin's static files come straight from the apps: no collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEV_MODE

# --- Wagtail --------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = env.get("SITE_NAME", "Perpustakaan Kota Ternate")
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Editors must write alt text: the image form makes the description (Wagtail's alt text) required.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.RequiredAltTextImageForm"
# Seconds a draft preview link (`?preview=<token>` on the frontend) stays valid.
PREVIEW_TOKEN_MAX_AGE = env_int("PREVIEW_TOKEN_MAX_AGE", 60 * 60, minimum=60)

# --- GraphQL API ----------------------------------------------------------------------------

GRAPHENE = {
    "SCHEMA": "portal.api.schema.schema",
    "SCHEMA_OUTPUT": str(BASE_DIR / "graphql" / "schema.graphql"),
    "RELAY_CONNECTION_MAX_LIMIT": 100,
    "ATOMIC_MUTATIONS": True,
}

# Each limit protects the server from one kind of abuse; graphql/README.md explains them.
GRAPHQL_LIMITS = {
    # Bytes of one request body (a batch counts as a whole).
    "MAX_BODY_BYTES": env_int("GRAPHQL_MAX_BODY_BYTES", 256 * 1024, minimum=1024),
    # Bytes and lexical tokens of one GraphQL document.
    "MAX_DOCUMENT_BYTES": env_int("GRAPHQL_MAX_DOCUMENT_BYTES", 32 * 1024, minimum=256),
    "MAX_TOKENS": env_int("GRAPHQL_MAX_TOKENS", 3000, minimum=50),
    # Fields selected in one document (validation time grows with their square).
    "MAX_SELECTIONS": env_int("GRAPHQL_MAX_SELECTIONS", 250, minimum=10),
    # Nesting depth of selections, introspection excluded.
    "MAX_DEPTH": env_int("GRAPHQL_MAX_DEPTH", 12, minimum=2),
    # Aliased fields in one operation.
    "MAX_ALIASES": env_int("GRAPHQL_MAX_ALIASES", 30, minimum=0),
    # Estimated cost of one operation (see portal/api/limits.py for the model).
    "MAX_COST": env_int("GRAPHQL_MAX_COST", 5000, minimum=10),
    # Operations in one batched request.
    "MAX_BATCH": env_int("GRAPHQL_MAX_BATCH", 10, minimum=1),
    # The largest `first` of any list.
    "MAX_PAGE_SIZE": env_int("GRAPHQL_MAX_PAGE_SIZE", 100, minimum=1),
    "DEFAULT_PAGE_SIZE": env_int("GRAPHQL_DEFAULT_PAGE_SIZE", 20, minimum=1),
}
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)
GRAPHQL_GRAPHIQL = env_bool("GRAPHQL_GRAPHIQL", DEV_MODE)
# Internal error messages are shown to the caller only where a developer is reading them.
GRAPHQL_SHOW_INTERNAL_ERRORS = env_bool("GRAPHQL_SHOW_INTERNAL_ERRORS", DEV_MODE)
# Seconds a shared cache (CDN) may keep an anonymous GET response.
# Text responses (the API's JSON, feeds) at least this long are sent Brotli- or gzip-compressed.
COMPRESS_MIN_BYTES = env_int("COMPRESS_MIN_BYTES", 512, minimum=0)
# Only the frontend contract's operations (portal/api/documents.py), except for staff.
GRAPHQL_TRUSTED_DOCUMENTS_ONLY = env_bool("GRAPHQL_TRUSTED_DOCUMENTS_ONLY", PRODUCTION)
# Anonymous GET responses kept in the cache until what they show changes (0: off).
# Off in tests, whose rolled-back transactions never commit what would change a version; the
# cache's own tests turn it on.
GRAPHQL_RESPONSE_CACHE_SECONDS = env_int("GRAPHQL_RESPONSE_CACHE_SECONDS", 0 if TEST_MODE else 3600)
# Change it to drop every stored answer at once (a deploy whose resolvers changed what they
# answer without changing the schema).
GRAPHQL_RESPONSE_CACHE_GENERATION = env.get("GRAPHQL_RESPONSE_CACHE_GENERATION", "")
GRAPHQL_PUBLIC_MAX_AGE = env_int("GRAPHQL_PUBLIC_MAX_AGE", 60)

# --- Mail -----------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "Perpustakaan Kota Ternate <noreply@localhost>")
if env.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Logging --------------------------------------------------------------------------------

LOG_LEVEL = env.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"redact_tokens": {"()": "social_sync.redaction.RedactTokens"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"level": "INFO" if LOG_LEVEL == "DEBUG" else LOG_LEVEL},
        # run_huey adds its own handler to "huey"; not propagating avoids every line twice.
        "huey": {"level": LOG_LEVEL, "propagate": False},
        "pustaka": {"level": LOG_LEVEL},
        "django_tasks": {"level": "WARNING"},
    },
}
