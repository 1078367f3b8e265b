"""Requirements: the top requirements by RICE, the customer evidence behind them, and the gaps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from pmdesk.export.audience import NAMES, Audience
from pmdesk.export.blocks import Column
from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.workspaces.requirements.model import (
    MOSCOW,
    SOURCES,
    STATUSES,
    CustomerInput,
    RequirementEvidence,
)
from pmdesk.workspaces.requirements.query import (
    InputRow,
    RequirementRow,
    inputs_without_requirements,
    requirement_rows,
    requirements_not_on_roadmap,
    requirements_without_evidence,
    summary_counts,
)
from pmdesk.workspaces.stakeholders.model import Stakeholder

if TYPE_CHECKING:  # the Word writer loads only when a briefing is written
    from pmdesk.export.writer import BriefingDocument

TOP = OptionSpec("top", "Requirements in the table", "int", 10, minimum=1)
QUOTES = OptionSpec("quotes", "Quotes per requirement", "int", 1, minimum=0)
QUOTED_REQUIREMENTS = 6  # evidence for the first few: an executive reads examples, not all
GAPS = OptionSpec("gaps", "Show the gaps", "bool", True, hint="Unanswered input, unplanned work")
GAP_LIST_MAX = 8


@dataclass(frozen=True)
class Quote:
    text: str
    who: str
    segment: str
    source: str
    received_on: date


@dataclass(frozen=True)
class RequirementsContent:
    total: int
    inputs: int
    top: list[RequirementRow]
    quotes: dict[str, list[Quote]]
    unsupported: list[RequirementRow]
    unplanned: list[RequirementRow]
    inbox: list[InputRow]
    inbox_total: int
    unplanned_total: int


def _by_score(rows: list[RequirementRow]) -> list[RequirementRow]:
    return sorted(rows, key=lambda row: (row.score is None, -(row.score or 0.0), row.title))


class RequirementsSection:
    key = "requirements"
    options = (TOP, QUOTES, GAPS)
    empty_message = "No requirements or customer input have been recorded yet."

    def collect(self, context: SectionContext) -> RequirementsContent | None:
        session = context.session
        counts = summary_counts(session)
        if counts.requirements == 0 and counts.inputs == 0:
            return None
        rows = [row for row in requirement_rows(session) if row.status != "declined"]
        top = _by_score(rows)[: context.option(TOP)]
        quoted = [row.id for row in top[:QUOTED_REQUIREMENTS]]
        quotes = _quotes(context, quoted, context.option(QUOTES))
        show_gaps = context.option(GAPS)
        inbox = inputs_without_requirements(session) if show_gaps else []
        return RequirementsContent(
            total=counts.requirements,
            inputs=counts.inputs,
            top=top,
            quotes=quotes,
            unsupported=requirements_without_evidence(session) if show_gaps else [],
            unplanned=_by_score(requirements_not_on_roadmap(session)) if show_gaps else [],
            inbox=inbox[:GAP_LIST_MAX],
            inbox_total=counts.inbox,
            unplanned_total=counts.unplanned,
        )

    def highlights(self, content: RequirementsContent) -> list[tuple[str, str]]:
        return [(str(content.unplanned_total), "requirements not on the roadmap")]

    def write(
        self, content: RequirementsContent, out: BriefingDocument, context: SectionContext
    ) -> None:
        readers = context.audience
        out.lead(
            f"{content.total} requirements rest on {content.inputs} pieces of customer input. "
            "Each is scored by RICE: reach × impact × confidence ÷ effort.",
            "Requirements › Summary",
        )
        out.key_figures(
            [
                (str(content.total), "requirements"),
                (str(content.inputs), "customer inputs"),
                (str(content.unplanned_total), "not on the roadmap"),
                (str(content.inbox_total), "inputs not yet answered"),
            ]
        )
        if content.top:
            out.heading(f"Top {len(content.top)} by RICE score", 2)
            columns = [
                Column("#", 0.45, numeric=True),
                Column("Requirement", 3.0),
                Column("Priority", 1.1),
                Column("Status", 1.1),
                Column("RICE", 0.7, numeric=True),
                Column("Quotes", 0.8, numeric=True),
                Column("Owner", 1.2),
            ]
            rows = [
                [
                    str(number),
                    _titled(row),
                    MOSCOW.get(row.moscow, row.moscow),
                    STATUSES.get(row.status, row.status),
                    f"{row.score:,.0f}" if row.score is not None else "not scored",
                    str(row.evidence_count),
                    "" if readers.hides(NAMES) else row.owner,  # an empty column is left out
                ]
                for number, row in enumerate(content.top, start=1)
            ]
            out.table(columns, rows, "Requirements › Top requirements")
        if any(content.quotes.values()):
            out.heading("What customers said", 2)
            for row in content.top:
                quotes = content.quotes.get(row.id, [])
                if not quotes:
                    continue
                out.add_paragraph(out.clean(_titled(row), "Requirements › Title"), "Label")
                out.bullets(
                    [(_quoted(quote, readers), "Requirements › Customer input") for quote in quotes]
                )
        if context.option(GAPS):
            self._gaps(content, out, readers)

    def _gaps(self, content: RequirementsContent, out: BriefingDocument, readers: Audience) -> None:
        out.heading("Gaps", 2)
        if not (content.unsupported or content.unplanned or content.inbox):
            out.note("No gaps: every requirement has evidence and a place on the roadmap.")
            return
        if content.unplanned:
            out.add_paragraph("To deliver, but not on the roadmap", style="Label")
            out.bullets(
                [(_titled(row), "Requirements › Title") for row in content.unplanned[:GAP_LIST_MAX]]
            )
            _more(out, len(content.unplanned))
        if content.unsupported:
            out.add_paragraph("No customer evidence yet", style="Label")
            out.bullets([(_titled(row), "Requirements › Title") for row in content.unsupported[:8]])
            _more(out, len(content.unsupported))
        if content.inbox:
            out.add_paragraph("Customer input no requirement answers yet", style="Label")
            out.bullets(
                [
                    (
                        f"“{row.quote}” — {_who(row.who, row.segment, readers)}",
                        "Requirements › Customer input",
                    )
                    for row in content.inbox
                ]
            )
            _more(out, content.inbox_total)


def _who(name: str, segment: str, readers: Audience) -> str:
    if not name:
        return "unknown"
    return readers.person(name, segment or "a customer")


def _titled(row: RequirementRow) -> str:
    return f"{row.reference} {row.title}" if row.reference else row.title


def _quoted(quote: Quote, readers: Audience) -> str:
    """“Quote” — who (source, month); for readers who must not see names, the segment."""
    name = "" if readers.hides(NAMES) else quote.who
    who = ", ".join(part for part in (name, quote.segment) if part) or "a customer"
    source = SOURCES.get(quote.source, quote.source)
    return f"“{quote.text.strip()}” — {who} ({source.lower()}, {quote.received_on:%b %Y})"


def _more(out: BriefingDocument, total: int) -> None:
    if total > GAP_LIST_MAX:
        out.note(f"…and {total - GAP_LIST_MAX} more in the Requirements workspace.")


def _quotes(context: SectionContext, ids: list[str], per: int) -> dict[str, list[Quote]]:
    """The newest ``per`` quotes behind each requirement, read in one query."""
    if not ids or per <= 0:
        return {}
    query = (
        select(
            RequirementEvidence.requirement_id,
            CustomerInput.quote,
            Stakeholder.name,
            CustomerInput.customer,
            CustomerInput.segment,
            CustomerInput.source,
            CustomerInput.received_on,
        )
        .join(CustomerInput, CustomerInput.id == RequirementEvidence.input_id)
        .outerjoin(Stakeholder, Stakeholder.id == CustomerInput.stakeholder_id)
        .where(RequirementEvidence.requirement_id.in_(ids))
        .order_by(CustomerInput.received_on.desc(), CustomerInput.id)
    )
    found: dict[str, list[Quote]] = defaultdict(list)
    for requirement_id, text, name, customer, segment, source, received in context.session.execute(
        query
    ):
        if len(found[requirement_id]) < per:
            found[requirement_id].append(Quote(text, name or customer, segment, source, received))
    return dict(found)


SECTION = RequirementsSection()
