"""No personal field reaches analytics tables: a member's e-mail, name, card number, address and
account id are searched for in every row of every analytics model after they used everything
analytics counts."""

import json

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from cms.circulation import services as circulation
from cms.circulation.models import Copy, Location, MemberCategory
from cms.models import Book
from community.reviews import create_review
from community.services import update_profile
from portal.analytics import services
from tests.analytics.conftest import DESKTOP

pytestmark = pytest.mark.django_db

USER_ID = 987_654
EMAIL = "siti.rahmawati@example.org"
FIRST, LAST = "Sitirahma", "Wattimena"
CARD = "TTE778899"
ADDRESS = "203.0.113.77"

# Every column analytics keeps: a new one must be read by someone thinking about privacy.
EXPECTED_COLUMNS = {
    "analytics.event": {
        "id", "kind", "day", "at", "name", "title", "program", "subject", "location",
        "language", "device", "visitor", "value",
    },
    "analytics.dailystat": {"id", "day", "kind", "dimension", "key", "count", "uniques"},
    "analytics.rolledupday": {"day", "rolled_at", "events"},
}  # fmt: skip


def analytics_models():
    return list(apps.get_app_config("analytics").get_models())


def test_no_analytics_model_can_reference_a_member():
    for model in analytics_models():
        fields = model._meta.get_fields()
        assert not [field for field in fields if field.is_relation], model
        assert {field.name for field in fields} == EXPECTED_COLUMNS[model._meta.label_lower]


def test_no_personal_field_reaches_the_tables(
    committed, client, django_user_model, send_beacon, gql
):
    MemberCategory.objects.create(name="Dewasa", renewals_allowed=2, is_default=True)
    place = Location.objects.create(name="Perpustakaan Kota")
    book = Book.objects.create(title="Bumi Manusia")
    other = Book.objects.create(title="Rumah Kaca")
    Copy.objects.create(book=book, barcode="TTE0000001", location=place)
    Copy.objects.create(book=other, barcode="TTE0000002", location=place)
    with committed():
        member = django_user_model.objects.create_user(
            id=USER_ID,
            username="sitirahma",
            email=EMAIL,
            first_name=FIRST,
            last_name=LAST,
            password="rahasia-panjang-123",
        )
        update_profile(member, card_number=CARD)
        client.force_login(member)
        for path in ("/", f"/katalog/{book.pk}", f"/akun/{EMAIL}", f"/cari?q={LAST}"):
            client.post(
                "/api/analytics/beacon",
                json.dumps({"path": path, "email": EMAIL, "name": FIRST}),
                content_type="text/plain",
                HTTP_USER_AGENT=DESKTOP,
                REMOTE_ADDR=ADDRESS,
                HTTP_X_FORWARDED_FOR=ADDRESS,
            )
        gql.client = client
        gql.execute(
            'query Profil { catalogSearch(query: "bumi") { totalCount } }',
        )
        gql.execute(f'query Cari {{ books(query: "{CARD}") {{ totalCount }} }}')
        circulation.place_hold(member, other.pk, place.pk)
        loan = circulation.check_out(member, "TTE0000001")
        circulation.renew_loan(member, loan.pk)
        create_review(member, book.pk, rating=5, body="Bagus sekali, kata Sitirahma.")
    services.roll_up(timezone.localdate())

    rows = 0
    secrets = [EMAIL, FIRST, LAST, CARD, ADDRESS, "sitirahma"]
    for model in analytics_models():
        for row in model.objects.all():
            rows += 1
            for field in model._meta.concrete_fields:
                value = getattr(row, field.attname)
                if isinstance(field, models.CharField | models.TextField):
                    found = [s for s in secrets if s.lower() in str(value).lower()]
                    assert not found, (model, field.name, value)
                elif isinstance(value, int) and field.name not in ("count", "events"):
                    assert value != USER_ID, (model, field.name)
    # the scan looked at real rows: visits, searches, circulation, the review, the member
    from portal.analytics.models import Event

    kinds = set(Event.objects.values_list("kind", flat=True))
    assert {
        "visit",
        "graphql",
        "search",
        "hold",
        "loan",
        "renewal",
        "review",
        "new_member",
    } <= kinds
    assert rows > 20
    assert Event.objects.filter(kind="search", name="#").exists()  # the card number, redacted


@pytest.mark.parametrize(
    ("typed", "counted"),
    [
        ("Sejarah  TERNATE", "sejarah ternate"),
        ("buku siti@example.org", "buku #"),
        ("kartu TTE778899", "kartu #"),
        ("0812 3456 7890", "0812 3456 7890"),  # four digits at most per word: kept
        ("081234567890 pulsa", "# pulsa"),
        ("978-602-8519-93-9", "978-602-8519-93-9"),  # an ISBN
        ("0378-5955", "0378-5955"),  # an ISSN
    ],
)
def test_search_words_that_could_name_someone_are_redacted(typed, counted):
    from portal.analytics.graphql_events import search_words

    assert search_words(typed) == counted
