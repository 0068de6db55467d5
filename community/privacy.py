"""UU PDP: what a member may download about themself, and deleting their account for good.

Every model holding member data takes part through two class methods, ``export_member_data``
and ``delete_member_data`` (see ``community.models.members``); this module collects them, so a
new model is exported and erased as soon as it implements them. A model may also say why an
account cannot be deleted yet with a third, ``check_member_deletion(user)``, which raises
``Refused`` (circulation's loans: copies still on loan come back first).
"""

from __future__ import annotations

import json

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.refusals import Refused
from portal.text import invalid_text_reason


def member_data_models():
    """Every model that takes part in the export/deletion protocol, in a stable order."""
    return sorted(
        (
            model
            for model in apps.get_models()
            if callable(getattr(model, "export_member_data", None))
            and callable(getattr(model, "delete_member_data", None))
        ),
        key=lambda model: model._meta.label_lower,
    )


def export_member_data(user) -> dict:
    """Everything Pustaka stores about the member, as JSON-ready data."""
    sessions = [
        {
            "ip": session.ip,
            "user_agent": session.user_agent,
            "created_at": session.created_at,
            "last_seen_at": session.last_seen_at,
        }
        for session in UserSession.objects.filter(user=user).order_by("created_at")
    ]
    data = {
        "exported_at": timezone.now(),
        "account": {
            "id": user.pk,
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "sessions": sessions,
        "data": {
            model._meta.label_lower: model.export_member_data(user)
            for model in member_data_models()
        },
    }
    # Round trip through JSON: dates become ISO strings, nothing unserialisable escapes.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


@transaction.atomic
def delete_account(user, *, anonymise: bool) -> None:
    """Remove the member and their data; public posts stay without author when ``anonymise``.

    The moderation log keeps what moderators decided about the member's posts (action,
    moderator, reason, date) but not what the member wrote (``ModerationAction``).
    """
    models = member_data_models()
    for model in models:
        check = getattr(model, "check_member_deletion", None)
        if callable(check):
            check(user)
    for model in models:
        model.delete_member_data(user, anonymise)
    for session in UserSession.objects.filter(user=user):
        session.end()
    user.delete()


def delete_own_account(user, *, password: str, anonymise: bool) -> None:
    """A member deletes their own account, confirming it with their password.

    Librarians' (staff) accounts own pages and revisions in Wagtail: an administrator removes
    them, so the library is never locked out of its own admin.
    """
    if user.is_staff or user.is_superuser:
        raise Refused(
            "STAFF_ACCOUNT", _("A librarian's account is removed by an administrator in the admin.")
        )
    if not user.has_usable_password():
        raise Refused(
            "NO_PASSWORD",
            _("Set a password first (forgotten password), then delete the account."),
            "password",
        )
    # Text no password can hold (NUL, lone surrogates) is simply not the password.
    if invalid_text_reason(password or "") or not user.check_password(password):
        raise Refused("WRONG_PASSWORD", _("The password is not correct."), "password")
    delete_account(user, anonymise=anonymise)
