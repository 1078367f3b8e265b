"""The briefing's sections, loaded on first use from the workspaces the registry lists."""

from __future__ import annotations

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
        dotted = next((item.section for item in registry.specs() if item.key == key), None)
        if dotted is not None:
            try:
                section = registry.resolve(dotted)
            except ImportError:
                section = None
        _loaded[key] = section
    return _loaded[key]


def available_sections() -> list[str]:
    """Section keys this build can write, in the default order."""
    return [key for key in section_titles() if load_section(key) is not None]
