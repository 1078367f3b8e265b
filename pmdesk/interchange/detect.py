"""What a file is, from its first bytes, before anything treats it as CSV.

A PM picks whatever their tools saved: a CSV, an Excel workbook, a GanttProject plan, an MS
Project XML file, a Word document, a PDF. Reading each of those as CSV gives nonsense ("no
column maps to Title"); this module says what the file is, so the import either uses the right
reader or says in one sentence that PM Desk does not import that kind of file.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pmdesk.errors import InterchangeError
from pmdesk.store.fileformat import quoted

HEAD_BYTES = 4096

TABLE_KINDS = ("csv", "xlsx")  # what the table importers read


@dataclass(frozen=True)
class FileKind:
    key: str  # "csv", "xlsx", "gan", "mspdi", or a kind PM Desk does not import
    description: str  # "an Excel workbook", for sentences

    @property
    def is_table(self) -> bool:
        return self.key in TABLE_KINDS


CSV = FileKind("csv", "a CSV file")
XLSX = FileKind("xlsx", "an Excel workbook")
GAN = FileKind("gan", "a GanttProject plan")
MSPDI = FileKind("mspdi", "an MS Project XML file")

# Kinds recognised only to be refused with a useful sentence: key -> (description, advice).
_REFUSED: dict[str, tuple[str, str]] = {
    "docx": ("a Word document", "copy its table into a spreadsheet and save that as CSV"),
    "ods": ("an OpenDocument spreadsheet", "save it as .xlsx or CSV"),
    "xls": ("an older Excel workbook (.xls)", "save it as .xlsx or CSV"),
    "mpp": ("an MS Project file (.mpp)", "in MS Project, save it as XML"),
    "ole": ("an older Office file", "save it as .xlsx or CSV"),
    "zip": ("a ZIP archive", "unpack it and import the file inside"),
    "pdf": ("a PDF document", "export the table from the tool that made it as CSV"),
    "image": ("a picture", "export the data itself as CSV"),
    "sqlite": ("a database (perhaps a PM Desk project)", "open a project with File > Open"),
    "xml": ("an XML file PM Desk does not know", "export CSV from the tool that made it"),
    "binary": ("not a text file", "export CSV from the tool that made it"),
}

_GAN_ROOT = re.compile(rb"<project\b[^>]*(?:ganttproject|webLink|view-date)", re.I)
_MSPDI_ROOT = re.compile(rb"<Project\b[^>]*schemas\.microsoft\.com/project", re.S)


def detect(path: Path) -> FileKind:
    """The kind of ``path``; raises InterchangeError if it cannot be read."""
    name = quoted(path)
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
    except FileNotFoundError:
        raise InterchangeError(f"{name} does not exist.") from None
    except IsADirectoryError:
        raise InterchangeError(f"{name} is a folder, not a file.") from None
    except OSError as error:
        raise InterchangeError(f"{name} cannot be read: {error.strerror}.") from None
    key = _sniff(path, head)
    if key == "csv":
        return CSV
    if key == "xlsx":
        return XLSX
    if key == "gan":
        return GAN
    if key == "mspdi":
        return MSPDI
    description, _advice = _REFUSED[key]
    return FileKind(key, description)


def refuse(path: Path, kind: FileKind, wanted: str = "this") -> InterchangeError:
    """The one sentence saying ``path`` is a kind of file that ``wanted`` cannot import."""
    advice = _REFUSED.get(kind.key, ("", "export CSV from the tool that made it"))[1]
    return InterchangeError(
        f"{quoted(path)} is {kind.description}, which PM Desk cannot import {wanted}; {advice}."
    )


def _sniff(path: Path, head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        suffix = path.suffix.lower()
        return {".xls": "xls", ".mpp": "mpp"}.get(suffix, "ole")
    if head.startswith(b"SQLite format 3\x00"):
        return "sqlite"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")):
        return "image"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        if _GAN_ROOT.search(head) or path.suffix.lower() == ".gan":
            return "gan"
        if _MSPDI_ROOT.search(head):
            return "mspdi"
        return "xml"
    # CSV reading decides about encodings and binary noise with its own sentences.
    return "csv"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "binary"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        return "ods"
    return "zip"
