"""Seeing a briefing's pages before sending it: which tools turn a .docx into page images.

LibreOffice converts the exported document to PDF (``soffice --headless --convert-to pdf``)
and poppler's ``pdftoppm`` draws each page as a PNG; the briefing page runs both in the
background (see ``pmdesk.briefing.qt.preview``). Without LibreOffice the page says so and
shows the outline the document will have.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pmdesk.briefing.model import SectionChoice
from pmdesk.briefing.sections import section_titles

PAGE_DPI = 60  # a page about 500 pixels tall: readable headings, quick to draw
PAGES_MAX = 80  # a preview of more pages than this is no preview


@dataclass(frozen=True)
class Tools:
    soffice: str
    pdftoppm: str


def find_tools() -> Tools | None:
    """LibreOffice and pdftoppm where both are installed, else None."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        return None
    return Tools(soffice, pdftoppm)


def missing_tools_sentence() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return "Install LibreOffice to see the pages; here is the outline."
    return "Install poppler-utils (pdftoppm) to see the pages; here is the outline."


def convert_arguments(docx: Path, folder: Path, profile: Path) -> list[str]:
    """soffice's arguments, with a profile of its own: a LibreOffice the PM has open must
    neither be disturbed nor block the conversion."""
    return [
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(docx),
    ]


def render_arguments(pdf: Path, prefix: Path) -> list[str]:
    return ["-png", "-r", str(PAGE_DPI), "-l", str(PAGES_MAX), str(pdf), str(prefix)]


def page_images(folder: Path, prefix: str) -> list[Path]:
    """pdftoppm's pages (``page-01.png``…), in page order."""
    pages = [path for path in folder.glob(f"{prefix}-*.png") if path.stem[len(prefix) + 1 :]]
    return sorted(pages, key=lambda path: int(path.stem.rsplit("-", 1)[1] or 0))


def outline(sections: Sequence[SectionChoice], changes_since: str = "") -> list[str]:
    """The headings the document will have, in order: what the fallback shows."""
    titles = section_titles()
    lines = ["Title page", "Contents", "Executive summary"]
    if changes_since:
        lines.append(f"What changed since {changes_since}")
    lines.extend(titles[choice.key] for choice in sections if choice.key in titles)
    return lines
