"""Ask a librarian's GraphQL layer: what the root schema composes.

``ReferenceQueries``, ``ReferenceMutations`` and ``ReferenceSubscriptions`` (async-generator
subscriptions, served over WebSocket).
"""

from community.reference.api.mutations import ReferenceMutations
from community.reference.api.queries import ReferenceQueries
from community.reference.api.subscriptions import ReferenceSubscriptions

__all__ = ["ReferenceMutations", "ReferenceQueries", "ReferenceSubscriptions"]
