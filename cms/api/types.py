"""GraphQL types of Wagtail pages: the `Page` interface and one type per page model."""

import graphene
from django.utils import timezone
from graphene_django import DjangoObjectType
from graphene_django.registry import get_global_registry

from cms import models
from cms.api.blocks import stream_blocks, stream_field
from cms.api.catalog.types import Audience as CatalogAudience
from cms.api.json_ld import resolve_news_json_ld, resolve_program_json_ld
from cms.api.loaders import (
    DeferredStreamLoader,
    FeaturedItemsLoader,
    ImageLoader,
    LocaleCodeLoader,
    NewsAuthorsLoader,
    NewsCategoryLoader,
    NewsTagsLoader,
    ProgramPartnersLoader,
    ProgramSessionsLoader,
    RecommendationBooksLoader,
    TranslationsLoader,
    VisiblePageLoader,
    prime_pages,
    site_root_paths,
)
from cms.api.refs import Book, Image
from cms.api.seo import prime_page_seo, resolve_page_seo, seo_field
from cms.services import site_relative_path, visible_pages
from portal.api.node import Node
from portal.api.pagination import CountableConnection
from social_sync.api import prime_social_posts, resolve_social_posts, social_posts_field


def _choices_enum(name, choices, description):
    return graphene.Enum(
        name,
        [(member.name, member.value) for member in choices],
        description=description,
    )


# Reading lists, programs and books share one audience vocabulary.
AudienceEnum = CatalogAudience
ProgramKindEnum = _choices_enum("ProgramKind", models.ProgramKind, "What kind of program it is.")
ProgramFormatEnum = _choices_enum(
    "ProgramFormat", models.ProgramFormat, "Where a program happens: online, on site or both."
)


class PageInterface(graphene.Interface):
    """What every page has, whatever its type. Drafts and restricted pages are never returned."""

    class Meta:
        name = "Page"

    id = graphene.ID(required=True, description="The page's global id, for `node(id:)`.")
    title = graphene.String(required=True, description="The page's title.")
    slug = graphene.String(required=True, description="The last part of the page's path.")
    path = graphene.String(
        description=(
            "Path relative to the site, for the frontend's router: `/berita/` in Bahasa "
            "Indonesia, `/en/news/` in English. Null for a page outside every site."
        )
    )
    locale = graphene.String(required=True, description="Language code of the page: `id` or `en`.")
    seo_title = graphene.String(description="Title for search engines and browser tabs.")
    search_description = graphene.String(description="Summary for search engines.")
    first_published_at = graphene.DateTime(description="When the page was first published.")
    last_published_at = graphene.DateTime(description="When the page was last published.")
    seo = seo_field()

    resolve_seo = staticmethod(resolve_page_seo)
    translations = graphene.List(
        graphene.NonNull(lambda: PageInterface),
        required=True,
        description="The published versions of this page in the other languages (not this one). "
        "Empty when the page is not translated.",
    )

    @classmethod
    def resolve_type(cls, instance, info):
        return get_global_registry().get_type_for_model(type(instance))

    @staticmethod
    def resolve_locale(page, info):
        return LocaleCodeLoader.for_request(info.context).load(page.locale_id)

    @staticmethod
    def resolve_path(page, info):
        language = LocaleCodeLoader.for_request(info.context).load(page.locale_id)
        return site_relative_path(page.url_path, language, site_root_paths(info.context))

    @staticmethod
    def resolve_seo_title(page, info):
        return page.seo_title or page.title

    @staticmethod
    def resolve_translations(page, info):
        versions = TranslationsLoader.for_request(info.context).load(page.translation_key)
        return [version for version in versions if version.pk != page.pk]

    @classmethod
    def prime(cls, pages, info):
        prime_pages(pages, info.context)
        prime_page_seo(pages, info)
        prime_social_posts(pages, info)


PAGE_FIELDS = [
    "id",
    "title",
    "slug",
    "seo_title",
    "search_description",
    "first_published_at",
    "last_published_at",
]


def _stream(page, field, info):
    if field in page.get_deferred_fields():
        value = DeferredStreamLoader.for_request(info.context).load((type(page), field, page.pk))
    else:
        value = getattr(page, field)
    return stream_blocks(value, info.context)


def _want_streams(pages, request, field="body"):
    DeferredStreamLoader.for_request(request).want(
        (type(page), field, page.pk) for page in pages if field in page.get_deferred_fields()
    )


