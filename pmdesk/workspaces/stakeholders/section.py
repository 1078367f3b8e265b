"""Stakeholders: the power/interest grid, how each key person is engaged, and what is overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.export.text import counted
from pmdesk.export.writer import BriefingDocument, Column
from pmdesk.workspaces.stakeholders.chart.figures import grid_figure
from pmdesk.workspaces.stakeholders.edit import load_map
from pmdesk.workspaces.stakeholders.log import DueItem, due_items, positions_in, snapshots
from pmdesk.workspaces.stakeholders.model import (
    ATTITUDES,
    STRATEGIES,
    Stakeholder,
    StakeholderPosition,
    StakeholderRelationship,
)

MOVES = OptionSpec(
    "moves",
    "Show moves since the last snapshot",
    "bool",
    False,
    hint="Arrows from where people stood in the latest snapshot",
)
EVERYONE = OptionSpec(
    "everyone",
    "Engagement table",
    "choice",
    "key",
    choices=(("key", "Key people (high influence)"), ("all", "Everyone")),
)
TABLE_MAX = 20
GRID_MAX = 60
DUE_MAX = 12
# Engagement table order: the quadrants that need the most attention first.
STRATEGY_ORDER = {key: index for index, key in enumerate(STRATEGIES)}


@dataclass(frozen=True)
class StakeholdersContent:
    people: list[Stakeholder]
    drawn: list[Stakeholder]  # on the grid
    relationships: list[StakeholderRelationship]
    before: dict[str, StakeholderPosition] | None
    snapshot_name: str
    engaged: list[Stakeholder]
    due: list[DueItem]


class StakeholdersSection:
    key = "stakeholders"
    options = (MOVES, EVERYONE)
    empty_message = "No stakeholders have been mapped yet."

    def collect(self, context: SectionContext) -> StakeholdersContent | None:
        session = context.session
        mapped = load_map(session)
        if not mapped.stakeholders:
            return None
        before, snapshot_name = None, ""
        if context.option(MOVES):
            taken = snapshots(session)
            if taken:
                before = positions_in(session, taken[0].id)
                snapshot_name = taken[0].name
        people = mapped.stakeholders
        drawn = people
        if len(people) > GRID_MAX:
            # A grid of hundreds of cards is unreadable on paper: the most powerful and most
            # interested people carry the message.
            drawn = sorted(people, key=lambda p: (-(p.influence + p.interest), p.name))
            drawn = drawn[:GRID_MAX]
            context.warnings.append(
                f"The stakeholder grid shows the {GRID_MAX} most influential and interested "
                f"of {len(people):,} stakeholders."
            )
        drawn_ids = {person.id for person in drawn}
        relationships = [
            link
            for link in mapped.relationships
            if link.source_id in drawn_ids and link.target_id in drawn_ids
        ]
        engaged = [
            person
            for person in people
            if context.option(EVERYONE) == "all"
            or person.strategy in ("manage_closely", "keep_satisfied")
        ]
        engaged.sort(key=lambda p: (STRATEGY_ORDER.get(p.strategy, 9), -p.influence, p.name))
        return StakeholdersContent(
            people,
            drawn,
            relationships,
            before,
            snapshot_name,
            engaged,
            due_items(session, context.today),
        )

    def highlights(self, content: StakeholdersContent) -> list[tuple[str, str]]:
        noun = (
            "overdue stakeholder touchpoint"
            if len(content.due) == 1
            else ("overdue stakeholder touchpoints")
        )
        return [(f"{len(content.due):,}", noun)]

    def landscape(self, content: StakeholdersContent) -> bool:
        return True  # the grid is drawn for a landscape page's width

    def write(
        self, content: StakeholdersContent, out: BriefingDocument, context: SectionContext
    ) -> None:
        champions = sum(1 for p in content.people if p.attitude in ("champion", "supporter"))
        resisting = sum(1 for p in content.people if p.attitude in ("skeptic", "blocker"))
        due = len(content.due)
        out.lead(
            f"{counted(len(content.people), 'stakeholder')} mapped: {champions:,} "
            f"{'backs' if champions == 1 else 'back'} the product, {resisting:,} "
            f"{'resists' if resisting == 1 else 'resist'} it, and "
            f"{counted(due, 'touchpoint or follow-up', 'touchpoints or follow-ups')} "
            f"{'is' if due == 1 else 'are'} overdue.",
            "Stakeholders › Summary",
        )
        out.heading("Power and interest", 2)
        figure = grid_figure(content.drawn, content.relationships, content.before)
        caption = (
            f"Arrows show moves since the snapshot “{content.snapshot_name}”."
            if content.before is not None
            else ""
        )
        shown = len(content.drawn)
        out.figure(
            figure,
            caption=caption,
            max_height=out.content_height * 0.72,
            alt_text=f"Power and interest grid of {counted(shown, 'stakeholder')}"
            + (
                f" (the most influential of {len(content.people):,})"
                if shown < len(content.people)
                else ""
            )
            + ": "
            + "; ".join(person.name for person in content.drawn[:20])
            + ".",
        )
        self._engagement(content, out)
        self._due(content, out, context.today)

    def _engagement(self, content: StakeholdersContent, out: BriefingDocument) -> None:
        out.heading("How we engage them", 2, new_page=True)
        if not content.engaged:
            out.note("No stakeholder has high influence yet.")
            return
        if len(content.engaged) < len(content.people):
            out.paragraph(
                f"The {counted(len(content.engaged), 'key person', 'key people')} of "
                f"{counted(len(content.people), 'stakeholder')}: those to manage closely or "
                "keep satisfied. Everyone else is in the Stakeholders workspace.",
                "Stakeholders › Engagement",
            )
        columns = [
            Column("Stakeholder", 1.6),
            Column("Role", 1.7),
            Column("Attitude", 0.9),
            Column("Strategy", 1.1),
            Column("Channel and cadence", 1.6),
            Column("Owner", 1.0),
            Column("Next touchpoint", 1.0),
        ]
        rows = [
            [
                person.name,
                person.role,
                ATTITUDES.get(person.attitude, person.attitude),
                STRATEGIES.get(person.strategy, person.strategy),
                ", ".join(part for part in (person.channel, person.cadence) if part),
                person.owner,
                _day(person.next_touchpoint),
            ]
            for person in content.engaged[:TABLE_MAX]
        ]
        out.table(columns, rows, "Stakeholders › Engagement")
        if len(content.engaged) > TABLE_MAX:
            more = len(content.engaged) - TABLE_MAX
            out.note(f"…and {more:,} more in the Stakeholders workspace.")

    def _due(self, content: StakeholdersContent, out: BriefingDocument, today: date) -> None:
        out.heading("Overdue touchpoints and follow-ups", 2)
        if not content.due:
            out.note("Nothing is overdue: every planned touchpoint and follow-up is on time.")
            return
        columns = [
            Column("Stakeholder", 1.5),
            Column("What", 0.9),
            Column("Detail", 3.6),
            Column("Due", 1.0),
            Column("Days late", 0.8, numeric=True),
        ]
        rows = [
            [item.stakeholder, item.what, item.detail, _day(item.due), str(item.days_late(today))]
            for item in content.due[:DUE_MAX]
        ]
        out.table(columns, rows, "Stakeholders › Follow-ups")
        if len(content.due) > DUE_MAX:
            out.note(f"…and {len(content.due) - DUE_MAX:,} more in the Stakeholders workspace.")


def _day(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


SECTION = StakeholdersSection()
