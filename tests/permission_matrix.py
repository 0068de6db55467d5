"""The permission-matrix harness every app's matrix test uses.

Each app owns ``tests/<app>/test_permission_matrix.py`` with:

* a ``SAMPLES`` table — mutation name → ``(arguments, variables, after_gate)``: the arguments as
  written in GraphQL, the ``$variables`` they use (variable → key of the world's ids), and what
  the call answers *past the gate* for each role that the gate lets through (a code, or absent
  for success);
* a ``world`` fixture giving ``(people, ids)``: a user per role (None for ``anonymous``) and the
  global ids the samples use;
* ``PERMISSIONS_OF``, when a mutation declares ``Requires.PERMISSION``: the permissions each role
  was given (through its groups) in the world, so the expected answer is stated, not asked of
  the code under test;
* one parametrised test calling ``check(...)``.

The gate's answer comes from each mutation's declaration (``Meta.requires``/``Meta.permission``);
``tests/api/test_permission_matrix_complete.py`` fails until every mutation of the schema has a
sample in exactly one app's table. A refused call must change nothing (``snapshot``).
"""

from __future__ import annotations

from collections.abc import Callable

from portal.api.mutations import Requires
from portal.api.schema import schema
from tests.conftest import GraphQLClient


def declared_mutations() -> dict:
    """Mutation field name → its ``Mutation`` class, for every mutation of the schema."""
    mutation_type = schema.graphql_schema.mutation_type
    return {
        name: field.type.graphene_type
        for name, field in mutation_type.fields.items()
        if name != "__typename"
    }


def gate(meta, role: str, permissions_of: dict[str, set[str]] | None = None) -> str | None:
    """What the base answers before the action, from the declaration alone.

    Roles are named by what they are: ``anonymous``, ``suspended`` (a suspended member),
    ``moderator``, ``staff`` (``is_staff``, no superuser); any other role is a signed-in member
    in good standing (``member``, ``owner``, ``librarian``, ``teacher``…).
    """
    requires = meta.requires
    if requires is Requires.ANYONE:
        return None
    if role == "anonymous":
        return "UNAUTHENTICATED"
    if requires is Requires.MAY_POST and role == "suspended":
        return "SUSPENDED"
    if requires is Requires.MODERATOR and role not in ("moderator", "staff"):
        return "FORBIDDEN"
    if requires is Requires.STAFF and role != "staff":
        return "FORBIDDEN"
    if requires is Requires.PERMISSION and meta.permission not in (permissions_of or {}).get(
        role, set()
    ):
        return "FORBIDDEN"
    return None


def document(name: str, arguments: str, variables: dict) -> str:
    """The mutation call with its typed errors, e.g. ``mutation ($id: ID!) { x(id: $id) {…} }``."""
    declared = ", ".join(f"${variable}: ID!" for variable in variables)
    head = f"mutation ({declared})" if declared else "mutation"
    error_type = f"{declared_mutations()[name]._meta.name}Error"
    return f"{head} {{ {name}({arguments}) {{ errors {{ ... on {error_type} {{ code }} }} }} }}"


def client_for(user) -> GraphQLClient:
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return GraphQLClient(client)


def check(
    world,
    samples: dict,
    name: str,
    role: str,
    snapshot: Callable[[], object],
    permissions_of: dict[str, set[str]] | None = None,
) -> None:
    """Call ``name`` as ``role`` and assert the declared answer; a refusal changes nothing."""
    people, ids = world
    arguments, variables, after_gate = samples[name]
    mutation = declared_mutations()[name]
    expected = gate(mutation._meta, role, permissions_of) or after_gate.get(role)
    before = snapshot()
    body = client_for(people.get(role)).execute(
        document(name, arguments, variables),
        {variable: ids[key] for variable, key in variables.items()},
    )
    assert "errors" not in body, body
    codes = [error["code"] for error in body["data"][name]["errors"]]
    assert codes == ([expected] if expected else []), (name, role, codes)
    if expected:
        assert snapshot() == before, f"{name} as {role} was refused but changed something"
