"""Every briefing edit the page offers, as one undoable command each.

The page calls these; each validates through ``pmdesk.briefing.model``, goes through
``controller.edit`` (which refuses it while the project is read-only and names the change from
what it wrote), and so lands on the undo stack; the ``changed`` signal then tells every view to
refresh.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pmdesk.briefing import changes
from pmdesk.briefing import model as briefings
from pmdesk.briefing.model import Briefing, SectionChoice
from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.gui import preferences
from pmdesk.gui.document import DocumentController
from pmdesk.preferences import template_for_briefing


def update_briefing(
    controller: DocumentController,
    briefing_id: str,
    text: str,
    values: Mapping[str, Any],
    merge: str | None = None,
) -> bool:
    """Change settings of a briefing; False when they already hold ``values`` or it is refused.

    Edits with the same ``merge`` name that follow each other merge into one undo step (a
    typing burst in the summary, say).
    """
    session = controller.session
    briefing = records.get(session, Briefing, briefing_id)
    if all(getattr(briefing, field) == value for field, value in values.items()):
        return False
    new = dict(values)
    previous = {field: getattr(briefing, field) for field in new}
    return controller.edit(
        text,
        lambda: briefings.update_briefing(session, briefing_id, **new),
        lambda: briefings.update_briefing(session, briefing_id, **previous),
        merge_key=(
            controller.typing.key(
                (Briefing.__tablename__, briefing_id, merge),
                str(previous[merge]) if merge in previous else "",
                str(new.get(merge, "")),
            )
            if merge
            else None
        ),
    )


def set_sections(
    controller: DocumentController, briefing_id: str, choices: Sequence[SectionChoice]
) -> bool:
    """Make ``choices`` the briefing's sections, in order; False when nothing would change."""
    session = controller.session
    previous = briefings.section_choices(records.get(session, Briefing, briefing_id))
    new = list(choices)
    if new == previous:
        return False
    return controller.edit(
        "Change briefing sections",
        lambda: briefings.set_sections(session, briefing_id, new),
        lambda: briefings.set_sections(session, briefing_id, previous),
    )


def add_briefing(controller: DocumentController, base_name: str) -> str | None:
    """Add a briefing named ``base_name`` (numbered if taken); its id, or None if refused.

    The id is chosen here so that redoing an undone creation brings back the same record.
    """
    session = controller.session
    name = briefings.unused_name(session, base_name)
    product = briefings.product_name(session)
    title = f"{product}: executive briefing" if product is not None else ""
    briefing_id = new_id()
    # The PM's preferences: their name as the author, a copy of their template.
    chosen = preferences.load()
    template, problem = template_for_briefing(chosen)
    if problem is not None:
        controller.failed.emit(problem)
    values = {"title": title, "author": chosen.user_name, **template}

    def redo() -> None:
        briefings.create_briefing(session, name, briefing_id=briefing_id, **values)

    def undo() -> None:
        briefings.remove_briefing(session, briefing_id)

    return briefing_id if controller.edit(f"Add briefing “{name}”", redo, undo) else None


def delete_briefing(controller: DocumentController, briefing_id: str) -> bool:
    """Delete a briefing and its sections; undo restores them as they were."""
    session = controller.session
    briefing = records.get(session, Briefing, briefing_id)
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [briefings.remove_briefing(session, briefing_id)]

    def undo() -> None:
        records.restore(session, removed[0])

    return controller.edit(f"Delete briefing “{briefing.name}”", redo, undo)


def remember_export(
    controller: DocumentController, briefing_id: str, day: date, content: str
) -> bool:
    """Keep what an export showed with its briefing, so the next export says what changed.

    One undo step, like any change to the project; a read-only project keeps nothing (the
    export itself never needed to write).
    """
    if controller.read_only:
        return False
    session = controller.session
    replaced: list[list[dict[str, Any]]] = []

    def redo() -> None:
        replaced[:] = [changes.remember(session, briefing_id, day, content)]

    return controller.edit(
        "Remember what the briefing showed",
        redo,
        lambda: changes.restore(session, briefing_id, replaced[0] if replaced else []),
    )
