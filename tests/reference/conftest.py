"""Reference librarians, their presence and conversations to test with."""

import pytest
from django.contrib.auth.models import Group

from community.reference import services


@pytest.fixture
def make_librarian(make_member):
    def make(on_duty=True, **extra):
        user = make_member(**extra)
        user.groups.add(Group.objects.get(name="Reference librarians"))
        user = type(user).objects.get(pk=user.pk)  # fresh permission cache
        if on_duty:
            services.set_presence(user, True)
        return user

    return make


@pytest.fixture
def librarian(make_librarian):
    return make_librarian(first_name="Siti")


@pytest.fixture
def off_duty_librarian(make_librarian):
    return make_librarian(on_duty=False, first_name="Budi")


@pytest.fixture
def ask():
    """Open a conversation as a member or a guest (``user=None``)."""

    def open_(user=None, question="Apakah ada buku sejarah Ternate?", **fields):
        if user is None or not user.is_authenticated:
            fields.setdefault("name", "Tamu")
        return services.open_conversation(user, question=question, **fields)

    return open_
