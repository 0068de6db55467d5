"""Draft previews in the headless frontend: signed, page-scoped tokens that expire.

The editor presses *Preview* in Wagtail; instead of rendering a template, the page sends the
preview panel to the frontend (``FRONTEND_URL`` + the page's path + ``?preview=<token>``). The
frontend passes the token to ``previewPage(token:)`` and renders the draft it gets back.

The token is made with Django's ``TimestampSigner`` (``SECRET_KEY``, a salt of its own): it
carries the page id and the id of the revision being previewed, and expires after
``PREVIEW_TOKEN_MAX_AGE`` seconds (an hour by default). It cannot be altered to show another
page, and it shows that revision only, so a link shared by mistake stops working.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision, Site

from cms.services import site_relative_path
from portal.media_urls import frontend_url

SALT = "pustaka.cms.preview"
# The path of the frontend's preview page for a draft that has no path of its own yet.
PREVIEW_PLACEHOLDER_PATH = "/pratinjau/"


class PreviewRefused(Exception):
    """A preview token that shows nothing; the message is for the editor who opened it."""


class PreviewTokenExpired(PreviewRefused):
    """The token is older than ``PREVIEW_TOKEN_MAX_AGE``."""

    def __init__(self):
        super().__init__(
            _("This preview link has expired. Open the preview again from the editor.")
        )


class PreviewTokenInvalid(PreviewRefused):
    """The token is altered, not ours, for another page, or its page or revision is gone."""

    def __init__(self):
        super().__init__(_("This preview link is not valid."))


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_preview_token(page: Page, revision: Revision | None = None) -> str:
    """A token showing ``revision`` (the page's latest revision by default) of ``page``."""
    if revision is None:
        revision = page.latest_revision
    if page.pk is None or revision is None:
        raise ValueError("only a saved page with a revision can be previewed")
    # Right after save_revision() the revision still holds the page's key as an int.
    if str(revision.object_id) != str(page.pk):
        raise ValueError("the revision belongs to another page")
    return _signer().sign_object({"p": page.pk, "r": revision.pk}, compress=True)


def read_preview_token(token: str, max_age: int | None = None) -> tuple[int, int]:
    """The page id and revision id of a token; PreviewTokenExpired or PreviewTokenInvalid."""
    if max_age is None:
        max_age = settings.PREVIEW_TOKEN_MAX_AGE
    try:
        payload = _signer().unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise PreviewTokenExpired() from None
    except (signing.BadSignature, ValueError, TypeError, UnicodeDecodeError):
        raise PreviewTokenInvalid() from None
    try:
        return int(payload["p"]), int(payload["r"])
    except (KeyError, TypeError, ValueError):
        raise PreviewTokenInvalid() from None


def page_from_preview_token(token: str, expected_page_id: int | None = None) -> Page:
    """The draft a token shows: the specific page as saved in the token's revision.

    ``expected_page_id`` (the page a route resolved to) must be the token's page, so a token for
    one page never shows another. Raises PreviewTokenExpired or PreviewTokenInvalid (also when
    the page or revision was deleted since).
    """
    page_id, revision_id = read_preview_token(token)
    if expected_page_id is not None and int(expected_page_id) != page_id:
        raise PreviewTokenInvalid()
    revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id)).first()
    # content_object is the specific page (one query); None when the page was deleted.
    page = revision.content_object if revision is not None else None
    if page is None:
        raise PreviewTokenInvalid()
    # with_content_json keeps the live row's tree fields (path, url_path, live state).
    return page.with_content_json(revision.content)


def preview_path(page: Page) -> str:
    """The frontend path a draft is previewed at: the page's own path, or
    ``PREVIEW_PLACEHOLDER_PATH`` for a page without one (outside every site)."""
    path = None
    if page.url_path:
        path = site_relative_path(
            page.url_path, page.locale.language_code, Site.get_site_root_paths()
        )
    return path or PREVIEW_PLACEHOLDER_PATH


def frontend_preview_url(page: Page, token: str) -> str:
    """Where the frontend shows the draft: its ``preview_path`` with the token."""
    return f"{frontend_url(preview_path(page))}?preview={token}"


class HeadlessPreviewMixin:
    """For page models: Wagtail's *Preview* opens the draft in the headless frontend.

    The preview shows the last saved revision (the editor saves a draft, then previews); a page
    never saved yet gets a short message asking to save first.
    """

    def serve_preview(self, request, mode_name):
        if self.pk is None or self.latest_revision is None:
            message = escape(_("Save a draft first, then open the preview again."))
            return HttpResponse(f"<!doctype html><p>{message}</p>")
        return HttpResponseRedirect(frontend_preview_url(self, make_preview_token(self)))
