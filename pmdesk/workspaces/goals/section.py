"""The briefing's "Goals" section: each objective's key results, their progress and trend,
and what is off track and why (with the late work that contributes to it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmdesk.export.audience import NOTES
from pmdesk.export.blocks import Column
from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.export.text import clipped, counted
from pmdesk.workspaces.goals.chart.figure import trend_figure
from pmdesk.workspaces.goals.chart.layout import trend_layout
from pmdesk.workspaces.goals.model import OBJECTIVE_STATUSES
from pmdesk.workspaces.goals.progress import amount
from pmdesk.workspaces.goals.query import Goals, KeyResultView, ObjectiveView, load_goals

if TYPE_CHECKING:  # the Word writer loads only when a briefing is written
    from pmdesk.export.writer import BriefingDocument

FINISHED = OptionSpec("finished", "Include achieved, missed and dropped objectives", "bool", False)
CHARTS = OptionSpec("charts", "Show a trend chart per key result", "bool", True)
CHART_WIDTH = 520.0
CHART_HEIGHT = 190.0
FIELD = "Goals"
CHARTS_MAX = 8  # trend charts in one briefing: about three pages, as many as the sample has
# Objectives written out one by one (those with a key result off track first); the rest share
# one table, so a big portfolio does not spend a page on each before the next section.
DETAILED_MAX = 10
OFF_TRACK_MAX = 15  # reasons listed under "Off track, and why"
NOTE_SHOWN = 300  # characters of a check-in's note in "Off track, and why"


@dataclass(frozen=True)
class GoalsContent:
    goals: Goals
    objectives: tuple[ObjectiveView, ...]
    off_track: tuple[tuple[ObjectiveView, KeyResultView], ...]
    at_risk: int


class GoalsSection:
    key = "goals"
    options = (FINISHED, CHARTS)
    empty_message = "No objectives have been set yet."

    def collect(self, context: SectionContext) -> GoalsContent | None:
        goals = load_goals(context.session, context.today)
        objectives = tuple(
            objective
            for objective in goals.objectives
            if context.option(FINISHED) or objective.status == "active"
        )
        if not objectives:
            return None
        off_track = tuple(
            (objective, result)
            for objective in objectives
            if objective.status == "active"
            for result in objective.key_results
            if result.judgement.state == "off_track"
        )
        at_risk = sum(
            result.judgement.state == "at_risk"
            for objective in objectives
            if objective.status == "active"
            for result in objective.key_results
        )
        return GoalsContent(goals, objectives, off_track, at_risk)

    def highlights(self, content: GoalsContent) -> list[tuple[str, str]]:
        return [(str(len(content.off_track)), "key results off track")]

    def write(self, content: GoalsContent, out: BriefingDocument, context: SectionContext) -> None:
        results = sum(len(objective.key_results) for objective in content.objectives)
        out.lead(
            f"{len(content.objectives)} objectives with {results} key results: "
            f"{len(content.off_track)} off track, {content.at_risk} at risk.",
            f"{FIELD} › Summary",
        )
        if content.off_track:
            out.heading("Off track, and why", 2)
            out.bullets(
                [
                    (
                        context.audience.text(
                            _why(objective, result, notes=not context.audience.hides(NOTES))
                        ),
                        f"{FIELD} › Off track",
                    )
                    for objective, result in content.off_track[:OFF_TRACK_MAX]
                ],
                leads=True,
            )
            if len(content.off_track) > OFF_TRACK_MAX:
                more = len(content.off_track) - OFF_TRACK_MAX
                out.note(
                    f"…and {counted(more, 'more key result')} off track in the Goals workspace."
                )
        detailed = _detailed(content)
        charted = _charted(content, detailed) if context.option(CHARTS) else set()
        for objective in content.objectives:
            if objective.id in detailed:
                self._objective(objective, out, context, charted)
        others = [o for o in content.objectives if o.id not in detailed]
        if others:
            self._others(others, out)
        if context.option(CHARTS) and len(charted) < results:
            out.note(
                f"Trend charts are drawn for {len(charted):,} of {results:,} key results, those "
                "off track first; the Goals workspace has every one."
            )

    def _others(self, others: list[ObjectiveView], out: BriefingDocument) -> None:
        out.heading("Other objectives", 2)
        out.note(
            f"{counted(len(others), 'more objective')}, summarised; the Goals workspace has "
            "each one's key results."
        )
        rows = []
        for objective in others:
            states = [result.judgement.state for result in objective.key_results]
            rows.append(
                [
                    objective.title,
                    objective.period,
                    str(len(states)),
                    str(states.count("off_track") or ""),
                    str(states.count("at_risk") or ""),
                ]
            )
        columns = [
            Column("Objective", 3.0),
            Column("Period", 1.2),
            Column("Key results", 1.0, numeric=True),
            Column("Off track", 0.9, numeric=True),
            Column("At risk", 0.9, numeric=True),
        ]
        out.table(columns, rows, f"{FIELD} › Other objectives")

    def _objective(
        self,
        objective: ObjectiveView,
        out: BriefingDocument,
        context: SectionContext,
        charted: set[str],
    ) -> None:
        out.heading(objective.title, 2, field=f"{FIELD} › Objective")
        facts = [objective.period]
        if objective.owner:
            facts.append(f"owner {context.audience.person(objective.owner)}")
        if objective.status != "active":
            facts.append(OBJECTIVE_STATUSES.get(objective.status, objective.status).lower())
        out.note(", ".join(facts))
        out.paragraph(objective.why, f"{FIELD} › Why")
        if not objective.key_results:
            out.note("This objective has no key results yet.")
            return
        rows = []
        for result in objective.key_results:
            judgement = result.judgement
            latest = "" if judgement.latest is None else amount(judgement.latest, result.unit)
            progress = "" if judgement.progress is None else f"{judgement.progress:.0%}"
            state = judgement.label + (" (no recent check-in)" if judgement.stale else "")
            rows.append(
                [
                    result.metric,
                    amount(result.baseline, result.unit),
                    latest,
                    amount(result.target, result.unit),
                    progress,
                    state,
                ]
            )
        out.table(
            [
                Column("Key result", 2.8),
                Column("Baseline", 0.9, numeric=True),
                Column("Latest", 0.9, numeric=True),
                Column("Target", 0.9, numeric=True),
                Column("Progress", 1.0, numeric=True),
                Column("Judgement", 1.5),
            ],
            rows,
            f"{FIELD} › Key results",
        )
        if context.option(CHARTS):
            for result in objective.key_results:
                if result.id not in charted:
                    continue
                layout = trend_layout(
                    result.points,
                    result.baseline,
                    result.target,
                    objective.period_start,
                    objective.period_end,
                    context.today,
                    result.judgement.state,
                    result.unit,
                    CHART_WIDTH,
                    CHART_HEIGHT,
                )
                figure = trend_figure(layout)
                out.figure(
                    figure,
                    caption=f"{result.metric}: actuals, the dashed straight line to the target, "
                    "and the target.",
                    max_height=out.content_height * 0.24,
                )


def _detailed(content: GoalsContent) -> set[str]:
    """The objectives written out in full: those with a key result off track first, then in
    order, up to :data:`DETAILED_MAX`."""
    order = [objective.id for objective, _result in content.off_track]
    order += [objective.id for objective in content.objectives]
    return set(list(dict.fromkeys(order))[:DETAILED_MAX])


def _charted(content: GoalsContent, detailed: set[str]) -> set[str]:
    """The key results that get a trend chart, among the objectives written out: those off
    track first, then in order, up to :data:`CHARTS_MAX` (a project with 180 key results would
    otherwise spend 60 pages on charts before the next section)."""
    order = [result.id for objective, result in content.off_track if objective.id in detailed]
    order += [
        result.id
        for objective in content.objectives
        if objective.id in detailed
        for result in objective.key_results
    ]
    return set(list(dict.fromkeys(order))[:CHARTS_MAX])


def _why(objective: ObjectiveView, result: KeyResultView, *, notes: bool = True) -> str:
    """Why a key result is off track; with ``notes``, what its owner wrote at the latest
    check-in (the team's own note: the "internal notes" rule keeps it from other readers)."""
    text = f"{result.metric}: {result.judgement.explanation}"
    latest = result.check_ins[-1].note.strip() if result.check_ins else ""
    if notes and latest:
        text += f" Latest check-in: “{clipped(latest, NOTE_SHOWN)}”."
    late = [link.title for link in result.links if link.late]
    if late:
        text += f" Late work behind it: {', '.join(late)}."
    return text + f" ({objective.title})"


SECTION = GoalsSection()
