"""One way to write a mutation: declare who may call it and what can go wrong; write the action.

Every mutation of the API subclasses ``Mutation`` (modelled on Saleor's ``BaseMutation`` with its
``Meta.permissions`` and ``error_type_class``). The class *declares*; the base *enforces*:

``Meta.requires``
    who may call it, a ``portal.api.permissions.Requires``: ``ANYONE``, ``SIGNED_IN``,
    ``MAY_POST`` (signed in and not suspended; a minor without a guardian's consent may post,
    and the post waits as HELD), ``MODERATOR``, ``STAFF``, or ``PERMISSION`` with
    ``Meta.permission`` naming a Django permission (``"circulation.run_desk"``) that Wagtail
    groups grant — how a desk (circulation, reference) is opened to some librarians only.
``Meta.error_codes``
    the mutation's own ``enum.Enum`` of codes; the payload gets ``errors: [<Name>Error!]!`` typed
    with it. It must hold every code the mutation can answer, the gate's included
    (UNAUTHENTICATED, SUSPENDED, FORBIDDEN, RATE_LIMITED): this is checked when the class is made.
``Meta.rate_limit``
    optional, a bucket of ``settings.COMMUNITY`` (``"POST"``, ``"FLAG"``, ``"REAUTH"``,
    ``"CONSENT"``): each call that passes the gate counts one.
``Meta.messages``
    optional, a sentence for a gate code, e.g. ``{"UNAUTHENTICATED": gettext_lazy("Sign in to
    change your profile.")}``.

The subclass then writes only ``perform(cls, info, **arguments)``: decode ids with
``portal.api.ids.decode_pk``, call one service, return ``cls(<payload fields>)``. Rules live in
the service, which raises ``portal.refusals.Refused`` (or Django's ``ValidationError``) when it
will not do something.

What ``mutate`` does, in order: check ``requires`` (→ UNAUTHENTICATED, SUSPENDED, FORBIDDEN),
count the rate limit (→ RATE_LIMITED), run ``perform`` in a savepoint. Whatever it refuses is
mapped once, here, to the payload's ``errors``: ``Refused`` and ``ValidationError`` by their
codes, ``portal.api.ids.InvalidId`` as the mutation's ``NOT_FOUND`` on the argument that held it.
A refused mutation changes nothing and answers its payload with every field null (required
Booleans false) and the errors; anything else raised is a bug, logged as ``INTERNAL_ERROR``.

How to add a mutation (the example is the shape, e.g. for the coming circulation app)::

    class CancelHoldErrorCode(enum.Enum):
        UNAUTHENTICATED = "UNAUTHENTICATED"
        NOT_FOUND = "NOT_FOUND"
        FORBIDDEN = "FORBIDDEN"


    class CancelHold(Mutation):
        \"\"\"Cancel one of one's own holds.\"\"\"

        class Meta:
            requires = Requires.SIGNED_IN
            error_codes = CancelHoldErrorCode

        class Arguments:
            id = graphene.ID(required=True, description="The hold.")

        cancelled_id = graphene.ID(description="The id of the cancelled hold.")

        @classmethod
        def perform(cls, info, id):
            # A malformed id raises InvalidId (→ NOT_FOUND on `id`); the service raises
            # Refused("NOT_FOUND") or Refused("FORBIDDEN") for a hold that is not the caller's.
            circulation.cancel_hold(info.context.user, decode_pk(id, "Hold"))
            return cls(cancelled_id=id)

Add it to the app's ``…Mutations`` object type, give it an operation in
``frontend_contract/operations/`` and a sample call in the permission-matrix test, which then
calls it as every kind of caller.
"""

from __future__ import annotations

import enum

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from graphene.types.mutation import MutationOptions
from graphene.utils.str_converters import to_camel_case

from portal.api import permissions
from portal.api.errors import field_error_type
from portal.api.ids import InvalidId
from portal.api.permissions import Requires
from portal.refusals import Refused

__all__ = ["Mutation", "Requires", "errors_field", "field_errors"]


def errors_field(name: str, codes: type[enum.Enum]) -> graphene.List:
    """The ``errors`` field of a mutation payload, typed with the mutation's own code enum."""
    return graphene.List(
        graphene.NonNull(field_error_type(name, codes)),
        required=True,
        description="What was wrong with the input; empty when the mutation succeeded.",
    )


