"""Every edit the Competition workspace makes, each one undo step through the controller.

Views, models and the matrix's menu handlers call these; these call the domain. Each returns
what ``controller.edit`` returned (False when nothing needed changing, or the edit was refused:
the controller then has told the user why, read-only projects included). Asking the user
(names, confirmations, files) stays with the callers.

The controller finds the kinds of record an edit touched from what it wrote. Rating edits also
name the competitor and criterion of the cell, because the matrix repaints one cell, not the
whole table, when exactly one of them changed (see ``MatrixModel._on_changed``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from pmdesk.gui.document import Change, DocumentController
from pmdesk.workspaces.competition import cards, edit
from pmdesk.workspaces.competition.model import (
    RATING_KINDS,
    Battlecard,
    Competitor,
    Criterion,
    CriterionCategory,
)

if TYPE_CHECKING:
    from pmdesk.workspaces.competition import io as matrix_csv

BATTLECARDS = Battlecard.__tablename__
COMPETITORS = Competitor.__tablename__


def _cell(competitor_id: str, *criterion_ids: str) -> Change:
    return Change.of(ids=[competitor_id, *criterion_ids])


# -- competitors --------------------------------------------------------------------------------


def add_competitor(controller: DocumentController, name: str, is_us: bool = False) -> bool:
    """Add a competitor, marked as our own product when ``is_us``: one undo step."""
    session = controller.session
    new_id = edit.new_id()
    before: list[str | None] = []

    def redo() -> None:
        edit.add_competitor(session, name, new_id)
        if is_us:
            before[:] = [edit.mark_us(session, new_id)]

    def undo() -> None:
        if before:
            edit.mark_us(session, before[0])
        edit.remove(session, Competitor, [new_id])

    return controller.edit(f"Add competitor {name.strip()}", redo, undo)


def set_competitor_field(
    controller: DocumentController,
    competitor: Competitor,
    field: str,
    label: str,
    value: object,
    typing: bool = False,
) -> bool:
    """Change one profile field. ``typing`` is a burst in a long text: it merges into one undo
    step and keeps the spaces typed so far (the next key may follow them)."""
    old = getattr(competitor, field)
    current = old.isoformat() if isinstance(old, date) else (old or "")
    if isinstance(value, str) and not typing:
        value = value.strip()
    if value == current:
        return False
    session = controller.session
    competitor_id = competitor.id
    return controller.edit(
        f"Edit {competitor.name}: {label}",
        lambda: edit.set_competitor_fields(session, competitor_id, **{field: value}),
        lambda: edit.set_competitor_fields(session, competitor_id, **{field: old}),
        merge_key=(
            controller.typing.key((COMPETITORS, competitor_id, field), current, str(value))
            if typing
            else None
        ),
    )


def mark_us(controller: DocumentController, chosen: str | None, before: str | None) -> bool:
    """Mark ``chosen`` (or nobody) as our own product; ``before`` is who was."""
    session = controller.session
    return controller.edit(
        "Mark our own product",
        lambda: edit.mark_us(session, chosen),
        lambda: edit.mark_us(session, before),
    )


def reorder_competitors(controller: DocumentController, ordered_ids: list[str]) -> bool:
    session = controller.session
    before: list[list[str]] = []

    def redo() -> None:
        before[:] = [edit.reorder_competitors(session, ordered_ids)]

    return controller.edit(
        "Reorder competitors", redo, lambda: edit.reorder_competitors(session, before[0])
    )


# -- categories and criteria ----------------------------------------------------------------------


def add_category(controller: DocumentController, name: str) -> bool:
    session = controller.session
    new_id = edit.new_id()
    return controller.edit(
        f"Add category {name.strip()}",
        lambda: edit.add_category(session, name, new_id),
        lambda: edit.remove(session, CriterionCategory, [new_id]),
    )


def rename_category(controller: DocumentController, category_id: str, old: str, name: str) -> bool:
    session = controller.session
    return controller.edit(
        f"Rename category {old}",
        lambda: edit.rename_category(session, category_id, name),
        lambda: edit.rename_category(session, category_id, old),
    )


def add_criterion(controller: DocumentController, category_id: str, name: str) -> str | None:
    """Add a score criterion of weight 1 to a category; its id, or None if refused."""
    session = controller.session
    new_id = edit.new_id()
    done = controller.edit(
        f"Add criterion {name}",
        lambda: edit.add_criterion(session, category_id, name, "score", 1, new_id),
        lambda: edit.remove(session, Criterion, [new_id]),
    )
    return new_id if done else None


def _set_criterion(
    controller: DocumentController, text: str, criterion_id: str, field: str, old: Any, new: Any
) -> bool:
    session = controller.session
    return controller.edit(
        text,
        lambda: edit.set_criterion_fields(session, criterion_id, **{field: new}),
        lambda: edit.set_criterion_fields(session, criterion_id, **{field: old}),
    )


def rename_criterion(
    controller: DocumentController, criterion_id: str, old: str, name: str
) -> bool:
    return _set_criterion(controller, "Rename criterion", criterion_id, "name", old, name)


def set_weight(
    controller: DocumentController, criterion_id: str, name: str, old: float, weight: str
) -> bool:
    text = f"Change weight of {name}"
    return _set_criterion(controller, text, criterion_id, "weight", old, weight)


def describe_criterion(
    controller: DocumentController, criterion_id: str, name: str, old: str, text: str
) -> bool:
    what = f"Describe {name}"
    return _set_criterion(controller, what, criterion_id, "description", old, text)


def set_criterion_kind(
    controller: DocumentController, criterion_id: str, name: str, old: str, kind: str
) -> bool:
    if kind == old:
        return False
    text = f"Rate {name} as {RATING_KINDS[kind]}"
    return _set_criterion(controller, text, criterion_id, "kind", old, kind)


def move_criterion(
    controller: DocumentController, criterion_id: str, name: str, category_id: str, index: int
) -> bool:
    """Move a criterion to ``index`` in a category (renumbering its neighbours)."""
    session = controller.session
    before: list[dict[str, edit.Placement]] = []

    def redo() -> None:
        before[:] = [edit.move_criterion(session, criterion_id, category_id, index)]

    return controller.edit(f"Move {name}", redo, lambda: edit.place_criteria(session, before[0]))


def remove(controller: DocumentController, model: type, record_id: str, text: str) -> bool:
    """Remove a competitor, category or criterion with what goes with it (ratings, cards, the
    links other workspaces hold); undo puts every row back."""
    session = controller.session
    removals: list[edit.records.Removal] = []

    def redo() -> None:
        removals[:] = [edit.remove(session, model, [record_id])]

    return controller.edit(text, redo, lambda: edit.records.restore(session, removals[0]))


# -- ratings ------------------------------------------------------------------------------------


def rate(
    controller: DocumentController,
    competitor_id: str,
    competitor_name: str,
    criterion_id: str,
    criterion_name: str,
    value: str,
) -> bool:
    session = controller.session
    before = edit.rating_state(session, competitor_id, criterion_id)
    return controller.edit(
        f"Rate {competitor_name} on {criterion_name}",
        lambda: edit.set_rating(session, competitor_id, criterion_id, value),
        lambda: edit.restore_rating(session, competitor_id, criterion_id, before),
        _cell(competitor_id, criterion_id),
    )


def rate_cells(
    controller: DocumentController, text: str, values: dict[tuple[str, str], str]
) -> bool:
    """Set many ratings at once, {(competitor id, criterion id): value}: one undo step.

    A paste or a cleared block is all or nothing: one bad value rolls every cell back, and
    the refusal names the competitor and the criterion.
    """
    session = controller.session
    before = {key: edit.rating_state(session, *key) for key in values}

    def redo() -> None:
        edit.set_ratings(session, values)

    def undo() -> None:
        edit.restore_ratings(session, before)  # {(competitor id, criterion id): state}

    # The block's competitors and criteria, so the matrix repaints those cells, not everything.
    named = Change.of(ids={part for key in values for part in key})
    return controller.edit(text, redo, undo, named)


def set_evidence(
    controller: DocumentController, competitor_id: str, criterion_id: str, name: str, text: str
) -> bool:
    """Change a rating's ``source``, ``link`` or ``as_of``, keeping its value."""
    session = controller.session
    before = edit.rating_state(session, competitor_id, criterion_id)
    shown = getattr(before, name, None) if before else None
    current = shown.isoformat() if hasattr(shown, "isoformat") else (shown or "")
    if text.strip() == current:
        return False
    value = before.value if before else ""
    return controller.edit(
        f"Edit evidence {name.replace('_', '-')}",
        lambda: edit.set_rating(session, competitor_id, criterion_id, value, **{name: text}),
        lambda: edit.restore_rating(session, competitor_id, criterion_id, before),
        _cell(competitor_id, criterion_id),
    )


