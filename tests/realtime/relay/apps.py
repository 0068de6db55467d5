from django.apps import AppConfig


class RelayConfig(AppConfig):
    name = "tests.realtime.relay"
    label = "realtime_relay"
