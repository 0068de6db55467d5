"""Encryption of the channels' tokens at rest, and redaction of tokens from anything logged."""

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from social_sync.redaction import redact  # noqa: F401 - re-exported

PREFIX = "fernet:"


@lru_cache(maxsize=4)
def _fernet(configured: str, secret_key: str, production: bool) -> MultiFernet:
    keys = [key.strip() for key in configured.split(",") if key.strip()]
    if not keys:
        if production:
            raise ImproperlyConfigured(
                "SOCIAL_SECRETS_KEY is not set: production refuses to store or read social "
                "media tokens without it. Generate one with "
                "`python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'`."
            )
        digest = hashlib.sha256(f"pustaka-social-secrets:{secret_key}".encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "SOCIAL_SECRETS_KEY must be Fernet keys (32 url-safe base64 bytes), comma-separated."
        ) from error


def fernet() -> MultiFernet:
    """The key ring, newest key first; older keys still decrypt (rotation)."""
    return _fernet(settings.SOCIAL_SECRETS_KEY, settings.SECRET_KEY, settings.PRODUCTION)


def encrypt(plain: str) -> str:
    return PREFIX + fernet().encrypt(plain.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise ValueError("not an encrypted value")
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ValueError(
            "A stored token cannot be decrypted: SOCIAL_SECRETS_KEY changed without keeping "
            "the old key in the list."
        ) from error


class EncryptedTextField(models.TextField):
    """A secret kept encrypted in the database and plain in Python; empty stays empty."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return ""
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        return encrypt(value)


def mask(secret: str) -> str:
    """What an editor is shown of a stored secret: its last four characters at most."""
    if not secret:
        return ""
    if len(secret) <= 8:
        return "••••"
    return "••••" + secret[-4:]
