from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Pustaka"

    def ready(self):
        from wagtail.signals import post_page_move  # noqa: PLC0415 - apps are loaded now

        from portal import content_versions  # noqa: PLC0415
        from portal.api import response_cache  # noqa: PLC0415

        content_versions.connect()
        content_versions.subscribe(response_cache.purge_on_change)
        # A move rewrites paths with queryset updates: no model signal says so.
        post_page_move.connect(
            lambda **kwargs: content_versions.changed("cms"), dispatch_uid="content-versions-move"
        )
