"""The reference desk's rules: chat or ticket, the queue, claiming, messages, closing, rating."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

from community.reference import mail as reference_mail
from community.reference import messages, services, stats
from community.reference.models import Conversation, Kind, LibrarianPresence, Role, Status
from portal.notifications.models import Notification
from portal.refusals import Refused

pytestmark = pytest.mark.django_db
GUEST = AnonymousUser()


def codes(call, *args, **kwargs):
    with pytest.raises(Refused) as refused:
        call(*args, **kwargs)
    return refused.value.code


def test_with_a_librarian_on_duty_a_question_is_a_chat_in_the_queue(librarian, member, ask):
    first, token = ask(GUEST, email="tamu@example.org")
    second, none = ask(member)
    assert token and none is None
    assert first.kind == Kind.CHAT and first.status == Status.WAITING
    assert services.queue_position(first) == 0
    assert services.queue_position(second) == 1
    assert first.token_hash == services.hash_token(token) and token not in first.token_hash
    assert [m.seq for m in first.messages.all()] == [1]


def test_without_anyone_on_duty_a_question_becomes_a_ticket(off_duty_librarian, member, ask):
    conversation, _token = ask(member)
    assert conversation.kind == Kind.TICKET and conversation.status == Status.OPEN
    # The librarians were told.
    assert Notification.objects.filter(
        user=off_duty_librarian, kind="REFERENCE_NEW_TICKET"
    ).exists()


def test_presence_expires_and_closing_time_makes_tickets(librarian, member, ask, settings):
    LibrarianPresence.objects.filter(user=librarian).update(
        last_seen_at=timezone.now() - dt.timedelta(hours=1)
    )
    conversation, _ = ask(member)
    assert conversation.kind == Kind.TICKET


def test_outside_the_opening_hours_it_is_a_ticket(librarian, member, ask, demo_site):
    from wagtail.models import Site

    from cms.models import LibrarySettings, OpeningHours
    from portal.times import library_time

    settings_row = LibrarySettings.for_site(Site.objects.get(is_default_site=True))
    OpeningHours.objects.filter(settings=settings_row).delete()
    today = library_time(timezone.now()).isoweekday()
    # Open only on another day of the week.
    OpeningHours.objects.create(
        settings=settings_row, day=today % 7 + 1, opens=dt.time(8), closes=dt.time(16)
    )
    assert not services.within_opening_hours()
    conversation, _ = ask(member)
    assert conversation.kind == Kind.TICKET


def test_claim_answer_close_and_rate(librarian, make_librarian, ask):
    conversation, token = ask(GUEST)
    other = make_librarian()
    claimed = services.claim(librarian, conversation.pk)
    assert claimed.status == Status.ACTIVE and claimed.librarian_id == librarian.pk
    assert codes(services.claim, other, conversation.pk) == "ALREADY_CLAIMED"
    assert codes(messages.send, other, conversation.pk, "Halo") == "NOT_ASSIGNED"
    assert codes(services.rate, GUEST, conversation.pk, 5, token=token) == "NOT_ANSWERED"
    message = messages.send(librarian, conversation.pk, "Ada, di rak 900.")
    assert message.role == Role.LIBRARIAN and message.seq == 3  # question, joined, answer
    reply = messages.send(GUEST, conversation.pk, "Terima kasih!", token=token)
    assert reply.seq == 4
    conversation.refresh_from_db()
    assert conversation.first_answered_at is not None
    services.transfer(librarian, conversation.pk, other.pk)
    assert Conversation.objects.get(pk=conversation.pk).librarian_id == other.pk
    services.close(GUEST, conversation.pk, token)
    assert codes(messages.send, GUEST, conversation.pk, "lagi", token=token) == "CLOSED"
    rated = services.rate(GUEST, conversation.pk, 5, "Sangat membantu", token=token)
    assert rated.rating == 5
    assert codes(services.rate, GUEST, conversation.pk, 9, token=token) == "INVALID_RATING"


def test_off_duty_librarians_cannot_claim(off_duty_librarian, librarian, ask):
    conversation, _ = ask(GUEST)
    assert codes(services.claim, off_duty_librarian, conversation.pk) == "NOT_ON_DUTY"


def test_a_ticket_reply_is_emailed_in_the_guests_language_and_the_guest_reopens_it(
    off_duty_librarian, ask, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        conversation, token = ask(GUEST, email="guest@example.org", language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        messages.reply_to_ticket(off_duty_librarian, conversation.pk, "Yes, on shelf 900.")
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["guest@example.org"]
    assert "A librarian answered your question" in sent.subject
    assert "Yes, on shelf 900." in sent.body
    assert Conversation.objects.get(pk=conversation.pk).status == Status.ANSWERED
    messages.send(GUEST, conversation.pk, "One more thing…", token=token)
    assert Conversation.objects.get(pk=conversation.pk).status == Status.OPEN


def test_a_members_ticket_answer_arrives_in_their_language(
    off_duty_librarian, make_member, ask, django_capture_on_commit_callbacks
):
    member = make_member()
    member.member_profile.preferred_language = "id"
    member.member_profile.save()
    conversation, _ = ask(member, language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        messages.reply_to_ticket(off_duty_librarian, conversation.pk, "Ada di rak 900.")
    notice = Notification.objects.get(user=member, kind="REFERENCE_ANSWERED")
    assert notice.title == "Pustakawan menjawab pertanyaan Anda"
    assert any("Ada di rak 900." in sent.body and sent.to == [member.email] for sent in mail.outbox)


def test_transcript_for_a_guest_goes_out_when_closed(
    librarian, ask, django_capture_on_commit_callbacks
):
    conversation, token = ask(GUEST, language="en")
    assert (
        codes(reference_mail.request_transcript, GUEST, conversation.pk, token=token)
        == "EMAIL_REQUIRED"
    )
    reference_mail.request_transcript(GUEST, conversation.pk, "me@example.org", token=token)
    services.claim(librarian, conversation.pk)
    messages.send(librarian, conversation.pk, "Here it is.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.close(librarian, conversation.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["me@example.org"]
    assert "transcript" in mail.outbox[0].subject
    assert "Here it is." in mail.outbox[0].body


def test_read_state_and_typing(librarian, ask):
    conversation, token = ask(GUEST)
    services.claim(librarian, conversation.pk)
    messages.send(librarian, conversation.pk, "Halo")
    read = messages.mark_read(GUEST, conversation.pk, 999, token=token)
    assert read.asker_read_seq == 3
    assert messages.mark_read(GUEST, conversation.pk, 1, token=token).asker_read_seq == 3
    assert messages.typing(GUEST, conversation.pk, token=token)


def test_odd_input(librarian, member, ask):
    assert codes(ask, member, question="   ") == "QUESTION_REQUIRED"
    assert codes(ask, member, question="x" * 5000) == "QUESTION_TOO_LONG"
    assert codes(ask, GUEST, name="  ") == "NAME_REQUIRED"
    assert codes(ask, GUEST, email="not-an-address") == "INVALID_EMAIL"
    assert codes(ask, member, book_id=999999) == "NOT_FOUND"
    conversation, token = ask(GUEST)
    assert codes(services.conversation_for, conversation.pk, GUEST, "salah") == "NOT_FOUND"
    assert codes(services.conversation_for, conversation.pk, GUEST, "x" * 10_000) == "NOT_FOUND"
    assert codes(services.conversation_for, conversation.pk, member, None) == "NOT_FOUND"
    assert codes(messages.send, GUEST, conversation.pk, "", token=token) == "EMPTY_MESSAGE"


def test_members_have_a_limited_number_of_open_questions(librarian, member, ask, settings):
    settings.REFERENCE = {**settings.REFERENCE, "MAX_OPEN_PER_ASKER": 2}
    ask(member)
    ask(member)
    assert codes(ask, member) == "TOO_MANY_OPEN"


def test_the_last_librarian_off_duty_turns_waiting_chats_into_tickets(librarian, ask):
    conversation, _ = ask(GUEST)
    services.set_presence(librarian, False)
    conversation.refresh_from_db()
    assert conversation.kind == Kind.TICKET and conversation.status == Status.OPEN


def test_statistics_are_aggregates(librarian, member, ask):
    conversation, _ = ask(member, topic="LOCAL_HISTORY")
    services.claim(librarian, conversation.pk)
    messages.send(librarian, conversation.pk, "Jawaban")
    summary = stats.summary()
    assert summary["total"] == 1 and summary["answered"] == 1
    assert {row["topic"]: row["count"] for row in summary["by_topic"]}["LOCAL_HISTORY"] == 1
    assert summary["first_answer_minutes"]["CHAT"] is not None
    assert sum(row["chats"] for row in summary["per_day"]) == 1
