"""The one ordered list of PM Desk's workspaces, and everything derived from it.

Each workspace package (``pmdesk/workspaces/<key>/``, and the briefing beside them) declares one
:class:`WorkspaceSpec` named ``SPEC`` in its ``__init__.py``. Its models, rules, briefing section
and page are named by dotted path ("module:attribute"), so reading the list costs nothing: the
window shows its navigation before SQLAlchemy, matplotlib or any page is imported. What the
dump, ``load``, ``check``, the store, the navigation and the briefing need is derived here.

The shared layers (``domain``, ``store``, ``interchange``, ``export``) reach the workspaces only
through these functions, which import packages by name at run time; they never import a
workspace themselves (``pyproject.toml``'s import contracts hold them to that).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy loads after the first paint, not when the list is read
    from sqlalchemy import MetaData
    from sqlalchemy.orm import Session

    from pmdesk.domain.base import Record
    from pmdesk.domain.overdue import Overdue

# Navigation order. Adding a workspace: its package, then one line here (README, "For developers").
PACKAGES: tuple[str, ...] = (
    "pmdesk.workspaces.overview",
    "pmdesk.workspaces.goals",
    "pmdesk.workspaces.stakeholders",
    "pmdesk.workspaces.competition",
    "pmdesk.workspaces.strategy",
    "pmdesk.workspaces.personas",
    "pmdesk.workspaces.roadmap",
    "pmdesk.workspaces.requirements",
    "pmdesk.workspaces.launches",
    "pmdesk.workspaces.business_case",
    "pmdesk.workspaces.decisions",
    "pmdesk.briefing",
)

# A briefing tells the story in another order than a PM works: why, where we stand, what we do.
# A new briefing lists its sections in this order; every workspace with a section is here once.
SECTION_ORDER: tuple[str, ...] = (
    "overview",
    "goals",
    "strategy",
    "competition",
    "personas",
    "stakeholders",
    "roadmap",
    "requirements",
    "launches",
    "business_case",
    "decisions",
)

RecordRule = Callable[[Mapping[str, Any]], None]  # raises ValidationError with the user's sentence
# Given the workspace's part of a JSON dump: (sentence, ids of the records involved) for each
# promise that spans records (no dependency loop); used where records meet, as in a merge.
DumpRule = Callable[[Mapping[str, Any]], list[tuple[str, frozenset[str]]]]


@dataclass(frozen=True)
class WorkspaceSpec:
    """What one workspace is and where its parts live, by dotted name ("module:attribute").

    Attributes:
        key: the workspace key, used by navigation, the briefing and ``--self-test``.
        title: the navigation label.
        purpose: one sentence, shown as the tooltip and in an empty state.
        dump_key: its top-level key in the JSON dump, or None when it keeps no records of its own.
        records: sub-key in the dump -> model, in the order the dump and ``check`` list them.
        rules: table -> function that raises ``ValidationError`` for a record breaking the
            workspace's promises beyond column types (used by ``load``, ``check`` and open).
        dump_rules: functions (dotted names) checking promises that span its records, given its
            part of a dump (see ``DumpRule``).
        section: its briefing section object, or None.
        section_title: the section's heading in the briefing and in the section chooser.
        page: the ``QWidget`` subclass built with the document controller, or None.
        migrations: format version -> function ``(sqlite3 connection)`` changing the
            workspace's tables of a file of that format for the next (new columns), run inside
            the store's upgrade transaction.
        upgrades: format version -> function ``(session, today)`` that brings the workspace's
            records of a file of that format up to the next, run at open once every table of
            the current format exists.
        dump_upgrades: format version -> function ``(data) -> data`` doing the same for a
            JSON dump of that format before ``load`` checks it.
        overdue: function ``(session, today) -> list[Overdue]`` naming the workspace's work
            past its date (``pmdesk.domain.overdue``), for the app-wide overdue list.
    """

    key: str
    title: str
    purpose: str
    dump_key: str | None = None
    records: Mapping[str, str] = field(default_factory=dict)
    rules: Mapping[str, str] = field(default_factory=dict)
    dump_rules: tuple[str, ...] = ()
    section: str | None = None
    section_title: str = ""
    page: str | None = None
    migrations: Mapping[int, str] = field(default_factory=dict)
    upgrades: Mapping[int, str] = field(default_factory=dict)
    dump_upgrades: Mapping[int, str] = field(default_factory=dict)
    overdue: str | None = None

    def models(self) -> dict[str, type[Record]]:
        """Its record models by dump sub-key (imports them)."""
        return {name: resolve(dotted) for name, dotted in self.records.items()}

    def kinds(self) -> frozenset[str]:
        """The table names of its records: the kinds of change its page refreshes for."""
        return frozenset(model.__tablename__ for model in self.models().values())


def resolve(dotted: str) -> Any:
    """The object named "package.module:attribute"."""
    module_name, _, attribute = dotted.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


@cache
def specs() -> tuple[WorkspaceSpec, ...]:
    """Every workspace's spec, in navigation order."""
    return tuple(importlib.import_module(name).SPEC for name in PACKAGES)