def field_errors(error: ValidationError, codes: type[enum.Enum], default=None) -> list[dict]:
    """A ``Refused`` or Django ``ValidationError`` as field errors of the mutation's enum.

    Django's own codes outside the enum (``invalid``, ``max_length``…) become ``default``, the
    enum's INVALID when it has one; a ``Refused`` code outside the enum is a bug and raises.
    """
    if default is None:
        default = getattr(codes, "INVALID", None)
    known = {member.value for member in codes}
    mapping = (
        error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.error_list}
    )
    results = []
    for field, errors in mapping.items():
        for item in errors:
            code = (item.code or "").upper()
            if code in known:
                member = codes(code)
            elif default is not None and not isinstance(error, Refused):
                member = default
            else:
                raise ValueError(f"{code or 'no code'} is not a code of {codes.__name__}")
            results.append(
                {
                    "field": None if field == NON_FIELD_ERRORS else to_camel_case(field),
                    "code": member,
                    "message": " ".join(item.messages),
                }
            )
    return results


def _argument_holding(arguments: dict, value, path: str | None = None) -> str | None:
    """The camelCase name of the argument (or input field) whose value is ``value``."""
    for name, given in arguments.items():
        if isinstance(given, dict):
            found = _argument_holding(given, value, name)
            if found:
                return found
        elif given == value or (isinstance(given, list | tuple) and value in given):
            return to_camel_case(name)
    return None


class MutationDeclarations(MutationOptions):
    requires = None
    permission = None
    error_codes = None
    rate_limit = None
    messages = None


class Mutation(graphene.Mutation):
    """A mutation that declares its caller, its error enum and its rate limit (see the module)."""

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(
        cls,
        requires: Requires | None = None,
        permission: str | None = None,
        error_codes: type[enum.Enum] | None = None,
        rate_limit: str | None = None,
        messages: dict | None = None,
        _meta=None,
        **options,
    ):
        if not isinstance(requires, Requires):
            raise TypeError(f"{cls.__name__}: declare Meta.requires (a Requires)")
        if (requires is Requires.PERMISSION) != bool(permission):
            raise TypeError(f"{cls.__name__}: Meta.permission goes with Requires.PERMISSION")
        if not (isinstance(error_codes, type) and issubclass(error_codes, enum.Enum)):
            raise TypeError(f"{cls.__name__}: declare Meta.error_codes (an enum.Enum)")
        needed = set(permissions.GATE_CODES[requires]) | ({"RATE_LIMITED"} if rate_limit else set())
        missing = needed - {member.value for member in error_codes}
        if missing:
            raise TypeError(f"{cls.__name__}: {error_codes.__name__} lacks {sorted(missing)}")
        _meta = _meta or MutationDeclarations(cls)
        _meta.requires = requires
        _meta.permission = permission
        _meta.error_codes = error_codes
        _meta.rate_limit = rate_limit
        _meta.messages = messages or {}
        name = options.get("name") or cls.__name__
        cls.errors = errors_field(f"{name}Error", error_codes)
        super().__init_subclass_with_meta__(_meta=_meta, **options)

    @classmethod
    def perform(cls, info, **arguments):
        """Do the work by calling a service; return ``cls(<payload fields>)``."""
        raise NotImplementedError

    @classmethod
    def mutate(cls, root, info, **arguments):
        declared = cls._meta
        try:
            permissions.check(
                declared.requires, info.context.user, declared.messages, declared.permission
            )
            permissions.rate_limit(info.context, declared.rate_limit)
            with transaction.atomic():
                payload = cls.perform(info, **arguments)
        except InvalidId as invalid:
            return cls.refused(cls._not_found(invalid, arguments))
        except ValidationError as refused:
            return cls.refused(field_errors(refused, declared.error_codes))
        if getattr(payload, "errors", None) is None:
            payload.errors = []
        return payload

    @classmethod
    def _not_found(cls, invalid: InvalidId, arguments: dict) -> list[dict]:
        codes = cls._meta.error_codes
        field = _argument_holding(arguments, invalid.args[0] if invalid.args else None)
        return [
            {
                "field": field,
                "code": codes("NOT_FOUND"),
                "message": _("Nothing was found with this id."),
            }
        ]

    @classmethod
    def refused(cls, errors: list[dict]):
        """The payload of a refused call: the errors, every other field null (or false)."""
        payload = cls(errors=errors)
        for name, field in cls._meta.fields.items():
            field_type = field.type
            if (
                name != "errors"
                and isinstance(field_type, graphene.NonNull)
                and field_type.of_type is graphene.Boolean
            ):
                setattr(payload, name, False)
        return payload
