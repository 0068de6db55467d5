"""Analytics tests run the after-commit callbacks, so events reach the tables as in production."""

import json

import pytest
from django.test import Client

DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Use as ``with committed():`` around what records events: runs the on-commit callbacks."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def send_beacon():
    def send(path, user_agent=DESKTOP, address="203.0.113.7", client=None, **extra):
        return (client or Client()).post(
            "/api/analytics/beacon",
            json.dumps({"path": path, **extra}),
            content_type="text/plain;charset=UTF-8",
            HTTP_USER_AGENT=user_agent,
            REMOTE_ADDR=address,
        )

    return send
