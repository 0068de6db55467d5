"""The one REST-style endpoint of members: uploading a profile picture (multipart).

``POST /api/avatar`` with a multipart body whose file field is ``avatar`` (JPEG, PNG or WebP,
at most ``AVATAR_MAX_UPLOAD_BYTES``); ``DELETE /api/avatar`` removes the picture. The caller is
identified exactly as on /graphql/: the session cookie with ``X-CSRFToken``, or ``X-Session-Token``.
The image is re-encoded as a square JPEG, which drops its metadata (camera, GPS position).
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from PIL import Image, ImageOps, UnidentifiedImageError

from community.api.types import avatar_url
from community.services import profile_of
from portal.api.auth import identify_caller
from portal.api.errors import RequestError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000  # larger images are refused before decoding (decompression bombs)


def _refuse(status: int, code: str, message: str) -> JsonResponse:
    response = JsonResponse({"errors": [{"code": code, "message": message}]}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def _answer(request, profile) -> JsonResponse:
    response = JsonResponse({"avatarUrl": avatar_url(profile)})
    response["Cache-Control"] = "private, no-store"
    return response


def _square_jpeg(upload) -> bytes:
    """The uploaded image as a square JPEG of AVATAR_SIZE pixels; ValueError when unusable."""
    try:
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValueError("format")
            if probe.width * probe.height > MAX_PIXELS:
                raise ValueError("size")
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            if image.mode in ("RGBA", "LA", "P"):
                image = image.convert("RGBA")
                background = Image.new("RGB", image.size, "white")
                background.paste(image, mask=image.split()[-1])
                image = background
            else:
                image = image.convert("RGB")
            size = settings.AVATAR_SIZE
            image = ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValueError("unreadable") from None


@csrf_exempt  # identify_caller checks CSRF for cookie sessions; tokens need none
@require_http_methods(["POST", "DELETE"])
def avatar(request):
    try:
        identify_caller(request, csrf_methods=("POST", "DELETE"))
    except RequestError as refused:
        return _refuse(refused.status, refused.code.value, refused.message)
    user = request.user
    if not user.is_authenticated:
        return _refuse(401, "UNAUTHENTICATED", _("Sign in to change your picture."))
    profile = profile_of(user)
    if request.method == "DELETE":
        if profile.avatar:
            profile.avatar.delete(save=False)
            profile.avatar = ""
            profile.save(update_fields=["avatar", "updated_at"])
        return _answer(request, profile)
    upload = request.FILES.get("avatar")
    if upload is None:
        return _refuse(
            400, "REQUIRED", _("Send the picture as the file field `avatar` (multipart).")
        )
    limit = settings.AVATAR_MAX_UPLOAD_BYTES
    if upload.size > limit:
        return _refuse(
            413,
            "TOO_LARGE",
            _("The picture may be at most %(limit)d KB.") % {"limit": limit // 1024},
        )
    try:
        content = _square_jpeg(upload)
    except ValueError:
        return _refuse(
            415, "UNSUPPORTED_IMAGE", _("The picture must be a JPEG, PNG or WebP image.")
        )
    old = profile.avatar.name if profile.avatar else None
    profile.avatar.save("avatar.jpg", ContentFile(content), save=False)
    profile.save(update_fields=["avatar", "updated_at"])
    if old:
        profile.avatar.storage.delete(old)
    return _answer(request, profile)
