"""Events from the beacon, GraphQL and the apps' saves reach the tables after commit."""

import datetime

import pytest
from django.dispatch import Signal
from django.utils import timezone

from cms.circulation import services as circulation
from cms.circulation.models import Copy, Location, MemberCategory
from cms.models import Book
from portal.analytics import services
from portal.analytics.models import DailyStat, Dimension, Event, Kind
from portal.analytics.receivers import count_signal
from tests.analytics.conftest import PHONE

pytestmark = pytest.mark.django_db


def test_a_known_path_is_counted_without_a_cookie(committed, send_beacon):
    with committed():
        response = send_beacon("/?utm_source=x#top")
    assert response.status_code == 202
    assert not response.cookies
    event = Event.objects.get()
    assert (event.kind, event.name, event.device, event.language) == ("visit", "/", "desktop", "id")
    assert len(event.visitor) == 16


def test_the_title_route_counts_the_title(committed, send_beacon):
    with committed():
        assert send_beacon("/en/katalog/42/bumi-manusia", user_agent=PHONE).status_code == 202
    event = Event.objects.get()
    assert (event.title, event.language, event.device) == (42, "en", "mobile")


@pytest.mark.parametrize(
    "path", ["/akun/budi@example.org", "https://evil.example/", "berita", "/x" * 200, 7, None]
)
def test_unknown_paths_are_refused(committed, send_beacon, path):
    with committed():
        assert send_beacon(path).status_code == 422
    assert not Event.objects.exists()


def test_a_published_page_path_is_known(committed, send_beacon, demo_site):
    from cms.models import StandardPage
    from portal.analytics.views import KNOWN_PATHS

    page = StandardPage(title="Jam buka", slug="jam-buka")
    demo_site["id"].add_child(instance=page)
    page.save_revision().publish()
    KNOWN_PATHS.forget()
    with committed():
        assert send_beacon("/jam-buka").status_code == 202
        assert send_beacon("/jam-tutup/").status_code == 422
    assert Event.objects.get().name == "/jam-buka/"


def test_robots_and_garbage_are_not_counted(committed, send_beacon, client):
    with committed():
        assert send_beacon("/", user_agent="Googlebot/2.1").status_code == 204
        response = client.post("/api/analytics/beacon", "{", content_type="text/plain")
        assert response.status_code == 400
        assert client.get("/api/analytics/beacon").status_code == 405
    assert not Event.objects.exists()


def test_unique_visitors_are_counted_once_a_day(committed, send_beacon):
    with committed():
        for _ in range(3):
            send_beacon("/")
        send_beacon("/", address="198.51.100.9")
    services.roll_up(timezone.localdate())
    total = DailyStat.objects.get(kind=Kind.VISIT, dimension=Dimension.TOTAL)
    assert (total.count, total.uniques) == (4, 2)


def test_the_visitor_hash_changes_with_the_day():
    today = timezone.localdate()
    first = services.visitor_hash("203.0.113.7", "UA", "host", today)
    assert first == services.visitor_hash("203.0.113.7", "UA", "host", today)
    assert first != services.visitor_hash(
        "203.0.113.7", "UA", "host", today + datetime.timedelta(1)
    )


def test_graphql_operations_searches_and_title_views(committed, gql):
    book = Book.objects.create(title="Sejarah Ternate")
    from graphql_relay import to_global_id

    query = """query Cari($q: String!, $id: ID!) {
      found: catalogSearch(query: $q) { totalCount }
      books(query: "kapal selam zzz") { totalCount }
      book(id: $id) { title }
    }"""
    with committed():
        body = gql.execute(
            query, {"q": "  Sejarah   TERNATE ", "id": to_global_id("Book", book.pk)}
        )
    assert "errors" not in body, body
    names = set(Event.objects.filter(kind=Kind.GRAPHQL).values_list("name", flat=True))
    assert names == {"Cari"}
    searches = dict(Event.objects.filter(kind=Kind.SEARCH).values_list("name", "value"))
    assert searches == {"sejarah ternate": 1, "kapal selam zzz": 0}
    assert Event.objects.get(kind=Kind.TITLE_VIEW).title == book.pk
    services.roll_up(timezone.localdate())
    zero = DailyStat.objects.get(kind=Kind.SEARCH, dimension=Dimension.ZERO)
    assert (zero.key, zero.count) == ("kapal selam zzz", 1)


def test_the_worker_counts_results_the_client_did_not_ask_for(committed, gql):
    Book.objects.create(title="Cengkih dan Pala")
    with committed():
        gql.execute('{ catalogSearch(query: "cengkih") { edges { node { title } } } }')
    search = Event.objects.get(kind=Kind.SEARCH)
    assert (search.name, search.value) == ("cengkih", 1)
    assert Event.objects.get(kind=Kind.GRAPHQL).name == "(anonymous)"


def test_holds_loans_and_renewals_are_counted(committed, make_member):
    MemberCategory.objects.create(name="Dewasa", renewals_allowed=2, is_default=True)
    place = Location.objects.create(name="Perpustakaan Kota")
    book = Book.objects.create(title="Bumi Manusia")
    other = Book.objects.create(title="Anak Semua Bangsa")
    Copy.objects.create(book=book, barcode="TTE0000001", location=place)
    Copy.objects.create(book=other, barcode="TTE0000002", location=place)
    member = make_member()
    with committed():
        circulation.place_hold(member, other.pk, place.pk)
        loan = circulation.check_out(member, "TTE0000001")
        circulation.renew_loan(member, loan.pk)
    kinds = sorted(Event.objects.exclude(kind=Kind.NEW_MEMBER).values_list("kind", "title"))
    assert kinds == sorted([("hold", other.pk), ("loan", book.pk), ("renewal", book.pk)])
    assert Event.objects.get(kind=Kind.LOAN).location == str(place.pk)


