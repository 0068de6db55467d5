"""Every new account gets a member profile in the language it signed up in."""

from allauth.account.signals import user_signed_up
from django.dispatch import receiver
from django.utils import translation

from community.accounts import supported_language
from community.models import MemberProfile


@receiver(user_signed_up, dispatch_uid="community.create_member_profile")
def create_member_profile(sender, request, user, **kwargs):
    language = supported_language(
        getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    )
    MemberProfile.objects.get_or_create(user=user, defaults={"preferred_language": language})
