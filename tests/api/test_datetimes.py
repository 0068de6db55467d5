"""One time zone rule for every `DateTime` the API returns: ISO 8601 in the library's time."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.api.schema import schema
from social_sync.models import Channel, DeliveryStatus, Network, SocialDelivery
from tests.cms import builders

pytestmark = pytest.mark.django_db

UTC_NOON = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)


def test_the_schema_has_one_datetime_scalar_that_answers_in_library_time():
    scalar = schema.graphql_schema.get_type("DateTime")
    assert scalar.serialize(UTC_NOON) == "2026-03-02T12:00:00+09:00"
    # A naive value (never stored with USE_TZ) is read as the library's time, not shifted.
    assert scalar.serialize(dt.datetime(2026, 3, 2, 12, 0)) == "2026-03-02T12:00:00+09:00"


def _offsets(value, found):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in DATETIME_FIELDS and item is not None:
                found.append((key, item[-6:]))
            _offsets(item, found)
    elif isinstance(value, list):
        for item in value:
            _offsets(item, found)
    return found


DATETIME_FIELDS = {
    "firstPublishedAt",
    "lastPublishedAt",
    "start",
    "end",
    "startsAt",
    "endsAt",
    "registrationDeadline",
    "postedAt",
    "dateJoined",
}


def test_every_datetime_of_pages_programs_social_posts_and_members_is_in_plus_0900(
    demo_site, member_gql
):
    index = builders.program_index(demo_site["id"])
    program = builders.program(
        index,
        registration_open=True,
        registration_deadline=timezone.now() + dt.timedelta(days=2),
    )
    channel = Channel.objects.create(
        network=Network.X, name="X", x_oauth2_token="token", x_user_id="1"
    )
    SocialDelivery.objects.create(
        page=program,
        channel=channel,
        status=DeliveryStatus.SENT,
        remote_url="https://x.com/perpus/status/1",
        posted_at=UTC_NOON,
    )
    body = member_gql.execute(
        """query ($path: String!) {
          me { dateJoined }
          page(path: $path) {
            firstPublishedAt lastPublishedAt
            ... on ProgramPage {
              startsAt endsAt registrationDeadline
              sessions { start end }
              socialPosts { postedAt }
            }
          }
        }""",
        {"path": "/program/kelas-menulis/"},
    )
    assert "errors" not in body, body
    found = _offsets(body["data"], [])
    assert {key for key, _offset in found} == DATETIME_FIELDS
    assert {offset for _key, offset in found} == {"+09:00"}, found
    assert body["data"]["page"]["socialPosts"] == [{"postedAt": "2026-03-02T12:00:00+09:00"}]
