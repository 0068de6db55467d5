"""schema.org JSON-LD of news items and programs, built from what their lists already load."""

from django.conf import settings
from django.utils import timezone

from cms.api.loaders import (
    ImageLoader,
    LocaleCodeLoader,
    NewsAuthorsLoader,
    ProgramSessionsLoader,
    RenditionLoader,
    site_root_paths,
)
from cms.images import rendition_spec
from cms.seo import canonical_url, event_ld, news_article_ld
from portal.media_urls import absolute_media_url
from portal.times import library_time


def _context(page, info):
    language = LocaleCodeLoader.for_request(info.context).load(page.locale_id)
    url = canonical_url(page.url_path, language, site_root_paths(info.context))
    return language, url


def _share_image(page, info) -> list[str]:
    image = ImageLoader.for_request(info.context).load(page.lead_image_id)
    if image is None:
        return []
    # The OG size (1200×630 JPEG) is what search engines and social cards take.
    spec = rendition_spec("OG", "jpeg")
    found = RenditionLoader.for_request(info.context).renditions(image, [spec])[0]
    return [absolute_media_url(found.url)]


def resolve_news_json_ld(page, info) -> dict:
    language, url = _context(page, info)
    authors = NewsAuthorsLoader.for_request(info.context).load(page.pk)
    return news_article_ld(
        headline=page.title,
        url=url,
        date_published=page.date,
        date_modified=library_time(page.last_published_at) if page.last_published_at else None,
        description=page.intro or None,
        authors=[person.name for person in authors],
        images=_share_image(page, info),
        publisher_name=settings.WAGTAIL_SITE_NAME,
        publisher_url=settings.FRONTEND_URL,
        language=language,
    )


def resolve_program_json_ld(page, info) -> dict:
    language, url = _context(page, info)
    sessions = ProgramSessionsLoader.for_request(info.context).load(page.pk)
    times = [(library_time(s.start), library_time(s.end)) for s in sessions]
    return event_ld(
        name=page.title,
        url=url,
        start=min((start for start, _end in times), default=None),
        end=max((end for _start, end in times), default=None),
        attendance_mode=page.format,
        venue=page.venue or None,
        platform=page.online_platform or None,
        description=page.intro or None,
        images=_share_image(page, info),
        organizer_name=settings.WAGTAIL_SITE_NAME,
        organizer_url=settings.FRONTEND_URL,
        registration_open=page.registration_is_open(timezone.now()),
        registration_deadline=(
            library_time(page.registration_deadline) if page.registration_deadline else None
        ),
        language=language,
        audience=page.audience,
        sessions=times,
    )
