"""The briefing's sections, loaded on first use from the workspaces the registry lists."""

from __future__ import annotations

import importlib.util

from pmdesk import registry
from pmdesk.export.section import Section

_loaded: dict[str, Section | None] = {}


def section_titles() -> dict[str, str]:
    """Section key -> heading, in a new briefing's default order."""
    return registry.section_titles()


def load_section(key: str) -> Section | None:
    """The section for ``key``, or None when this build has no such section.

    A section whose module cannot be imported is simply not offered, so a build without a
    workspace still writes the others.
    """
    if key not in _loaded:
        section: Section | None = None
        dotted = _dotted(key)
        if dotted is not None:
            try:
                section = registry.resolve(dotted)
            except ImportError:
                section = None
        _loaded[key] = section
    return _loaded[key]


def available_sections() -> list[str]:
    """Section keys this build can write, in the default order.

    A section's module is looked for, not imported: the page lists every section, but loads
    only the code of those it shows options for or exports.
    """
    return [key for key in section_titles() if _present(key)]


def _dotted(key: str) -> str | None:
    return next((item.section for item in registry.specs() if item.key == key), None)


def _present(key: str) -> bool:
    if key in _loaded:
        return _loaded[key] is not None
    dotted = _dotted(key)
    if dotted is None:
        return False
    try:
        return importlib.util.find_spec(dotted.partition(":")[0]) is not None
    except ImportError:  # its workspace's package is missing from this build
        return False
