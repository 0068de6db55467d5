"""Signals the HTTP layer sends for whoever listens (analytics counts operations by name).

``graphql_executed``: sent after each GraphQL operation ran, with ``request``, ``operation``
(graphql-core's ``OperationDefinitionNode``), ``variables`` (a dict or None) and ``data`` (the
result's data, possibly None). Receivers must be quick: they run inside the request.
"""

from django.dispatch import Signal

graphql_executed = Signal()
