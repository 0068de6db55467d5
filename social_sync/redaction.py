"""Taking tokens out of text before it is logged or stored: plain Python, safe to import early."""

import logging
import re

_TOKEN_PATTERNS = [
    # Query strings and form bodies: access_token=..., oauth_token=..., and friends.
    re.compile(
        r"(?i)((?:access_token|oauth_token|oauth_signature|input_token|client_secret|"
        r"appsecret_proof|token)=)[^&\s'\"]+"
    ),
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(r'(?i)("(?:access_token|token|secret)"\s*:\s*")[^"]+'),
]


def redact(text, secrets=()) -> str:
    """``text`` with tokens taken out: known secrets and anything that looks like one in a URL."""
    text = str(text)
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "[redacted]")
    for pattern in _TOKEN_PATTERNS:
        text = pattern.sub(r"\1[redacted]", text)
    return text


class RedactTokens(logging.Filter):
    """A logging filter: no record leaves with a token in it (requests and urllib3 log URLs,
    and facebook-sdk puts the access token in the query string)."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
