"""Every account gets its profile and shelves when it is created; sign-up sets its language."""

from allauth.account.signals import user_signed_up
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import translation

from community.accounts import supported_language
from community.models import MemberProfile
from community.services import open_account


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="community.open_account")
def open_member_account(sender, instance, created, raw=False, **kwargs):
    # Whoever creates the account (allauth's sign-up, social login, the admin, a script): reads
    # then find the profile and shelves there and never need to create them.
    if created and not raw:
        open_account(instance)


@receiver(user_signed_up, dispatch_uid="community.create_member_profile")
def create_member_profile(sender, request, user, **kwargs):
    language = supported_language(
        getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    )
    MemberProfile.objects.filter(user=user).update(preferred_language=language)
    if hasattr(user, "member_profile"):
        user.member_profile.preferred_language = language