class PageType(DjangoObjectType):
    """Base of the page types: only pages anyone may read are reachable by id."""

    class Meta:
        abstract = True

    @classmethod
    def get_queryset(cls, queryset, info):
        return visible_pages(queryset)

    @classmethod
    def prime(cls, pages, info):
        prime_pages(pages, info.context)

    @classmethod
    def want_related(cls, pages, request):
        """Note what the pages of this type refer to (images, rows), for loading in bulk."""
        ImageLoader.for_request(request).want(
            getattr(page, "lead_image_id", None) for page in pages
        )


def _lead_image_field():
    return graphene.Field(
        Image, description="The page's main image, for lists and sharing. Null when none."
    )


def _resolve_lead_image(page, info):
    return ImageLoader.for_request(info.context).load(page.lead_image_id)


def _intro_field():
    return graphene.String(
        required=True, description="A sentence or two for lists and the top of the page."
    )


# --- Home ------------------------------------------------------------------------------------


class FeaturedItem(graphene.ObjectType):
    """A page the library features on its home page."""

    label = graphene.String(required=True, description="A short word above the item; may be empty.")
    page = graphene.Field(
        PageInterface, required=True, description="The featured page (news, program, list…)."
    )


class HomePage(PageType):
    """The root page of one language's site."""

    class Meta:
        model = models.HomePage
        interfaces = (PageInterface, Node)  # Node last: its global `id` wins
        fields = [*PAGE_FIELDS, "intro"]

    hero_title = graphene.String(
        required=True, description="The banner's large line (the page title when not set)."
    )
    hero_text = graphene.String(required=True, description="The banner's text; may be empty.")
    hero_image = graphene.Field(Image, description="The banner's image. Null when none.")
    featured_items = graphene.List(
        graphene.NonNull(FeaturedItem),
        required=True,
        description="Pages the editors feature, in their order, each in the home page's language "
        "when translated. Hidden pages are left out.",
    )
    sections = stream_field("The blocks below the banner, in order.")

    @staticmethod
    def resolve_hero_title(page, info):
        return page.hero_title or page.title

    @staticmethod
    def resolve_hero_image(page, info):
        return ImageLoader.for_request(info.context).load(page.hero_image_id)

    @staticmethod
    def resolve_featured_items(page, info):
        pages = VisiblePageLoader.for_request(info.context)
        translations = TranslationsLoader.for_request(info.context)
        items = []
        for item in FeaturedItemsLoader.for_request(info.context).load(page.pk):
            featured = pages.load(item.page_id)
            if featured is None:
                continue
            if featured.locale_id != page.locale_id:
                # A home page copied for translation still points at the originals: show the
                # featured page's version in the home page's language when there is one.
                versions = translations.load(featured.translation_key)
                featured = next((v for v in versions if v.locale_id == page.locale_id), featured)
            items.append(FeaturedItem(label=item.label, page=featured))
        return items

    @staticmethod
    def resolve_sections(page, info):
        return _stream(page, "sections", info)

    @classmethod
    def want_related(cls, pages, request):
        ImageLoader.for_request(request).want(page.hero_image_id for page in pages)
        FeaturedItemsLoader.for_request(request).want(page.pk for page in pages)
        _want_streams(pages, request, "sections")


# --- News ------------------------------------------------------------------------------------


class Person(graphene.ObjectType):
    """Someone credited on a page, such as the librarian who wrote a news item."""

    name = graphene.String(required=True, description="Full name.")
    role = graphene.String(required=True, description="Role at the library; may be empty.")
    photo = graphene.Field(Image, description="Portrait; null when none.")

    @staticmethod
    def resolve_photo(person, info):
        return ImageLoader.for_request(info.context).load(person.photo_id)


class NewsCategory(graphene.ObjectType):
    """A heading news items are filed under."""

    slug = graphene.String(required=True, description="For filters: `pages(category:)`.")
    name = graphene.String(required=True, description="The name in Bahasa Indonesia.")
    name_en = graphene.String(
        required=True, description="The name in English (the Indonesian name when not set)."
    )

    @staticmethod
    def resolve_name_en(category, info):
        return category.name_en or category.name


class NewsIndexPage(PageType):
    """The news section. Its items: `pages(type: NEWS, parent: <this id>)`."""

    class Meta:
        model = models.NewsIndexPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "intro"]

    intro = _intro_field()


