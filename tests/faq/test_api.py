"""The knowledge base over GraphQL: published entries only, by language and topic, in `search`
and in suggestions; constant SQL; cached anonymous answers invalidated by publishing."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from cms.faq.models import FaqTopic
from portal.api.documents import trusted_documents
from tests.api.support import MODERN_ACCEPT, codes

pytestmark = pytest.mark.django_db

LIST = """query ($topic: FaqTopic, $first: Int, $language: LanguageCode) {
  faqEntries(topic: $topic, first: $first, language: $language) {
    totalCount edges { node { id question answer answerText topic topicLabel language updatedAt } }
  }
}"""
ONE = "query ($id: ID!) { faqEntry(id: $id) { question answer } }"
SUGGEST = """query ($text: String!, $first: Int) {
  faqSuggestions(text: $text, first: $first) { id question language }
}"""
SEARCH = """query ($q: String!, $types: [SearchType!], $locale: LanguageCode) {
  search(query: $q, types: $types, locale: $locale) {
    totalCount edges { node { __typename ... on FaqEntry { question } } }
  }
}"""


def questions(body, field="faqEntries"):
    return [edge["node"]["question"] for edge in body["data"][field]["edges"]]


@pytest.fixture
def entries(make_entry):
    hours = make_entry(
        "Kapan perpustakaan buka?", "<p>Senin sampai Jumat.</p>", topic=FaqTopic.VISITING
    )
    make_entry(
        "When is the library open?",
        "<p>Monday to Friday.</p>",
        language="en",
        topic=FaqTopic.VISITING,
        translation_of=hours,
    )
    card = make_entry("Bagaimana membuat kartu anggota?", topic=FaqTopic.MEMBERSHIP)
    draft = make_entry("Rahasia draf perpustakaan buka malam?", topic=FaqTopic.VISITING, live=False)
    return {"hours": hours, "card": card, "draft": draft}


def test_lists_published_entries_in_the_callers_language(gql, entries, staff):
    body = gql.execute(LIST)
    assert questions(body) == ["Bagaimana membuat kartu anggota?", "Kapan perpustakaan buka?"]
    assert body["data"]["faqEntries"]["totalCount"] == 2
    node = body["data"]["faqEntries"]["edges"][1]["node"]
    assert node["answer"] == "<p>Senin sampai Jumat.</p>"
    assert node["answerText"] == "Senin sampai Jumat."
    assert node["topic"] == "VISITING" and node["language"] == "id"
    assert node["topicLabel"] == "Berkunjung ke perpustakaan"
    english = gql.execute(LIST, **{"Accept-Language": "en"})
    assert questions(english) == ["When is the library open?"]
    assert questions(gql.execute(LIST, {"language": "EN"})) == ["When is the library open?"]
    assert questions(gql.execute(LIST, {"topic": "MEMBERSHIP"})) == [
        "Bagaimana membuat kartu anggota?"
    ]


def test_drafts_never_leak_whoever_asks(entries, staff, make_entry):
    client = Client()
    client.force_login(staff)
    from tests.conftest import GraphQLClient

    staff_gql = GraphQLClient(client)
    draft_id = to_global_id("FaqEntry", entries["draft"].pk)
    # A published entry with an unpublished edit shows its published text only.
    card = entries["card"]
    card.question = "Pertanyaan draf rahasia"
    card.save_revision()
    for caller in (GraphQLClient(), staff_gql):
        assert "Rahasia" not in json.dumps(caller.execute(LIST))
        assert "rahasia" not in json.dumps(caller.execute(LIST)).lower()
        assert caller.execute(ONE, {"id": draft_id})["data"]["faqEntry"] is None
        node = caller.execute("query ($id: ID!) { node(id: $id) { id } }", {"id": draft_id})
        assert node["data"]["node"] is None
        found = caller.execute(SEARCH, {"q": "rahasia"})["data"]["search"]
        assert found == {"totalCount": 0, "edges": []}
        assert caller.execute(SUGGEST, {"text": "rahasia draf malam"})["data"] == {
            "faqSuggestions": []
        }
    # Unpublishing removes a published entry everywhere.
    entries["hours"].unpublish()
    assert "Kapan" not in json.dumps(GraphQLClient().execute(LIST))
    one = GraphQLClient().execute(ONE, {"id": to_global_id("FaqEntry", entries["hours"].pk)})
    assert one["data"]["faqEntry"] is None


def test_one_entry_and_odd_ids(gql, entries):
    entry_id = to_global_id("FaqEntry", entries["hours"].pk)
    assert gql.execute(ONE, {"id": entry_id})["data"]["faqEntry"]["question"] == (
        "Kapan perpustakaan buka?"
    )
    for odd in ("", "x" * 500, to_global_id("Book", 1), to_global_id("FaqEntry", "0"), "\u202e1"):
        response = gql.post(ONE, {"id": odd})
        assert response.status_code == 200
        assert codes(response) == ["INVALID_ID"]
    gone = to_global_id("FaqEntry", 999_999)
    assert gql.execute(ONE, {"id": gone})["data"]["faqEntry"] is None


def test_search_finds_published_entries_among_pages_and_books(gql, entries):
    body = gql.execute(SEARCH, {"q": "perpustakaan buka"})
    nodes = [edge["node"] for edge in body["data"]["search"]["edges"]]
    assert nodes == [{"__typename": "FaqEntry", "question": "Kapan perpustakaan buka?"}]
    assert body["data"]["search"]["totalCount"] == 1
    only = gql.execute(SEARCH, {"q": "library open", "types": ["FAQ"], "locale": "EN"})
    assert only["data"]["search"]["totalCount"] == 1
    none = gql.execute(SEARCH, {"q": "perpustakaan", "types": ["BOOK"]})
    assert none["data"]["search"]["edges"] == []
    wrong_language = gql.execute(SEARCH, {"q": "perpustakaan", "locale": "EN"})
    assert wrong_language["data"]["search"]["edges"] == []


def test_suggestions_rank_any_word_in_the_callers_language(gql, entries, make_entry):
    make_entry("Apakah ada kartu perpustakaan untuk anak?", topic=FaqTopic.MEMBERSHIP)
    body = gql.execute(SUGGEST, {"text": "saya mau bikin kartu anggota baru, bagaimana?"})
    found = [item["question"] for item in body["data"]["faqSuggestions"]]
    assert found[0] == "Bagaimana membuat kartu anggota?"
    assert "Apakah ada kartu perpustakaan untuk anak?" in found
    assert all(item["language"] == "id" for item in body["data"]["faqSuggestions"])
    english = gql.execute(
        SUGGEST, {"text": "is the library open on Sunday?"}, **{"Accept-Language": "en"}
    )
    assert [item["question"] for item in english["data"]["faqSuggestions"]] == [
        "When is the library open?"
    ]
    one = gql.execute(SUGGEST, {"text": "kartu perpustakaan", "first": 1})
    assert len(one["data"]["faqSuggestions"]) == 1
    for text in ("", "?!", "a b", '"*) OR (', "AND NOT", 'kartu" OR "x', "🙂" * 10):
        body = gql.execute(SUGGEST, {"text": text})
        assert "errors" not in body, text


def test_suggestions_refuse_long_text_and_large_first(gql, entries):
    assert codes(gql.post(SUGGEST, {"text": "kartu " * 200})) == ["INVALID_VARIABLES"]
    assert codes(gql.post(SUGGEST, {"text": "kartu", "first": 6})) == ["PAGE_SIZE_EXCEEDED"]
    assert codes(gql.post(SUGGEST, {"text": "kartu", "first": -1})) == ["PAGE_SIZE_EXCEEDED"]
    assert codes(gql.post(LIST, {"first": 101})) == ["PAGE_SIZE_EXCEEDED"]
    assert codes(gql.post(SUGGEST, {"text": "ka\x00rtu"})) == ["INVALID_TEXT"]


def test_lists_cost_constant_sql(gql, make_entry, locales):
    def count(size, query, variables, field):
        for number in range(size):
            make_entry(
                f"Pertanyaan kartu nomor {size} {number}",
                '<p>Lihat <a linktype="page" id="1">halaman</a> dan '
                f'<a linktype="document" id="{number + 1}">berkas</a>.</p>',
            )
        gql.execute(query, variables)  # the site search remembers index scans: warm it
        with CaptureQueriesContext(connection) as captured:
            body = gql.execute(query, variables)
        assert "errors" not in body, body
        data = body["data"][field]
        return len(captured), len(data["edges"] if isinstance(data, dict) else data)

    small = count(2, LIST, {"first": 100}, "faqEntries")
    large = count(5, LIST, {"first": 100}, "faqEntries")
    assert (small[1], large[1]) == (2, 7) and small[0] == large[0]
    suggest_small = count(0, SUGGEST, {"text": "pertanyaan kartu", "first": 2}, "faqSuggestions")
    suggest_large = count(0, SUGGEST, {"text": "pertanyaan kartu", "first": 5}, "faqSuggestions")
    assert (suggest_small[1], suggest_large[1]) == (2, 5)
    assert suggest_small[0] == suggest_large[0]
    search = """query ($first: Int) { search(query: "pertanyaan", first: $first) {
      edges { node { ... on FaqEntry { question answer } } } } }"""
    search_small = count(0, search, {"first": 2}, "search")
    search_large = count(0, search, {"first": 7}, "search")
    assert (search_small[1], search_large[1]) == (2, 7)
    assert search_small[0] == search_large[0]


DOCS = {doc.name: doc for doc in trusted_documents().values()}


@pytest.fixture
def cache_on(settings):
    settings.GRAPHQL_RESPONSE_CACHE_SECONDS = 3600
    from django.core.cache import cache

    cache.clear()


def get(client, name, variables):
    return client.get(
        "/graphql/",
        {"documentId": DOCS[name].id, "variables": json.dumps(variables)},
        headers={"Accept": MODERN_ACCEPT},
    )


def test_cached_answers_change_when_entries_are_published_edited_or_deleted(
    cache_on, make_entry, locales, django_capture_on_commit_callbacks
):
    client = Client()

    def committed():
        return django_capture_on_commit_callbacks(execute=True)

    with committed():
        entry = make_entry("Berapa lama peminjaman buku?", topic=FaqTopic.BORROWING)
    first = get(client, "FaqSuggestions", {"text": "peminjaman"})
    again = get(client, "FaqSuggestions", {"text": "peminjaman"})
    assert first["X-Cache"] == "MISS" and again["X-Cache"] == "HIT"
    assert len(first.json()["data"]["faqSuggestions"]) == 1
    assert get(client, "FaqList", {})["X-Cache"] == "MISS"
    assert get(client, "FaqList", {})["X-Cache"] == "HIT"
    with committed():
        make_entry("Bisakah peminjaman diperpanjang?", topic=FaqTopic.BORROWING)
    response = get(client, "FaqSuggestions", {"text": "peminjaman"})
    assert response["X-Cache"] == "MISS" and len(response.json()["data"]["faqSuggestions"]) == 2
    with committed():
        entry.unpublish()
    assert len(get(client, "FaqList", {}).json()["data"]["faqEntries"]["edges"]) == 1
    with committed():
        entry.save_revision().publish()
    assert len(get(client, "FaqList", {}).json()["data"]["faqEntries"]["edges"]) == 2
    with committed():
        entry.delete()
    assert len(get(client, "FaqList", {}).json()["data"]["faqEntries"]["edges"]) == 1
