"""The API's error vocabulary: request errors, execution errors, mutation field errors, masking.

Three kinds of failure reach a client, each with a stable ``code`` it can switch on:

* a *request error* (``RequestError``) refuses the whole request before execution, with an HTTP
  status: bad JSON, an oversized document, a limit exceeded, a mutation sent by GET;
* an *execution error* (``ApiError``) is a GraphQL error at a path, with ``extensions.code``:
  a page size over the limit, something not found, a permission missing;
* a *field error* is data, not an error: a mutation's payload lists what was wrong with the
  input (``errors { field code message }``) in the caller's language.

Anything else raised while resolving is a bug: it is logged with an id and, outside development,
shown to the caller only as ``INTERNAL_ERROR`` with that id.
"""

from __future__ import annotations

import enum
import logging
import uuid
from functools import cache

import graphene
from django.conf import settings
from django.utils.translation import gettext as _
from graphql import GraphQLError

logger = logging.getLogger("pustaka.api")


class ErrorCode(enum.Enum):
    """Codes in ``errors[].extensions.code``; graphql/README.md lists what each means."""

    BAD_REQUEST = "BAD_REQUEST"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    BATCH_TOO_LARGE = "BATCH_TOO_LARGE"
    DOCUMENT_TOO_LARGE = "DOCUMENT_TOO_LARGE"
    TOO_MANY_TOKENS = "TOO_MANY_TOKENS"
    TOO_MANY_SELECTIONS = "TOO_MANY_SELECTIONS"
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"
    OPERATION_NOT_FOUND = "OPERATION_NOT_FOUND"
    INVALID_VARIABLES = "INVALID_VARIABLES"
    INVALID_TEXT = "INVALID_TEXT"
    DEPTH_LIMIT_EXCEEDED = "DEPTH_LIMIT_EXCEEDED"
    TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
    QUERY_COST_EXCEEDED = "QUERY_COST_EXCEEDED"
    CSRF_FAILED = "CSRF_FAILED"
    INVALID_SESSION_TOKEN = "INVALID_SESSION_TOKEN"
    PAGE_SIZE_EXCEEDED = "PAGE_SIZE_EXCEEDED"
    INVALID_CURSOR = "INVALID_CURSOR"
    INVALID_ID = "INVALID_ID"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    PREVIEW_TOKEN_EXPIRED = "PREVIEW_TOKEN_EXPIRED"
    PREVIEW_TOKEN_INVALID = "PREVIEW_TOKEN_INVALID"
    SEARCH_QUERY_INVALID = "SEARCH_QUERY_INVALID"
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
    TRUSTED_DOCUMENT_REQUIRED = "TRUSTED_DOCUMENT_REQUIRED"
    TOO_MANY_OPERATIONS = "TOO_MANY_OPERATIONS"
    INTERNAL_ERROR = "INTERNAL_ERROR"


HTTP_STATUS = {
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: 415,
    ErrorCode.NOT_ACCEPTABLE: 406,
    ErrorCode.PAYLOAD_TOO_LARGE: 413,
    ErrorCode.BATCH_TOO_LARGE: 413,
    ErrorCode.DOCUMENT_TOO_LARGE: 413,
    ErrorCode.CSRF_FAILED: 403,
    ErrorCode.INVALID_SESSION_TOKEN: 401,
}


class RequestError(Exception):
    """The request is refused as a whole; nothing was executed."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        status: int | None = None,
        headers=None,
        **extensions,
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or HTTP_STATUS.get(code, 400)
        self.headers = headers or {}
        self.extensions = extensions

    def as_dict(self) -> dict:
        return {"message": self.message, "extensions": {"code": self.code.value, **self.extensions}}


def request_error(code: ErrorCode, message: str, **kwargs) -> RequestError:
    return RequestError(code, message, **kwargs)


class ApiError(GraphQLError):
    """An expected execution error at a path: its message is meant for the caller."""

    def __init__(self, code: ErrorCode, message: str, **extensions):
        super().__init__(message, extensions={"code": code.value, **extensions})
        self.code = code


def format_error(error: GraphQLError, request=None) -> dict:
    """Format one error for the response, masking what the caller must not see."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        formatted = error.formatted
        if original is not None and original.extensions:
            formatted.setdefault("extensions", {}).update(original.extensions)
        return formatted
    error_id = uuid.uuid4().hex
    logger.error(
        "internal error %s at %s: %s",
        error_id,
        ".".join(str(part) for part in (error.path or [])) or "-",
        original,
        exc_info=(type(original), original, original.__traceback__),
    )
    message = (
        str(original) if settings.GRAPHQL_SHOW_INTERNAL_ERRORS else _("Internal server error.")
    )
    formatted = {
        "message": message,
        "extensions": {"code": ErrorCode.INTERNAL_ERROR.value, "errorId": error_id},
    }
    if error.locations:
        formatted["locations"] = [location._asdict() for location in error.locations]
    if error.path:
        formatted["path"] = error.path
    return formatted


class FieldError(graphene.Interface):
    """What was wrong with a mutation's input, in the caller's language (`id` or `en`).

    Each mutation has its own error type implementing this interface, with a `code` from that
    mutation's own enum, so a client can switch on it.
    """

    field = graphene.String(
        description="The input field at fault, in camelCase; null when the whole input is."
    )
    message = graphene.String(
        required=True, description="A sentence for the member, in their language."
    )


@cache
def field_error_type(name: str, codes: type[enum.Enum]) -> type[graphene.ObjectType]:
    """The error type of one mutation, e.g. ``UpdateProfileError`` with its code enum."""
    code_enum = graphene.Enum.from_enum(codes, name=f"{name}Code")
    return type(
        name,
        (graphene.ObjectType,),
        {
            "Meta": type("Meta", (), {"interfaces": (FieldError,)}),
            "code": graphene.Field(code_enum, required=True, description="What went wrong."),
            "__doc__": f"An error of the {name.removesuffix('Error')} mutation.",
        },
    )
