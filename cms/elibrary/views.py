"""The e-library outside GraphQL: OPDS catalogs, and files served by signed URLs with ranges.

* ``opds/`` (OPDS 2.0 navigation), ``opds/publikasi`` (publications, facets, search, paging),
  ``opds/atom`` (OPDS 1.2), ``opds/autentikasi`` (Authentication for OPDS);
* ``unduh/<edition>`` and ``pinjam/<edition>``: the acquisition links. They answer with a
  redirect to a fresh signed file URL. Members are identified by HTTP Basic only (reader apps),
  never by the session cookie, so another site cannot make a member's browser borrow; the
  website gets signed URLs through GraphQL. Without credentials: 401 with the authentication
  document, as Authentication for OPDS says.
* ``berkas/<token>/<name>``: the file, GET/HEAD, one byte range per request (206), 416 outside
  the file; checked on every request (``signed_urls.check``).
"""

from __future__ import annotations

import base64
import binascii
import json

from django.contrib.auth import authenticate
from django.core.cache import cache
from django.http import (
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from cms.elibrary import files, opds, services, signals, signed_urls
from cms.elibrary.models import Access, DigitalEdition
from portal.media_urls import absolute_media_url
from portal.refusals import Refused

FAILED_LOGINS_PER_WINDOW = 10
FAILED_LOGIN_WINDOW = 300
PROBLEM = "application/problem+json"


def _json(data: dict, content_type: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=None), content_type=content_type, status=status
    )
    response["Cache-Control"] = "private, max-age=60"
    return response


def _problem(status: int, code: str, message: str) -> HttpResponse:
    response = _json(
        {"type": f"urn:pustaka:elibrary:{code}", "title": message, "status": status},
        PROBLEM,
        status,
    )
    response["Cache-Control"] = "no-store"
    return response


def _bad_request() -> HttpResponse:
    return _problem(400, "BAD_REQUEST", _("This catalog address has a value that is not allowed."))


# --- catalogs -----------------------------------------------------------------------------


@require_GET
def opds_root(request):
    return _json(opds.navigation_feed(), opds.OPDS2)


@require_GET
def opds_publications(request):
    try:
        page = opds.catalog_page(request.GET)
    except opds.BadRequest:
        return _bad_request()
    return _json(opds.publications_feed(page), opds.OPDS2)


@require_GET
def opds_atom(request):
    try:
        page = opds.catalog_page(request.GET)
    except opds.BadRequest:
        return _bad_request()
    response = HttpResponse(opds.atom_feed(page), content_type=opds.OPDS1_ACQUISITION)
    response["Cache-Control"] = "private, max-age=60"
    return response


@require_GET
def opds_auth(request):
    return _json(opds.authentication_document(), opds.AUTH_TYPE)


# --- acquisition --------------------------------------------------------------------------


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def basic_auth_user(request):
    """The member named by an ``Authorization: Basic`` header with the right password, else
    None. Failed attempts per client address are limited."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    key = f"elibrary:basic-fail:{_client_address(request)}"
    if cache.get(key, 0) >= FAILED_LOGINS_PER_WINDOW:
        return None
    try:
        login, _colon, password = base64.b64decode(value.strip()).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user = None
    if login and password and "\x00" not in login + password:
        user = authenticate(request, username=login, password=password)
        if user is None and "@" in login:
            user = authenticate(request, email=login, password=password)
    if user is None or not user.is_active:
        cache.add(key, 0, FAILED_LOGIN_WINDOW)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, FAILED_LOGIN_WINDOW)
        return None
    return user


def _unauthorized() -> HttpResponse:
    response = _json(opds.authentication_document(), opds.AUTH_TYPE, status=401)
    response["WWW-Authenticate"] = 'Basic realm="Perpustakaan Kota Ternate", charset="UTF-8"'
    response["Cache-Control"] = "no-store"
    return response


def _to_file(edition, user=None, loan=None) -> HttpResponse:
    response = HttpResponseRedirect(absolute_media_url(signed_urls.url_for(edition, user, loan)))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def download(request, edition_id: int):
    edition = DigitalEdition.objects.filter(pk=edition_id).first()
    if edition is None:
        return _problem(404, "NOT_FOUND", _("There is no such e-book."))
    if edition.access == Access.OPEN:
        return _to_file(edition)
    user = basic_auth_user(request)
    if user is None:
        return _unauthorized()
    if edition.access == Access.MEMBERS:
        return _to_file(edition, user)
    loan = services.open_loan(user, edition.pk)
    if loan is None:
        return _problem(403, "NOT_ON_LOAN", _("Borrow this e-book first."))
    return _to_file(edition, user, loan)


@csrf_exempt  # members are identified by HTTP Basic only: no cookie, nothing to forge
def borrow(request, edition_id: int):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    user = basic_auth_user(request)
    if user is None:
        return _unauthorized()
    try:
        loan = services.borrow(user, edition_id)
    except Refused as refusal:
        status = 404 if refusal.code == "NOT_FOUND" else 409
        return _problem(status, refusal.code, str(refusal.message))
    return _to_file(loan.edition, user, loan)


# --- the file -----------------------------------------------------------------------------

LINK_MESSAGES = {
    403: gettext_lazy("This download link is not valid."),
    404: gettext_lazy("This e-book is no longer in the library."),
    410: gettext_lazy(
        "This download link has expired or the loan has ended. Open the e-book again."
    ),
}


def file(request, token: str, name: str):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    try:
        grant = signed_urls.check(token)
    except signed_urls.LinkRefused as refused:
        return _problem(refused.status, refused.reason.upper(), str(LINK_MESSAGES[refused.status]))
    edition = grant.edition
    size = edition.byte_size
    etag = f'"{edition.sha256}"'
    header = request.META.get("HTTP_RANGE")
    if_range = request.META.get("HTTP_IF_RANGE")
    if if_range and if_range.strip() != etag:
        header = None  # the file changed since the reader's first range: send it whole
    try:
        span = files.parse_range(header, size)
    except files.Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    start, end = span if span is not None else (0, size - 1)
    if request.method == "HEAD":
        response = HttpResponse(status=206 if span else 200)
    else:
        response = StreamingHttpResponse(
            files.chunks(edition.file.storage, edition.file.name, start, end),
            status=206 if span else 200,
        )
        if start == 0:
            signals.ebook_downloaded.send(
                sender="elibrary",
                edition_id=edition.pk,
                book_id=edition.book_id,
                format=edition.format,
                access=edition.access,
                partial=span is not None,
            )
    response["Content-Type"] = edition.content_type
    response["Content-Length"] = str(end - start + 1)
    if span is not None:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Content-Disposition"] = f'inline; filename="{edition.download_name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    return response
