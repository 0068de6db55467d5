"""A real OAI-PMH harvester (Sickle, from PyPI) over a live server on loopback: the whole
repository in pages, then a second, incremental harvest after a dataset was deleted."""

import datetime

import pytest
from sickle import Sickle
from sickle.oaiexceptions import BadArgument, NoRecordsMatch

from cms.datasets import oai
from cms.datasets.models import DatasetPage
from cms.models import Book
from tests.cms import builders as cms_builders
from tests.datasets.builders import add_dataset

# serialized_rollback: the flush after a transactional test would also empty what migrations
# made (root page, default locale); this restores it for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_harvester_follows_tokens_and_learns_of_a_deletion(live_server, home, settings):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    datasets = [add_dataset(home, f"Data Ternate {n}", files=()) for n in range(4)]
    books = [cms_builders.book(f"Buku Ternate {n}") for n in range(150)]
    # Everything harvested first was changed an hour ago: the incremental harvest sees only
    # what changes after it, whatever the clock's second.
    earlier = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    DatasetPage.objects.update(last_published_at=earlier)
    Book.objects.update(updated_at=earlier)
    client = Sickle(f"{live_server.url}/api/data/oai", max_retries=0, timeout=30)

    identify = client.Identify()
    assert identify.protocolVersion == "2.0"
    assert {s.setSpec for s in client.ListSets()} >= {"datasets", "catalog"}

    records = list(client.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False))
    assert len(records) == len(datasets) + len(books)  # two pages through a resumption token
    assert not any(record.deleted for record in records)
    titles = {record.metadata["title"][0] for record in records}
    assert "Data Ternate 0" in titles and "Buku Ternate 149" in titles
    first_harvest = earlier + datetime.timedelta(minutes=1)

    gone = datasets[1]
    gone_id = oai.dataset_identifier(gone.pk)
    gone.delete()

    since = first_harvest.strftime("%Y-%m-%dT%H:%M:%SZ")
    changed = list(
        client.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=False, **{"from": since})
    )
    assert [(h.identifier, h.deleted) for h in changed] == [(gone_id, True)]
    again = list(client.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False))
    deleted = [r.header.identifier for r in again if r.deleted]
    assert deleted == [gone_id]
    assert len(again) == len(records)

    with pytest.raises(NoRecordsMatch):
        list(client.ListRecords(metadataPrefix="oai_dc", set="datasets:HEAL"))
    with pytest.raises(BadArgument):
        client.ListRecords(metadataPrefix="oai_dc", until="not-a-date")
