"""Anonymous GET responses, remembered in the shared cache until what they show changes.

A response is stored under its document, variables, operation, language, site and media type,
with the versions (``portal.content_versions``) of the *topics* its document can reach: for
every object type the document selects (and every type an interface or union it selects can
be), the app that defines the type and, for a Django model's type, the model's app. It is used
while those versions are unchanged, so publishing a news page invalidates what shows pages but
not a book's loans, and a loan invalidates what shows availability but not the news.

Never cached: anything for a signed-in caller (only callers without a session or token are
looked up and stored), a response a resolver marked private (a draft preview), a response with
errors, a document reaching a type defined outside an app (the answer would have no topic).
``GRAPHQL_RESPONSE_CACHE_SECONDS`` bounds an entry's life (0 turns the cache off).

A CDN in front (Wagtail's frontend-cache integration, ``WAGTAILFRONTENDCACHE``) is told too: the
address of every stored answer is listed under its topics, and when a topic changes the worker
purges the addresses listed under it (``portal.tasks.purge_frontend_cache``).
"""

from __future__ import annotations

import hashlib
import json

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from graphql import (
    GraphQLSchema,
    TypeInfo,
    TypeInfoVisitor,
    get_named_type,
    is_abstract_type,
    is_object_type,
    visit,
)
from graphql.language import Visitor

from portal import content_versions

KEY = "graphql:response:"
URLS_KEY = "graphql:urls:"
MAX_URLS_PER_TOPIC = 1000
_UNCACHEABLE = None


def seconds() -> int:
    return int(getattr(settings, "GRAPHQL_RESPONSE_CACHE_SECONDS", 0))


def _type_topics(graphql_type) -> set[str] | None:
    """The topics one object type shows; None when it cannot be told (not cacheable)."""
    graphene_type = getattr(graphql_type, "graphene_type", None)
    if graphene_type is None:
        return set()  # graphql-core's own types (introspection)
    module = graphene_type.__module__
    topics = set()
    model = getattr(getattr(graphene_type, "_meta", None), "model", None)
    if model is not None:
        topic = content_versions.topic_of_model(model)
        if topic:
            topics.add(topic)
    if module.startswith(("portal.api.", "graphene")):
        return topics  # the API's own structure: page info, the root types
    app = apps.get_containing_app_config(module)
    if app is None:
        return _UNCACHEABLE
    topics.add(content_versions.topic_of_label(app.label))
    return topics


class _Types(Visitor):
    def __init__(self, type_info: TypeInfo, schema: GraphQLSchema):
        super().__init__()
        self.type_info = type_info
        self.schema = schema
        self.types = set()

    def enter_field(self, *_args):
        named = get_named_type(self.type_info.get_type())
        if named is None:
            return
        if is_abstract_type(named):
            self.types.update(self.schema.get_possible_types(named))
        elif is_object_type(named):
            self.types.add(named)


_topics_by_text: dict[str, frozenset[str] | None] = {}


def document_topics(schema: GraphQLSchema, document, text: str) -> frozenset[str] | None:
    """The topics a (validated) document can show, or None if it cannot be cached."""
    if text not in _topics_by_text:
        if len(_topics_by_text) > 2048:
            _topics_by_text.clear()
        _topics_by_text[text] = _document_topics(schema, document)
    return _topics_by_text[text]


def _document_topics(schema: GraphQLSchema, document) -> frozenset[str] | None:
    type_info = TypeInfo(schema)
    collector = _Types(type_info, schema)
    visit(document, TypeInfoVisitor(type_info, collector))
    topics: set[str] = set()
    for graphql_type in collector.types:
        found = _type_topics(graphql_type)
        if found is _UNCACHEABLE:
            return None
        topics |= found
    return frozenset(topics)


class Lookup:
    """One anonymous query's place in the cache: its key and the versions read before it ran."""

    def __init__(self, key: str, versions: dict, url: str, fresh: bool = False):
        self.key = key
        self.versions = versions
        self.url = url
        self.fresh = fresh  # the client asked for a fresh answer (Cache-Control: no-cache)

    def hit(self):
        if self.fresh:
            return None
        entry = cache.get(self.key)
        if isinstance(entry, dict) and entry.get("versions") == self.versions:
            return entry["body"]
        return None

    def store(self, body: dict) -> None:
        cache.set(self.key, {"versions": self.versions, "body": body}, seconds())
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            remember_url(self.versions, self.url)


def remember_url(topics, url: str) -> None:
    """List a stored answer's address under its topics, for the CDN purge."""
    keys = [URLS_KEY + topic for topic in topics]
    listed = cache.get_many(keys)
    changed = {}
    for key in keys:
        urls = listed.get(key) or []
        if url not in urls:
            changed[key] = [*urls, url][-MAX_URLS_PER_TOPIC:]
    if changed:
        cache.set_many(changed, timeout=None)


def take_urls(topics) -> list[str]:
    """The addresses listed under these topics, unlisted now."""
    keys = [URLS_KEY + topic for topic in topics]
    listed = cache.get_many(keys)
    cache.delete_many(list(listed))
    return sorted({url for urls in listed.values() for url in urls})


def purge_on_change(topics) -> None:
    """A content-version listener: have the worker purge the CDN's copies of what changed."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from portal.tasks import purge_frontend_cache  # noqa: PLC0415 - huey registers on import

        purge_frontend_cache(sorted(topics))


def lookup(request, schema, document, query: str, variables, operation_name, media_type):
    """The cache place for this request, or None when it must not be cached."""
    if seconds() <= 0 or request.method != "GET":
        return None
    if getattr(request, "auth_method", None) or request.user.is_authenticated:
        return None
    topics = document_topics(schema, document, query)
    if topics is None:
        return None
    identity = json.dumps(
        [
            hashlib.sha256(query.encode("utf-8")).hexdigest(),
            operation_name,
            variables,
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            request.get_host(),
            media_type,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    key = KEY + hashlib.sha256(identity.encode("ascii")).hexdigest()
    return Lookup(
        key,
        content_versions.versions(topics),
        request.build_absolute_uri(),
        fresh=_wants_fresh(request),
    )


def _wants_fresh(request) -> bool:
    """``Cache-Control: no-cache`` (or ``Pragma: no-cache``): answer from the source (RFC 9111
    §5.2.1.4); the answer is stored for the next caller."""
    directives = request.headers.get("Cache-Control", "").lower()
    if any(part.strip() in ("no-cache", "max-age=0") for part in directives.split(",")):
        return True
    return "no-cache" in request.headers.get("Pragma", "").lower()
