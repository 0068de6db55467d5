"""How another app adds a field to cms's GraphQL types, before the root schema is built.

cms must not import the apps that extend it (social_sync's ``socialPosts`` on shareable pages,
circulation's ``availability`` on ``Book``, events' ``registration`` on programs): the root
schema calls ``add_page_field`` / ``add_book_field``, which both come down to ``add_field``.
"""

from __future__ import annotations

import graphene


def add_field(object_types, name: str, field, resolver, want, wants: list) -> None:
    """Mount ``field`` (a graphene field or unmounted type) as ``name`` on each type, resolved by
    ``resolver``; ``want(items, request)``, when given, joins ``wants``: the hooks the types'
    ``prime`` calls on every list, to note the keys the field's loader will need."""
    mounted = field if isinstance(field, graphene.Field) else graphene.Field.mounted(field)
    mounted.resolver = resolver
    for object_type in object_types:
        object_type._meta.fields[name] = mounted
    if want is not None and want not in wants:
        wants.append(want)
