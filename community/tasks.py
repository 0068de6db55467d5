"""Background work of the community: e-mails to topic followers and to moderators (huey)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment
from graphql_relay import to_global_id
from huey.contrib.djhuey import on_commit_task

from community.models import Flag, MemberProfile, Topic, TopicFollow
from community.services import MODERATORS_GROUP


def topic_url(topic_id: int) -> str:
    """The topic's page on the library's website, by the global id frontends query with."""
    return f"{settings.FRONTEND_URL}/diskusi/{to_global_id('Topic', topic_id)}"


def _language_of(user) -> str:
    profile = getattr(user, "member_profile", None)
    return getattr(profile, "preferred_language", None) or settings.LANGUAGE_CODE


@on_commit_task(retries=3, retry_delay=60)
def notify_followers(comment_id: int) -> int:
    """E-mail each follower of the topic (not the comment's author) in their own language."""
    comment = XtdComment.norel_objects.filter(pk=comment_id).first()
    if comment is None or not (comment.is_public and not comment.is_removed):
        return 0
    topic = Topic.objects.filter(pk=comment.object_pk).first()
    if topic is None or topic.status != "published":
        return 0
    follows = (
        TopicFollow.objects.filter(topic=topic)
        .exclude(user_id=comment.user_id)
        .exclude(user__email="")
        .select_related("user", "user__member_profile")
    )
    sent = 0
    for follow in follows:
        with translation.override(_language_of(follow.user)):
            send_mail(
                _("New reply in “%(title)s”") % {"title": topic.title[:80]},
                _("%(author)s replied in “%(title)s”:\n\n%(text)s\n\nRead the discussion: %(url)s")
                % {
                    "author": comment.user_name or _("A member"),
                    "title": topic.title,
                    "text": comment.comment,
                    "url": topic_url(topic.pk),
                },
                None,
                [follow.user.email],
            )
        sent += 1
    return sent


def moderators():
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(is_staff=True)
        .union(User.objects.filter(is_active=True, groups__name=MODERATORS_GROUP))
    )


@on_commit_task(retries=3, retry_delay=60)
def notify_moderators(flag_id: int) -> int:
    """E-mail the moderators about a new flag, each in their own language."""
    flag = Flag.objects.filter(pk=flag_id).select_related("content_type").first()
    if flag is None:
        return 0
    sent = 0
    for moderator in moderators():
        if not moderator.email:
            continue
        with translation.override(_language_of(moderator)):
            send_mail(
                _("New flag: %(reason)s") % {"reason": flag.get_reason_display()},
                _(
                    "A member flagged a %(kind)s (%(reason)s). "
                    "Review it in the moderation queue: %(url)s"
                )
                % {
                    "kind": flag.content_type.name,
                    "reason": flag.get_reason_display(),
                    "url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/moderasi/",
                },
                None,
                [moderator.email],
            )
        sent += 1
    return sent


@on_commit_task(retries=3, retry_delay=60)
def send_guardian_consent_request(user_id: int) -> int:
    """E-mail a minor's guardian the link to consent, in the member's language.

    The link is made from the request stored on the profile: a request made since then (which
    voids this link) sends its own e-mail.
    """
    from community.guardians import consent_url

    profile = (
        MemberProfile.objects.filter(user_id=user_id, guardian_consent_at__isnull=True)
        .exclude(guardian_email="")
        .exclude(guardian_consent_requested_at__isnull=True)
        .first()
    )
    if profile is None:
        return 0
    max_age_days = settings.COMMUNITY["GUARDIAN_CONSENT_MAX_AGE"] // 86400
    with translation.override(profile.preferred_language or settings.LANGUAGE_CODE):
        send_mail(
            _("Your consent for %(member)s at the city library") % {"member": _member(profile)},
            _(
                "Dear %(guardian)s,\n\n"
                "%(member)s, who is under 18, joined the online community of %(library)s and "
                "gave your address as their parent or guardian. Until a parent or guardian "
                "consents, their reviews and posts are not shown to others.\n\n"
                "To consent, open this link (valid for %(days)d days):\n%(url)s\n\n"
                "If you do not know this member, ignore this e-mail: nothing is published "
                "without your consent."
            )
            % {
                "guardian": profile.guardian_name,
                "member": _member(profile),
                "library": settings.WAGTAIL_SITE_NAME,
                "days": max(max_age_days, 1),
                "url": consent_url(profile),
            },
            None,
            [profile.guardian_email],
        )
    return 1


def _member(profile) -> str:
    return profile.display_name or _("A member")
