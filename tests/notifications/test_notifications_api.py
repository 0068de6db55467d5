"""A member reads, counts and marks their own notices, and chooses what is e-mailed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from portal.notifications import kinds, services
from portal.notifications.models import Notification
from tests.permission_matrix import client_for

pytestmark = pytest.mark.django_db

NOTICES = """query ($unread: Boolean, $first: Int) {
  myNotifications(unreadOnly: $unread, first: $first) {
    totalCount unreadCount
    edges { node { id kind title body path url isRead readAt createdAt } }
  } }"""
MARK = """mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) {
  marked unreadCount errors { field ... on MarkNotificationsReadError { code } } } }"""
PREFERENCES = "{ myNotificationPreferences { kind label channel enabled } }"
SET = """mutation { setNotificationPreference(kind: LIBRARY_MESSAGE, channel: EMAIL, enabled: false)
  { preferences { kind channel enabled } errors { message } } }"""


def notices_for(user, count, start=0):
    return [
        services.notify(
            user, "LIBRARY_MESSAGE", key=f"n{start + n}", context={"title": f"Pesan {n}"}, path="/a"
        )
        for n in range(count)
    ]


def test_anonymous_callers_are_told_to_sign_in(gql):
    body = gql.execute(NOTICES)
    assert body["data"]["myNotifications"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_member_sees_only_their_own_notices_newest_first(member, make_member):
    notices_for(make_member(), 2)
    notices_for(member, 3)
    body = client_for(member).execute(NOTICES)["data"]["myNotifications"]
    assert (body["totalCount"], body["unreadCount"]) == (3, 3)
    nodes = [edge["node"] for edge in body["edges"]]
    assert [node["title"] for node in nodes] == ["Pesan 2", "Pesan 1", "Pesan 0"]
    assert nodes[0]["kind"] == "LIBRARY_MESSAGE"
    assert nodes[0]["url"] == "http://localhost:3000/a"
    assert nodes[0]["createdAt"].endswith("+09:00")


def test_someone_elses_notice_is_not_reachable_by_id(member, make_member):
    [theirs] = notices_for(make_member(), 1)
    body = client_for(member).execute(
        "query ($id: ID!) { node(id: $id) { id } }", {"id": to_global_id("Notification", theirs.pk)}
    )
    assert body["data"]["node"] is None


def test_marking_read_by_id_and_all_at_once(member):
    first, second, third = notices_for(member, 3)
    client = client_for(member)
    result = client.execute(MARK, {"ids": [to_global_id("Notification", first.pk)]})
    assert result["data"]["markNotificationsRead"] == {
        "marked": 1,
        "unreadCount": 2,
        "errors": [],
    }
    unread = client.execute(NOTICES, {"unread": True})["data"]["myNotifications"]
    assert [edge["node"]["title"] for edge in unread["edges"]] == ["Pesan 2", "Pesan 1"]
    result = client.execute(MARK)["data"]["markNotificationsRead"]
    assert (result["marked"], result["unreadCount"]) == (2, 0)


def test_marking_someone_elses_notice_is_not_found_and_changes_nothing(member, make_member):
    [mine] = notices_for(member, 1)
    [theirs] = notices_for(make_member(), 1, start=10)
    ids = [to_global_id("Notification", mine.pk), to_global_id("Notification", theirs.pk)]
    result = client_for(member).execute(MARK, {"ids": ids})["data"]["markNotificationsRead"]
    assert result["errors"] == [{"field": "ids", "code": "NOT_FOUND"}]
    assert not Notification.objects.filter(read_at__isnull=False).exists()


@pytest.mark.parametrize("bad", ["garbage", to_global_id("Review", 1), "\u202e"])
def test_a_malformed_id_is_not_found(member, bad):
    result = client_for(member).execute(MARK, {"ids": [bad]})["data"]["markNotificationsRead"]
    assert [error["code"] for error in result["errors"]] == ["NOT_FOUND"]


def test_more_than_a_hundred_ids_are_refused(member):
    ids = [to_global_id("Notification", n) for n in range(1, 102)]
    result = client_for(member).execute(MARK, {"ids": ids})["data"]["markNotificationsRead"]
    assert [error["code"] for error in result["errors"]] == ["TOO_MANY"]


def test_preferences_default_on_and_can_be_switched_off(member):
    client = client_for(member)
    before = client.execute(PREFERENCES)["data"]["myNotificationPreferences"]
    assert {
        "kind": "LIBRARY_MESSAGE",
        "label": "Pesan dari pustakawan",
        "channel": "EMAIL",
        "enabled": True,
    } in before
    after = client.execute(SET)["data"]["setNotificationPreference"]
    assert {"kind": "LIBRARY_MESSAGE", "channel": "EMAIL", "enabled": False} in after["preferences"]
    assert services.wanted_channels(member, kinds.get("LIBRARY_MESSAGE")) == []


def test_the_list_costs_the_same_queries_at_5_and_50(member):
    client = client_for(member)

    def measure():
        with CaptureQueriesContext(connection) as queries:
            body = client.execute(NOTICES, {"first": 100})
        return len(body["data"]["myNotifications"]["edges"]), len(queries)

    notices_for(member, 5)
    small = measure()
    notices_for(member, 45, start=5)
    large = measure()
    assert (small[0], large[0]) == (5, 50)
    assert small[1] == large[1]
