"""The Relay ``Node`` interface with global ids that fail cleanly instead of raising."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _

from portal.api.errors import ApiError, ErrorCode


class Node(graphene.relay.Node):
    """An object with a global id, fetchable with `node(id:)`."""

    class Meta:
        name = "Node"

    @classmethod
    def get_node_from_global_id(cls, info, global_id, only_type=None):
        try:
            type_name, _pk = cls.resolve_global_id(info, global_id)
        except Exception:
            type_name = None
        graphene_type = info.schema.get_type(type_name) if type_name else None
        if graphene_type is None or cls not in getattr(
            graphene_type.graphene_type._meta, "interfaces", ()
        ):
            raise ApiError(ErrorCode.INVALID_ID, _("The id is not a valid object id."))
        # graphene passes only_type=False from `Node.Field()`: only a real type restricts.
        if only_type and graphene_type.graphene_type is not only_type:
            raise ApiError(ErrorCode.INVALID_ID, _("The id belongs to another type."))
        get_node = getattr(graphene_type.graphene_type, "get_node", None)
        if get_node is None:
            return None
        try:
            return get_node(info, _pk)
        except (ValueError, TypeError, OverflowError):
            return None  # an id of the right type whose key cannot exist
