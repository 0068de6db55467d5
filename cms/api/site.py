"""GraphQL fields of the library's site settings and menus: `siteSettings` and `menu`."""

from __future__ import annotations

from dataclasses import dataclass

import graphene
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.api.images import Image
from cms.api.loaders import site_root_paths
from cms.models import LibrarySettings, OpeningHours
from cms.services import find_site, localized_pages, site_relative_path
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import enum_value
from portal.api.languages import LanguageCode
from portal.media_urls import frontend_url

MENU_RELATIONS = {"main": "main_menu_items", "footer": "footer_menu_items"}

MenuName = graphene.Enum(
    "MenuName",
    [("MAIN", "main"), ("FOOTER", "footer")],
    description="A menu editors manage in Settings → Library: `MAIN` (header) or `FOOTER`.",
)

DayOfWeek = graphene.Enum(
    "DayOfWeek",
    [(day.name, day.value) for day in OpeningHours.Day],
    description="A day of the week, or `PUBLIC_HOLIDAY` for the hours on public holidays.",
)


def site_or_error(hostname: str | None) -> Site:
    """The site serving ``hostname`` (the default site when omitted), for every field with a
    `site` argument: an unknown site is `NOT_FOUND`, whatever the field."""
    site = find_site(hostname)
    if site is None:
        raise ApiError(ErrorCode.NOT_FOUND, _("There is no site with this host name."))
    return site


def library_settings(site: Site) -> LibrarySettings:
    """The site's settings, or unsaved defaults when the librarian never opened them.

    Wagtail's ``for_site`` would create a row: a read must not write.
    """
    found = LibrarySettings.objects.filter(site=site).select_related("logo").first()
    return found or LibrarySettings(site=site, name=site.site_name or settings.WAGTAIL_SITE_NAME)


@dataclass
class Localized:
    """A model instance together with the language the caller asked for."""

    obj: object
    language: str


class OpeningHoursType(graphene.ObjectType):
    """When the library is open on one day."""

    class Meta:
        name = "OpeningHours"

    day = graphene.Field(DayOfWeek, required=True, description="The day these hours apply to.")
    opens = graphene.Time(description="Opening time (local time, WIT); null when closed.")
    closes = graphene.Time(description="Closing time (local time, WIT); null when closed.")
    is_closed = graphene.Boolean(required=True, description="True when closed all day.")
    note = graphene.String(required=True, description="A remark, e.g. a lunch break; may be ''.")

    @staticmethod
    def resolve_day(row, info):
        return row.obj.day

    @staticmethod
    def resolve_opens(row, info):
        return row.obj.opens

    @staticmethod
    def resolve_closes(row, info):
        return row.obj.closes

    @staticmethod
    def resolve_is_closed(row, info):
        return row.obj.opens is None

    @staticmethod
    def resolve_note(row, info):
        return row.obj.localized_note(row.language)


class Contact(graphene.ObjectType):
    """How to reach the library. Empty strings are details the librarian has not filled in."""

    address = graphene.String(required=True, description="Postal address, several lines.")
    phone = graphene.String(required=True, description="Phone number as written by the editor.")
    email = graphene.String(required=True, description="E-mail address.")
    whatsapp = graphene.String(required=True, description="WhatsApp number as written.")
    whatsapp_url = graphene.String(
        description="A `https://wa.me/…` link opening a chat; null without a number."
    )

    @staticmethod
    def resolve_whatsapp_url(library, info):
        digits = "".join(ch for ch in library.whatsapp if ch.isdigit())
        if not digits:
            return None
        if digits.startswith("0"):  # a national number: Indonesia's country code
            digits = "62" + digits[1:]
        return f"https://wa.me/{digits}"


class SocialLinks(graphene.ObjectType):
    """The library's profiles on social media; null when it has none there."""

    facebook = graphene.String(description="Facebook page URL.")
    instagram = graphene.String(description="Instagram profile URL.")
    x = graphene.String(description="X (Twitter) profile URL.")
    youtube = graphene.String(description="YouTube channel URL.")

    @staticmethod
    def resolve_facebook(library, info):
        return library.facebook_url or None

    @staticmethod
    def resolve_instagram(library, info):
        return library.instagram_url or None

    @staticmethod
    def resolve_x(library, info):
        return library.x_url or None

    @staticmethod
    def resolve_youtube(library, info):
        return library.youtube_url or None


