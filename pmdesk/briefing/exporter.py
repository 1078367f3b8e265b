"""Export a project as a Word briefing: the one entry point for the app and the command line.

The export only reads the project. It builds the whole document in memory, checking between
sections whether the PM cancelled, and writes it with :func:`replace_atomically`, so a failed
or cancelled export never leaves a broken file behind and an existing file stays as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk import APP_NAME, __version__
from pmdesk.briefing.model import (
    Briefing,
    SectionChoice,
    default_sections,
    section_choices,
)
from pmdesk.briefing.sections import load_section, section_titles
from pmdesk.domain.project import Project
from pmdesk.errors import SaveError
from pmdesk.export import package
from pmdesk.export.errors import ExportCancelledError, ExportError
from pmdesk.export.frontmatter import TitlePage, write_footer, write_summary, write_title_page
from pmdesk.export.section import SectionContext
from pmdesk.export.template import blank_document, logo_png, resolve
from pmdesk.export.text import TextCleaner
from pmdesk.export.writer import BriefingDocument
from pmdesk.store.atomic import replace_atomically
from pmdesk.store.fileformat import quoted

OUTPUT_SUFFIX = ".docx"
# progress(done, total, what is being done now)
Progress = Callable[[int, int, str], None]
GLANCE_MAX = 4  # key figures on the summary page: more and none stands out


@dataclass(frozen=True)
class BriefingSettings:
    """A briefing's settings as plain values, so an export needs no live database record."""

    name: str = "Briefing"
    title: str = ""
    audience: str = ""
    briefing_date: date | None = None
    author: str = ""
    executive_summary: str = ""
    decisions: str = ""
    company_name: str = ""
    logo_path: str = ""
    template_path: str = ""
    sections: tuple[SectionChoice, ...] = field(default_factory=lambda: tuple(default_sections()))

    @classmethod
    def of(cls, briefing: Briefing) -> BriefingSettings:
        return cls(
            name=briefing.name,
            title=briefing.title,
            audience=briefing.audience,
            briefing_date=briefing.briefing_date,
            author=briefing.author,
            executive_summary=briefing.executive_summary,
            decisions=briefing.decisions,
            company_name=briefing.company_name,
            logo_path=briefing.logo_path,
            template_path=briefing.template_path,
            sections=tuple(section_choices(briefing)),
        )


@dataclass
class ExportResult:
    path: Path
    warnings: list[str]
    empty_sections: list[str]  # titles of sections with nothing yet
    sections: list[str]  # titles of the sections written
    pictures: int = 0