def rate_on_map(
    controller: DocumentController, competitor_id: str, name: str, targets: dict[str, str]
) -> bool:
    """Rate a competitor on several criteria at once (a bubble dropped on the map)."""
    session = controller.session
    before = {cid: edit.rating_state(session, competitor_id, cid) for cid in targets}

    def redo() -> None:
        for criterion_id, value in targets.items():
            edit.set_rating(session, competitor_id, criterion_id, value)

    def undo() -> None:
        for criterion_id, state in before.items():
            edit.restore_rating(session, competitor_id, criterion_id, state)

    return controller.edit(f"Move {name} on the map", redo, undo, _cell(competitor_id, *targets))


def import_matrix(
    controller: DocumentController, preview: matrix_csv.MatrixPreview, file_name: str
) -> bool:
    """Import the good rows of a previewed matrix CSV as one undo step."""
    # The CSV code loads with the first import or export, not with the page.
    from pmdesk.workspaces.competition import io as matrix_csv

    session = controller.session
    done: list[matrix_csv.MatrixImport] = []

    def redo() -> None:
        done[:] = [matrix_csv.apply_import(session, preview)]

    return controller.edit(
        f"Import {file_name}", redo, lambda: matrix_csv.undo_import(session, done[0])
    )


# -- settings and battlecards -----------------------------------------------------------------


