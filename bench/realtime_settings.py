"""Settings of the real-time benchmark's server (bench/realtime.py): the product's, plus the
relay room the transport is measured with (tests/realtime/relay/), never in the product."""

from portal.settings import *  # noqa: F403
from portal.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.realtime.relay"]
DEBUG = False
GRAPHQL_GRAPHIQL = False
LOGGING = {"version": 1, "disable_existing_loggers": True}