def export_briefing(
    session: Session,
    target: Path,
    settings: BriefingSettings | None = None,
    *,
    template: Path | None = None,
    base_folder: Path | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the briefing for the project in ``session`` to ``target`` (a .docx).

    ``template`` overrides the briefing's own template; relative logo and template paths count
    from ``base_folder`` (the project's folder). Raises ExportError, SaveError or
    ExportCancelledError; in each case ``target`` is as it was.
    """
    settings = settings or BriefingSettings()
    target = _checked_target(target)
    day = settings.briefing_date or today or date.today()
    report = progress or (lambda _done, _total, _what: None)
    is_cancelled = cancelled or (lambda: False)

    template_path = template or resolve(settings.template_path, base_folder)
    document = blank_document(template_path)
    cleaner = TextCleaner()
    out = BriefingDocument(document, cleaner, styled=template_path is None)
    if template_path is None:
        out.set_margins(1.0)  # python-docx's 1.25" sides waste a fifth of a chart's width
    warnings: list[str] = []

    chosen = [choice for choice in settings.sections if choice.key in section_titles()]
    total = len(chosen) + 3
    report(0, total, "Reading the project")
    project = session.scalars(select(Project)).first()
    product = project.name if project is not None else "Untitled product"
    collected: list[tuple[SectionChoice, Any, SectionContext, Any | None]] = []
    for choice in chosen:
        section = load_section(choice.key)
        if section is None:
            title = section_titles()[choice.key]
            warnings.append(f"This version of {APP_NAME} cannot write the “{title}” section yet.")
            continue
        context = SectionContext(session, choice.options, day)
        collected.append((choice, section, context, section.collect(context)))
    _check(is_cancelled)

    report(1, total, "Writing the title page")
    logo = None
    logo_file = resolve(settings.logo_path, base_folder)
    if logo_file is not None:
        logo, problem = logo_png(logo_file)
        if problem:
            warnings.append(problem)
    title = settings.title.strip() or f"{product}: executive briefing"
    write_title_page(
        out,
        TitlePage(
            company=settings.company_name,
            title=title,
            subtitle=f"{product} · Executive briefing",
            audience=settings.audience,
            author=settings.author,
            day=day,
            logo_png=logo,
        ),
    )
    out.table_of_contents()
    empty = [
        section_titles()[choice.key] for choice, _s, _c, content in collected if content is None
    ]
    glance = [
        figure
        for _choice, section, _context, content in collected
        if content is not None and hasattr(section, "highlights")
        for figure in section.highlights(content)
    ]
    asks = "\n".join(decisions_and_asks(session, settings.decisions))
    write_summary(out, settings.executive_summary, asks, empty, glance[:GLANCE_MAX])

    written: list[str] = []
    previous_empty = False
    for done, (choice, section, context, content) in enumerate(collected, start=2):
        _check(is_cancelled)
        heading = section_titles()[choice.key]
        report(done, total, f"Writing “{heading}”")
        # A section whose first page is wide (a timeline, a big matrix) starts in landscape.
        wants_landscape = content is not None and getattr(section, "landscape", None)
        if wants_landscape and wants_landscape(content):
            turned = out.start_landscape()
        else:
            turned = out.start_portrait()
        # Sections with nothing yet share a page: a page per "not yet" would be padding.
        stacked = content is None and previous_empty
        out.heading(heading, 1, new_page=not (turned or stacked))
        previous_empty = content is None
        if content is None:
            out.note(section.empty_message)
        else:
            section.write(content, out, context)
        warnings.extend(context.warnings)
        written.append(heading)
    for _choice, _section, context, _content in collected:
        for appendix_title, write_appendix in context.appendix:
            _check(is_cancelled)
            out.start_portrait()
            out.heading(f"Appendix: {appendix_title}", 1, new_page=True)
            write_appendix(out)
            written.append(f"Appendix: {appendix_title}")
    _check(is_cancelled)

    report(total - 1, total, "Saving the document")
    out.finish_contents()
    footer_text = " · ".join(part for part in (settings.company_name.strip(), title) if part)
    write_footer(out, footer_text, template_footer=template_path is not None)
    _set_properties(out, title, settings, product, day)
    package.request_update_on_open(document)
    package.finish_package(
        document, f"{APP_NAME} {__version__}", datetime.now(UTC).replace(tzinfo=None)
    )
    cleaned = cleaner.warning()
    if cleaned:
        warnings.insert(0, cleaned)
    _check(is_cancelled)
    replace_atomically(target, lambda temporary: document.save(str(temporary)))
    report(total, total, "Done")
    return ExportResult(target, warnings, empty, written, out.pictures)


def decisions_and_asks(session: Session, text: str) -> list[str]:
    """The summary's "Decisions and asks": the decision log's proposed decisions, then any
    line of the briefing's own text the log does not already ask (a file not yet upgraded)."""
    try:
        from pmdesk.workspaces.decisions.query import briefing_asks
    except ImportError:  # a build without the decision log writes the text alone
        asks: list[str] = []
    else:
        asks = briefing_asks(session)
    known = {ask.casefold() for ask in asks}
    for line in text.splitlines():
        item = " ".join(line.strip().lstrip("-•*").split())
        if item and item.casefold() not in known:
            known.add(item.casefold())
            asks.append(item)
    return asks


def _check(is_cancelled: Callable[[], bool]) -> None:
    if is_cancelled():
        raise ExportCancelledError()


def _checked_target(target: Path) -> Path:
    target = target.expanduser().absolute()
    where = quoted(target)
    if target.suffix.lower() != OUTPUT_SUFFIX:
        raise ExportError(f"A briefing is a Word document: name the file ….docx, not {where}.")
    if target.is_dir():
        raise SaveError(f"Cannot save {where}: a folder of that name is in the way.")
    if not target.parent.is_dir():
        raise SaveError(f"Cannot save {where}: the folder {target.parent} does not exist.")
    if target.exists() and not os.access(target, os.W_OK):
        raise SaveError(
            f"Cannot save {where}: the file is read-only or open in another program. "
            "Close it, or choose another name."
        )
    if target.exists():
        try:
            # Word keeps an exclusive lock on Windows: opening for writing tells us up front.
            with target.open("r+b"):
                pass
        except OSError:
            raise SaveError(
                f"Cannot save {where}: the file is open in another program or not writable. "
                "Close it, or choose another name."
            ) from None
    return target


def _set_properties(
    out: BriefingDocument, title: str, settings: BriefingSettings, product: str, day: date
) -> None:
    properties = out.docx.core_properties
    properties.title = out.clean(title, "Briefing › Title")[:255]
    properties.author = out.clean(settings.author, "Briefing › Author")[:255]
    properties.subject = out.clean(f"{product}: executive briefing", "Project › Name")[:255]
    properties.keywords = "product management; briefing"
    properties.comments = f"Written by {APP_NAME} {__version__}."
    properties.category = out.clean(settings.audience, "Briefing › Audience")[:255]
    properties.last_modified_by = out.clean(settings.author or APP_NAME, "Briefing › Author")[:255]
    properties.revision = 1


def sections_from(keys: Sequence[str]) -> tuple[SectionChoice, ...]:
    return tuple(SectionChoice(key, {}) for key in keys)
