"""Checking a briefing with a real word processor: LibreOffice converts it to PDF, poppler reads
the text. soffice exits 0 even when it could not load a file, so the PDF's existence is checked.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx

from tests.support import system_tool


def to_pdf(document: Path, profile: Path) -> Path:
    soffice = system_tool("soffice", "libreoffice", package="libreoffice-writer-nogui")
    folder = document.parent / f"{document.stem}-pdf"
    folder.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(document),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = folder / f"{document.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice could not convert {document.name}"
    return pdf


def pdf_text(pdf: Path) -> str:
    result = subprocess.run(
        [system_tool("pdftotext", package="poppler-utils"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def pdf_pages(pdf: Path) -> int:
    result = subprocess.run(
        [system_tool("pdfinfo", package="poppler-utils"), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def paragraphs(document: Path) -> list[str]:
    return [paragraph.text for paragraph in docx.Document(str(document)).paragraphs]


def headings(document: Path, level: int = 1) -> list[str]:
    return [
        paragraph.text
        for paragraph in docx.Document(str(document)).paragraphs
        if paragraph.style is not None and paragraph.style.name == f"Heading {level}"
    ]
