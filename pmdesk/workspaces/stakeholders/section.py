"""Stakeholders: the power/interest grid, how each key person is engaged, and what is overdue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pmdesk.export.audience import ATTITUDES as ATTITUDES_RULE
from pmdesk.export.audience import COMMUNICATION, DETAIL, NAMES, Audience
from pmdesk.export.blocks import Column
from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.export.text import counted
from pmdesk.workspaces.stakeholders.chart.figures import grid_aspect, grid_figure
from pmdesk.workspaces.stakeholders.chart.layout import cell_of
from pmdesk.workspaces.stakeholders.edit import load_map
from pmdesk.workspaces.stakeholders.log import DueItem, due_items, positions_in, snapshots
from pmdesk.workspaces.stakeholders.model import (
    ATTITUDES,
    STRATEGIES,
    Stakeholder,
    StakeholderPosition,
    StakeholderRelationship,
    quadrant_strategy,
)

if TYPE_CHECKING:  # the Word writer loads only when a briefing is written
    from pmdesk.export.writer import BriefingDocument

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
DUE_MAX = 12
# Two cards fit a cell of the grid; with more people there, the one who needs the most
# attention is drawn and a "+N more" card points to the table of the rest.
CARDS_PER_CELL = 2
GRID_ROOM = 0.6  # of a landscape page's height, at least
ROOM_FOR_TABLE = 0.3  # of a page: less left than this, the engagement table starts a new page
NAMES_PER_PLACE = 12  # in the table of people the grid had no room for
ATTENTION = {"blocker": 0, "skeptic": 1, "champion": 2, "supporter": 3, "neutral": 4}
# Engagement table order: the quadrants that need the most attention first.
STRATEGY_ORDER = {key: index for index, key in enumerate(STRATEGIES)}


@dataclass(frozen=True)
class StakeholdersContent:
    people: list[Stakeholder]
    drawn: list[Stakeholder]  # on the grid
    crowded: dict[tuple[int, int], list[Stakeholder]]  # cell -> the people not drawn there
    relationships: list[StakeholderRelationship]
    before: dict[str, StakeholderPosition] | None
    snapshot_name: str
    engaged: list[Stakeholder]
    due: list[DueItem]
    readers: Audience = field(default_factory=Audience)


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
        drawn, crowded = _thin_out(people)
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
        readers = context.audience
        plan_hidden = readers.hides(COMMUNICATION)
        return StakeholdersContent(
            people,
            drawn,
            crowded,
            relationships,
            before,
            snapshot_name,
            [] if plan_hidden else engaged,
            [] if plan_hidden else due_items(session, context.today),
            readers,
        )

    def highlights(self, content: StakeholdersContent) -> list[tuple[str, str]]:
        if content.readers.hides(COMMUNICATION):
            return []
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
        readers = content.readers
        champions = sum(1 for p in content.people if p.attitude in ("champion", "supporter"))
        resisting = sum(1 for p in content.people if p.attitude in ("skeptic", "blocker"))
        due = len(content.due)
        lead = f"{counted(len(content.people), 'stakeholder')} mapped"
        if not readers.hides(ATTITUDES_RULE):
            lead += (
                f": {champions:,} {'backs' if champions == 1 else 'back'} the product, "
                f"{resisting:,} {'resists' if resisting == 1 else 'resist'} it"
            )
        if not readers.hides(COMMUNICATION):
            lead += (
                f"{',' if readers.hides(ATTITUDES_RULE) else ', and'} "
                f"{counted(due, 'touchpoint or follow-up', 'touchpoints or follow-ups')} "
                f"{'is' if due == 1 else 'are'} overdue"
            )
        out.lead(lead + ".", "Stakeholders › Summary")
        out.heading("Power and interest", 2)
        # As wide as the page, unless that would make it taller than the room left below the
        # headings; never so small that it had better start a page of its own.
        room = max(out.content_height * GRID_ROOM, out.content_height - out.pages.used - 0.5)
        figure = grid_figure(
            content.drawn,
            content.relationships,
            content.before,
            width=min(out.content_width, room / grid_aspect()),
            crowded={cell: len(rest) for cell, rest in content.crowded.items()},
            name_of=lambda person: readers.person(person.name, person.role),
            attitudes=not readers.hides(ATTITUDES_RULE),
        )
        caption = (
            f"Arrows show moves since the snapshot “{content.snapshot_name}”."
            if content.before is not None
            else ""
        )
        shown = len(content.drawn)
        out.figure(
            figure,
            caption=caption,
            max_height=room,
            alt_text=f"Power and interest grid of {counted(shown, 'stakeholder')}"
            + (
                f" ({len(content.people) - shown:,} more share crowded places, listed below)"
                if shown < len(content.people)
                else ""
            )
            + ": "
            + "; ".join(readers.person(person.name, person.role) for person in content.drawn[:20])
            + ".",
        )
        if not readers.hides(DETAIL):
            self._crowded(content, out)
        elif content.crowded:
            out.note(f"{len(content.people) - shown:,} more share crowded places on the grid.")
        if not readers.hides(COMMUNICATION):  # both tables are the communication plan
            self._engagement(content, out)
            self._due(content, out, context.today)

    def _crowded(self, content: StakeholdersContent, out: BriefingDocument) -> None:
        """Everyone the grid had no room for, by place, so nobody mapped goes unmentioned."""
        if not content.crowded:
            return
        out.heading("Also on the grid", 2)
        cells = sorted(content.crowded, key=lambda cell: (-cell[0], -cell[1]))
        rows = [
            [
                str(influence),
                str(interest),
                STRATEGIES.get(quadrant_strategy(influence, interest), ""),
                _names(content.crowded[(influence, interest)], content.readers),
            ]
            for influence, interest in cells
        ]
        out.table(
            [
                Column("Influence", 0.8, numeric=True),
                Column("Interest", 0.8, numeric=True),
                Column("Quadrant", 1.2),
                Column("Also here", 6.0),
            ],
            rows,
            "Stakeholders › Grid",
        )

    def _engagement(self, content: StakeholdersContent, out: BriefingDocument) -> None:
        readers = content.readers
        # A new page only when little of this one is left: a heading and a row or two at
        # the foot of a page read badly, a page holding only the grid's top third worse.
        out.heading(
            "How we engage them", 2, new_page=out.room_left() < out.content_height * ROOM_FOR_TABLE
        )
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
                readers.person(person.name, person.role),
                "" if readers.hides(NAMES) else person.role,  # the first column says it
                "" if readers.hides(ATTITUDES_RULE) else ATTITUDES.get(person.attitude, ""),
                STRATEGIES.get(person.strategy, person.strategy),
                ", ".join(part for part in (person.channel, person.cadence) if part),
                "" if readers.hides(NAMES) else person.owner,
                readers.day(person.next_touchpoint),
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


def _names(people: list[Stakeholder], readers: Audience) -> str:
    names = ", ".join(readers.person(p.name, p.role) for p in people[:NAMES_PER_PLACE])
    more = len(people) - NAMES_PER_PLACE
    return f"{names} and {more:,} more" if more > 0 else names


def _thin_out(
    people: list[Stakeholder],
) -> tuple[list[Stakeholder], dict[tuple[int, int], list[Stakeholder]]]:
    """Who the grid draws (everyone in a cell of up to two; in a fuller cell, the one who
    needs the most attention) and, per crowded cell, everyone else."""
    by_cell: dict[tuple[int, int], list[Stakeholder]] = {}
    for person in people:
        by_cell.setdefault(cell_of(person), []).append(person)
    drawn: list[Stakeholder] = []
    crowded: dict[tuple[int, int], list[Stakeholder]] = {}
    for cell, group in by_cell.items():
        if len(group) <= CARDS_PER_CELL:
            drawn.extend(group)
            continue
        group = sorted(group, key=lambda p: (ATTENTION.get(p.attitude, 5), p.name.casefold()))
        drawn.append(group[0])
        crowded[cell] = group[1:]
    return drawn, crowded


def _day(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


SECTION = StakeholdersSection()