def test_new_members_are_counted(committed, make_member):
    with committed():
        make_member()
    assert Event.objects.filter(kind=Kind.NEW_MEMBER).count() == 1


def test_nothing_is_recorded_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.record(Kind.REVIEW, title=1)
    assert len(callbacks) == 1  # waits for the commit
    assert not Event.objects.exists()


def test_the_receiver_convention_reads_only_its_keywords(committed, make_member):
    ebook_downloaded = Signal()
    count_signal(ebook_downloaded, Kind.EBOOK_DOWNLOAD)
    member = make_member(first_name="Siti")
    book = Book.objects.create(title="Laut Bercerita")
    with committed():
        ebook_downloaded.send(
            sender=Book, book=book, user=member, email=member.email, language="id", format="epub"
        )
    event = Event.objects.get(kind=Kind.EBOOK_DOWNLOAD)
    assert (event.title, event.language, event.name) == (book.pk, "id", "")


def test_a_batch_is_written_with_bulk_inserts(django_assert_max_num_queries):
    now = timezone.now().isoformat()
    batch = [{"kind": "visit", "at": now, "name": f"/{n}"} for n in range(500)]
    with django_assert_max_num_queries(10):  # SQLite splits by its variable limit
        services.write_events(batch)
    assert Event.objects.count() == 500


def test_old_events_are_deleted_and_their_counts_kept(settings):
    today = timezone.localdate()
    old = today - datetime.timedelta(days=settings.ANALYTICS["KEEP_DAYS"] + 1)
    at = timezone.now()
    Event.objects.create(kind=Kind.VISIT, day=old, at=at, name="/")
    Event.objects.create(kind=Kind.VISIT, day=today, at=at, name="/")
    services.roll_up(old)
    assert services.purge_old_events(today) == 1
    assert list(Event.objects.values_list("day", flat=True)) == [today]
    assert DailyStat.objects.get(day=old, dimension=Dimension.TOTAL).count == 1


def test_rolling_up_twice_gives_the_same_counts():
    at = timezone.now()
    day = timezone.localdate()
    Event.objects.bulk_create(
        Event(kind=Kind.LOAN, day=day, at=at, title=3, location="1") for _ in range(7)
    )
    services.roll_up(day)
    first = sorted(DailyStat.objects.values_list("kind", "dimension", "key", "count"))
    services.roll_up(day)
    assert sorted(DailyStat.objects.values_list("kind", "dimension", "key", "count")) == first
    assert ("loan", "title", "3", 7) in first and ("loan", "location", "1", 7) in first
    assert services.days_to_roll_up(day) == [day - datetime.timedelta(1), day]


def test_title_events_are_counted_under_the_title_s_subject():
    from cms.models import Subject

    book = Book.objects.create(title="Sejarah Maluku Utara")
    Book.subjects.through.objects.create(book=book, subject=Subject.objects.create(name="Sejarah"))
    now = timezone.now().isoformat()
    services.write_events(
        [{"kind": "loan", "at": now, "title": book.pk}, {"kind": "visit", "at": now}]
    )
    assert Event.objects.get(kind=Kind.LOAN).subject == "Sejarah"
    services.roll_up(timezone.localdate())
    assert DailyStat.objects.get(dimension=Dimension.SUBJECT).key == "Sejarah"


def test_the_receiver_convention_carries_a_number():
    question_answered = Signal()
    count_signal(question_answered, Kind.ANSWER)
    from portal.analytics.receivers import dims_from_signal

    assert dims_from_signal({"value": 42, "user": object(), "email": "a@b.c"}) == {"value": 42}


def test_the_roll_up_command():
    from io import StringIO

    from django.core.management import call_command

    Event.objects.create(kind=Kind.VISIT, day=timezone.localdate(), at=timezone.now(), name="/")
    out = StringIO()
    call_command("analytics_roll_up", stdout=out)
    assert f"{timezone.localdate()}: " in out.getvalue()
    assert DailyStat.objects.get(kind=Kind.VISIT, dimension=Dimension.TOTAL).count == 1


def test_a_dataset_download_is_counted_under_the_dataset_only(committed, client, member):
    from cms.datasets.models import DatasetPage
    from cms.datasets.signals import dataset_downloaded

    with committed():
        dataset_downloaded.send(
            sender=DatasetPage, dataset_id=41, distribution_id=7, media_type="text/csv"
        )
    event = Event.objects.get(kind=Kind.DATASET_DOWNLOAD)
    assert (event.name, event.title) == ("dataset:41", None)


def test_e_book_downloads_and_loans_are_counted_under_the_title(committed):
    from cms.elibrary import signals as elibrary

    with committed():
        elibrary.ebook_downloaded.send(
            sender="elibrary", edition_id=3, book_id=12, format="epub", access="open", partial=False
        )
        elibrary.ebook_loan_started.send(sender="elibrary", edition_id=3, book_id=12, format="epub")
    counted = sorted(Event.objects.values_list("kind", "title"))
    assert counted == [(Kind.EBOOK_DOWNLOAD, 12), (Kind.EBOOK_LOAN, 12)]
