"""Read-only fields of editorial content: languages, one page by path, listings, redirects."""

import graphene
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page

from cms import models
from cms.api.loaders import LocaleCodeLoader, locale_filter, prime_pages, site_root_paths
from cms.api.preview import preview_draft
from cms.api.site import site_or_error
from cms.api.types import PAGE_TYPES, PageConnection, PageInterface
from cms.datasets import models as dataset_models
from cms.services import page_at_path, site_relative_path, translation_or_original, visible_pages
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import InvalidId, decode_pk, enum_value
from portal.api.languages import LanguageCode
from portal.api.pagination import ConnectionField, nodes_select

PAGE_TYPE_NAMES = {
    "HOME": models.HomePage,
    "NEWS_INDEX": models.NewsIndexPage,
    "NEWS": models.NewsPage,
    "RECOMMENDATION_INDEX": models.RecommendationIndexPage,
    "RECOMMENDATION": models.RecommendationPage,
    "PROGRAM_INDEX": models.ProgramIndexPage,
    "PROGRAM": models.ProgramPage,
    "STANDARD": models.StandardPage,
    "DATASET_INDEX": dataset_models.DatasetIndexPage,
    "DATASET": dataset_models.DatasetPage,
}

PageTypeName = graphene.Enum(
    "PageTypeName",
    [(name, name) for name in PAGE_TYPE_NAMES],
    description="A page type, for `pages(type:)`: `NEWS` lists `NewsPage`s, `PROGRAM` "
    "`ProgramPage`s, and so on.",
)


class PageOrdering(graphene.Enum):
    """How `pages` orders its results."""

    TREE = "tree"
    TITLE = "title"
    PUBLISHED_NEWEST = "published_newest"
    PUBLISHED_OLDEST = "published_oldest"
    DATE_NEWEST = "date_newest"
    DATE_OLDEST = "date_oldest"

    @property
    def description(self):
        return {
            PageOrdering.TREE: "As editors arranged them in the page tree (the default).",
            PageOrdering.TITLE: "By title, A to Z.",
            PageOrdering.PUBLISHED_NEWEST: "Most recently first published first.",
            PageOrdering.PUBLISHED_OLDEST: "Earliest first published first.",
            PageOrdering.DATE_NEWEST: "By the news date or the program's first session, latest "
            "first; other pages by first publication. Use with `type: NEWS` or `PROGRAM`.",
            PageOrdering.DATE_OLDEST: "As `DATE_NEWEST`, earliest first (upcoming programs).",
        }.get(self)


class LocaleType(graphene.ObjectType):
    """A language the library publishes in."""

    class Meta:
        name = "Locale"

    code = graphene.String(required=True, description="`id` or `en`.")
    name = graphene.String(required=True, description="The language's own name.")
    is_default = graphene.Boolean(required=True, description="True for Bahasa Indonesia.")


class RedirectType(graphene.ObjectType):
    """Where an old address now leads, so the frontend can answer with a 301 or 302."""

    class Meta:
        name = "Redirect"

    location = graphene.String(
        required=True,
        description="The new address: a site-relative path (`/berita/…`) for a page of this "
        "site, an absolute URL otherwise.",
    )
    is_permanent = graphene.Boolean(
        required=True, description="True: answer 301 (moved permanently); false: 302."
    )
    page = graphene.Field(PageInterface, description="The page redirected to, when it is a page.")


def _page_pk(value: str) -> int:
    """A page's id from its global id (as `Page.id` returns) or a plain number; INVALID_ID
    otherwise."""
    try:
        return decode_pk(value, *(t._meta.name for t in PAGE_TYPES.values()), raw_ok=True)
    except InvalidId:
        raise ApiError(ErrorCode.INVALID_ID, _("`parent` is not the id of a page.")) from None


