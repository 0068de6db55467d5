"""The portal's background tasks."""

from huey.contrib.djhuey import db_task


@db_task()
def purge_frontend_cache(topics: list[str]) -> int:
    """Purge from the CDN the GraphQL answers stored under these topics (they changed)."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache  # noqa: PLC0415

    from portal.api.response_cache import take_urls  # noqa: PLC0415

    urls = take_urls(topics)
    if urls:
        purge_urls_from_cache(urls)
    return len(urls)
