"""The product overview: vision, customers, problem, value, goals, go-to-market, whole product."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from pmdesk.domain.project import OVERVIEW_FIELDS, Project
from pmdesk.export.section import SectionContext

if TYPE_CHECKING:  # the Word writer loads only when a briefing is written
    from pmdesk.export.writer import BriefingDocument


# The vision opens the section on its own; the other fields follow under their labels.
_LABELLED = tuple(field for field in OVERVIEW_FIELDS if field.name not in ("name", "vision"))


@dataclass(frozen=True)
class OverviewContent:
    product: str
    vision: str
    fields: tuple[tuple[str, str, str], ...]  # (label, text, field name)


class OverviewSection:
    key = "overview"
    options = ()
    empty_message = "The product overview (vision, customers, problem, goals) is not written yet."

    def collect(self, context: SectionContext) -> OverviewContent | None:
        # Read without get_project(): an export must never create or change a record.
        project = context.session.scalars(select(Project)).first()
        if project is None:
            return None
        labelled = tuple(
            (field.label, getattr(project, field.name) or "", field.name) for field in _LABELLED
        )
        vision = project.vision or ""
        if not vision.strip() and not any(text.strip() for _label, text, _name in labelled):
            return None
        return OverviewContent(project.name, vision, labelled)

    def write(
        self, content: OverviewContent, out: BriefingDocument, context: SectionContext
    ) -> None:
        if content.vision.strip():
            out.add_paragraph("Vision", style="Label")
            out.lead(content.vision, "Overview › Vision")
        omitted = []
        for label, text, _name in content.fields:
            if text.strip():
                out.labelled(label, text, f"Overview › {label}")
            else:
                omitted.append(label.lower())
        if omitted:
            out.note("Not written yet: " + ", ".join(omitted) + ".")


SECTION = OverviewSection()
