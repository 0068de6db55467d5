"""Settings come from the environment; production refuses to start on unsafe defaults."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRINT_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], "
    "'huey': s.HUEY['huey_class'], 'cache': s.CACHES['default']['BACKEND'], "
    "'cors': s.CORS_ALLOWED_ORIGINS, 'debug': s.DEBUG, 'tz': s.TIME_ZONE, "
    "'lang': s.LANGUAGE_CODE, 'i18n': s.WAGTAIL_I18N_ENABLED, 'max_depth': "
    "s.GRAPHQL_LIMITS['MAX_DEPTH'], 'introspection': s.GRAPHQL_INTROSPECTION}))"
)


def run_with(env: dict) -> subprocess.CompletedProcess:
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "PUSTAKA_ENV"}
    }
    base["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    base["PUSTAKA_VAR_DIR"] = str(settings.VAR_DIR)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env={**base, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def test_production_is_the_default_and_refuses_the_default_secret_key():
    result = run_with({"ALLOWED_HOSTS": "perpustakaan.example"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_empty_allowed_hosts():
    result = run_with({"SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_a_secret_and_hosts():
    result = run_with({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "perpustakaan.example"})
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["huey"] == "huey.SqliteHuey"


def test_unknown_mode_is_refused():
    result = run_with({"PUSTAKA_ENV": "staging"})
    assert result.returncode != 0
    assert "PUSTAKA_ENV" in result.stderr


def test_database_and_redis_urls_switch_the_engines():
    result = run_with(
        {
            "PUSTAKA_ENV": "development",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/pustaka",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "CORS_ALLOWED_ORIGINS": "https://perpustakaan.example,https://app.example",
            "GRAPHQL_MAX_DEPTH": "7",
            "GRAPHQL_INTROSPECTION": "false",
        }
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["db"] == "django.db.backends.postgresql"
    assert values["huey"] == "huey.RedisHuey"
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cors"] == ["https://perpustakaan.example", "https://app.example"]
    assert values["max_depth"] == 7
    assert values["introspection"] is False


def test_a_malformed_number_is_a_clear_error():
    result = run_with({"PUSTAKA_ENV": "development", "GRAPHQL_MAX_DEPTH": "deep"})
    assert result.returncode != 0
    assert "GRAPHQL_MAX_DEPTH must be an integer" in result.stderr


def test_language_and_time_zone():
    assert settings.TIME_ZONE == "Asia/Jayapura"
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _name in settings.LANGUAGES] == ["id", "en"]
    assert settings.WAGTAIL_I18N_ENABLED is True


def test_development_trusts_the_frontend_url_for_cors_and_csrf_by_default():
    printed = PRINT_SETTINGS.replace("'cors':", "'csrf': s.CSRF_TRUSTED_ORIGINS, 'cors':")
    for env, origin in (
        ({}, "http://localhost:3000"),
        ({"FRONTEND_URL": "https://web.example:8443/beranda/"}, "https://web.example:8443"),
    ):
        result = subprocess.run(
            [sys.executable, "-c", printed],
            env={**os.environ, "PUSTAKA_ENV": "development", **env},
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        values = json.loads(result.stdout)
        assert values["cors"] == [origin]
        assert values["csrf"] == [origin]


def test_production_trusts_no_origin_it_was_not_given():
    result = run_with({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "perpustakaan.example"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["cors"] == []
