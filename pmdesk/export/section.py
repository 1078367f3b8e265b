"""What a briefing section is: the protocol each workspace's ``section.py`` implements.

A section module defines ``SECTION``, an object with a ``key`` (the workspace key), a
``collect`` that reads what the section needs from the project (None when there is nothing
yet) and a ``write`` that puts it into the document. A section that an audience rule keeps
out whole names the rule as ``hidden_by`` (the business case: ``audience.COSTS``); the
briefing then leaves it out, heading and summary figures included. The registry names each
workspace's section; ``pmdesk.briefing.sections`` loads them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.orm import Session

from pmdesk.export.audience import Audience

if TYPE_CHECKING:  # sections are listed without loading the Word writer
    from pmdesk.export.writer import BriefingDocument


@dataclass(frozen=True)
class OptionSpec:
    """One option a section offers, so the app can build a form for it without knowing it.

    Kinds: ``bool`` (a tick box), ``int`` (a number from ``minimum``), ``choice`` (one of
    ``choices``, value -> label), ``date`` (ISO text, empty for none), ``names`` (a list of
    record names; empty means all). A ``names`` option offers a checklist of what the project
    holds, read by ``names_in`` (given the session); text an older version stored ("Core,
    Mobile") still reads as that list.
    """

    key: str
    label: str
    kind: str
    default: Any
    choices: tuple[tuple[str, str], ...] = ()
    hint: str = ""
    minimum: int = 0
    names_in: Callable[[Session], list[str]] | None = None


def option_value(options: Mapping[str, Any], spec: OptionSpec) -> Any:
    """The option as the section should use it: the default when missing or of the wrong type."""
    value = options.get(spec.key, spec.default)
    if spec.kind == "bool":
        return value if isinstance(value, bool) else spec.default
    if spec.kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= spec.minimum
        return value if ok else spec.default
    if spec.kind == "choice":
        return value if value in dict(spec.choices) else spec.default
    if spec.kind == "date":
        try:
            return date.fromisoformat(value) if isinstance(value, str) and value else None
        except ValueError:
            return None
    if spec.kind == "names":
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list):
            return []
        return [str(name).strip() for name in value if str(name).strip()]
    return value


@dataclass
class SectionContext:
    """What every section may use besides its own options."""

    session: Session
    options: Mapping[str, Any]
    today: date
    warnings: list[str] = field(default_factory=list)
    # (title, writer) pairs the briefing puts after every section, e.g. battlecards
    appendix: list[tuple[str, Callable[[BriefingDocument], None]]] = field(default_factory=list)
    # Who reads the briefing: a section asks ``audience.hides(rule)`` before writing what a
    # rule of pmdesk.export.audience covers, and writes people and dates through
    # ``audience.person`` and ``audience.day``. Internal (everything) unless told otherwise.
    audience: Audience = field(default_factory=Audience)

    def option(self, spec: OptionSpec) -> Any:
        return option_value(self.options, spec)


class Section(Protocol):
    key: str
    options: tuple[OptionSpec, ...]
    # Said in the document (and the export's report) when the workspace holds nothing yet.
    empty_message: str

    def collect(self, context: SectionContext) -> Any | None:
        """Read everything the section shows; None when the workspace has nothing yet."""

    def write(self, content: Any, out: BriefingDocument, context: SectionContext) -> None:
        """Write the section body (its level-1 heading is already there)."""
