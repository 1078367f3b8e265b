"""Every overview edit the page offers, as one undoable command each.

The page calls these; each goes through ``controller.edit`` (which refuses it while the project
is read-only and names the change from what it wrote), so it lands on the undo stack and the
``changed`` signal tells every view to refresh.
"""

from __future__ import annotations

from pmdesk.domain import project as overview
from pmdesk.gui.document import DocumentController

KIND = overview.Project.__tablename__
_LABELS = {spec.name: spec.label for spec in overview.OVERVIEW_FIELDS}


def set_field(controller: DocumentController, field: str, value: str) -> bool:
    """Set one overview field; False when it already holds ``value`` or the edit is refused.

    Typing in one field merges into word-sized undo steps (see ``TypingBursts``).
    """
    session = controller.session
    old = getattr(overview.get_project(session), field)
    if old == value:
        return False
    return controller.edit(
        f"Edit {_LABELS[field]}",
        lambda: overview.set_field(session, field, value),
        lambda: overview.set_field(session, field, old),
        merge_key=controller.typing.key((KIND, field), old, value),
    )


def set_currency(controller: DocumentController, code: str) -> bool:
    """Set the project's currency (a relabel: amounts are not converted)."""
    session = controller.session
    old = overview.currency(session)
    if old == code:
        return False
    return controller.edit(
        f"Set currency to {code}",
        lambda: overview.set_currency(session, code),
        lambda: overview.set_currency(session, old),
    )
