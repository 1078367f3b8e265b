"""The briefing's decision log: what was decided lately and why, and what is due for a look.

Open questions are not repeated here: they are the asks of the executive summary, which reads
them from the same log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmdesk.export.audience import NOTES
from pmdesk.export.blocks import Column
from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.workspaces.decisions.model import STATUSES
from pmdesk.workspaces.decisions.query import (
    REVISIT_HORIZON_DAYS,
    LogEntry,
    due_for_revisit,
    load_log,
)

if TYPE_CHECKING:  # the Word writer loads only when a briefing is written
    from pmdesk.export.writer import BriefingDocument

TOP = OptionSpec("top", "Decisions in the table", "int", 8, minimum=1)
REASONS = OptionSpec("reasons", "Show why each was decided", "bool", True)
FIELD = "Decisions"
DUE_SHOWN = 10  # decisions due for revisit listed, the most overdue first: the rest are counted


@dataclass(frozen=True)
class DecisionsContent:
    taken: list[LogEntry]  # newest first, at most TOP
    taken_total: int
    open_total: int
    due: list[LogEntry]
    show_reasons: bool


class DecisionsSection:
    key = "decisions"
    options = (TOP, REASONS)
    empty_message = "No decisions have been logged yet."

    def collect(self, context: SectionContext) -> DecisionsContent | None:
        entries = load_log(context.session)
        if not entries:
            return None
        taken = [entry for entry in entries if entry.decision.status != "proposed"]
        return DecisionsContent(
            taken=taken[: context.option(TOP)],
            taken_total=len(taken),
            open_total=len(entries) - len(taken),
            due=due_for_revisit(entries, context.today),
            show_reasons=context.option(REASONS),
        )

    def write(
        self, content: DecisionsContent, out: BriefingDocument, context: SectionContext
    ) -> None:
        out.lead(_summary(content), FIELD)
        if content.due:  # what needs the reader's attention comes first
            out.heading("Due for revisit", 2)
            shown = content.due[:DUE_SHOWN]
            out.bullets([(_due_line(entry, context), FIELD) for entry in shown], leads=True)
            if len(content.due) > len(shown):
                more = len(content.due) - len(shown)
                out.note(
                    f"{more} more {'are' if more != 1 else 'is'} due: "
                    "the project's decision log lists every one."
                )
        if content.taken:
            heading = "Decisions taken"
            if content.taken_total > len(content.taken):
                heading += f" (the latest {len(content.taken)} of {content.taken_total})"
            out.heading(heading, 2)
            # The reasons are the team's own notes: an audience that sees none gets none.
            reasons = content.show_reasons and not context.audience.hides(NOTES)
            columns = [Column("Date", 1.4), Column("Decision", 2.8)]
            if reasons:
                columns.append(Column("Why", 2.6))
            columns += [Column("Decided by", 1.3), Column("Status", 1.1)]
            rows = [_row(entry, reasons, context) for entry in content.taken]
            out.table(columns, rows, FIELD)


def _due_line(entry: LogEntry, context: SectionContext) -> str:
    decision = entry.decision
    assert decision.revisit_on is not None  # due_for_revisit lists dated decisions only
    day = decision.revisit_on
    when = context.audience.text(f"{day.day} {day:%b %Y}")
    late = (context.today - decision.revisit_on).days
    if late > 0:
        when += f", {late} day{'s' if late != 1 else ''} overdue"
    return f"{when}: {_flat(decision.question)}"


def _summary(content: DecisionsContent) -> str:
    parts = [f"{content.taken_total} decision{'s' if content.taken_total != 1 else ''} taken"]
    if content.open_total:
        parts.append(f"{content.open_total} still to decide (the asks in the executive summary)")
    if content.due:
        parts.append(f"{len(content.due)} due for revisit within {REVISIT_HORIZON_DAYS} days")
    return "; ".join(parts) + "."


def _row(entry: LogEntry, reasons: bool, context: SectionContext) -> list[str]:
    decision = entry.decision
    what = _flat(decision.question)
    if decision.outcome.strip():
        what += f" — {_flat(decision.outcome)}"
    # The outcome may say when it was revisited ("Reversed on 2026-11-03: …"): days become
    # quarters for an audience without exact dates, like the decided-on column.
    row = [context.audience.text(decision.decided_on.isoformat()), context.audience.text(what)]
    if reasons:
        row.append(_flat(decision.rationale))
    row += [context.audience.person(entry.decider), STATUSES.get(decision.status, decision.status)]
    return row


def _flat(text: str) -> str:
    return " ".join(text.split())


SECTION = DecisionsSection()
