"""Social login providers come from the environment, and only when their credentials are set."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.management import call_command
call_command("check", "--fail-level", "ERROR")
print(json.dumps({
    "apps": [a for a in settings.INSTALLED_APPS if "providers" in a],
    "providers": sorted(settings.SOCIALACCOUNT_PROVIDERS),
}))
"""


def settings_with(**variables) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GOOGLE_", "FACEBOOK_LOGIN_"))
    }
    env.update(PUSTAKA_ENV="test", DJANGO_SETTINGS_MODULE="portal.settings", **variables)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_no_provider_without_credentials():
    assert settings_with() == {"apps": [], "providers": []}


def test_google_and_facebook_when_configured():
    configured = settings_with(
        GOOGLE_CLIENT_ID="id.apps.googleusercontent.com",
        GOOGLE_CLIENT_SECRET="rahasia",
        FACEBOOK_LOGIN_APP_ID="123",
        FACEBOOK_LOGIN_APP_SECRET="rahasia",
    )
    assert configured == {
        "apps": [
            "allauth.socialaccount.providers.google",
            "allauth.socialaccount.providers.facebook",
        ],
        "providers": ["facebook", "google"],
    }


def test_half_configured_provider_is_not_offered():
    assert settings_with(GOOGLE_CLIENT_ID="only-the-id")["providers"] == []
