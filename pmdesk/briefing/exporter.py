"""Export a project as a Word briefing: the one entry point for the app and the command line.

The export only reads the project. It builds the whole document in memory, checking between
sections whether the PM cancelled, and writes it with :func:`replace_atomically`, so a failed
or cancelled export never leaves a broken file behind and an existing file stays as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk import APP_NAME, __version__
from pmdesk.briefing import changes
from pmdesk.briefing.assets import stored_bytes
from pmdesk.briefing.model import (
    SectionChoice,
)
from pmdesk.briefing.sections import load_section, section_titles
from pmdesk.briefing.settings import BriefingSettings, ExportResult, readers_of
from pmdesk.collector import collection_paused
from pmdesk.domain.project import Project
from pmdesk.errors import SaveError
from pmdesk.export import package
from pmdesk.export.errors import ExportCancelledError, ExportError
from pmdesk.export.frontmatter import TitlePage, write_footer, write_summary, write_title_page
from pmdesk.export.section import SectionContext
from pmdesk.export.template import blank_document, logo_png
from pmdesk.export.text import TextCleaner, clipped
from pmdesk.export.writer import BriefingDocument
from pmdesk.store.atomic import replace_atomically
from pmdesk.store.fileformat import quoted

OUTPUT_SUFFIX = ".docx"
# progress(done, total, what is being done now)
Progress = Callable[[int, int, str], None]
GLANCE_MAX = 4  # key figures on the summary page: more and none stands out
ASKS_MAX = 10  # decisions and asks in the summary, the oldest first: the rest are counted
PRODUCT_NAME_SHOWN = 80  # characters of the product's name in titles and footers
TITLE_SHOWN = 200  # a briefing title longer than this would take the whole title page
FOOTER_PART_SHOWN = 60  # each of the company and the title, so the footer stays one line


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

    ``template`` (a file the PM names for this export) overrides the template stored with the
    briefing. ``base_folder`` is accepted for older callers and not used: the logo and the
    template live inside the project. Raises ExportError, SaveError or ExportCancelledError;
    in each case ``target`` is as it was.
    """
    del base_folder
    # The export builds tens of thousands of small objects (elements, rows, artists); each
    # full pass of the collector walks every object alive, the project's included, so the
    # passes grew with the project (three or four of them in a 50x export). Paused, memory
    # is still freed by reference counting; the cycles the export leaves (drawn figures) go
    # in the first young collection after it, which walks the export's objects only.
    with collection_paused():
        return _export(session, target, settings, template, today, progress, cancelled)


