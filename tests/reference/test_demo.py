"""The reference demo: a librarian on duty, answered tickets in both languages, a closed chat
with its transcript sent; loading twice changes nothing."""

import io

import pytest
from django.core.management import call_command

from community.reference import services
from community.reference.demo import LIBRARIAN_USERNAME
from community.reference.models import CannedAnswer, Conversation, Kind, Message, Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_reference_demo_loads_twice_the_same(
    django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())

    def counts():
        return {
            model.__name__: model.objects.count() for model in (Conversation, Message, CannedAnswer)
        }

    first = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == first
    librarian = django_user_model.objects.get(username=LIBRARIAN_USERNAME)
    assert services.is_librarian(librarian)
    tickets = Conversation.objects.filter(kind=Kind.TICKET, status=Status.ANSWERED)
    assert set(tickets.values_list("language", flat=True)) == {"id", "en"}
    chat = Conversation.objects.get(kind=Kind.CHAT, status=Status.CLOSED)
    assert chat.rating == 5 and chat.transcript_sent_at is not None
    assert Conversation.objects.filter(status=Status.WAITING).exists()
