"""Every edit the Business case workspace makes, each one undoable step through the controller.

Views pass values as the PM typed them ("$1,299", "3 %"); the domain rules clean them or refuse
them with a sentence, which the controller shows, and nothing is written. Typing in one field
merges into one undo step.
"""

from __future__ import annotations

from datetime import date

from pmdesk.domain import project, records
from pmdesk.domain.base import new_id
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.business_case import edit
from pmdesk.workspaces.business_case.model import (
    SCENARIOS,
    BusinessCase,
    OneOffCost,
    PriceTier,
    Scenario,
)

ROW_MODELS: dict[str, type[OneOffCost | PriceTier | Scenario]] = {
    "cost": OneOffCost,
    "tier": PriceTier,
    "scenario": Scenario,
}
_ROW_FIELDS = {"cost": edit.COST_FIELDS, "tier": edit.TIER_FIELDS, "scenario": edit.SCENARIO_FIELDS}


def set_currency(controller: DocumentController, code: str) -> bool:
    """The project's currency, chosen where the amounts are read (the Overview offers it too)."""
    session = controller.session
    old = project.currency(session)
    if old == code:
        return False
    return controller.edit(
        f"Set currency to {code}",
        lambda: project.set_currency(session, code),
        lambda: project.set_currency(session, old),
    )


def add_case(
    controller: DocumentController, title: str, first_quarter: date, initiative: str | None = None
) -> str | None:
    """A new case for ``initiative`` ("roadmap:id" or "launch:id", see ``edit.INITIATIVES``)."""
    session = controller.session
    case_id = new_id()
    scenario_ids = {kind: new_id() for kind in SCENARIOS}
    ok = controller.edit(
        f"Add business case {title}",
        lambda: edit.add_case(
            session, case_id, title, first_quarter, scenario_ids, initiative=initiative
        ),
        lambda: records.remove(session, BusinessCase, [case_id]),
    )
    return case_id if ok else None


def delete_case(controller: DocumentController, case_id: str) -> bool:
    session = controller.session
    title = records.get(session, BusinessCase, case_id).title
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [edit.remove_case(session, case_id)]

    return controller.edit(f"Delete {title}", redo, lambda: records.restore(session, removed[0]))


def set_initiative(controller: DocumentController, case_id: str, key: str | None) -> bool:
    """Tie a case to a launch or a roadmap item (or to nothing), one undo step."""
    session = controller.session
    old = edit.initiative_of(records.get(session, BusinessCase, case_id))
    if old == key:
        return False
    return controller.edit(
        "Change what the business case is for",
        lambda: edit.set_initiative(session, case_id, key),
        lambda: edit.set_initiative(session, case_id, old),
    )


def set_case_field(controller: DocumentController, case_id: str, field: str, value: object) -> bool:
    session = controller.session
    old = getattr(records.get(session, BusinessCase, case_id), field)
    if old == value:
        return False
    label = edit.CASE_FIELDS[field][0]
    return controller.edit(
        f"Change {label.lower()}",
        lambda: edit.set_case_field(session, case_id, field, value),
        lambda: edit.set_case_field(session, case_id, field, old),
        merge_key=("business_case", case_id, field),
    )


def add_cost(controller: DocumentController, case_id: str, name: str, amount: object) -> bool:
    session = controller.session
    cost_id = new_id()
    return controller.edit(
        f"Add cost {name}",
        lambda: edit.add_cost(session, case_id, cost_id, name, amount),
        lambda: records.remove(session, OneOffCost, [cost_id]),
    )


def add_tier(
    controller: DocumentController, case_id: str, name: str, price: object, mix: object
) -> bool:
    session = controller.session
    tier_id = new_id()
    return controller.edit(
        f"Add price tier {name}",
        lambda: edit.add_tier(session, case_id, tier_id, name, price, mix),
        lambda: records.remove(session, PriceTier, [tier_id]),
    )


def set_row_field(
    controller: DocumentController, kind: str, row_id: str, field: str, value: object
) -> bool:
    """Change one cell of the costs, tiers or scenarios table."""
    session = controller.session
    model = ROW_MODELS[kind]
    old = getattr(records.get(session, model, row_id), field)
    if old == value:
        return False
    label = _ROW_FIELDS[kind][field][0]
    return controller.edit(
        f"Change {label.lower()}",
        lambda: edit.set_row_field(session, model, row_id, field, value),
        lambda: edit.set_row_field(session, model, row_id, field, old),
    )


def remove_row(controller: DocumentController, kind: str, row_id: str) -> bool:
    """Remove a one-off cost or a price tier."""
    session = controller.session
    model = ROW_MODELS[kind]
    name = records.get(session, model, row_id).name
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [records.remove(session, model, [row_id])]

    return controller.edit(f"Remove {name}", redo, lambda: records.restore(session, removed[0]))