def set_stale_days(controller: DocumentController, days: int) -> bool:
    session = controller.session
    old = cards.settings(session).stale_after_days
    if days == old:
        return False
    return controller.edit(
        "Change stale age",
        lambda: cards.set_settings(session, stale_after_days=days),
        lambda: cards.set_settings(session, stale_after_days=old),
    )


def choose_axis(controller: DocumentController, name: str, chosen: cards.Axis, title: str) -> bool:
    """Put ``chosen`` on the map's ``name`` axis ("x", "y" or "size"); ``title`` names it."""
    session = controller.session
    before = cards.axis(cards.settings(session), name)
    if chosen == before:
        return False
    return controller.edit(
        f"Choose {title.lower()}",
        lambda: cards.set_axis(session, name, chosen),
        lambda: cards.set_axis(session, name, before),
    )


def rename_quadrant(controller: DocumentController, field: str, text: str) -> bool:
    session = controller.session
    before = getattr(cards.settings(session), field)
    if text.strip() == before:
        return False
    return controller.edit(
        "Rename quadrant",
        lambda: cards.set_settings(session, **{field: text}),
        lambda: cards.set_settings(session, **{field: before}),
    )


def set_battlecard_field(
    controller: DocumentController, competitor_id: str, field: str, text: str
) -> bool:
    """Change one section of a competitor's battlecard; typing undoes a word at a time."""
    session = controller.session
    card = cards.battlecards(session).get(competitor_id)
    old = (getattr(card, field) if card else "") or ""
    if text == old:
        return False
    return controller.edit(
        f"Edit battlecard: {cards.BATTLECARD_FIELDS[field]}",
        lambda: cards.set_battlecard_field(session, competitor_id, field, text),
        lambda: cards.set_battlecard_field(session, competitor_id, field, old),
        merge_key=controller.typing.key((BATTLECARDS, competitor_id, field), old, text),
    )
