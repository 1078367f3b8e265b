"""A briefing's settings and an export's result as plain values: what the briefing page and the
command line hand to the export and get back, without loading the Word writer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from pmdesk.briefing import changes
from pmdesk.briefing.model import Briefing, SectionChoice, default_sections, section_choices
from pmdesk.export.audience import INTERNAL, Audience, parse_adjustments


@dataclass(frozen=True)
class BriefingSettings:
    """A briefing's settings as plain values, so an export needs no live database record."""

    name: str = "Briefing"
    title: str = ""
    audience: str = ""
    briefing_date: date | None = None
    author: str = ""
    executive_summary: str = ""
    decisions: str = ""
    company_name: str = ""
    logo_path: str = ""  # what older versions stored: named in a warning, never read
    template_path: str = ""
    logo_png: str = ""  # stored in the project, see pmdesk.briefing.assets
    logo_name: str = ""
    template_docx: str = ""
    template_name: str = ""
    sections: tuple[SectionChoice, ...] = field(default_factory=lambda: tuple(default_sections()))
    profile: str = INTERNAL
    profile_rules: Mapping[str, bool] = field(default_factory=dict)  # the PM's adjustments
    # The briefing's record: its last export's snapshot says what changed since. Empty for a
    # briefing that is not stored (the command line's defaults).
    briefing_id: str = ""

    @property
    def readers(self) -> Audience:
        """The audience profile with its adjustments: what the readers will not see."""
        return Audience.of(self.profile, self.profile_rules)

    @classmethod
    def of(cls, briefing: Briefing) -> BriefingSettings:
        return cls(
            name=briefing.name,
            title=briefing.title,
            audience=briefing.audience,
            briefing_date=briefing.briefing_date,
            author=briefing.author,
            executive_summary=briefing.executive_summary,
            decisions=briefing.decisions,
            company_name=briefing.company_name,
            logo_path=briefing.logo_path,
            template_path=briefing.template_path,
            logo_png=briefing.logo_png,
            logo_name=briefing.logo_name,
            template_docx=briefing.template_docx,
            template_name=briefing.template_name,
            sections=tuple(section_choices(briefing)),
            profile=briefing.profile or INTERNAL,
            profile_rules=parse_adjustments(briefing.profile_rules),
            briefing_id=briefing.id,
        )


@dataclass
class ExportResult:
    path: Path
    warnings: list[str]
    empty_sections: list[str]  # titles of sections with nothing yet
    sections: list[str]  # titles of the sections written
    pictures: int = 0
    # (a picture's description, the smallest text on it in points as placed on the page)
    chart_text: list[tuple[str, float]] = field(default_factory=list)
    chart_words: list[str] = field(default_factory=list)  # the text drawn inside the pictures
    # What this export showed (pmdesk.briefing.changes), for the caller to keep with the
    # briefing (changes.remember) so the next export can say what changed since.
    snapshot: str = ""
    change_report: changes.ChangeReport | None = None


def readers_of(session: Session, settings: BriefingSettings) -> Audience:
    """Who reads the briefing, counting quarters from the roadmap's fiscal year start (the
    calendar's in a build without the roadmap)."""
    try:
        from pmdesk.workspaces.roadmap.edit import fiscal_year_start
    except ImportError:
        return settings.readers
    return replace(settings.readers, fiscal_start=fiscal_year_start(session))