class NewsPage(PageType):
    """A news item."""

    class Meta:
        model = models.NewsPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "date", "intro"]

    social_posts = social_posts_field()
    resolve_social_posts = staticmethod(resolve_social_posts)
    json_ld = graphene.JSONString(
        required=True,
        description="schema.org `NewsArticle` JSON-LD, for an `application/ld+json` script.",
    )
    resolve_json_ld = staticmethod(resolve_news_json_ld)

    date = graphene.Date(required=True, description="The date shown on the item.")
    intro = _intro_field()
    lead_image = _lead_image_field()
    body = stream_field("The item's text and media, block by block.")
    category = graphene.Field(NewsCategory, description="Null when the item has no category.")
    tags = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Tag names, alphabetical. Filter news by one with `pages(tag:)`.",
    )
    authors = graphene.List(
        graphene.NonNull(Person), required=True, description="Who wrote it, in credited order."
    )

    resolve_lead_image = staticmethod(_resolve_lead_image)

    @staticmethod
    def resolve_body(page, info):
        return _stream(page, "body", info)

    @staticmethod
    def resolve_category(page, info):
        return NewsCategoryLoader.for_request(info.context).load(page.category_id)

    @staticmethod
    def resolve_tags(page, info):
        return NewsTagsLoader.for_request(info.context).load(page.pk)

    @staticmethod
    def resolve_authors(page, info):
        return NewsAuthorsLoader.for_request(info.context).load(page.pk)

    @classmethod
    def want_related(cls, pages, request):
        super().want_related(pages, request)
        ids = [page.pk for page in pages]
        NewsCategoryLoader.for_request(request).want(page.category_id for page in pages)
        NewsTagsLoader.for_request(request).want(ids)
        NewsAuthorsLoader.for_request(request).want(ids)
        _want_streams(pages, request)


# --- Reading recommendations -----------------------------------------------------------------


class RecommendedBook(graphene.ObjectType):
    """A catalog book on a reading list, with the librarian's note."""

    position = graphene.Int(required=True, description="1 for the first book of the list.")
    note = graphene.String(required=True, description="Why the librarian chose it; may be empty.")
    book = graphene.Field(Book, description="The catalog record; null if it was removed.")


class RecommendationIndexPage(PageType):
    """The reading lists section. Its lists: `pages(type: RECOMMENDATION, parent: <this id>)`."""

    class Meta:
        model = models.RecommendationIndexPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "intro"]

    intro = _intro_field()


class RecommendationPage(PageType):
    """A reading list curated by a librarian."""

    class Meta:
        model = models.RecommendationPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "theme", "intro"]

    social_posts = social_posts_field()
    resolve_social_posts = staticmethod(resolve_social_posts)

    theme = graphene.String(required=True, description="What ties the books together.")
    audience = graphene.Field(AudienceEnum, required=True, description="Who the list is for.")
    intro = _intro_field()
    lead_image = _lead_image_field()
    books = graphene.List(
        graphene.NonNull(RecommendedBook),
        required=True,
        description="The books in the librarian's order.",
    )

    resolve_lead_image = staticmethod(_resolve_lead_image)

    @staticmethod
    def resolve_books(page, info):
        from cms.api.loaders import BookLoader

        books = BookLoader.for_request(info.context)
        entries = RecommendationBooksLoader.for_request(info.context).load(page.pk)
        return [
            RecommendedBook(position=index, note=entry.note, book=books.load(entry.book_id))
            for index, entry in enumerate(entries, start=1)
        ]

    @classmethod
    def want_related(cls, pages, request):
        super().want_related(pages, request)
        RecommendationBooksLoader.for_request(request).want(page.pk for page in pages)


# --- Programs --------------------------------------------------------------------------------


class ProgramSession(graphene.ObjectType):
    """One meeting of a program."""

    title = graphene.String(required=True, description="E.g. “Hari 1”; may be empty.")
    start = graphene.DateTime(
        required=True, description="Start, in the library's time (Asia/Jayapura, +09:00)."
    )
    end = graphene.DateTime(
        required=True, description="End, in the library's time (Asia/Jayapura, +09:00)."
    )

    @staticmethod
    def resolve_start(session, info):
        return timezone.localtime(session.start)

    @staticmethod
    def resolve_end(session, info):
        return timezone.localtime(session.end)


class PartnerInstitution(graphene.ObjectType):
    """An institution the library runs a program with."""

    name = graphene.String(required=True, description="The institution's name.")
    website = graphene.String(description="Its website; null when unknown.")
    logo = graphene.Field(Image, description="Its logo; null when none.")

    @staticmethod
    def resolve_website(partner, info):
        return partner.website or None

    @staticmethod
    def resolve_logo(partner, info):
        return ImageLoader.for_request(info.context).load(partner.logo_id)


class ProgramIndexPage(PageType):
    """The programs section. Its programs: `pages(type: PROGRAM, parent: <this id>)`."""

    class Meta:
        model = models.ProgramIndexPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "intro"]

    intro = _intro_field()