def _export(
    session: Session,
    target: Path,
    settings: BriefingSettings | None,
    template: Path | None,
    today: date | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> ExportResult:
    settings = settings or BriefingSettings()
    target = _checked_target(target)
    day = settings.briefing_date or today or date.today()
    report = progress or (lambda _done, _total, _what: None)
    is_cancelled = cancelled or (lambda: False)

    warnings: list[str] = []
    # The template: one named for this export (the command line's --template), else the one
    # stored with the briefing. A path an older file stored is never followed on its own.
    stored = stored_bytes(settings.template_docx)
    chosen_template: Path | bytes | None = template or stored
    if settings.template_docx and stored is None:
        warnings.append(_UNREADABLE_STORED.format(what="Word template"))
    if chosen_template is None and settings.template_path.strip():
        warnings.append(
            _PATH_ONLY.format(what="Word template", path=quoted(Path(settings.template_path)))
        )
    document = blank_document(
        chosen_template, name=quoted(Path(settings.template_name or "template.docx"))
    )
    cleaner = TextCleaner()
    out = BriefingDocument(document, cleaner, styled=chosen_template is None)
    if chosen_template is None:
        out.set_margins(1.0)  # python-docx's 1.25" sides waste a fifth of a chart's width

    audience = readers_of(session, settings)
    chosen = [choice for choice in settings.sections if choice.key in section_titles()]
    total = len(chosen) + 3
    report(0, total, "Reading the project")
    project = session.scalars(select(Project)).first()
    product = clipped(project.name, PRODUCT_NAME_SHOWN) if project is not None else ""
    product = product or "Untitled product"
    collected: list[tuple[SectionChoice, Any, SectionContext, Any | None]] = []
    for choice in chosen:
        section = load_section(choice.key)
        if section is None:
            title = section_titles()[choice.key]
            warnings.append(f"This version of {APP_NAME} cannot write the “{title}” section yet.")
            continue
        hidden_by = getattr(section, "hidden_by", None)  # a whole section one rule keeps out
        if hidden_by is not None and audience.hides(hidden_by):
            continue
        context = SectionContext(session, choice.options, day, audience=audience)
        collected.append((choice, section, context, section.collect(context)))
    _check(is_cancelled)

    report(1, total, "Writing the title page")
    logo = None
    stored_logo = stored_bytes(settings.logo_png)
    if stored_logo is not None:
        logo, problem = logo_png(stored_logo)
        if problem:
            warnings.append(problem)
    elif settings.logo_png:
        warnings.append(_UNREADABLE_STORED.format(what="logo"))
    elif settings.logo_path.strip():
        warnings.append(_PATH_ONLY.format(what="logo", path=quoted(Path(settings.logo_path))))
    title = clipped(settings.title, TITLE_SHOWN) or f"{product}: executive briefing"
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
    asks = decisions_and_asks(session, settings.decisions)
    write_summary(
        out,
        settings.executive_summary,
        asks[:ASKS_MAX],
        empty,
        glance[:GLANCE_MAX],
        more_asks=len(asks) - ASKS_MAX,
    )
    shown = changes.take(session, [choice.key for choice in chosen], audience)
    last = changes.last_snapshot(session, settings.briefing_id) if settings.briefing_id else None
    report_of_changes = changes.compare(last[1], shown, last[0]) if last else None
    if report_of_changes is not None:
        changes.write_changes(out, report_of_changes)

    written: list[str] = []
    previous_empty = False
    wide = landscape_run(
        [_wants_landscape(section, content) for _c, section, _x, content in collected]
    )
    for done, (choice, section, context, content) in enumerate(collected, start=2):
        _check(is_cancelled)
        heading = section_titles()[choice.key]
        report(done, total, f"Writing “{heading}”")
        turned = out.start_landscape() if wide[done - 2] else out.start_portrait()
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
    # One line at the foot of every page: the company and the title, shortened to fit.
    parts = (clipped(settings.company_name, FOOTER_PART_SHOWN), clipped(title, FOOTER_PART_SHOWN))
    footer_text = " · ".join(part for part in parts if part)
    write_footer(out, footer_text, template_footer=chosen_template is not None)
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
    return ExportResult(
        target,
        warnings,
        empty,
        written,
        out.pictures,
        out.chart_text,
        out.chart_words,
        changes.encode(shown),
        report_of_changes,
    )


_PATH_ONLY = (
    "The briefing names a {what} file, {path}, as older versions of PM Desk did; PM Desk "
    "does not read files a project names, so it was left out. Choose the {what} on the "
    "briefing page to store it in the project."
)
_UNREADABLE_STORED = "The {what} stored with the briefing is damaged, so it was left out."


def _wants_landscape(section: Any, content: Any | None) -> bool:
    """Whether a section's first page is wide (a timeline, a big matrix)."""
    wants = content is not None and getattr(section, "landscape", None)
    return bool(wants and wants(content))


def landscape_run(wants: Sequence[bool]) -> list[bool]:
    """Which sections go on landscape pages: every one from the first section that needs it
    to the last, so the orientation turns at most twice instead of page by page (tables
    read well on a wide page too)."""
    wide = [index for index, flag in enumerate(wants) if flag]
    if not wide:
        return [False] * len(wants)
    return [wide[0] <= index <= wide[-1] for index in range(len(wants))]


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
