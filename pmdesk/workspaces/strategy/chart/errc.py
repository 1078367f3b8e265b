"""The ERRC grid's content for the briefing (which sets it as a Word table): eliminate, raise,
reduce, create, with each factor listed under its action and the move from today's level to
the target."""

from __future__ import annotations

from pmdesk.workspaces.strategy.canvas import Canvas
from pmdesk.workspaces.strategy.model import ACTIONS

# The classic layout: what to cut on the left, what to add on the right.
PLACES = {"eliminate": (0, 0), "raise": (0, 1), "reduce": (1, 0), "create": (1, 1)}
QUESTIONS = {
    "eliminate": "Taken for granted, but not worth it",
    "raise": "Well above the industry's standard",
    "reduce": "Well below the industry's standard",
    "create": "Never offered by the industry",
}


def errc_entries(canvas: Canvas) -> dict[str, list[str]]:
    """Each action's lines as the grid shows them: “Speed to go live: 6 → 9”."""
    today = canvas.today()
    entries: dict[str, list[str]] = {action: [] for action in ACTIONS}
    for index, factor in enumerate(canvas.factors):
        if factor.action not in entries:
            continue
        now = today.levels[index] if today else 0
        if factor.action == "eliminate":
            text = f"{factor.name}: {now} → 0"
        elif factor.action == "create":
            text = f"{factor.name}: new, to {factor.target_level}"
        else:
            text = f"{factor.name}: {now} → {factor.target_level}"
        entries[factor.action].append(text)
    return entries
