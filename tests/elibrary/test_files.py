"""Signed URLs and the ranged file view: tampered, reused after return, expired; ranges;
content types; upload validation."""

import base64
import io
import zipfile
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from cms.elibrary import files, services, signals, signed_urls, validation
from cms.elibrary.models import Access, DigitalEdition
from cms.models import Book
from tests.elibrary.conftest import epub_file, pdf_file


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def basic(user, password="kata-sandi-rahasia"):
    token = base64.b64encode(f"{user.username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_open_edition_served_whole_and_by_ranges(client, make_edition):
    edition = make_edition(access=Access.OPEN)
    data = edition.file.open("rb").read()
    edition.file.close()
    url = signed_urls.url_for(edition)
    whole = client.get(url)
    assert whole.status_code == 200
    assert whole["Content-Type"] == "application/epub+zip"
    assert whole["Accept-Ranges"] == "bytes"
    assert body(whole) == data
    part = client.get(url, HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-19/{len(data)}"
    assert part["Content-Length"] == "10"
    assert body(part) == data[10:20]
    tail = client.get(url, HTTP_RANGE="bytes=-5")
    assert body(tail) == data[-5:]
    open_ended = client.get(url, HTTP_RANGE=f"bytes={len(data) - 3}-")
    assert body(open_ended) == data[-3:]
    outside = client.get(url, HTTP_RANGE=f"bytes={len(data)}-")
    assert outside.status_code == 416
    assert outside["Content-Range"] == f"bytes */{len(data)}"
    head = client.head(url, HTTP_RANGE="bytes=0-99")
    assert head.status_code == 206 and head["Content-Length"] == "100"
    # A stale If-Range (the file changed): the whole file.
    stale = client.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"other"')
    assert stale.status_code == 200


def test_pdf_content_type(client, make_edition):
    edition = make_edition(access=Access.OPEN, file=pdf_file())
    response = client.get(signed_urls.url_for(edition))
    assert response["Content-Type"] == "application/pdf"
    assert body(response).startswith(b"%PDF-")


def test_a_tampered_token_is_refused(client, make_edition):
    edition = make_edition(access=Access.OPEN)
    other = make_edition(access=Access.LICENSED)
    token = signed_urls.token_for(edition)
    payload, _sep, signature = token.rpartition(":")
    forged = token.replace(payload.split(":")[0], signed_urls.token_for(other).split(":")[0])
    for bad in (token[:-2] + "xx", forged, "abc"):
        url = reverse("elibrary-file", kwargs={"token": bad, "name": "x.epub"})
        assert client.get(url).status_code == 403


def test_a_returned_loan_url_stops_working(client, licensed, member):
    loan = services.borrow(member, licensed.pk)
    url = signed_urls.url_for(licensed, member, loan)
    assert client.get(url, HTTP_RANGE="bytes=0-9").status_code == 206
    services.return_loan(member, loan.pk)
    assert client.get(url, HTTP_RANGE="bytes=0-9").status_code == 410


def test_an_ended_loan_url_stops_working(client, licensed, member):
    loan = services.borrow(member, licensed.pk)
    url = signed_urls.url_for(licensed, member, loan)
    loan.due_at = loan.started_at - timedelta(seconds=1)
    loan.save()
    assert client.get(url).status_code == 410


def test_the_url_expires(client, make_edition, settings):
    edition = make_edition(access=Access.OPEN)
    url = signed_urls.url_for(edition)
    with mock.patch("django.core.signing.time.time", return_value=10**10):
        assert client.get(url).status_code == 410


def test_url_bound_to_the_member_and_the_loan(client, licensed, make_member):
    a, b = make_member(), make_member()
    loan_a = services.borrow(a, licensed.pk)
    # b's URL naming a's loan (as if b had copied a's loan id) is refused.
    assert client.get(signed_urls.url_for(licensed, b, loan_a)).status_code == 410
    # A members-only edition needs a member in the token.
    members_only = DigitalEdition.objects.create(
        book=licensed.book, access=Access.MEMBERS, file=epub_file()
    )
    assert client.get(signed_urls.url_for(members_only)).status_code == 403
    assert client.get(signed_urls.url_for(members_only, a)).status_code == 200
    a.is_active = False
    a.save()
    assert client.get(signed_urls.url_for(members_only, a)).status_code == 403


def test_acquisition_links_need_basic_auth_for_members_and_loans(client, licensed, member):
    member.set_password("kata-sandi-rahasia")
    member.save()
    anonymous = client.get(reverse("elibrary-borrow", args=[licensed.pk]))
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"] == "application/opds-authentication+json"
    assert anonymous["WWW-Authenticate"].startswith("Basic")
    wrong = client.get(reverse("elibrary-borrow", args=[licensed.pk]), **basic(member, "salah"))
    assert wrong.status_code == 401
    # The session cookie is not enough (no cross-site borrowing).
    client.force_login(member)
    assert client.post(reverse("elibrary-borrow", args=[licensed.pk])).status_code == 401
    client.logout()
    download = client.get(reverse("elibrary-download", args=[licensed.pk]), **basic(member))
    assert download.status_code == 403  # not on loan yet
    borrowed = client.post(reverse("elibrary-borrow", args=[licensed.pk]), **basic(member))
    assert borrowed.status_code == 302
    served = client.get(borrowed["Location"])
    assert served.status_code == 200 and served["Content-Type"] == "application/epub+zip"
    again = client.get(reverse("elibrary-download", args=[licensed.pk]), **basic(member))
    assert again.status_code == 302


def test_open_download_redirects_anyone_to_a_signed_url(client, make_edition):
    edition = make_edition(access=Access.OPEN, file=pdf_file())
    response = client.get(reverse("elibrary-download", args=[edition.pk]))
    assert response.status_code == 302
    assert client.get(response["Location"])["Content-Type"] == "application/pdf"


def test_downloads_send_a_signal_without_personal_data(client, make_edition):
    edition = make_edition(access=Access.OPEN)
    seen = []

    def record(sender, **payload):
        seen.append(payload)

    signals.ebook_downloaded.connect(record)
    try:
        url = signed_urls.url_for(edition)
        body(client.get(url))
        body(client.get(url, HTTP_RANGE="bytes=100-200"))  # a later range: not counted
    finally:
        signals.ebook_downloaded.disconnect(record)
    assert len(seen) == 1
    assert set(seen[0]) == {"signal", "edition_id", "book_id", "format", "access", "partial"}


# --- uploads -------------------------------------------------------------------------------


def test_upload_reads_format_size_and_checksum(make_edition):
    import hashlib

    file = pdf_file()
    data = file.read()
    file.seek(0)
    edition = make_edition(file=file)
    assert edition.format == "pdf"
    assert edition.byte_size == len(data)
    assert edition.sha256 == hashlib.sha256(data).hexdigest()
    assert edition.file.name.endswith(".pdf") and "buku" not in edition.file.name


def _zip(entries, first_stored=True):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, data) in enumerate(entries):
            stored = first_stored and index == 0
            archive.writestr(
                name, data, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            )
    return io.BytesIO(buffer.getvalue())


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty"),
        (b"not a book at all", "invalid_format"),
        (b"%PDF-1.7\n no end", "invalid_format"),
        (b"<html>%PDF-1.4</html>", "invalid_format"),
        (_zip([("hello.txt", b"x")]).getvalue(), "invalid_epub"),
        (
            _zip([("mimetype", b"application/epub+zip")], first_stored=False).getvalue(),
            "invalid_epub",
        ),
        (_zip([("mimetype", b"application/epub+zip")]).getvalue(), "invalid_epub"),
        (
            _zip(
                [
                    ("mimetype", b"application/epub+zip"),
                    ("META-INF/container.xml", epub_file().read()[:10]),
                ]
            ).getvalue(),
            "invalid_epub",
        ),
        (b"PK\x03\x04broken zip", "invalid_epub"),
    ],
)
def test_upload_validation_refuses_what_is_not_an_ebook(data, code):
    with pytest.raises(ValidationError) as refused:
        validation.detect_format(ContentFile(data, name="x.epub"))
    assert refused.value.code == code


def test_size_limit(settings, db):
    settings.ELIBRARY = {**settings.ELIBRARY, "MAX_FILE_BYTES": 1024}
    with pytest.raises(ValidationError) as refused:
        validation.detect_format(pdf_file())
    assert refused.value.code == "too_large"
    edition = DigitalEdition(book=Book.objects.create(title="x"), file=pdf_file())
    with pytest.raises(ValidationError):
        edition.full_clean()


def test_parse_range():
    assert files.parse_range(None, 100) is None
    assert files.parse_range("bytes=0-0", 100) == (0, 0)
    assert files.parse_range("bytes=90-200", 100) == (90, 99)
    assert files.parse_range("bytes=-200", 100) == (0, 99)
    assert files.parse_range("bytes=0-1,5-6", 100) is None  # several ranges: the whole file
    assert files.parse_range("items=0-1", 100) is None
    for bad in ("bytes=100-", "bytes=5-4", "bytes=-0"):
        with pytest.raises(files.Unsatisfiable):
            files.parse_range(bad, 100)
