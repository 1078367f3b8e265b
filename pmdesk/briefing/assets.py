"""The logo and the Word template a briefing keeps inside the project.

A teammate's copy of the project shows the same briefing, and nothing in a project reaches
outside it: the PM chooses a file once, PM Desk checks it (a regular file, within a size
limit, really a picture or really a Word document) and stores its bytes in the briefing. A
path an older file names is never read on its own; the export says so and leaves it out.

The bytes are kept as base64 text, so the project's JSON dump carries them unchanged.
"""

from __future__ import annotations

import base64
import binascii
import io
import stat
from pathlib import Path

from pmdesk.briefing.model import LOGO_MAX_BYTES, TEMPLATE_MAX_BYTES
from pmdesk.errors import ValidationError
from pmdesk.export.errors import ExportError
from pmdesk.store.fileformat import quoted

LOGO_MAX_SIDE = 1200  # pixels kept: a title-page logo is printed about 2 inches wide
NAME_MAX = 200


def read_logo(path: Path) -> tuple[str, str]:
    """The picture at ``path`` as stored logo text (PNG, at most LOGO_MAX_SIDE pixels a side)
    and its file name; a ValidationError saying why not."""
    data = _read_limited(path, LOGO_MAX_BYTES, "logo")
    from PIL import Image, UnidentifiedImageError

    from pmdesk.export.template import LOGO_MAX_PIXELS

    where = quoted(path)
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > LOGO_MAX_PIXELS:
                raise ValidationError(
                    f"The logo {where} is too large a picture; use a smaller one."
                )
            image.load()
            picture = image.convert("RGBA")
    except Image.DecompressionBombError:
        raise ValidationError(
            f"The logo {where} is too large a picture; use a smaller one."
        ) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError(
            f"The logo {where} is not a picture PM Desk can read; use a PNG or JPEG file."
        ) from None
    picture.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return _text(buffer.getvalue()), path.name[:NAME_MAX]


def read_template(path: Path) -> tuple[str, str]:
    """The Word document at ``path`` as stored template text and its file name, after
    checking that PM Desk can write a briefing into it; a ValidationError saying why not."""
    from pmdesk.export.template import TEMPLATE_SUFFIXES, blank_document  # loads python-docx

    where = quoted(path)
    if path.suffix.lower() in TEMPLATE_SUFFIXES:
        raise ValidationError(
            f"The template {where} is a Word template (.dotx). Open it in Word, save it as a "
            "Word document (.docx), and choose that file instead."
        )
    data = _read_limited(path, TEMPLATE_MAX_BYTES, "template")
    try:
        blank_document(data, name=where)
    except ExportError as error:
        raise ValidationError(str(error)) from None
    return _text(data), path.name[:NAME_MAX]


def stored_bytes(text: str) -> bytes | None:
    """The bytes of a stored logo or template; None when there are none or the text is not
    what PM Desk stores (a hand-edited dump)."""
    if not text:
        return None
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None


def _text(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _read_limited(path: Path, limit: int, what: str) -> bytes:
    """A regular file's bytes, refused with a sentence when it is missing, not a file (a
    folder, a device, a pipe) or larger than ``limit``."""
    where = quoted(path)
    try:
        status = path.stat()
    except OSError:
        raise ValidationError(f"The {what} {where} cannot be found.") from None
    if not stat.S_ISREG(status.st_mode):
        raise ValidationError(f"The {what} {where} is not a file.")
    if status.st_size > limit:
        raise ValidationError(
            f"The {what} {where} is {status.st_size / 1_000_000:.1f} MB; "
            f"a {what} can be at most {limit // 1_000_000} MB."
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise ValidationError(
            f"The {what} {where} cannot be read: {error.strerror or error}."
        ) from None
    if len(data) > limit:  # it grew after the check
        raise ValidationError(f"The {what} {where} is larger than {limit // 1_000_000} MB.")
    return data
