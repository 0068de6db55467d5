"""Anonymous GET responses, remembered in the shared cache until what they show changes.

A response is stored under its document, variables, operation, language, site and media type,
with the versions (``portal.content_versions``) of the *topics* its document can reach: for
every object type the document selects (and every type an interface or union it selects can
be), the app that defines the type and, for a Django model's type, the model's app. It is used
while those versions are unchanged, so publishing a news page invalidates what shows pages but
not a book's loans, and a loan invalidates what shows availability but not the news.

``ResponseCacheMiddleware`` does it before the session, language and authentication middleware
run, so a hit costs two cache reads (and one primary-key query for the catalog's version); the
view names the topics of what it answered (``mark_cacheable``). Never cached: anything for a
signed-in caller (only requests without a session cookie or token are looked up and stored),
a response a resolver marked private (a draft preview), a response with errors, a document
reaching a type defined outside an app (the answer would have no topic).
``GRAPHQL_RESPONSE_CACHE_SECONDS`` bounds an entry's life (0 turns the cache off).

A CDN in front (Wagtail's frontend-cache integration, ``WAGTAILFRONTENDCACHE``) is told too: the
address of every stored answer is listed under its topics, and when a topic changes the worker
purges the addresses listed under it (``portal.tasks.purge_frontend_cache``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from graphql import (
    GraphQLSchema,
    TypeInfo,
    TypeInfoVisitor,
    get_named_type,
    get_operation_ast,
    is_abstract_type,
    is_object_type,
    visit,
)
from graphql.language import Visitor

from portal import content_versions
from portal.signals import graphql_executed

logger = logging.getLogger("pustaka.api")

KEY = "graphql:response:"
# What an answer of the endpoint varies on (the view sets the same).
VARY = ("Accept", "Accept-Language", "Cookie", "X-Session-Token")
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


def mark_cacheable(request, schema, document, text: str, operation_name=None) -> None:
    """Called by the view for an anonymous GET: name the topics the answer may be stored under."""
    topics = document_topics(schema, document, text)
    if topics is not None:
        request.pustaka_cache_topics = topics
        request.pustaka_cache_document = (text, operation_name)


def _announce(request, entry) -> None:
    """Tell ``graphql_executed``'s listeners (analytics) about an operation answered from here,
    as the view does after running one."""
    if not graphql_executed.has_listeners() or not entry.get("document"):
        return
    from portal.api.limits import prepare_document  # noqa: PLC0415
    from portal.api.schema import schema  # noqa: PLC0415

    text, operation_name = entry["document"]
    prepared = prepare_document(schema.graphql_schema, text)
    operation = get_operation_ast(prepared.document, operation_name)
    if prepared.errors or operation is None:
        return
    variables = request.GET.get("variables")
    variables = json.loads(variables) if variables else None
    data = json.loads(entry["content"]).get("data")
    graphql_executed.send(
        ResponseCacheMiddleware,
        request=request,
        operation=operation,
        variables=variables if isinstance(variables, dict) else None,
        data=data,
    )


@lru_cache(maxsize=1)
def all_topics() -> tuple[str, ...]:
    """Every topic a document can reach: the apps' labels, as topics."""
    found = set()
    for app in apps.get_app_configs():
        topic = content_versions.topic_of_label(app.label)
        if topic not in content_versions.IGNORED_APPS:
            found.add(topic)
    return tuple(sorted(found))


class ResponseCacheMiddleware:
    """Answer a repeated anonymous ``GET /graphql/`` from the cache, before sessions, languages
    and the view run; store what the view answered publicly, with the versions read before it
    ran. Sits after CORS (its headers are added to cached answers too) and before the session
    middleware. A request with a session cookie or ``X-Session-Token`` goes through untouched:
    whether it is a member's is for the session to tell."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        if not _wants_fresh(request):
            entry = cache.get(key)
            if isinstance(entry, dict) and self._current(entry):
                request.LANGUAGE_CODE = translation.get_language_from_request(request)
                try:
                    _announce(request, entry)
                except Exception:  # counting must never break an answer
                    logger.exception("a cached GraphQL answer was not announced")
                return self._answer(request, entry)
        before = content_versions.versions(all_topics())
        response = self.get_response(request)
        topics = getattr(request, "pustaka_cache_topics", None)
        if (
            topics is not None
            and response.status_code == 200
            and not response.streaming
            and response.get("Cache-Control", "").startswith("public")
            and not response.has_header("Content-Encoding")
        ):
            entry = {
                "versions": {topic: before.get(topic, "") for topic in topics},
                "content": response.content,
                "content_type": response["Content-Type"],
                "etag": response.get("ETag", ""),
                "document": getattr(request, "pustaka_cache_document", None),
            }
            cache.set(key, entry, seconds())
            if getattr(settings, "WAGTAILFRONTENDCACHE", None):
                remember_url(topics, request.build_absolute_uri())
            response["X-Cache"] = "MISS"
        return response

    def _key(self, request) -> str | None:
        if request.method != "GET" or seconds() <= 0:
            return None
        if self.path is None:
            self.path = reverse("graphql")
        if request.path != self.path:
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "X-Session-Token" in request.headers:
            return None
        params = request.GET
        if not {"query", "documentId", "id", "extensions"} & set(params):
            return None  # GraphiQL's page
        try:
            canonical = {name: params.getlist(name) for name in sorted(params)}
            for name in ("variables", "extensions"):
                if name in canonical and len(canonical[name]) == 1 and canonical[name][0]:
                    canonical[name] = json.loads(canonical[name][0])
            host = request.get_host()
        except (ValueError, RecursionError, DisallowedHost):
            return None  # the view answers with the error
        identity = json.dumps(
            [
                deployment(),
                canonical,
                translation.get_language_from_request(request),
                host,
                request.headers.get("Accept", "").strip().lower(),
            ],
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=True,
        )
        return KEY + hashlib.sha256(identity.encode("ascii")).hexdigest()

    @staticmethod
    def _current(entry) -> bool:
        versions = entry.get("versions")
        return isinstance(versions, dict) and content_versions.versions(versions) == versions

    @staticmethod
    def _answer(request, entry) -> HttpResponse:
        etag = entry["etag"]
        if etag and etag in request.headers.get("If-None-Match", ""):
            response = HttpResponse(status=304)
        else:
            response = HttpResponse(entry["content"], content_type=entry["content_type"])
        if etag:
            response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={settings.GRAPHQL_PUBLIC_MAX_AGE}"
        patch_vary_headers(response, VARY)
        response["X-Cache"] = "HIT"
        return response


_deployment: list[str] = []


def deployment() -> str:
    """What answers depend on besides the content: the schema (a deploy that changes a resolver
    changes what a document answers) and the addresses in answers (media and site URLs)."""
    if not _deployment:
        from portal.api.schema import schema  # noqa: PLC0415 - the schema imports every app

        parts = [
            str(schema),
            settings.WAGTAILADMIN_BASE_URL,
            settings.MEDIA_URL,
            getattr(settings, "FRONTEND_URL", ""),
            getattr(settings, "GRAPHQL_RESPONSE_CACHE_GENERATION", ""),
        ]
        _deployment.append(hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16])
    return _deployment[0]


def _wants_fresh(request) -> bool:
    """``Cache-Control: no-cache`` (or ``Pragma: no-cache``): answer from the source (RFC 9111
    §5.2.1.4); the answer is stored for the next caller."""
    directives = request.headers.get("Cache-Control", "").lower()
    if any(part.strip() in ("no-cache", "max-age=0") for part in directives.split(",")):
        return True
    return "no-cache" in request.headers.get("Pragma", "").lower()