class SiteSettings(graphene.ObjectType):
    """Who the library is and how to reach it, for a frontend's header and footer."""

    name = graphene.String(required=True, description="The library's name in the language.")
    logo = graphene.Field(Image, description="The logo; null when none was uploaded.")
    contact = graphene.Field(Contact, required=True, description="Address, phone, e-mail.")
    opening_hours = graphene.List(
        graphene.NonNull(OpeningHoursType),
        required=True,
        description="Opening hours in the order the librarian set (at most one row per day "
        "is typical; a day missing from the list is unknown, not closed).",
    )
    social = graphene.Field(SocialLinks, required=True, description="Social media profiles.")

    @staticmethod
    def resolve_name(row, info):
        return row.obj.localized_name(row.language)

    @staticmethod
    def resolve_logo(row, info):
        return row.obj.logo

    @staticmethod
    def resolve_contact(row, info):
        return row.obj

    @staticmethod
    def resolve_social(row, info):
        return row.obj

    @staticmethod
    def resolve_opening_hours(row, info):
        if row.obj.pk is None:
            return []
        return [
            Localized(hours, row.language)
            for hours in OpeningHours.objects.filter(settings=row.obj).order_by("sort_order")
        ]


class MenuItem(graphene.ObjectType):
    """One link of a menu, in the language asked for."""

    label = graphene.String(required=True, description="Text of the link.")
    path = graphene.String(
        description="Site-relative path of the linked page for the frontend's router; null for "
        "an external link."
    )
    url = graphene.String(
        required=True,
        description="Absolute URL: the page on the frontend (`FRONTEND_URL` + path) or the "
        "external address.",
    )
    is_external = graphene.Boolean(required=True, description="True for a link to another site.")


def menu_items(library: LibrarySettings, menu: str, language: str, request) -> list[MenuItem]:
    """The links of one menu in ``language``: three queries whatever the number of links.

    A page link goes to the page's version in ``language`` by the locale-fallback rule
    (``cms.services.localized_pages``); links to pages no visitor may see (drafts, expired,
    restricted) are left out.
    """
    if library.pk is None:
        return []
    relation = getattr(LibrarySettings, MENU_RELATIONS[menu]).rel.related_model
    items = list(relation.objects.filter(settings=library).order_by("sort_order"))
    pages = localized_pages(
        (item.page_id for item in items if item.page_id), language, fields=("title", "url_path")
    )
    roots = site_root_paths(request)
    links = []
    for item in items:
        if item.external_url:
            links.append(
                MenuItem(
                    label=(item.label_en if language == "en" and item.label_en else item.label),
                    path=None,
                    url=item.external_url,
                    is_external=True,
                )
            )
            continue
        found = pages.get(item.page_id)
        if found is None:
            continue
        title, code = found["title"], found["language"]
        path = site_relative_path(found["url_path"], code, roots)
        if path is None:
            continue
        if language == "en":
            label = item.label_en or (title if code == "en" else "") or item.label or title
        else:
            label = item.label or title
        links.append(MenuItem(label=label, path=path, url=frontend_url(path), is_external=False))
    return links


SITE_ARGUMENT = {
    "site": graphene.String(
        description="Host name of the site, e.g. `perpustakaan.ternatekota.go.id`; the default "
        "site when omitted. An unknown site gives `NOT_FOUND`."
    ),
    "locale": LanguageCode(description="Language of the texts: `ID` when omitted."),
}


class SiteQueries(graphene.ObjectType):
    site_settings = graphene.Field(
        SiteSettings,
        required=True,
        **SITE_ARGUMENT,
        description="The library's name, logo, contact details, opening hours and social links.",
    )
    menu = graphene.List(
        graphene.NonNull(MenuItem),
        required=True,
        name=graphene.Argument(MenuName, required=True, description="Which menu."),
        **SITE_ARGUMENT,
        description="The links of a menu in order. Links to unpublished pages are left out.",
    )

    @staticmethod
    def resolve_site_settings(root, info, site=None, locale=None):
        library = library_settings(site_or_error(site))
        return Localized(library, enum_value(locale, settings.LANGUAGE_CODE))

    @staticmethod
    def resolve_menu(root, info, name, site=None, locale=None):
        library = library_settings(site_or_error(site))
        return menu_items(
            library, enum_value(name), enum_value(locale, settings.LANGUAGE_CODE), info.context
        )


__all__ = ["SiteQueries", "SiteSettings", "MenuItem", "library_settings", "site_or_error"]
