"""The words social_sync and its network adapters share: which networks, which kinds of failure.

They live apart from the models so the adapters (which the models' validation asks) never
import the models: the dependency points one way.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Network(models.TextChoices):
    FACEBOOK_PAGE = "FACEBOOK_PAGE", _("Facebook Page")
    INSTAGRAM = "INSTAGRAM", _("Instagram")
    X = "X", _("X (Twitter)")


class ErrorKind(models.TextChoices):
    TRANSIENT = "TRANSIENT", _("temporary problem")
    RATE_LIMIT = "RATE_LIMIT", _("rate limited")
    REAUTH = "REAUTH", _("login expired")
    PERMANENT = "PERMANENT", _("rejected")
    DUPLICATE = "DUPLICATE", _("duplicate")
    AMBIGUOUS = "AMBIGUOUS", _("outcome unknown")
