"""The reference desk's mutations × every kind of caller (harness: ``tests/permission_matrix.py``).

Roles: ``anonymous``; ``member`` (asked the chat and the ticket); ``other`` (another member);
``librarian`` (in "Reference librarians", on duty); ``offduty`` (in the group, off duty);
``staff`` (``is_staff`` without the group). Guests (no account, with their token) are the tests
below the matrix.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group
from graphql_relay import to_global_id

from community.reference import services
from tests.conftest import GraphQLClient
from tests.permission_matrix import check

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "other", "librarian", "offduty", "staff"]
ANSWER = "reference.answer_questions"
PERMISSIONS_OF = {"librarian": {ANSWER}, "offduty": {ANSWER}}


@pytest.fixture
def world(make_member):
    group = Group.objects.get(name="Reference librarians")
    people = {
        "member": make_member(),
        "other": make_member(),
        "librarian": make_member(first_name="Siti"),
        "offduty": make_member(first_name="Budi"),
        "staff": make_member(is_staff=True),
    }
    people["librarian"].groups.add(group)
    people["offduty"].groups.add(group)
    ticket, _ = services.open_conversation(people["member"], question="Kapan buka?")
    librarian = type(people["librarian"]).objects.get(pk=people["librarian"].pk)
    services.set_presence(librarian, True)
    chat, _ = services.open_conversation(people["member"], question="Ada buku Ternate?")
    ids = {
        "chat": to_global_id("ReferenceConversation", chat.pk),
        "ticket": to_global_id("ReferenceConversation", ticket.pk),
        "librarian": to_global_id("User", people["librarian"].pk),
    }
    return people, ids


NOT_THEIRS = {"anonymous": "NOT_FOUND", "other": "NOT_FOUND"}
NOT_THE_ASKER = dict.fromkeys(("librarian", "offduty", "staff"), "NOT_ASKER")

SAMPLES = {
    "openConversation": ('question: "Halo"', {}, {"anonymous": "NAME_REQUIRED"}),
    "sendMessage": (
        'id: $c, body: "Halo"',
        {"c": "chat"},
        {**NOT_THEIRS, "librarian": "NOT_CLAIMED", "offduty": "NOT_CLAIMED", "staff": "FORBIDDEN"},
    ),
    "markRead": ("id: $c, seq: 1", {"c": "chat"}, {**NOT_THEIRS, "staff": "FORBIDDEN"}),
    "typing": (
        "id: $c",
        {"c": "chat"},
        {
            **NOT_THEIRS,
            "librarian": "NOT_ASSIGNED",
            "offduty": "NOT_ASSIGNED",
            "staff": "FORBIDDEN",
        },
    ),
    "claimConversation": ("id: $c", {"c": "chat"}, {"offduty": "NOT_ON_DUTY"}),
    "transferConversation": (
        "id: $c, librarianId: $l",
        {"c": "chat", "l": "librarian"},
        {"librarian": "NOT_ACTIVE", "offduty": "NOT_ACTIVE"},
    ),
    "closeConversation": ("id: $c", {"c": "chat"}, {**NOT_THEIRS, "staff": "FORBIDDEN"}),
    "rateConversation": (
        "id: $c, rating: 5",
        {"c": "chat"},
        {**NOT_THEIRS, **NOT_THE_ASKER, "member": "NOT_ANSWERED"},
    ),
    "requestTranscript": ("id: $c", {"c": "chat"}, {**NOT_THEIRS, **NOT_THE_ASKER}),
    "setPresence": ("onDuty: true", {}, {}),
    "replyToTicket": ('id: $t, body: "Jawaban"', {"t": "ticket"}, {}),
}


def snapshot() -> dict:
    models = apps.get_app_config("reference").get_models()
    return {model.__name__: sorted(map(repr, model.objects.values())) for model in models}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_matrix(world, name, role):
    check(world, SAMPLES, name, role, snapshot, PERMISSIONS_OF)


GUEST_CALLS = {
    "sendMessage": 'sendMessage(id: $id, token: $token, body: "Halo") { errors { code } }',
    "markRead": "markRead(id: $id, token: $token, seq: 1) { errors { code } }",
    "typing": "typing(id: $id, token: $token) { errors { code } }",
    "requestTranscript": (
        'requestTranscript(id: $id, token: $token, email: "t@example.org") { errors { code } }'
    ),
    "rateConversation": "rateConversation(id: $id, token: $token, rating: 4) { errors { code } }",
    "closeConversation": "closeConversation(id: $id, token: $token) { errors { code } }",
}


@pytest.mark.parametrize("name", sorted(GUEST_CALLS))
@pytest.mark.parametrize("right_token", [True, False])
def test_a_guest_acts_with_their_token_only(world, name, right_token):
    conversation, token = services.open_conversation(
        AnonymousUser(), question="Boleh tanya?", name="Tamu"
    )
    document = f"mutation ($id: ID!, $token: String) {{ {GUEST_CALLS[name]} }}"
    variables = {
        "id": to_global_id("ReferenceConversation", conversation.pk),
        "token": token if right_token else token[:-2] + "xx",
    }
    before = snapshot()
    body = GraphQLClient().execute(document, variables)
    codes = [error["code"] for error in body["data"][name]["errors"]]
    if not right_token:
        assert codes == ["NOT_FOUND"]
        assert snapshot() == before
    elif name == "rateConversation":
        assert codes == ["NOT_ANSWERED"]
    else:
        assert codes == []
