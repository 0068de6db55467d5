"""The S3 path: editions stored in an S3-compatible bucket (moto's server on loopback, spoken
to over HTTP by django-storages and boto3), served by signed URLs and byte ranges."""

import pytest
from django.core.files.storage import storages

from cms.elibrary import files, services, signed_urls
from cms.elibrary.models import Access

moto_server = pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")

BUCKET = "pustaka-elibrary-test"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    settings.STORAGES = {
        **settings.STORAGES,
        "elibrary": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "test",
                "secret_key": "test",
                "location": "elibrary",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    return storages["elibrary"]


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_editions_live_in_the_bucket_and_are_served_by_ranges(
    client, s3_storage, licensed, make_edition, member
):
    edition = make_edition(access=Access.OPEN)
    assert type(storages["elibrary"]).__name__ == "S3Storage"
    listed = boto3.client(
        "s3",
        endpoint_url=s3_storage.endpoint_url,
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106
        region_name="us-east-1",
    ).list_objects_v2(Bucket=BUCKET)
    keys = [item["Key"] for item in listed.get("Contents", [])]
    assert f"elibrary/{edition.file.name}" in keys
    data = b"".join(files.chunks(s3_storage, edition.file.name, 0, edition.byte_size - 1))
    assert len(data) == edition.byte_size
    url = signed_urls.url_for(edition)
    whole = client.get(url)
    assert whole.status_code == 200 and body(whole) == data
    part = client.get(url, HTTP_RANGE="bytes=5-14")
    assert part.status_code == 206 and body(part) == data[5:15]
    assert part["Content-Range"] == f"bytes 5-14/{len(data)}"


def test_a_licensed_loan_on_s3_stops_after_return(client, s3_storage, make_edition, member):
    edition = make_edition(access=Access.LICENSED, licensed_copies=1)
    loan = services.borrow(member, edition.pk)
    url = signed_urls.url_for(edition, member, loan)
    assert client.get(url, HTTP_RANGE="bytes=0-3").status_code == 206
    services.return_loan(member, loan.pk)
    assert client.get(url, HTTP_RANGE="bytes=0-3").status_code == 410
