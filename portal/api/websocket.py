"""GraphQL over WebSocket: the ``graphql-transport-ws`` protocol on a Channels consumer.

(Longer than the house's ~400 lines on purpose: one connection's state machine — handshake,
authentication, the running operations, their limits and the close codes — reads top to bottom
in one place; split, the state of a connection would be shared across modules.)

The protocol is graphql-ws's (github.com/enisdenjo/graphql-ws, PROTOCOL.md), what the
``graphql-ws`` client library, GraphiQL, Apollo Client and Python's ``gql`` speak:

* the client opens ``/graphql/`` with the subprotocol ``graphql-transport-ws`` and sends
  ``connection_init`` within ``REALTIME["INIT_TIMEOUT"]`` seconds (else ``4408``); its payload
  may hold ``X-Session-Token`` (allauth headless, for apps) and ``language``; a browser is
  identified by its session cookie instead. A token that does not sign anyone in closes with
  ``4403``; a second ``connection_init`` with ``4429``;
* ``subscribe`` (only after ``connection_ack``, else ``4401``; an id already running closes with
  ``4409``) runs a query, a mutation or a subscription: ``next`` carries each result,
  ``complete`` ends it, ``error`` refuses it (parse, validation, limits, permissions) without
  closing the socket; a client's ``complete`` stops an operation;
* ``ping`` is answered with ``pong``; anything else that is not a message of the protocol
  closes with ``4400``, and a message over ``GRAPHQL_LIMITS["MAX_BODY_BYTES"]`` with ``1009``.

Every operation goes through what the HTTP view applies: trusted documents and Automatic
Persisted Queries (``documentId``, ``extensions.persistedQuery``), the document's size, tokens
and validation, depth, aliases and cost, the masking of internal errors. Resolvers get a Django
request as ``info.context``, built from the handshake (headers, client address), with ``user``
and ``LANGUAGE_CODE`` set as over HTTP, so the same permission code runs; a fresh one for each
operation and for each event of a subscription, since loaders remember what they loaded for
their request. Queries, mutations (in a transaction, rolled back when they fail) and the
execution of each subscription event run in a thread (``database_sync_to_async``); the source
stream of a subscription (an async generator, usually ``portal.realtime.listen`` plus a read
by cursor) runs on the event loop.

A signed-in connection's session is checked again every ``REALTIME["SESSION_CHECK_SECONDS"]``:
once it ended (signed out, password changed, account deactivated) the socket closes with
``4403``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass
from io import BytesIO

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.handlers.asgi import ASGIRequest
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from graphql import (
    ExecutionResult,
    GraphQLError,
    OperationType,
    create_source_event_stream,
    execute,
    get_operation_ast,
)

from portal.api.errors import ErrorCode, RequestError, format_error
from portal.api.limits import check_complexity, limits, measure, prepare_document
from portal.signals import graphql_executed

logger = logging.getLogger("pustaka.api.websocket")

SUBPROTOCOL = "graphql-transport-ws"
SESSION_TOKEN_KEYS = ("x-session-token", "sessiontoken", "session_token")


class CloseCode:
    """The close codes of the protocol (and 1009, the WebSocket standard's "message too big")."""

    NORMAL = 1000
    MESSAGE_TOO_BIG = 1009
    INTERNAL_ERROR = 4500
    BAD_REQUEST = 4400
    UNAUTHORIZED = 4401
    FORBIDDEN = 4403
    SUBPROTOCOL_NOT_ACCEPTABLE = 4406
    INIT_TIMEOUT = 4408
    SUBSCRIBER_EXISTS = 4409
    TOO_MANY_INIT = 4429


def realtime_limits() -> dict:
    return settings.REALTIME


class ProtocolError(Exception):
    """A message outside the protocol: the socket closes with ``4400`` and this reason."""


class Refused(Exception):
    """The connection is not allowed: the socket closes with ``4403``."""


@dataclass
class Identity:
    user: object
    auth_method: str | None
    language: str
    session_key: str | None = None
    session_token: str | None = None


def _validate_message(message) -> dict:
    """The message if it is one of the protocol's a client may send, else ``ProtocolError``."""
    if not isinstance(message, dict):
        raise ProtocolError("A message must be a JSON object")
    kind = message.get("type")
    if not isinstance(kind, str) or not kind:
        raise ProtocolError("A message needs a 'type' string")
    if kind in ("connection_init", "ping", "pong"):
        if message.get("payload") is not None and not isinstance(message["payload"], dict):
            raise ProtocolError(f'"{kind}" payload must be an object')
    elif kind in ("subscribe", "complete"):
        if not isinstance(message.get("id"), str) or not message["id"]:
            raise ProtocolError(f'"{kind}" needs a non-empty "id" string')
        if len(message["id"]) > 128:
            raise ProtocolError(f'"{kind}" id is longer than 128 characters')
        if kind == "subscribe":
            payload = message.get("payload")
            if not isinstance(payload, dict):
                raise ProtocolError('"subscribe" payload must be an object')
            for key, kinds in (
                ("query", str),
                ("operationName", str),
                ("variables", dict),
                ("extensions", dict),
            ):
                if payload.get(key) is not None and not isinstance(payload[key], kinds):
                    raise ProtocolError(f'"subscribe" payload.{key} has the wrong type')
            has_reference = payload.get("documentId") or payload.get("extensions")
            if not isinstance(payload.get("query"), str) and not has_reference:
                raise ProtocolError('"subscribe" payload needs a "query" string')
    elif kind in ("next", "error", "connection_ack"):
        raise ProtocolError(f'Unexpected message of type "{kind}" from a client')
    else:
        raise ProtocolError(f'Unknown message type "{kind[:40]}"')
    return message


def _session_token(payload: dict) -> str | None:
    """``X-Session-Token`` from the ``connection_init`` payload (any case; also in ``headers``)."""
    for source in (payload, payload.get("headers")):
        if not isinstance(source, dict):
            continue
        for key, value in source.items():
            if isinstance(key, str) and key.lower() in SESSION_TOKEN_KEYS:
                return value if isinstance(value, str) else ""
    return None


def _requested_language(payload: dict) -> str | None:
    """``language`` (``id``/``en``, any case) or ``Accept-Language`` from the payload."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = payload.get("language")
    if isinstance(language, str) and language.lower() in codes:
        return language.lower()
    for source in (payload, payload.get("headers")):
        if not isinstance(source, dict):
            continue
        for key, value in source.items():
            if isinstance(key, str) and key.lower() == "accept-language" and isinstance(value, str):
                for part in value.split(","):
                    code = part.split(";")[0].strip().lower().split("-")[0]
                    if code in codes:
                        return code
    return None


def _error_payload(errors) -> list[dict]:
    return [error if isinstance(error, dict) else format_error(error) for error in errors]


class GraphQLTransportWSConsumer(AsyncWebsocketConsumer):
    """One WebSocket connection speaking ``graphql-transport-ws`` (see the module's docstring).

    ``schema`` (a graphene Schema) defaults to ``portal.api.schema.schema``; tests give another
    with ``GraphQLTransportWSConsumer.as_asgi(schema=…)``."""

    schema = None
    # The consumer needs no channel of its own in the layer (subscriptions listen to groups
    # with channels of their own): no alias configured, so Channels makes none.
    channel_layer_alias = "graphql-transport-ws: no channel"

    def __init__(self, *args, schema=None, **kwargs):
        super().__init__(*args, **kwargs)
        if schema is not None:
            self.schema = schema

    # --- the socket -------------------------------------------------------------------------

    async def connect(self):
        self.identity: Identity | None = None
        self.init_received = False
        self.acknowledged = False
        self.operations: dict[str, asyncio.Task] = {}
        self.background: set[asyncio.Task] = set()
        self.closed = False
        if SUBPROTOCOL not in self.scope.get("subprotocols", ()):
            await self.accept()
            await self._close(CloseCode.SUBPROTOCOL_NOT_ACCEPTABLE, "Subprotocol not acceptable")
            return
        await self.accept(SUBPROTOCOL)
        self._spawn(self._init_timeout())

    async def disconnect(self, code):
        self.closed = True
        for task in [*self.operations.values(), *self.background]:
            task.cancel()
        self.operations.clear()

    async def receive(self, text_data=None, bytes_data=None):
        if self.closed:
            return
        if text_data is None:
            await self._close(CloseCode.BAD_REQUEST, "Messages must be text (JSON)")
            return
        if len(text_data) > limits()["MAX_BODY_BYTES"] or (
            len(text_data.encode("utf-8", "surrogatepass")) > limits()["MAX_BODY_BYTES"]
        ):
            await self._close(CloseCode.MESSAGE_TOO_BIG, "Message too big")
            return
        try:
            message = _validate_message(json.loads(text_data))
        except (ValueError, RecursionError):
            await self._close(CloseCode.BAD_REQUEST, "Invalid message received: not JSON")
            return
        except ProtocolError as error:
            await self._close(CloseCode.BAD_REQUEST, str(error))
            return
        kind = message["type"]
        if kind == "connection_init":
            await self._connection_init(message.get("payload") or {})
        elif kind == "ping":
            reply = {"type": "pong"}
            if message.get("payload") is not None:
                reply["payload"] = message["payload"]
            await self._send(reply)
        elif kind == "pong":
            pass
        elif kind == "subscribe":
            await self._subscribe(message["id"], message["payload"])
        elif kind == "complete":
            task = self.operations.pop(message["id"], None)
            if task is not None:
                task.cancel()

    async def _send(self, message: dict) -> None:
        if self.closed:
            return
        text = json.dumps(message, separators=(",", ":"), ensure_ascii=False)
        await self.send(text_data=text)

    async def _close(self, code: int, reason: str) -> None:
        if self.closed:
            return
        self.closed = True
        for task in [*self.operations.values(), *self.background]:
            if task is not asyncio.current_task():
                task.cancel()
        self.operations.clear()
        # A close reason is at most 123 bytes (RFC 6455).
        await self.close(code, reason.encode("utf-8")[:123].decode("utf-8", "ignore"))

    def _spawn(self, coroutine) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coroutine)
        self.background.add(task)
        task.add_done_callback(self.background.discard)
        return task

    # --- connection_init ----------------------------------------------------------------------

    async def _init_timeout(self):
        await asyncio.sleep(float(realtime_limits()["INIT_TIMEOUT"]))
        if not self.init_received:
            await self._close(CloseCode.INIT_TIMEOUT, "Connection initialisation timeout")

    async def _connection_init(self, payload: dict):
        if self.init_received:
            await self._close(CloseCode.TOO_MANY_INIT, "Too many initialisation requests")
            return
        self.init_received = True
        try:
            self.identity = await database_sync_to_async(self._identify)(payload)
        except Refused as refusal:
            await self._close(CloseCode.FORBIDDEN, f"Forbidden: {refusal}")
            return
        self.acknowledged = True
        await self._send({"type": "connection_ack"})
        if self.identity.user.is_authenticated:
            self._spawn(self._watch_session())

    def _base_request(self) -> ASGIRequest:
        """A Django request from the handshake (headers, client address, cookies), as resolvers
        and services expect one in ``info.context``."""
        scope = {**self.scope, "type": "http", "method": "GET"}
        return ASGIRequest(scope, BytesIO())

    def _identify(self, payload: dict) -> Identity:
        """Who the connection speaks for: the session token in the payload, else the session
        cookie, else nobody; and in which language (the member's choice wins, as over HTTP)."""
        from allauth.headless.internal.sessionkit import authenticate_by_x_session_token
        from allauth.usersessions.internal import usersessionkit

        request = self._base_request()
        token = _session_token(payload)
        session_key = None
        if token is not None:
            result = authenticate_by_x_session_token(token) if token else None
            if result is None or result.user is None or not result.user.is_active:
                raise Refused("the session token is invalid or has expired")
            user, method = result.user, "session_token"
            usersessionkit.track_activity(request, user=user, session=result.session)
        else:
            user = self._user_of_cookie(request)
            method = "session" if user.is_authenticated else None
            session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        language = (
            _preferred_language(user)
            or _requested_language(payload)
            or translation.get_language_from_request(request)
            or settings.LANGUAGE_CODE
        )
        return Identity(user, method, language, session_key, token)

    @staticmethod
    def _user_of_cookie(request):
        from importlib import import_module

        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not session_key:
            return AnonymousUser()
        engine = import_module(settings.SESSION_ENGINE)
        request.session = engine.SessionStore(session_key)
        user = auth.get_user(request)
        return user if user.is_active else AnonymousUser()

    async def _watch_session(self):
        """Close the socket once the signed-in session ends."""
        while not self.closed:
            await asyncio.sleep(float(realtime_limits()["SESSION_CHECK_SECONDS"]))
            if not await database_sync_to_async(self._session_holds)():
                await self._close(CloseCode.FORBIDDEN, "Forbidden: the session has ended")
                return

    def _session_holds(self) -> bool:
        from allauth.headless.internal.sessionkit import authenticate_by_x_session_token

        identity = self.identity
        if identity.session_token is not None:
            result = authenticate_by_x_session_token(identity.session_token)
            user = result.user if result is not None else None
        else:
            user = self._user_of_cookie(self._base_request())
        return bool(
            user is not None
            and user.is_authenticated
            and user.is_active
            and user.pk == identity.user.pk
        )

    # --- operations ---------------------------------------------------------------------------

    def _context(self) -> ASGIRequest:
        """A fresh request for one operation (or one event of a subscription)."""
        request = self._base_request()
        request.user = self.identity.user
        request.auth_method = self.identity.auth_method
        request.LANGUAGE_CODE = self.identity.language
        request.pustaka_transport = "websocket"
        return request

    def _graphql_schema(self):
        if self.schema is None:
            from portal.api.schema import schema

            self.schema = schema
        return self.schema.graphql_schema

    async def _subscribe(self, operation_id: str, payload: dict):
        if not self.acknowledged:
            await self._close(CloseCode.UNAUTHORIZED, "Unauthorized")
            return
        if operation_id in self.operations:
            await self._close(
                CloseCode.SUBSCRIBER_EXISTS, f"Subscriber for {operation_id} already exists"
            )
            return
        if len(self.operations) >= realtime_limits()["MAX_OPERATIONS"]:
            with translation.override(self.identity.language):
                message = _(
                    "A connection may run at most {limit} operations at once: complete one first."
                ).format(limit=realtime_limits()["MAX_OPERATIONS"])
            error = RequestError(ErrorCode.TOO_MANY_OPERATIONS, message)
            await self._send({"id": operation_id, "type": "error", "payload": [error.as_dict()]})
            return
        task = asyncio.get_running_loop().create_task(self._operation(operation_id, payload))
        self.operations[operation_id] = task

    async def _operation(self, operation_id: str, payload: dict):
        translation.activate(self.identity.language)  # this task's own context
        try:
            await self._run(operation_id, payload)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug: logged with an id, masked for the caller
            error = GraphQLError(str(exc), original_error=exc)
            await self._error(operation_id, [error])
        finally:
            if self.operations.get(operation_id) is asyncio.current_task():
                del self.operations[operation_id]

    async def _error(self, operation_id: str, errors) -> None:
        if operation_id in self.operations:
            await self._send(
                {"id": operation_id, "type": "error", "payload": _error_payload(errors)}
            )

    async def _next(self, operation_id: str, body: dict) -> None:
        if operation_id in self.operations:
            await self._send({"id": operation_id, "type": "next", "payload": body})

    async def _run(self, operation_id: str, payload: dict):
        try:
            prepared = await database_sync_to_async(self._prepare)(payload)
        except RequestError as error:
            await self._error(operation_id, [error.as_dict()])
            return
        if isinstance(prepared, list):  # parse or validation errors
            await self._error(operation_id, prepared)
            return
        document, operation, variables, operation_name, cost = prepared
        if operation.operation != OperationType.SUBSCRIPTION:
            body = await database_sync_to_async(self._execute_once)(
                document, operation, variables, operation_name
            )
            body["extensions"] = {"cost": cost}
            await self._next(operation_id, body)
        else:
            finished = await self._stream(operation_id, document, variables, operation_name)
            if not finished:
                return
        if operation_id in self.operations:
            await self._send({"id": operation_id, "type": "complete"})

    def _prepare(self, payload: dict):
        """What the HTTP view checks before executing, for one ``subscribe`` payload: the
        document (trusted documents, APQ), its validation, the operation, depth and cost."""
        from portal.api.view import APQ_CACHE_PREFIX, APQ_TIMEOUT, GraphQLRequest

        schema = self._graphql_schema()
        user = self.identity.user
        may_send_any = not settings.GRAPHQL_TRUSTED_DOCUMENTS_ONLY or bool(
            user.is_authenticated and user.is_active and user.is_staff
        )
        params = {key: payload.get(key) for key in ("query", "variables", "operationName")}
        for key in ("documentId", "id", "extensions"):
            if payload.get(key) not in (None, ""):
                params[key] = payload[key]
        request = GraphQLRequest(params, may_send_any)
        prepared = prepare_document(schema, request.query)
        if prepared.errors:
            return [error.formatted for error in prepared.errors]
        if request.register:
            cache.set(APQ_CACHE_PREFIX + request.document_id, request.query, APQ_TIMEOUT)
        operation = get_operation_ast(prepared.document, request.operation_name)
        if operation is None:
            if request.operation_name:
                message = _("The document has no operation named {name}.").format(
                    name=request.operation_name
                )
            else:
                message = _("The document holds several operations: name one in `operationName`.")
            raise RequestError(ErrorCode.OPERATION_NOT_FOUND, message)
        if schema.get_root_type(operation.operation) is None:
            message = _("This API has no {kind} operations.").format(kind=operation.operation.value)
            code = ErrorCode.GRAPHQL_VALIDATION_FAILED.value
            return [{"message": message, "extensions": {"code": code}}]
        complexity = measure(schema, prepared.document, operation, request.variables)
        check_complexity(complexity)
        cost = {"requestedQueryCost": complexity.cost, "maximumAvailable": limits()["MAX_COST"]}
        return prepared.document, operation, request.variables, request.operation_name, cost

    def _execute_once(self, document, operation, variables, operation_name) -> dict:
        """A query or a mutation (in a transaction rolled back when it fails), as over HTTP."""
        request = self._context()
        with translation.override(self.identity.language):
            options = {
                "context_value": request,
                "variable_values": variables,
                "operation_name": operation_name,
            }
            schema = self._graphql_schema()
            if operation.operation == OperationType.MUTATION:
                with transaction.atomic():
                    result = execute(schema, document, **options)
                    if result.errors:
                        transaction.set_rollback(True)
            else:
                result = execute(schema, document, **options)
            body = self._body(result, request)
        if result.data is not None:
            graphql_executed.send(
                GraphQLTransportWSConsumer,
                request=request,
                operation=operation,
                variables=variables,
                data=result.data,
            )
        return body

    def _execute_event(self, event, document, variables, operation_name) -> dict:
        """One event of a subscription, executed like a query with the event as its root."""
        request = self._context()
        with translation.override(self.identity.language):
            result = execute(
                self._graphql_schema(),
                document,
                root_value=event,
                context_value=request,
                variable_values=variables,
                operation_name=operation_name,
            )
            return self._body(result, request)

    @staticmethod
    def _body(result: ExecutionResult, request) -> dict:
        body = {}
        if result.errors:
            body["errors"] = [format_error(error, request) for error in result.errors]
            if result.data is None and not any(error.path for error in result.errors):
                for formatted in body["errors"]:
                    formatted.setdefault("extensions", {}).setdefault(
                        "code", ErrorCode.INVALID_VARIABLES.value
                    )
                return body
        body["data"] = result.data
        return body

    async def _stream(self, operation_id, document, variables, operation_name) -> bool:
        """Run a subscription until its source ends (True) or fails (False, after ``error``)."""
        context = self._context()
        source = await create_source_event_stream(
            self._graphql_schema(),
            document,
            context_value=context,
            variable_values=variables,
            operation_name=operation_name,
        )
        if isinstance(source, ExecutionResult):  # refused before the stream started
            await self._error(operation_id, _masked(source.errors or [], context))
            return False
        try:
            async for event in source:
                body = await database_sync_to_async(self._execute_event)(
                    event, document, variables, operation_name
                )
                await self._next(operation_id, body)
        except GraphQLError as error:
            await self._error(operation_id, [format_error(error, context)])
            return False
        except (asyncio.CancelledError, GeneratorExit):
            raise
        except Exception as exc:
            error = GraphQLError(str(exc), original_error=exc)
            await self._error(operation_id, [format_error(error, context)])
            return False
        finally:
            aclose = getattr(source, "aclose", None)
            if aclose is not None:
                with contextlib.suppress(Exception):  # a generator already failing
                    await aclose()
        return True


def _masked(errors, request) -> list[dict]:
    return [format_error(error, request) for error in errors]


def _preferred_language(user) -> str | None:
    if not user.is_authenticated:
        return None
    from community.models import MemberProfile

    return (
        MemberProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    ) or None
