"""Opening the blank document a briefing is written into, and the logo on its title page.

A corporate template is a ``.docx`` whose styles, headers and footers the briefing adopts; its
body is emptied. Word's own template format (``.dotx``) cannot be opened by python-docx, so the
PM is asked to save it as a ``.docx``. A missing or damaged template refuses the export (the
corporate look was asked for); a logo problem only leaves the logo out, with a warning.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from pmdesk.export.errors import ExportError
from pmdesk.store.fileformat import quoted

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

TEMPLATE_SUFFIXES = (".dotx", ".dotm")
LOGO_MAX_PIXELS = 40_000_000  # a decompression bomb is not a logo
TEMPLATE_MAX_BYTES = 10_000_000


def blank_document(template: Path | bytes | None, *, name: str = "") -> DocxDocument:
    """A new empty document: python-docx's default, or ``template`` (a file the PM named,
    or a template's bytes stored in the project, called ``name`` in messages) with its body
    cleared."""
    import docx

    if template is None:
        return docx.Document()
    if isinstance(template, bytes):
        return _opened(io.BytesIO(template), name or "stored with the briefing")
    where = quoted(template)
    if template.suffix.lower() in TEMPLATE_SUFFIXES:
        raise ExportError(_dotx_message(where))
    if template.is_dir():
        raise ExportError(f"The template {where} is a folder, not a Word document.")
    if not template.exists():
        raise ExportError(f"The template {where} does not exist; choose another or none.")
    if not template.is_file():  # a device or a pipe would be read without end
        raise ExportError(f"The template {where} is not a file.")
    if template.suffix.lower() == ".doc":
        raise ExportError(
            f"The template {where} is in the old Word format (.doc); "
            "open it in Word and save it as a Word document (.docx)."
        )
    if template.stat().st_size > TEMPLATE_MAX_BYTES:
        raise ExportError(f"The template {where} is larger than a Word template can be.")
    return _opened(str(template), where)


def _opened(source: str | io.BytesIO, where: str) -> DocxDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(source)
    except ValueError as error:
        if "template" in str(error):
            raise ExportError(_dotx_message(where)) from None
        raise ExportError(_unreadable(where)) from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, OSError, SyntaxError):
        # Not a zip at all; a cut-off zip; lxml's XMLSyntaxError (a SyntaxError); a zip
        # without Word's parts (KeyError).
        raise ExportError(_unreadable(where)) from None
    body = document.element.body
    for child in list(body):
        if child.tag.rsplit("}", 1)[-1] != "sectPr":
            body.remove(child)
    return document


def logo_png(logo: Path | bytes) -> tuple[bytes | None, str | None]:
    """The logo (a file, or the bytes stored with the briefing) as PNG bytes, or None and a
    warning saying why it was left out."""
    where = "stored with the briefing" if isinstance(logo, bytes) else quoted(logo)
    if not isinstance(logo, bytes) and not logo.is_file():
        return None, f"The logo {where} was not found, so the title page has no logo."
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(logo) if isinstance(logo, bytes) else logo) as image:
            if image.width * image.height > LOGO_MAX_PIXELS:
                return None, f"The logo {where} is too large a picture, so it was left out."
            image.load()
            converted = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None, (
            f"The logo {where} is not a picture PM Desk can read (use PNG or JPEG), "
            "so the title page has no logo."
        )
    buffer = io.BytesIO()
    converted.save(buffer, format="PNG")
    return buffer.getvalue(), None


def _dotx_message(where: str) -> str:
    return (
        f"The template {where} is a Word template (.dotx), which PM Desk cannot use directly. "
        "Open it in Word, save it as a Word document (.docx), and choose that file instead."
    )


def _unreadable(where: str) -> str:
    return f"The template {where} is not a Word document PM Desk can read; it may be damaged."