def _ordering(queryset, ordering, model):
    ordering = enum_value(ordering, "tree")
    if ordering == "title":
        return queryset.order_by("title", "path")
    if ordering in ("date_newest", "date_oldest"):
        descending = ordering == "date_newest"
        if model is models.NewsPage:
            key = "date"
        elif model is models.ProgramPage:
            queryset = queryset.annotate(first_start=Min("sessions__start"))
            key = "first_start"
        else:
            key = "first_published_at"
        sign = "-" if descending else ""
        return queryset.order_by(f"{sign}{key}", f"{sign}first_published_at", f"{sign}pk")
    if ordering == "published_newest":
        return queryset.order_by("-first_published_at", "-pk")
    if ordering == "published_oldest":
        return queryset.order_by("first_published_at", "pk")
    return queryset.order_by("path")


class CmsQueries(graphene.ObjectType):
    locales = graphene.List(
        graphene.NonNull(LocaleType),
        required=True,
        description="The languages content is published in, the default first.",
    )
    page = graphene.Field(
        PageInterface,
        path=graphene.String(
            description="The path the visitor asked for, relative to the site: `/` for the home "
            "page, `/berita/pameran-cengkeh/`, `/en/news/clove-exhibition/` in English. "
            "Required unless `previewToken` is given.",
        ),
        preview_token=graphene.String(
            description="The `preview` parameter of the URL Wagtail opened on the frontend: "
            "returns that page's draft as the editor saved it. With `path`, the token must be "
            "for the page at that path (`PREVIEW_TOKEN_INVALID` otherwise). Tokens expire after "
            "an hour (`PREVIEW_TOKEN_EXPIRED`); an altered one gives `PREVIEW_TOKEN_INVALID`. "
            "The response is never cacheable.",
            deprecation_reason="Use `previewPage(token:)`, the one way into a draft preview.",
        ),
        site=graphene.String(
            description="The site's hostname (`host` or `host:port`); the default site when "
            "omitted. An unknown site gives `NOT_FOUND`."
        ),
        locale=LanguageCode(
            description="Return the page's version in this language instead; when it has none, "
            "the Bahasa Indonesia version."
        ),
        description="The published, public page at a path: any page type. Null when there is "
        "none, it is a draft, expired, or restricted to logged-in visitors or by a password "
        "(also for staff: drafts are seen only through a preview token). The frontend answers "
        "404 on null, after asking `redirect(path:)`.",
    )
    pages = ConnectionField(
        PageConnection,
        type=PageTypeName(description="Only pages of this type."),
        parent=graphene.ID(
            description="Only the children of this page (its id as returned by `Page.id`). With "
            "`locale`, the children of its translations are included too."
        ),
        tag=graphene.String(description="Only news items with this tag (name or slug)."),
        category=graphene.String(description="Only news items in this category (its slug)."),
        locale=LanguageCode(
            description="Only pages in this language; a Bahasa Indonesia page stands in for one "
            "not translated yet (check each page's `locale`)."
        ),
        upcoming=graphene.Boolean(
            description="Programs only: true for programs with a session not ended yet, false "
            "for past programs."
        ),
        order_by=graphene.Argument(PageOrdering, description="The order; `TREE` when omitted."),
        description="Published, public pages. Drafts, expired and restricted pages are never "
        "listed. At most 100 per request.",
    )
    redirect = graphene.Field(
        RedirectType,
        path=graphene.String(required=True, description="The old path the visitor asked for."),
        site=graphene.String(
            description="The site's hostname; the default site when omitted. An unknown site "
            "gives `NOT_FOUND`."
        ),
        description="The redirect editors set up for an old path, or null. A redirect to a page "
        "that is not public is null too.",
    )

    @staticmethod
    def resolve_locales(root, info):
        names = dict(settings.LANGUAGES)
        codes = set(Locale.objects.values_list("language_code", flat=True))
        return [
            LocaleType(code=code, name=names[code], is_default=code == settings.LANGUAGE_CODE)
            for code, _name in settings.LANGUAGES
            if code in codes
        ]

    @staticmethod
    def resolve_page(root, info, path=None, site=None, locale=None, preview_token=None):
        if preview_token is not None:
            return preview_draft(preview_token, info, path=path)
        if path is None:
            raise ApiError(ErrorCode.BAD_REQUEST, _("Give the page's `path` or a `previewToken`."))
        page = page_at_path(path, site_or_error(site), site_root_paths(info.context))
        language = enum_value(locale)
        if page is not None and language is not None:
            page = translation_or_original(page, language)
        if page is not None:
            prime_pages([page], info.context)
        return page

    @staticmethod
    def resolve_pages(
        root,
        info,
        type=None,  # noqa: A002 - the argument's public name
        parent=None,
        tag=None,
        category=None,
        locale=None,
        upcoming=None,
        order_by=None,
    ):
        model = PAGE_TYPE_NAMES[enum_value(type)] if type is not None else None
        if model is not None:
            pages = visible_pages(model.objects.all())
        else:
            content_types = ContentType.objects.get_for_models(*PAGE_TYPES).values()
            pages = visible_pages().filter(content_type__in=content_types)
        if tag:
            tagged = models.NewsPageTag.objects.filter(Q(tag__slug=tag) | Q(tag__name__iexact=tag))
            pages = pages.filter(pk__in=tagged.values("content_object_id"))
        if category:
            in_category = models.NewsPage.objects.filter(category__slug=category)
            pages = pages.filter(pk__in=in_category.values("pk"))
        language = enum_value(locale)
        if parent is not None:
            pk = _page_pk(parent)
            parents = Page.objects.filter(pk=pk)
            if language is not None:
                # The children of the parent's translations stand in for untranslated ones.
                parents = Page.objects.filter(translation_key__in=parents.values("translation_key"))
            condition = Q(pk__in=[])
            for path, depth in parents.values_list("path", "depth"):
                condition |= Q(path__startswith=path, depth=depth + 1)
            pages = pages.filter(condition)
        if language is not None:
            pages = pages.filter(locale_filter(language))
        if upcoming is not None:
            running = models.ProgramSession.objects.filter(end__gte=timezone.now())
            programs = pages.filter(
                content_type=ContentType.objects.get_for_model(models.ProgramPage)
            )
            pages = (
                programs.filter(pk__in=running.values("page_id"))
                if upcoming
                else programs.exclude(pk__in=running.values("page_id"))
            )
        pages = _ordering(pages, order_by, model).defer_streamfields()
        if model is None:
            return pages.specific()
        # What the items show that the list's own statement can read, saving a query each: the
        # language of each page (for paths) and, when asked for, the lead image.
        pages = pages.annotate(listed_language=F("locale__language_code"))
        if nodes_select(info, "leadImage") and hasattr(model, "lead_image"):
            pages = pages.select_related("lead_image")
        return pages

    @staticmethod
    def resolve_redirect(root, info, path, site=None):
        site = site_or_error(site)
        old_path = Redirect.normalise_path(path)
        redirect = (
            Redirect.get_for_site(site)
            .filter(old_path=old_path)
            .select_related("redirect_page")
            .order_by(F("site").asc(nulls_last=True))  # the site's own redirect first
            .first()
        )
        if redirect is None:
            return None
        if redirect.redirect_page_id is None:
            if not redirect.redirect_link:
                return None
            return RedirectType(location=redirect.redirect_link, is_permanent=redirect.is_permanent)
        target = visible_pages(Page.objects.filter(pk=redirect.redirect_page_id)).specific().first()
        if target is None:
            return None
        language = LocaleCodeLoader.for_request(info.context).load(target.locale_id)
        location = site_relative_path(target.url_path, language, site_root_paths(info.context))
        if location is None:
            location = target.full_url
        prime_pages([target], info.context)
        return RedirectType(location=location, is_permanent=redirect.is_permanent, page=target)


__all__ = ["CmsQueries", "PageInterface"]