class ProgramPage(PageType):
    """A program: a webinar, workshop, school visit, book club…, with its sessions."""

    class Meta:
        model = models.ProgramPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "intro", "venue", "online_platform", "capacity"]

    social_posts = social_posts_field()
    resolve_social_posts = staticmethod(resolve_social_posts)
    json_ld = graphene.JSONString(
        required=True,
        description="schema.org `Event` JSON-LD, for an `application/ld+json` script.",
    )
    resolve_json_ld = staticmethod(resolve_program_json_ld)

    kind = graphene.Field(ProgramKindEnum, required=True, description="What kind of program.")
    format = graphene.Field(
        ProgramFormatEnum, required=True, description="Online, on site or both."
    )
    audience = graphene.Field(AudienceEnum, required=True, description="Who it is for.")
    intro = _intro_field()
    lead_image = _lead_image_field()
    body = stream_field("The program's description, block by block.")
    venue = graphene.String(required=True, description="Room and address; empty when online.")
    online_platform = graphene.String(
        required=True, description="Zoom, Google Meet, YouTube Live…; empty when on site only."
    )
    capacity = graphene.Int(description="Seats available; null means no limit.")
    sessions = graphene.List(
        graphene.NonNull(ProgramSession),
        required=True,
        description="The program's sessions in the editor's order (usually by time).",
    )
    starts_at = graphene.DateTime(description="Start of the earliest session (+09:00).")
    ends_at = graphene.DateTime(description="End of the latest session (+09:00).")
    partners = graphene.List(
        graphene.NonNull(PartnerInstitution),
        required=True,
        description="Partner institutions, alphabetical.",
    )
    registration_open = graphene.Boolean(
        required=True,
        description="True when visitors may register now: opened by the editors and before the "
        "deadline.",
    )
    registration_deadline = graphene.DateTime(description="Last moment to register; null if none.")

    resolve_lead_image = staticmethod(_resolve_lead_image)

    @staticmethod
    def resolve_body(page, info):
        return _stream(page, "body", info)

    @staticmethod
    def resolve_sessions(page, info):
        return ProgramSessionsLoader.for_request(info.context).load(page.pk)

    @staticmethod
    def resolve_starts_at(page, info):
        sessions = ProgramSessionsLoader.for_request(info.context).load(page.pk)
        start = min((session.start for session in sessions), default=None)
        return timezone.localtime(start) if start else None

    @staticmethod
    def resolve_ends_at(page, info):
        sessions = ProgramSessionsLoader.for_request(info.context).load(page.pk)
        end = max((session.end for session in sessions), default=None)
        return timezone.localtime(end) if end else None

    @staticmethod
    def resolve_partners(page, info):
        return ProgramPartnersLoader.for_request(info.context).load(page.pk)

    @staticmethod
    def resolve_registration_deadline(page, info):
        deadline = page.registration_deadline
        return timezone.localtime(deadline) if deadline else None

    @staticmethod
    def resolve_registration_open(page, info):
        return page.registration_is_open(timezone.now())

    @classmethod
    def want_related(cls, pages, request):
        super().want_related(pages, request)
        ids = [page.pk for page in pages]
        ProgramSessionsLoader.for_request(request).want(ids)
        ProgramPartnersLoader.for_request(request).want(ids)
        _want_streams(pages, request)


# --- Standard pages --------------------------------------------------------------------------


class StandardPage(PageType):
    """A page about the library: a service, opening hours, FAQ, about us."""

    class Meta:
        model = models.StandardPage
        interfaces = (PageInterface, Node)
        fields = [*PAGE_FIELDS, "intro"]

    intro = _intro_field()
    lead_image = _lead_image_field()
    body = stream_field("The page's content, block by block.")

    resolve_lead_image = staticmethod(_resolve_lead_image)

    @staticmethod
    def resolve_body(page, info):
        return _stream(page, "body", info)

    @classmethod
    def want_related(cls, pages, request):
        super().want_related(pages, request)
        _want_streams(pages, request)


# Every page model with a GraphQL type; listings return only these.
PAGE_TYPES = {
    models.HomePage: HomePage,
    models.NewsIndexPage: NewsIndexPage,
    models.NewsPage: NewsPage,
    models.RecommendationIndexPage: RecommendationIndexPage,
    models.RecommendationPage: RecommendationPage,
    models.ProgramIndexPage: ProgramIndexPage,
    models.ProgramPage: ProgramPage,
    models.StandardPage: StandardPage,
}


class PageConnection(CountableConnection):
    """A page of pages, in tree order unless an ordering is asked for."""

    class Meta:
        node = PageInterface
