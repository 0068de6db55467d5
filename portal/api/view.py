"""The GraphQL endpoint, following the GraphQL-over-HTTP specification.

One request goes: method and media type → caller identity → body → for each operation (a batch
holds several): document from the cache or parsed with the token cap and validated → operation
chosen → depth, aliases and cost measured → executed → errors masked → one response.

Responses are ``application/graphql-response+json``: a request refused before execution gets a
4xx status, an executed one 200 even when some fields failed. Clients that accept only
``application/json`` get the legacy behaviour the specification describes (200 for validation
errors). Anonymous ``GET`` responses carry ``Cache-Control`` and an ``ETag`` so a CDN can
serve them.
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView as GrapheneGraphQLView
from graphene_django.views import get_accepted_content_types
from graphql import ExecutionResult, OperationType, execute, get_operation_ast

from portal.api import documents, response_cache
from portal.api.auth import identify_caller
from portal.api.errors import ErrorCode, RequestError, format_error
from portal.api.limits import check_complexity, limits, measure, prepare_document
from portal.signals import graphql_executed
from portal.text import first_invalid, invalid_text_reason

logger = logging.getLogger("pustaka.api")

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
APQ_CACHE_PREFIX = "graphql:apq:"
APQ_TIMEOUT = 24 * 60 * 60  # a registered document is kept a day after it was last registered
JSON = "application/json"


def _negotiate_media_type(request) -> str:
    """The response's media type. A client that names neither (no ``Accept``, or ``*/*``) is
    answered as ``application/json``, as GraphQL over HTTP says it SHOULD be: such a client
    predates ``application/graphql-response+json``."""
    accepted = get_accepted_content_types(request)
    if not accepted:
        return JSON
    for media_type in accepted:
        if media_type == GRAPHQL_RESPONSE_JSON:
            return GRAPHQL_RESPONSE_JSON
        if media_type in (JSON, "*/*", "application/*"):
            return JSON
    raise RequestError(
        ErrorCode.NOT_ACCEPTABLE,
        _("This endpoint answers only application/graphql-response+json or application/json."),
    )


def _parse_json(text: str, message: str):
    try:
        return json.loads(text)
    except (TypeError, ValueError, RecursionError):  # RecursionError: arrays nested too deeply
        raise RequestError(ErrorCode.BAD_REQUEST, message) from None


class GraphQLRequest:
    """One operation's parameters, checked for shape.

    The document comes as ``query`` text, or as the id of a trusted document (``documentId``,
    ``id``, or Automatic Persisted Queries' ``extensions.persistedQuery.sha256Hash``);
    ``document_id`` is set when it is known by its hash."""

    def __init__(self, params, may_send_any_document: bool = True):
        if not isinstance(params, dict):
            raise RequestError(
                ErrorCode.BAD_REQUEST,
                _("A GraphQL request must be a JSON object with a `query` string."),
            )
        query = params.get("query")
        if query is not None and not isinstance(query, str):
            raise RequestError(ErrorCode.BAD_REQUEST, _("The request has no `query` string."))
        self.document_id, self.register = _document_reference(params, query)
        if self.document_id is not None:
            _refuse_invalid_text(query or "", None, None)
            if not query:
                query = _known_document(self.document_id)
            elif documents.document_id(query) != self.document_id:
                raise RequestError(
                    ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
                    _("The document's SHA-256 is not the hash sent with it."),
                )
            trusted = self.document_id in documents.trusted_documents()
            if self.register and not trusted and not may_send_any_document:
                raise _trusted_documents_only()
            self.register = self.register and not trusted
        elif not may_send_any_document:
            raise _trusted_documents_only()
        if not isinstance(query, str) or not query.strip():
            raise RequestError(ErrorCode.BAD_REQUEST, _("The request has no `query` string."))
        variables = params.get("variables")
        if isinstance(variables, str) and variables:
            variables = _parse_json(variables, _("The `variables` parameter is not valid JSON."))
        if variables in ("", None):
            variables = None
        elif not isinstance(variables, dict):
            raise RequestError(ErrorCode.BAD_REQUEST, _("`variables` must be a JSON object."))
        operation_name = params.get("operationName")
        if operation_name in ("", None):
            operation_name = None
        elif not isinstance(operation_name, str):
            raise RequestError(ErrorCode.BAD_REQUEST, _("`operationName` must be a string."))
        _refuse_invalid_text(query, operation_name, variables)
        self.query = query
        self.variables = variables
        self.operation_name = operation_name


def _document_reference(params: dict, query) -> tuple[str | None, bool]:
    """The document id a request names, and whether it asks to register its text (APQ)."""
    extensions = params.get("extensions")
    if isinstance(extensions, str) and extensions:
        extensions = _parse_json(extensions, _("The `extensions` parameter is not valid JSON."))
    if extensions in ("", None):
        extensions = {}
    if not isinstance(extensions, dict):
        raise RequestError(ErrorCode.BAD_REQUEST, _("`extensions` must be a JSON object."))
    persisted = extensions.get("persistedQuery")
    named = params.get("documentId", params.get("id"))
    if persisted is None and named in (None, ""):
        return None, False
    if persisted is not None:
        if (
            not isinstance(persisted, dict)
            or persisted.get("version") != 1
            or documents.parse_hash(persisted.get("sha256Hash")) is None
        ):
            raise RequestError(
                ErrorCode.BAD_REQUEST,
                _(
                    '`extensions.persistedQuery` must be {"version": 1, "sha256Hash": '
                    "<64 hexadecimal digits>}."
                ),
            )
        hashed = documents.parse_hash(persisted["sha256Hash"])
        if named not in (None, "") and documents.parse_hash(named) != hashed:
            raise RequestError(
                ErrorCode.BAD_REQUEST,
                _("`documentId` and `extensions.persistedQuery` name different documents."),
            )
        return hashed, bool(query)
    hashed = documents.parse_hash(named)
    if hashed is None:
        raise RequestError(
            ErrorCode.BAD_REQUEST,
            _("`documentId` must be a SHA-256 in hexadecimal (64 digits, optionally `sha256:`)."),
        )
    return hashed, False


def _known_document(document_id: str) -> str:
    trusted = documents.trusted_documents().get(document_id)
    if trusted is not None:
        return trusted.text
    registered = cache.get(APQ_CACHE_PREFIX + document_id)
    if isinstance(registered, str):
        return registered
    raise RequestError(
        ErrorCode.PERSISTED_QUERY_NOT_FOUND,
        _("No document has this id: send the query text with its hash once to register it."),
    )


def _trusted_documents_only() -> RequestError:
    return RequestError(
        ErrorCode.TRUSTED_DOCUMENT_REQUIRED,
        _(
            "This server runs only the operations of its frontend contract: send `documentId` "
            "with the SHA-256 of one of them (frontend_contract/manifest.json)."
        ),
        status=403,
    )


def _refuse_invalid_text(query: str, operation_name: str | None, variables: dict | None):
    """Refuse a NUL or a lone surrogate anywhere in the request, before anything runs.

    Such a string is never text (no database stores it; PostgreSQL refuses NUL), so it is
    refused here once for every argument and input of every field. String literals written in
    the document are checked by the ``TextValuesRule`` validation rule (``\\u0000``)."""
    if invalid_text_reason(query) or (operation_name and invalid_text_reason(operation_name)):
        raise RequestError(ErrorCode.INVALID_TEXT, _invalid_text_message())
    found = first_invalid(variables) if variables else None
    if found is not None:
        path, _reason = found
        where = ".".join(str(part) for part in ("variables", *path))
        raise RequestError(ErrorCode.INVALID_TEXT, _invalid_text_message(), path=where)


def _private(request) -> bool:
    """A resolver showing something private (a draft preview) sets this flag."""
    return bool(getattr(request, "pustaka_private_response", False))


def _may_send_any_document(request) -> bool:
    """Whether the caller may run a document outside the frontend contract."""
    if not settings.GRAPHQL_TRUSTED_DOCUMENTS_ONLY:
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_active and user.is_staff)


def _invalid_text_message() -> str:
    return _(
        "The request holds a character that text cannot contain (a NUL character or an "
        "unpaired UTF-16 surrogate). Remove it and send the request again."
    )


@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(GrapheneGraphQLView):
    """The /graphql/ endpoint. Inherits only GraphiQL's page from graphene-django's view."""

    http_method_names = ["get", "post", "options"]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.graphql_schema = self.schema.graphql_schema

    def dispatch(self, request, *args, **kwargs):
        media_type = GRAPHQL_RESPONSE_JSON
        try:
            if request.method not in ("GET", "POST"):
                raise RequestError(
                    ErrorCode.METHOD_NOT_ALLOWED,
                    _("Use GET for queries or POST for queries and mutations."),
                    headers={"Allow": "GET, POST"},
                )
            if self._wants_graphiql(request):
                return self.render_graphiql(request, **self._graphiql_context())
            media_type = _negotiate_media_type(request)
            identify_caller(request)
            params, batched = self._read_params(request)
            results = [self._run(request, entry, media_type) for entry in params]
        except RequestError as error:
            return self._respond(
                request, {"errors": [error.as_dict()]}, error.status, media_type, error.headers
            )
        if batched:
            return self._respond(request, [body for body, _status in results], 200, media_type)
        body, status = results[0]
        return self._respond(request, body, status, media_type)

    # --- reading the request ----------------------------------------------------------------

    def _wants_graphiql(self, request) -> bool:
        return (
            settings.GRAPHQL_GRAPHIQL
            and request.method == "GET"
            and not {"query", "documentId", "id", "extensions"} & set(request.GET)
            and self.request_wants_html(request)
        )

    def _graphiql_context(self) -> dict:
        names = [
            "whatwg_fetch_version", "whatwg_fetch_sri", "react_version", "react_sri",
            "react_dom_sri", "graphiql_version", "graphiql_sri", "graphiql_css_sri",
            "subscriptions_transport_ws_version", "subscriptions_transport_ws_sri",
            "graphiql_plugin_explorer_version", "graphiql_plugin_explorer_sri",
            "graphiql_plugin_explorer_css_sri", "subscription_path",
        ]  # fmt: skip
        context = {name: getattr(self, name) for name in names}
        context.update(
            graphiql_header_editor_enabled=True,
            graphiql_should_persist_headers=False,
            graphiql_input_value_deprecation=False,
        )
        return context

    def _read_params(self, request) -> tuple[list, bool]:
        if request.method == "GET":
            return [request.GET.dict()], False
        content_type = request.content_type.lower()
        if content_type != JSON:
            raise RequestError(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                _("Send the request body as application/json."),
            )
        max_body = limits()["MAX_BODY_BYTES"]
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > max_body:
            raise self._body_too_large(max_body)
        body = request.body
        if len(body) > max_body:
            raise self._body_too_large(max_body)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise RequestError(ErrorCode.BAD_REQUEST, _("The body is not UTF-8 text.")) from None
        payload = _parse_json(text, _("The request body is not valid JSON."))
        if isinstance(payload, list):
            if not payload:
                raise RequestError(ErrorCode.BAD_REQUEST, _("The batch is empty."))
            if len(payload) > limits()["MAX_BATCH"]:
                raise RequestError(
                    ErrorCode.BATCH_TOO_LARGE,
                    _("A batch may hold at most {limit} operations.").format(
                        limit=limits()["MAX_BATCH"]
                    ),
                )
            return payload, True
        return [payload], False

    @staticmethod
    def _body_too_large(limit: int) -> RequestError:
        return RequestError(
            ErrorCode.PAYLOAD_TOO_LARGE,
            _("The request body is larger than {limit} bytes.").format(limit=limit),
        )

    # --- running one operation --------------------------------------------------------------

    def _run(self, request, params, media_type) -> tuple[dict, int]:
        """Run one operation; return its response body and HTTP status."""
        # Legacy application/json clients get 200 for well-formed requests the spec says.
        validation_status = 400 if media_type == GRAPHQL_RESPONSE_JSON else 200
        try:
            graphql_request = GraphQLRequest(params, _may_send_any_document(request))
            prepared = prepare_document(self.graphql_schema, graphql_request.query)
            if prepared.errors:
                errors = [error.formatted for error in prepared.errors]
                return {"errors": errors}, validation_status
            if graphql_request.register:
                # Automatic Persisted Queries: a valid document is known by its hash from now.
                cache.set(
                    APQ_CACHE_PREFIX + graphql_request.document_id,
                    graphql_request.query,
                    APQ_TIMEOUT,
                )
            operation = get_operation_ast(prepared.document, graphql_request.operation_name)
            if operation is None:
                raise self._operation_not_found(graphql_request.operation_name)
            if self.graphql_schema.get_root_type(operation.operation) is None:
                message = _("This API has no {kind} operations.").format(
                    kind=operation.operation.value
                )
                code = ErrorCode.GRAPHQL_VALIDATION_FAILED.value
                return {"errors": [{"message": message, "extensions": {"code": code}}]}, (
                    validation_status
                )
            if operation.operation == OperationType.SUBSCRIPTION:
                # Subscriptions are served over WebSocket (graphql-transport-ws), never HTTP.
                message = _("Subscriptions are served over WebSocket (graphql-transport-ws).")
                code = ErrorCode.GRAPHQL_VALIDATION_FAILED.value
                return {"errors": [{"message": message, "extensions": {"code": code}}]}, (
                    validation_status
                )
            if request.method == "GET" and operation.operation != OperationType.QUERY:
                raise RequestError(
                    ErrorCode.METHOD_NOT_ALLOWED,
                    _("Mutations must be sent with POST."),
                    headers={"Allow": "POST"},
                )
            complexity = measure(
                self.graphql_schema, prepared.document, operation, graphql_request.variables
            )
            cost = {"requestedQueryCost": complexity.cost, "maximumAvailable": limits()["MAX_COST"]}
            try:
                check_complexity(complexity)
            except RequestError as error:
                body = {"errors": [error.as_dict()], "extensions": {"cost": cost}}
                return body, validation_status
            if request.method == "GET" and not request.user.is_authenticated:
                response_cache.mark_cacheable(
                    request,
                    self.graphql_schema,
                    prepared.document,
                    graphql_request.query,
                    graphql_request.operation_name,
                )
            result = self._execute(request, prepared.document, operation, graphql_request)
        except RequestError as error:
            if error.status == 405:
                raise  # the method is wrong for the whole request
            return {"errors": [error.as_dict()]}, error.status
        body = {}
        if result.errors:
            body["errors"] = [format_error(error, request) for error in result.errors]
        if result.data is None and not any(error.path for error in result.errors or ()):
            # Variables that do not fit their types: refused before execution, so no `data`.
            for formatted in body.get("errors", ()):
                formatted.setdefault("extensions", {}).setdefault(
                    "code", ErrorCode.INVALID_VARIABLES.value
                )
            body["extensions"] = {"cost": cost}
            return body, validation_status
        body["data"] = result.data
        body["extensions"] = {"cost": cost}
        graphql_executed.send(
            GraphQLView,
            request=request,
            operation=operation,
            variables=graphql_request.variables,
            data=result.data,
        )
        return body, 200

    def _execute(self, request, document, operation, graphql_request) -> ExecutionResult:
        options = {
            "context_value": request,
            "variable_values": graphql_request.variables,
            "operation_name": graphql_request.operation_name,
        }
        if operation.operation == OperationType.MUTATION:
            with transaction.atomic():
                result = execute(self.graphql_schema, document, **options)
                if result.errors:
                    # A failed mutation leaves nothing half-written.
                    transaction.set_rollback(True)
            return result
        return execute(self.graphql_schema, document, **options)

    @staticmethod
    def _operation_not_found(name) -> RequestError:
        if name:
            message = _("The document has no operation named {name}.").format(name=name)
        else:
            message = _("The document holds several operations: name one in `operationName`.")
        return RequestError(ErrorCode.OPERATION_NOT_FOUND, message)

    # --- responding ---------------------------------------------------------------------------

    def _respond(self, request, body, status, media_type, headers=None) -> HttpResponse:
        content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        response = HttpResponse(content, status=status, content_type=f"{media_type}; charset=utf-8")
        for name, value in (headers or {}).items():
            response[name] = value
        patch_vary_headers(response, response_cache.VARY)
        public = (
            request.method == "GET"
            and status == 200
            and not getattr(request, "user", None).is_authenticated
            and isinstance(body, dict)
            and "errors" not in body
            and not _private(request)
        )
        if public:
            response["Cache-Control"] = f"public, max-age={settings.GRAPHQL_PUBLIC_MAX_AGE}"
            etag = f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'
            response["ETag"] = etag
            if etag in request.headers.get("If-None-Match", ""):
                not_modified = HttpResponse(status=304)
                for name in ("ETag", "Cache-Control", "Vary"):
                    not_modified[name] = response[name]
                return not_modified
        else:
            response["Cache-Control"] = "private, no-store"
        return response
