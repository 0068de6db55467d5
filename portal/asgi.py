"""ASGI entry point: Django for HTTP, GraphQL over WebSocket (``graphql-transport-ws``) at
``/graphql/``. Served by uvicorn (``make run`` starts it beside gunicorn, see scripts/serve.py).

A browser's WebSocket handshake carries its cookies whichever page opened it, so the handshake's
``Origin`` must be this site (a host in ``ALLOWED_HOSTS``) or a frontend allowed to call the API
(``CORS_ALLOWED_ORIGINS``); other origins are refused before anything runs. A client that sends
no ``Origin`` is not a browser (an app, a server, ``gql``) and cannot be made to send someone
else's cookie: it is let in, and authenticates with ``X-Session-Token`` in its
``connection_init`` payload.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django_application = get_asgi_application()  # sets Django up before the imports below

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import OriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import path  # noqa: E402

from portal.api.websocket import GraphQLTransportWSConsumer  # noqa: E402


class SiteOriginValidator(OriginValidator):
    """Channels' origin check against ``ALLOWED_HOSTS`` and ``CORS_ALLOWED_ORIGINS``; a
    handshake without ``Origin`` (not from a browser) passes."""

    def __init__(self, application):
        self.application = application

    @property
    def allowed_origins(self) -> list[str]:  # read at each handshake: settings may change
        allowed = list(settings.ALLOWED_HOSTS)
        if settings.DEBUG and not allowed:
            allowed = ["localhost", "127.0.0.1", "[::1]"]
        return allowed + list(getattr(settings, "CORS_ALLOWED_ORIGINS", ()))

    def valid_origin(self, parsed_origin):
        if parsed_origin is None:
            return True
        return self.validate_origin(parsed_origin)


def websocket_application(schema=None):
    """The WebSocket side: ``/graphql/`` (and ``/graphql``) speak ``graphql-transport-ws``."""
    consumer = GraphQLTransportWSConsumer.as_asgi(**({"schema": schema} if schema else {}))
    return SiteOriginValidator(URLRouter([path("graphql/", consumer), path("graphql", consumer)]))


def build_application(schema=None, websocket=None):
    """The whole ASGI application; tests and the benchmark pass their own schema or routes."""
    return ProtocolTypeRouter(
        {"http": django_application, "websocket": websocket or websocket_application(schema)}
    )


application = build_application()