def spec(key: str) -> WorkspaceSpec:
    for candidate in specs():
        if candidate.key == key:
            return candidate
    raise KeyError(key)


@cache
def workspace_records() -> Mapping[str, Mapping[str, type[Record]]]:
    """Dump key -> {sub-key: model}, for every workspace that keeps records (project excluded)."""
    return MappingProxyType(
        {
            item.dump_key: MappingProxyType(item.models())
            for item in specs()
            if item.dump_key is not None
        }
    )


def record_models() -> list[type[Record]]:
    """Every record model, the project first, in the order a report lists them."""
    from pmdesk.domain.project import Project

    models: list[type[Record]] = [Project]
    for group in workspace_records().values():
        models.extend(group.values())
    return models


def metadata() -> MetaData:
    """SQLAlchemy's metadata with every table of a project registered."""
    import pmdesk.domain.history  # noqa: F401  (the merge history travels in every file)
    from pmdesk.domain.base import Base

    record_models()
    return Base.metadata


@cache
def record_rules() -> Mapping[str, RecordRule]:
    """Table -> the workspace's own rule for one record's values."""
    return MappingProxyType(
        {table: resolve(dotted) for item in specs() for table, dotted in item.rules.items()}
    )


def _steps(kind: str, from_version: int, to_version: int) -> list[Callable[..., Any]]:
    """The workspaces' steps of one kind from one format to another, oldest format first and
    in navigation order within one format."""
    return [
        resolve(getattr(item, kind)[version])
        for version in range(from_version, to_version)
        for item in specs()
        if version in getattr(item, kind)
    ]


def migration_steps(version: int) -> list[Callable[..., Any]]:
    """Table changes bringing a file of ``version`` to the next format."""
    return _steps("migrations", version, version + 1)


def upgrade_steps(from_version: int, to_version: int) -> list[Callable[..., Any]]:
    """Record upgrades for a file opened from an older format, once its tables are current."""
    return _steps("upgrades", from_version, to_version)


def dump_upgrade_steps(from_version: int, to_version: int) -> list[Callable[..., Any]]:
    """Upgrades of a JSON dump of an older format, before it is checked."""
    return _steps("dump_upgrades", from_version, to_version)


def record_problem(table: str, values: Mapping[str, Any]) -> str | None:
    """The sentence saying why one record breaks its workspace's own rule, or None."""
    from pmdesk.errors import ValidationError

    rule = record_rules().get(table)
    if rule is None:
        return None
    try:
        rule(values)
    except ValidationError as error:
        return str(error)
    return None


@cache
def dump_rules() -> tuple[tuple[str, DumpRule], ...]:
    """(dump key, rule) for every workspace's rules that span records."""
    return tuple(
        (item.dump_key, resolve(dotted))
        for item in specs()
        if item.dump_key is not None
        for dotted in item.dump_rules
    )


def overdue_work(session: Session, today: date) -> list[Overdue]:
    """Every workspace's overdue work, the longest overdue first."""
    found = [
        entry
        for item in specs()
        if item.overdue is not None
        for entry in resolve(item.overdue)(session, today)
    ]
    return sorted(found, key=lambda entry: (entry.due, entry.workspace, entry.title.casefold()))


def section_titles() -> dict[str, str]:
    """Section key -> heading, in a new briefing's default order."""
    titles = {item.key: item.section_title for item in specs() if item.section is not None}
    return {key: titles[key] for key in SECTION_ORDER if key in titles}


def guide(key: str) -> str:
    """A workspace's short guide for a PM, as Markdown (``resources/guides/<key>.md``, which
    every workspace has: a test says so)."""
    from pmdesk.resources import resource

    spec(key)  # a workspace the registry knows, not any file name
    return resource("guides", f"{key}.md").read_text(encoding="utf-8")
