"""Wagtail publishing signals → deliveries, enqueued after the transaction commits."""

from wagtail.signals import page_published, page_unpublished

from social_sync import services


def on_page_published(sender, instance, revision=None, **kwargs):
    for delivery_id in services.create_deliveries(instance, revision):
        from social_sync.tasks import send_delivery_after_commit

        send_delivery_after_commit(delivery_id)


def on_page_unpublished(sender, instance, **kwargs):
    from social_sync.tasks import delete_delivery

    for delivery_id in services.page_unpublished(instance):
        delete_delivery(delivery_id)


def connect():
    page_published.connect(on_page_published, dispatch_uid="social_sync_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="social_sync_unpublished")
