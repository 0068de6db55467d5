"""Admin views of the moderation queue; only moderators (staff or group "Moderators") get in."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.discussions import author_id_of
from community.models import ContentStatus, MemberProfile, ModerationAction, ModerationActionKind
from community.moderation import find_target, moderate, moderation_queue, text_of
from portal.refusals import Refused


def moderators_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        from community.services import is_moderator

        if not is_moderator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _author_names(user_ids) -> dict:
    return dict(
        MemberProfile.objects.filter(user_id__in=set(user_ids) - {None}).values_list(
            "user_id", "display_name"
        )
    )


@moderators_only
def queue(request):
    items = moderation_queue()
    names = _author_names(author_id_of(item) for item in items)
    rows = []
    for item in items:
        author_id = author_id_of(item)
        author = item.user if hasattr(item, "submit_date") else item.author
        rows.append(
            {
                "kind": item._meta.verbose_name,
                "content_type_id": item.queue_content_type_id,
                "pk": item.pk,
                "text": text_of(item)[:300],
                "author": names.get(author_id) or (author.get_username() if author else "—"),
                "status": ContentStatus(item.queue_status).label,
                "is_held": item.queue_status == ContentStatus.HELD,
                "flags": [
                    {"reason": flag.get_reason_display(), "note": flag.note}
                    for flag in item.queue_flags
                ],
                "date": item.queue_date,
            }
        )
    return TemplateResponse(
        request,
        "community/moderation_queue.html",
        {"rows": rows, "actions": ModerationActionKind.choices},
    )


@require_POST
@moderators_only
def decide(request, content_type_id, object_id):
    target = find_target(content_type_id, object_id)
    action = request.POST.get("action", "")
    if target is None or action not in ModerationActionKind.values:
        messages.error(request, _("That post no longer exists or the action is unknown."))
        return redirect("community_moderation_queue")
    try:
        moderate(request.user, target, action, request.POST.get("note", ""))
    except Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request, _("Done: %(action)s.") % {"action": ModerationActionKind(action).label}
        )
    return redirect("community_moderation_queue")


@moderators_only
def audit_log(request):
    actions = ModerationAction.objects.select_related("moderator", "target_author")[:200]
    return TemplateResponse(request, "community/moderation_log.html", {"actions": actions})
