"""The reference librarians' console in the Wagtail admin: presence, the queue of chats, one
conversation (reply with canned answers, attach books and pages, transfer, close), the ticket
inbox and statistics. Pages refresh themselves (a small script re-reads the messages; the
lists reload): no JavaScript framework. Every action calls the same services as the API."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.services import faq_from_answer
from community.reference import messages, services, stats
from community.reference.models import (
    CannedAnswer,
    Conversation,
    Kind,
    LibrarianPresence,
    LinkKind,
    Status,
)
from portal.refusals import Refused

# What a conversation's topic becomes as an FAQ entry's (cms.faq's own topics).
FAQ_TOPICS = {
    "GENERAL": "other",
    "FIND_BOOK": "research",
    "ACCOUNT": "membership",
    "RESEARCH": "research",
    "LOCAL_HISTORY": "research",
    "ELIBRARY": "ebooks",
    "PROGRAMS": "services",
}

MAX_ROWS = 200
TICKET_FILTERS = {
    "open": (Status.OPEN,),
    "answered": (Status.ANSWERED,),
    "closed": (Status.CLOSED,),
}


def _librarian(request):
    if not services.is_librarian(request.user):
        raise PermissionDenied


def _presence(user) -> dict:
    presence = LibrarianPresence.objects.filter(user=user).first()
    return {
        "on_duty": bool(presence and presence.on_duty),
        "counts": services.is_on_duty(user),
        "open_hours": services.within_opening_hours(),
    }


def console(request):
    """Presence, waiting chats (claim) and the chats in progress."""
    _librarian(request)
    services.touch_presence(request.user)
    rows = list(services.queue().select_related("librarian")[:MAX_ROWS])
    for row in rows:
        row.position = services.queue_position(row)
    return TemplateResponse(
        request,
        "reference/console.html",
        {
            "waiting": [row for row in rows if row.status == Status.WAITING],
            "active": [row for row in rows if row.status == Status.ACTIVE],
            "presence": _presence(request.user),
            "on_duty_count": services.librarians_on_duty(),
            "open_tickets": services.tickets().count(),
        },
    )


@require_POST
def presence(request):
    _librarian(request)
    services.set_presence(request.user, request.POST.get("on_duty") == "1")
    return redirect("reference_console")


def tickets(request):
    """The inbox of questions by e-mail, by status."""
    _librarian(request)
    chosen = request.GET.get("status", "open")
    statuses = TICKET_FILTERS.get(chosen, TICKET_FILTERS["open"])
    rows = services.tickets(statuses).select_related("librarian")
    if chosen == "closed":
        rows = rows.order_by("-closed_at", "-pk")
    return TemplateResponse(
        request,
        "reference/tickets.html",
        {"rows": rows[:MAX_ROWS], "chosen": chosen, "filters": list(TICKET_FILTERS)},
    )


def _links(text: str) -> list[tuple[str, int]]:
    """``book:12, page:5`` (or just numbers: books) → references; Refused on anything else."""
    links = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip().lower()
        if not part:
            continue
        kind, _sep, number = part.rpartition(":")
        kind = {"": LinkKind.BOOK, "book": LinkKind.BOOK, "buku": LinkKind.BOOK}.get(
            kind, LinkKind.PAGE if kind in ("page", "halaman") else None
        )
        if kind is None or not number.isascii() or not number.isdigit() or len(number) > 18:
            raise Refused("INVALID_LINK", _("Write links as book:12 or page:5."), "links")
        links.append((kind.value, int(number)))
    return links


def _draft_faq(request, conversation: Conversation):
    """Turn an answered question into a DRAFT entry of the knowledge base (cms.faq), opened in
    its editor for the librarian to anonymise and publish: the question as asked and the
    librarians' answers; nothing about the asker is copied."""
    answers = [
        row.body
        for row in conversation.messages.filter(role="LIBRARIAN").order_by("seq")
        if row.body.strip()
    ]
    if not answers:
        raise Refused("NOT_ANSWERED", _("Only an answered question can become an FAQ entry."))
    entry = faq_from_answer(
        conversation.question,
        "\n\n".join(answers),
        language=conversation.language,
        topic=FAQ_TOPICS.get(conversation.topic, "other"),
        source_id=conversation.pk,
        by=request.user,
    )
    flash.success(
        request,
        _("A draft FAQ entry was made. Remove anything personal, then publish it."),
    )
    return redirect("wagtailsnippets_faq_faqentry:edit", entry.pk)


def _act(request, conversation: Conversation):
    action = request.POST.get("action")
    user = request.user
    if action == "claim":
        services.claim(user, conversation.pk)
    elif action == "send":
        body = request.POST.get("body", "")
        links = _links(request.POST.get("links", ""))
        if conversation.kind == Kind.TICKET:
            messages.reply_to_ticket(
                user, conversation.pk, body, links, close=request.POST.get("close") == "1"
            )
        else:
            messages.send(user, conversation.pk, body, links=links)
    elif action == "transfer":
        target = request.POST.get("librarian", "")
        if not target.isdigit():
            raise Refused("NOT_ON_DUTY", _("Choose a librarian on duty."))
        services.transfer(user, conversation.pk, int(target))
    elif action == "close":
        services.close(user, conversation.pk)
    elif action == "read":
        messages.mark_read(user, conversation.pk, conversation.last_seq)
    elif action == "faq":
        return _draft_faq(request, conversation)
    else:
        raise Refused("INVALID", _("Unknown action."))


def conversation(request, pk: int):
    """One conversation: its messages, and the reply form with canned answers."""
    _librarian(request)
    found = Conversation.objects.select_related("asker", "librarian", "book", "page")
    item = found.filter(pk=pk).first()
    if item is None:
        raise Http404
    if request.method == "POST":
        try:
            with transaction.atomic():
                answer = _act(request, item)
        except Refused as refused:
            flash.error(request, refused.message)
            answer = None
        return answer or redirect("reference_conversation", pk=item.pk)
    services.touch_presence(request.user)
    rows = list(item.messages.select_related("author").order_by("seq"))
    if request.GET.get("fragment") == "messages":
        return TemplateResponse(
            request, "reference/messages.html", {"conversation": item, "rows": rows}
        )
    on_duty_ids = services.on_duty_presence().values_list("user_id", flat=True)
    colleagues = get_user_model().objects.filter(pk__in=on_duty_ids).exclude(pk=item.librarian_id)
    return TemplateResponse(
        request,
        "reference/conversation.html",
        {
            "conversation": item,
            "rows": rows,
            "canned": CannedAnswer.objects.filter(language=item.language)[:MAX_ROWS],
            "colleagues": colleagues,
            "mine": item.librarian_id == request.user.pk,
            "live": item.kind == Kind.CHAT and item.status != Status.CLOSED,
        },
    )


def statistics(request):
    """Questions per day, time to a first answer, by topic: aggregates only."""
    _librarian(request)
    days = request.GET.get("days", "30")
    days = int(days) if days.isdigit() and 1 <= int(days) <= 366 else 30
    summary = stats.summary(days)
    busiest = max((row["chats"] + row["tickets"] for row in summary["per_day"]), default=0)
    for row in summary["per_day"]:
        row["total"] = row["chats"] + row["tickets"]
        row["width"] = round(100 * row["total"] / busiest) if busiest else 0
    return TemplateResponse(request, "reference/statistics.html", {"summary": summary})
