"""The mutation base refuses incomplete declarations and enforces Requires.PERMISSION."""

import enum

import graphene
import pytest
from django.contrib.auth.models import Group, Permission

from portal.api.mutations import Mutation, Requires
from portal.api.permissions import check
from portal.refusals import Refused

pytestmark = pytest.mark.django_db


class Codes(enum.Enum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"


def test_a_permission_goes_with_requires_permission():
    with pytest.raises(TypeError, match="Meta.permission"):

        class NoPermission(Mutation):  # noqa: F841
            class Meta:
                requires = Requires.PERMISSION
                error_codes = Codes

            done = graphene.Boolean()

    with pytest.raises(TypeError, match="Meta.permission"):

        class PermissionWithoutRequirement(Mutation):  # noqa: F841
            class Meta:
                requires = Requires.SIGNED_IN
                permission = "wagtailadmin.access_admin"
                error_codes = Codes

            done = graphene.Boolean()


def test_the_enum_must_hold_the_gates_codes():
    class OnlyForbidden(enum.Enum):
        FORBIDDEN = "FORBIDDEN"

    with pytest.raises(TypeError, match="UNAUTHENTICATED"):

        class Incomplete(Mutation):  # noqa: F841
            class Meta:
                requires = Requires.PERMISSION
                permission = "wagtailadmin.access_admin"
                error_codes = OnlyForbidden

            done = graphene.Boolean()


def test_requires_permission_follows_the_groups(make_member):
    permission = "wagtailadmin.access_admin"
    member = make_member()
    staff = make_member(is_staff=True)
    desk = make_member()
    group = Group.objects.create(name="Meja sirkulasi")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    desk.groups.add(group)
    superuser = make_member(is_staff=True, is_superuser=True)

    for user in (member, staff):
        with pytest.raises(Refused) as refused:
            check(Requires.PERMISSION, type(user).objects.get(pk=user.pk), permission=permission)
        assert refused.value.code == "FORBIDDEN"
    for user in (desk, superuser):
        check(Requires.PERMISSION, type(user).objects.get(pk=user.pk), permission=permission)
