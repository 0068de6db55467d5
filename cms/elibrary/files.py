"""Reading a stored e-book file by byte ranges, in flat memory, whatever the storage.

``parse_range`` reads an HTTP ``Range`` header (one range; RFC 9110 §14). ``chunks`` yields
the bytes ``[start, end]`` of a stored file in pieces of ``CHUNK`` bytes: from the local disk
with a seek, from S3-compatible storage with a ranged ``GetObject`` (django-storages' file
object would first copy the whole object into a temporary file).
"""

from __future__ import annotations

import re

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Unsatisfiable(Exception):  # noqa: N818
    pass


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """``(start, end)`` inclusive, ``None`` to send the whole file (no header, several ranges,
    or a header we do not understand, which RFC 9110 lets a server ignore), or
    ``Unsatisfiable`` (416)."""
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        raise Unsatisfiable
    return start, end


def _s3_object(storage, name):
    bucket = getattr(storage, "bucket", None)
    normalize = getattr(storage, "_normalize_name", None)
    if bucket is None or normalize is None:
        return None
    return bucket.Object(normalize(name))


def chunks(storage, name: str, start: int, end: int):
    """Yield the bytes ``start..end`` (inclusive) of the stored file ``name``."""
    remaining = end - start + 1
    if remaining <= 0:
        return
    obj = _s3_object(storage, name)
    if obj is not None:
        body = obj.get(Range=f"bytes={start}-{end}")["Body"]
        try:
            for piece in body.iter_chunks(CHUNK):
                yield piece
        finally:
            body.close()
        return
    with storage.open(name, "rb") as handle:
        handle.seek(start)
        while remaining > 0:
            piece = handle.read(min(CHUNK, remaining))
            if not piece:
                break
            remaining -= len(piece)
            yield piece
