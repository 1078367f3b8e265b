"""Go-to-market readiness: each launch's day, how ready every department is, and what stands
in the way of a "go"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pmdesk.export.blocks import Column
from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.export.text import counted
from pmdesk.workspaces.launches.model import DECISIONS, DEPARTMENTS, STATUSES, TIERS
from pmdesk.workspaces.launches.query import LaunchPlan, owners, plans
from pmdesk.workspaces.launches.readiness import TaskState, format_offset

if TYPE_CHECKING:  # the Word writer loads only when a briefing is written
    from pmdesk.export.writer import BriefingDocument

PAST = OptionSpec(
    "past",
    "Include launches already past",
    "bool",
    False,
    hint="Launches whose launch day is before the briefing's date",
)
ATTENTION_MAX = 12
# Launches shown one by one, soonest first; the rest share one table. A big portfolio would
# otherwise spend two pages per launch on plans the reader cannot take in at once.
DETAILED_MAX = 8


@dataclass(frozen=True)
class ReadinessContent:
    plans: list[LaunchPlan]
    names: dict[str, str]
    hidden: int  # launches left out because they are past


class LaunchesSection:
    key = "launches"
    options = (PAST,)
    empty_message = "No launch has been planned yet."

    def collect(self, context: SectionContext) -> ReadinessContent | None:
        found = plans(context.session, context.today)
        if not found:
            return None
        shown = [
            plan
            for plan in found
            if context.option(PAST) or plan.readiness.launch_day >= context.today
        ]
        # Owners as this audience may read them: an external briefing names no one.
        names = {
            key: context.audience.person(name, role) for key, name, role in owners(context.session)
        }
        return ReadinessContent(shown, names, len(found) - len(shown))

    def highlights(self, content: ReadinessContent) -> list[tuple[str, str]]:
        late = sum(len(plan.readiness.late) for plan in content.plans)
        return [(str(late), "late launch readiness tasks")]

    def write(
        self, content: ReadinessContent, out: BriefingDocument, context: SectionContext
    ) -> None:
        if not content.plans:
            out.note("Every launch is past; nothing is being prepared.")
            return
        tasks = [task for plan in content.plans for task in plan.readiness.tasks]
        ready = sum(task.ready for task in tasks)
        late = sum(task.late for task in tasks)
        count = len(content.plans)
        out.lead(
            f"{count} launch{'es' if count != 1 else ''} in preparation: {ready} of {len(tasks)} "
            f"readiness tasks are ready and {late} {'is' if late == 1 else 'are'} late.",
            "Go-to-market readiness › Summary",
        )
        if content.hidden == 1:
            out.note("1 launch already past is left out.")
        elif content.hidden:
            out.note(f"{content.hidden} launches already past are left out.")
        soonest = sorted(content.plans, key=lambda plan: plan.readiness.launch_day)
        for plan in soonest[:DETAILED_MAX]:
            self._launch(plan, content.names, out, context)
        if len(soonest) > DETAILED_MAX:
            self._later(soonest[DETAILED_MAX:], out, context)

    def _launch(
        self,
        plan: LaunchPlan,
        names: dict[str, str],
        out: BriefingDocument,
        context: SectionContext,
    ) -> None:
        launch, state = plan.launch, plan.readiness
        day = context.audience.day(state.launch_day)
        out.heading(f"{launch.name} · {TIERS.get(launch.tier, launch.tier)}, {day}", 2)
        facts = [f"Launch day {day}"]
        if plan.follows:
            facts[0] += f", set by “{plan.follows}” on the roadmap"
        facts.append(
            f"go/no-go on {context.audience.day(state.go_no_go_day)} "
            f"({DECISIONS.get(launch.decision, launch.decision).lower()})"
        )
        owner = names.get(launch.owner_id or "")
        if owner:
            facts.append(f"owner {owner}")
        out.paragraph("; ".join(facts) + ".", "Launches › Launch")
        out.labelled("Goal it serves", context.audience.text(launch.goal), "Launches › Goal")
        grid = state.grid()
        columns = [Column("Department", 1.6)] + [
            Column(label, 0.8, numeric=True) for label in STATUSES.values()
        ]
        columns.append(Column("Late", 0.6, numeric=True))
        rows = []
        for department, label in DEPARTMENTS.items():
            counts = grid[department]
            if not sum(counts.values()):
                continue
            late = sum(1 for task in state.late if task.department == department)
            rows.append(
                [label, *(str(counts[s]) if counts[s] else "" for s in STATUSES), str(late or "")]
            )
        out.table(columns, rows, "Launches › Readiness")
        self._attention(state.blockers, names, out, context, state.go_no_go_day)

    def _later(
        self, later: list[LaunchPlan], out: BriefingDocument, context: SectionContext
    ) -> None:
        out.heading("Later launches", 2)
        out.note(
            f"Shown above: the {counted(DETAILED_MAX, 'soonest launch', 'soonest launches')}. "
            f"Summarised here: {counted(len(later), 'later launch', 'later launches')}; the "
            "Launches workspace has each one's plan."
        )
        rows = []
        for plan in later:
            state = plan.readiness
            ready = sum(task.ready for task in state.tasks)
            rows.append(
                [
                    plan.launch.name,
                    TIERS.get(plan.launch.tier, plan.launch.tier),
                    context.audience.day(state.launch_day),
                    f"{ready} of {len(state.tasks)}",
                    str(len(state.late) or ""),
                ]
            )
        columns = [
            Column("Launch", 2.6),
            Column("Tier", 0.9),
            Column("Launch day", 1.2),
            Column("Ready", 0.9, numeric=True),
            Column("Late", 0.6, numeric=True),
        ]
        out.table(columns, rows, "Launches › Later launches")

    def _attention(
        self,
        blockers: list[TaskState],
        names: dict[str, str],
        out: BriefingDocument,
        context: SectionContext,
        go_no_go: date,
    ) -> None:
        say = context.audience.day  # an external briefing reads quarters, not days
        if not blockers:
            out.note(f"Nothing stands in the way of a go on {say(go_no_go)}.")
            return
        out.paragraph(f"What stands in the way of a go on {say(go_no_go)}:", "Launches › Blockers")
        columns = [
            Column("Task", 2.6),
            Column("Department", 1.3),
            Column("Owner", 1.2),
            Column("Due", 1.2),
            Column("Status", 1.0),
        ]
        rows = [
            [
                task.title,
                DEPARTMENTS.get(task.department, task.department),
                names.get(task.owner_id or "", ""),
                f"{say(task.due)} ({format_offset(task.offset_days)})",
                STATUSES.get(task.status, task.status)
                + (f", {task.days_late(context.today)} days late" if task.late else ""),
            ]
            for task in blockers[:ATTENTION_MAX]
        ]
        out.table(columns, rows, "Launches › Blockers")
        if len(blockers) > ATTENTION_MAX:
            out.note(f"…and {len(blockers) - ATTENTION_MAX} more in the Launches workspace.")


SECTION = LaunchesSection()
