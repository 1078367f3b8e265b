"""The checklists a new launch starts from, one per tier.

The defaults below seed a project's templates the first time a launch of that tier is made or
its template is edited; from then on the template lives in the project and is the PM's own.
Offsets are days relative to launch day (-14 is "L−14").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.workspaces.launches.model import LaunchTemplate, LaunchTemplateTask


@dataclass(frozen=True)
class TemplateLine:
    department: str
    title: str
    offset_days: int


_MAJOR: tuple[TemplateLine, ...] = (
    TemplateLine("marketing", "Positioning and messaging signed off", -42),
    TemplateLine("marketing", "Launch plan and announcement date agreed", -35),
    TemplateLine("marketing", "Press release and analyst briefings", -14),
    TemplateLine("marketing", "Pricing page live", -1),
    TemplateLine("marketing", "Launch campaign live", 0),
    TemplateLine("sales", "Sales deck and demo script", -21),
    TemplateLine("sales", "Sales team trained", -10),
    TemplateLine("sales", "Competitive battlecards updated", -10),
    TemplateLine("support", "Support FAQ and training done", -10),
    TemplateLine("support", "Help-centre articles published", -3),
    TemplateLine("support", "Escalation path to engineering agreed", -7),
    TemplateLine("operations", "Order flow tested", -14),
    TemplateLine("operations", "Onboarding checklist updated", -7),
    TemplateLine("finance", "Price list in billing", -14),
    TemplateLine("finance", "Revenue recognition agreed", -21),
    TemplateLine("engineering", "Release candidate signed off", -10),
    TemplateLine("engineering", "Release notes", -3),
    TemplateLine("engineering", "Monitoring and rollback plan", -5),
    TemplateLine("legal", "Terms and privacy notice reviewed", -21),
    TemplateLine("legal", "Trademark and claims cleared", -14),
)
_MINOR: tuple[TemplateLine, ...] = (
    TemplateLine("marketing", "Announcement post and in-app note", -3),
    TemplateLine("sales", "Sales update with what changed", -7),
    TemplateLine("support", "Support FAQ and training done", -7),
    TemplateLine("operations", "Order flow tested", -7),
    TemplateLine("finance", "Price list in billing", -7),
    TemplateLine("engineering", "Release notes", -2),
    TemplateLine("legal", "Terms checked for the change", -10),
)
_SILENT: tuple[TemplateLine, ...] = (
    TemplateLine("support", "Support told what changed", -2),
    TemplateLine("engineering", "Release notes", 0),
)
DEFAULT_TEMPLATES: dict[str, tuple[TemplateLine, ...]] = {
    "major": _MAJOR,
    "minor": _MINOR,
    "silent": _SILENT,
}


def stored_template(session: Session, tier: str) -> LaunchTemplate | None:
    """The project's template for a tier (the first by id should a file hold two)."""
    query = select(LaunchTemplate).where(LaunchTemplate.tier == tier).order_by(LaunchTemplate.id)
    return session.scalars(query).first()


def template_lines(session: Session, tier: str) -> list[TemplateLine]:
    """The checklist a new launch of ``tier`` gets: the project's own, else the default."""
    template = stored_template(session, tier)
    if template is None:
        return list(DEFAULT_TEMPLATES.get(tier, ()))
    query = (
        select(LaunchTemplateTask)
        .where(LaunchTemplateTask.template_id == template.id)
        .order_by(LaunchTemplateTask.position, LaunchTemplateTask.id)
    )
    return [
        TemplateLine(row.department, row.title, row.offset_days) for row in session.scalars(query)
    ]


def template_tasks(session: Session, template_id: str) -> list[LaunchTemplateTask]:
    query = (
        select(LaunchTemplateTask)
        .where(LaunchTemplateTask.template_id == template_id)
        .order_by(LaunchTemplateTask.position, LaunchTemplateTask.id)
    )
    return list(session.scalars(query))


def seed_template(session: Session, tier: str, template_id: str, line_ids: Sequence[str]) -> None:
    """Store the default template of ``tier`` (no commit).

    The ids are chosen by the caller, so that a redo makes the same rows and later steps on
    the undo stack still find them.
    """
    session.add(LaunchTemplate(id=template_id, tier=tier))
    lines = DEFAULT_TEMPLATES.get(tier, ())
    for position, (line, line_id) in enumerate(zip(lines, line_ids, strict=True)):
        session.add(
            LaunchTemplateTask(
                id=line_id,
                template_id=template_id,
                department=line.department,
                title=line.title,
                offset_days=line.offset_days,
                position=position,
            )
        )
