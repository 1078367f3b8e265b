"""The competitive landscape: weighted ranks by category, the positioning map, battlecards."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pmdesk.export.audience import BATTLECARDS as HIDE_BATTLECARDS
from pmdesk.export.audience import DETAIL, WEAKNESSES
from pmdesk.export.blocks import Column
from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.export.text import counted
from pmdesk.workspaces.competition import cards, edit
from pmdesk.workspaces.competition.chart import positioning as chart
from pmdesk.workspaces.competition.model import THREAT_LEVELS, Competitor
from pmdesk.workspaces.competition.rules import Comparison, Scoreboard, is_scored

if TYPE_CHECKING:  # the Word writer loads only when a briefing is written
    from pmdesk.export.writer import BriefingDocument


def _competitor_names(session: Any) -> list[str]:
    """The competitors a PM may pick (we are always shown, so we are not offered)."""
    return [c.name for c in edit.competitors(session) if not c.is_us]


COMPETITORS = OptionSpec(
    "competitors",
    "Competitors to include",
    "names",
    [],
    hint="None ticked: all",
    names_in=_competitor_names,
)
MAP = OptionSpec("map", "Positioning map", "bool", True)
BATTLECARDS = OptionSpec(
    "battlecards",
    "Battlecards",
    "choice",
    "appendix",
    choices=(("appendix", "As an appendix"), ("inline", "In this section"), ("none", "Leave out")),
)
MAX_UNCHOSEN = 12  # competitors shown when the PM chose none
# Battlecard fields that speak of a competitor's weak spots.
WEAKNESS_FIELDS = frozenset({"why_we_win", "landmines"})
WIDE_AFTER = 4  # more category columns than this: the matrix gets a landscape page
MAX_CATEGORIES = 9  # columns that still fit a landscape page
MAP_HEIGHT_MIN = 2.6  # inches: less room than this below the tables, the map gets a new page
MAP_ASPECT = 1.25  # the map's width for its height: a square plus the axis labels
MAP_HEADING = 1.6  # inches for the heading, the note below and a margin for the estimate
POINTS_SHOWN = 3  # leads and trails per battlecard
CRITERIA_ROWS = 15  # the heaviest criteria in the breakdown; the rest are in the workspace
CRITERIA_COLUMNS = 5  # competitors (us first) a portrait page holds beside the criterion


@dataclass(frozen=True)
class CardContent:
    competitor: str
    texts: tuple[tuple[str, str], ...]  # (section label, text)
    leads: tuple[Comparison, ...]
    trails: tuple[Comparison, ...]


@dataclass(frozen=True)
class CompetitionContent:
    competitors: list[Competitor]  # included, by rank
    ranks: dict[str, int]
    totals: dict[str, float]
    categories: list[tuple[str, dict[str, float | None]]]  # (name, competitor id -> 0..5)
    us_name: str | None
    map_layout: Any | None  # chart.MapLayout
    cards: list[CardContent]
    # (criterion, weight, competitor id -> rating as shown), the heaviest first
    breakdown: list[tuple[str, float, dict[str, str]]] = field(default_factory=list)
    criteria_count: int = 0
    # Said under the map when the PM chose no axes and the heaviest groups stand in.
    map_note: str = ""


class CompetitionSection:
    key = "competition"
    options = (COMPETITORS, MAP, BATTLECARDS)
    empty_message = "No competitors have been compared yet."

    def collect(self, context: SectionContext) -> CompetitionContent | None:
        session, readers = context.session, context.audience
        everyone = edit.competitors(session)
        if not everyone:
            return None
        board = edit.load_scoreboard(session)
        totals, ranks = board.totals(), board.ranks()
        wanted = {name.casefold() for name in context.option(COMPETITORS)}
        included = [c for c in everyone if not wanted or c.is_us or c.name.casefold() in wanted]
        missing = wanted - {c.name.casefold() for c in everyone}
        if missing:
            context.warnings.append(
                "The competitive landscape leaves out names it does not know: "
                + ", ".join(sorted(missing))
                + "."
            )
        included.sort(key=lambda c: (ranks.get(c.id, 999), c.name))
        if not wanted and len(included) > MAX_UNCHOSEN:
            # Nobody chosen: the best-ranked few (and us), so a big project stays readable.
            left_out = len(included) - MAX_UNCHOSEN
            top = included[:MAX_UNCHOSEN]
            us_row = [c for c in included[MAX_UNCHOSEN:] if c.is_us]
            included = top + us_row
            context.warnings.append(
                f"The competitive landscape shows the {MAX_UNCHOSEN} best-ranked competitors; "
                f"{left_out} more are left out. Choose competitors in the section's options."
            )
        criteria = edit.criteria(session)
        categories = []
        every_category = edit.categories(session)
        if len(every_category) > MAX_CATEGORIES:
            context.warnings.append(
                f"The comparison table shows the first {MAX_CATEGORIES} of "
                f"{len(every_category)} criterion categories; a wider table cannot be read."
            )
        for category in every_category[:MAX_CATEGORIES]:
            members = [c.id for c in criteria if c.category_id == category.id]
            scores = {c.id: board.group_score(members, c.id) for c in included}
            if any(score is not None for score in scores.values()):
                categories.append((category.name, scores))
        layout, map_note = None, ""
        if context.option(MAP):
            layout, map_note = _map_layout(session, board, included, criteria)
        us = next((c for c in everyone if c.is_us), None)
        scored = [c for c in criteria if is_scored(c.kind) and c.weight]
        return CompetitionContent(
            included,
            ranks,
            totals,
            categories,
            us.name if us else None,
            layout,
            _cards(session, board, included, hide_weaknesses=readers.hides(WEAKNESSES))
            if context.option(BATTLECARDS) != "none" and not readers.hides(HIDE_BATTLECARDS)
            else [],
            _breakdown(board, scored, included),
            len(scored),
            map_note,
        )

    def highlights(self, content: CompetitionContent) -> list[tuple[str, str]]:
        ours = next((c for c in content.competitors if c.is_us), None)
        if ours is None or ours.id not in content.ranks:
            return []
        # We are not our own competitor: "#1 against 3 competitors".
        rivals = len(content.ranks) - 1
        return [(f"#{content.ranks[ours.id]}", f"rank against {counted(rivals, 'competitor')}")]

    def landscape(self, content: CompetitionContent) -> bool:
        return len(content.categories) > WIDE_AFTER

    def write(
        self, content: CompetitionContent, out: BriefingDocument, context: SectionContext
    ) -> None:
        ours = next((c for c in content.competitors if c.is_us), None)
        if ours is not None and ours.id in content.ranks:  # unranked: too few ratings
            rank = content.ranks[ours.id]
            rivals = len(content.ranks) - 1
            out.lead(
                f"{ours.name} ranks #{rank} against {counted(rivals, 'competitor')} on the "
                f"weighted criteria ({content.totals.get(ours.id, 0):.0f}% of the best "
                "possible score).",
                "Competition › Summary",
            )
        out.heading("Weighted comparison", 2)
        columns = [Column("#", 0.3, numeric=True), Column("Competitor", 1.6)]
        columns += [Column(name, 1.0, numeric=True) for name, _scores in content.categories]
        columns += [Column("Total", 0.7, numeric=True), Column("Threat", 0.8)]
        rows = []
        for competitor in content.competitors:
            name = f"{competitor.name} (us)" if competitor.is_us else competitor.name
            row = [str(content.ranks.get(competitor.id, "")), name]
            for _name, scores in content.categories:
                score = scores.get(competitor.id)
                row.append("–" if score is None else f"{score:.1f}")
            total = content.totals.get(competitor.id)
            row.append("–" if total is None else f"{total:.0f}%")  # too few ratings: no total
            row.append("" if competitor.is_us else THREAT_LEVELS.get(competitor.threat_level, ""))
            rows.append(row)
        out.table(
            columns,
            rows,
            "Competition › Matrix",
            caption="Category scores are weighted averages from 0 to 5; the total is the "
            "weighted share of the best possible score.",
        )
        if not context.audience.hides(DETAIL):
            self._breakdown(content, out)
        if content.map_layout is not None:
            # The map follows the tables when most of a page is left for it; otherwise it
            # gets a page of its own, where it is large enough to read.
            # It is drawn at the size it is placed at, so its text keeps its 9-10 pt.
            room = out.room_left() - MAP_HEADING
            fits = room >= MAP_HEIGHT_MIN
            if fits:
                width = min(out.content_width, room * MAP_ASPECT)
                figure = chart.map_figure(content.map_layout, width, room)
            else:
                figure = chart.map_figure(content.map_layout)
            out.heading("Positioning map", 2, new_page=not fits)
            layout = content.map_layout
            out.figure(
                figure,
                max_height=room if fits else out.content_height * 0.82,
                alt_text=f"Positioning map of {counted(len(layout.bubbles), 'competitor')}: "
                f"{layout.x_label} across, {layout.y_label} up. "
                + "; ".join(bubble.name for bubble in layout.bubbles[:12])
                + ".",
            )
            if content.map_note:
                out.note(content.map_note)
            if content.map_layout.unplaced:
                out.note(
                    "Not on the map (no rating on an axis): "
                    + ", ".join(content.map_layout.unplaced)
                    + "."
                )
        placement = context.option(BATTLECARDS)
        if content.cards and placement == "inline":
            out.heading("Battlecards", 2)
            for card in content.cards:
                _write_card(card, out, level=3)
        elif content.cards and placement == "appendix":
            out.note("Battlecards for sales are in the appendix.")
            context.appendix.append(("Battlecards", lambda doc: _write_cards(content.cards, doc)))

    def _breakdown(self, content: CompetitionContent, out: BriefingDocument) -> None:
        """Criterion by criterion, the ratings behind the category scores."""
        if not content.breakdown:
            return
        shown = content.competitors[:CRITERIA_COLUMNS]
        out.heading("Criteria breakdown", 2)
        columns = [Column("Criterion", 2.4), Column("Weight", 0.7, numeric=True)]
        columns += [
            Column(f"{c.name} (us)" if c.is_us else c.name, 1.0, numeric=True) for c in shown
        ]
        rows = [
            [name, f"{weight:g}", *[ratings.get(c.id, "–") for c in shown]]
            for name, weight, ratings in content.breakdown
        ]
        hidden = content.criteria_count - len(content.breakdown)
        caption = "Ratings from 0 to 5 (or as rated), heaviest criteria first."
        if hidden > 0:
            caption += f" {counted(hidden, 'lighter criterion', 'lighter criteria')} are in "
            caption += "the Competition workspace."
        if len(content.competitors) > len(shown):
            caption += f" The {len(shown)} best-ranked are shown."
        out.table(columns, rows, "Competition › Criterion name", caption=caption)


def _breakdown(
    board: Scoreboard, scored: list[Any], included: list[Competitor]
) -> list[tuple[str, float, dict[str, str]]]:
    heaviest = sorted(scored, key=lambda c: (-c.weight, c.position))[:CRITERIA_ROWS]
    shown = included[:CRITERIA_COLUMNS]
    rows = []
    for criterion in heaviest:
        ratings = {c.id: board.value(criterion.id, c.id) or "–" for c in shown}
        rows.append((criterion.name, criterion.weight, ratings))
    return rows


def _map_layout(
    session: Any, board: Scoreboard, everyone: list[Competitor], criteria: list[Any]
) -> tuple[Any, str]:
    """The app's positioning map for ``everyone`` (the included competitors), and a note when
    the PM chose no axes and the two heaviest categories (or criteria) stand in."""
    current = cards.settings(session)
    by_id = {c.id: c for c in criteria}
    categories = {c.id: c for c in edit.categories(session)}

    def spec(name: str) -> chart.AxisSpec | None:
        chosen = cards.axis(current, name)
        if chosen.criterion_id and chosen.criterion_id in by_id:
            criterion = by_id[chosen.criterion_id]
            return chart.AxisSpec(criterion.name, (criterion.id,))
        if chosen.category_id and chosen.category_id in categories:
            members = tuple(c.id for c in criteria if c.category_id == chosen.category_id)
            return chart.AxisSpec(categories[chosen.category_id].name, members)
        return None

    x, y = spec("x"), spec("y")
    note = ""
    if x is None or y is None:
        x, y = _heaviest_axes(criteria, categories)
        if x is None or y is None:
            return None, ""
        note = (
            f"No axes are chosen for the map yet, so it shows the two heaviest: {x.label} and "
            f"{y.label}. Choose the axes in the Competition workspace."
        )
    names = {c.id: c.name for c in everyone}
    quadrants = tuple(getattr(current, field) for field in cards.QUADRANT_FIELDS)
    layout = chart.positioning_layout(board, names, x, y, spec("size"), quadrants)
    # The map shows the competitors the table shows, no more.
    bubbles = tuple(bubble for bubble in layout.bubbles if bubble.competitor_id in names)
    unplaced = tuple(name for name in layout.unplaced if name in names.values())
    layout = replace(layout, bubbles=bubbles, unplaced=unplaced)
    return (layout, note) if layout.bubbles else (None, "")


def _heaviest_axes(
    criteria: list[Any], categories: dict[str, Any]
) -> tuple[chart.AxisSpec | None, chart.AxisSpec | None]:
    scored = [c for c in criteria if is_scored(c.kind) and c.weight]
    groups: dict[str, list[Any]] = {}
    for criterion in scored:
        groups.setdefault(criterion.category_id, []).append(criterion)
    if len(groups) >= 2:
        ranked = sorted(groups.items(), key=lambda pair: -sum(c.weight for c in pair[1]))
        specs = [
            chart.AxisSpec(categories[key].name, tuple(c.id for c in members))
            for key, members in ranked[:2]
        ]
        return specs[0], specs[1]
    if len(scored) >= 2:
        ranked_criteria = sorted(scored, key=lambda c: -c.weight)[:2]
        specs = [chart.AxisSpec(c.name, (c.id,)) for c in ranked_criteria]
        return specs[0], specs[1]
    return None, None


def _cards(
    session: Any, board: Scoreboard, included: list[Competitor], *, hide_weaknesses: bool
) -> list[CardContent]:
    """Each competitor's battlecard; without their weaknesses (where we lead, landmines to
    set, why we win) when the readers must not see them."""
    stored = cards.battlecards(session)
    result = []
    for competitor in included:
        card = stored.get(competitor.id)
        if competitor.is_us or card is None:
            continue
        texts = tuple(
            (label, getattr(card, field) or "")
            for field, label in cards.BATTLECARD_FIELDS.items()
            if (getattr(card, field) or "").strip()
            and not (hide_weaknesses and field in WEAKNESS_FIELDS)
        )
        leads, trails = board.compare(competitor.id)
        if hide_weaknesses:
            leads = []
        result.append(
            CardContent(
                competitor.name, texts, tuple(leads[:POINTS_SHOWN]), tuple(trails[:POINTS_SHOWN])
            )
        )
    return result


def _write_cards(content: list[CardContent], out: BriefingDocument) -> None:
    for index, card in enumerate(content):
        _write_card(card, out, level=2, new_page=index > 0)


def _write_card(
    card: CardContent, out: BriefingDocument, level: int, new_page: bool = False
) -> None:
    out.heading(
        f"Against {card.competitor}",
        level,
        field="Competition › Competitor name",
        new_page=new_page,
    )
    if card.leads or card.trails:
        rows = []
        for index in range(max(len(card.leads), len(card.trails))):
            lead = card.leads[index] if index < len(card.leads) else None
            trail = card.trails[index] if index < len(card.trails) else None
            rows.append([_point(lead), _point(trail)])
        out.table(
            [Column("Where we lead"), Column("Where they lead")],
            rows,
            "Competition › Criterion name",
            keep_empty=True,  # "they lead nowhere" is worth seeing
        )
    for label, text in card.texts:
        out.labelled(label, text, f"Battlecard “{card.competitor}” › {label}")


def _point(comparison: Comparison | None) -> str:
    if comparison is None:
        return ""
    return f"{comparison.name} ({comparison.ours:g} vs {comparison.theirs:g})"


SECTION = CompetitionSection()
