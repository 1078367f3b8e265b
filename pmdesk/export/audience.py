"""Who a briefing is for, and what each audience does not see.

A briefing has an audience profile: *internal* (everything), *executive* (summary level) or
*external* (customers, partners, the board). A profile is a set of rules; the PM may turn each
rule on or off for one briefing, so "external, but with exact dates" is one tick box away.

Sections honour the rules through :class:`Audience` (``context.audience`` in a section): they
ask ``audience.hides(RULE)`` before writing what a rule covers, and pass names and dates
through :meth:`Audience.person` and :meth:`Audience.day`. What a rule hides must not reach any
part of the document: body text, tables, captions, alt text, the pictures' own text, or the
document's properties.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

INTERNAL, EXECUTIVE, EXTERNAL = "internal", "executive", "external"
PROFILES: dict[str, str] = {
    INTERNAL: "Internal (everything)",
    EXECUTIVE: "Executive (summary level)",
    EXTERNAL: "External (customers, partners, the board)",
}

# The rules, in the order the briefing page lists them: key -> what the audience will not see.
ATTITUDES = "attitudes"
COMMUNICATION = "communication"
BATTLECARDS = "battlecards"
WEAKNESSES = "weaknesses"
NOTES = "notes"
NAMES = "names"
EXACT_DATES = "exact_dates"
DETAIL = "detail"
COSTS = "costs"
RULES: dict[str, str] = {
    ATTITUDES: "Stakeholders' attitudes (champion, skeptic, blocker…)",
    COMMUNICATION: "The communication plan: how and when each person is engaged, follow-ups",
    BATTLECARDS: "Battlecards",
    WEAKNESSES: "Competitors' weaknesses and where we lead or trail them",
    NOTES: "Internal notes",
    NAMES: "People's names (their roles are shown instead)",
    EXACT_DATES: "Exact dates (quarters and confidence are shown instead)",
    DETAIL: "Detail tables behind the summary (criteria, every lane, crowded places)",
    COSTS: "Costs and the business case (what we spend, forecasts, payback)",
}
DEFAULT_RULES: dict[str, frozenset[str]] = {
    INTERNAL: frozenset(),
    EXECUTIVE: frozenset({BATTLECARDS, DETAIL}),
    EXTERNAL: frozenset(
        {ATTITUDES, COMMUNICATION, BATTLECARDS, WEAKNESSES, NOTES, NAMES, EXACT_DATES, COSTS}
    ),
}


@dataclass(frozen=True)
class Audience:
    """A profile with the PM's adjustments: which rules are on."""

    profile: str = INTERNAL
    hidden: frozenset[str] = field(default_factory=frozenset)
    # The month the product's fiscal year starts (the roadmap's setting): quarters shown
    # instead of exact dates are fiscal ("Q3 FY27"), as the rest of the company counts them.
    fiscal_start: int = 1

    @classmethod
    def of(cls, profile: str, adjustments: Mapping[str, bool] | None = None) -> Audience:
        """The profile's rules, each turned on (True) or off (False) where ``adjustments``
        say so; an unknown profile reads as internal and unknown rules are ignored."""
        profile = profile if profile in PROFILES else INTERNAL
        hidden = set(DEFAULT_RULES[profile])
        for rule, on in (adjustments or {}).items():
            if rule in RULES and isinstance(on, bool):
                (hidden.add if on else hidden.discard)(rule)
        return cls(profile, frozenset(hidden))

    def hides(self, rule: str) -> bool:
        return rule in self.hidden

    def not_shown(self) -> list[str]:
        """What this audience will not see, in sentences for the briefing page."""
        return [text for rule, text in RULES.items() if rule in self.hidden]

    def person(self, name: str, role: str = "") -> str:
        """A person as this audience may read them: the name, or the role (or "a customer",
        "a stakeholder"…) when names are hidden."""
        if not self.hides(NAMES):
            return name
        return role.strip() or "someone on the team"

    def text(self, sentence: str) -> str:
        """A sentence written for the team, with its exact dates ("01 Nov 2026", "2026-11-01")
        turned into quarters when this audience sees no exact dates."""
        if not self.hides(EXACT_DATES):
            return sentence
        return _EXACT_DAY.sub(lambda match: self.day(_parsed(match.group(0))), sentence)

    def day(self, day: date | None, confidence: str = "") -> str:
        """A date as this audience may read it: "3 Mar 2027", or "Q1 2027" (with the
        confidence, when known) when exact dates are hidden."""
        if day is None:
            return ""
        if not self.hides(EXACT_DATES):
            return f"{day.day} {day:%b %Y}"
        quarter = fiscal_quarter_label(day, self.fiscal_start)
        return f"{quarter} ({confidence.lower()} confidence)" if confidence else quarter


def fiscal_quarter_label(day: date, start_month: int = 1) -> str:
    """“Q1 2027” when the fiscal year is the calendar year, else “Q3 FY27” (a fiscal year is
    named by the calendar year it ends in)."""
    start = start_month if 1 <= start_month <= 12 else 1
    number = (day.month - start) % 12 // 3 + 1
    if start == 1:
        return f"Q{number} {day.year}"
    year = day.year + 1 if day.month >= start else day.year
    return f"Q{number} FY{year % 100:02d}"


def parse_adjustments(text: str | None) -> dict[str, bool]:
    """A briefing's stored adjustments (a JSON object of rule -> bool); anything else is none."""
    if not text or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {rule: on for rule, on in value.items() if rule in RULES and isinstance(on, bool)}


_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_EXACT_DAY = re.compile(rf"(?<!\d)(\d{{1,2}} (?:{_MONTHS}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})(?!\d)")


def _parsed(text: str) -> date:
    if "-" in text:
        return date.fromisoformat(text)
    return datetime.strptime(text, "%d %b %Y").date()
