"""Every edit the Requirements workspace makes, each one undoable step through the controller.

Views call these; these call the domain. Nothing here touches widgets, and a deletion asks
nothing: Undo brings the records back with their links. The controller refuses every
edit of a read-only project and names what an edit touched from what it wrote, so nothing here
checks for read-only or lists kinds of record.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from pmdesk import registry
from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.gui.document import Change, DocumentController
from pmdesk.workspaces.requirements import edit, links, query
from pmdesk.workspaces.requirements.links import RequirementRoadmapLink
from pmdesk.workspaces.requirements.model import CustomerInput, Requirement, RequirementEvidence
from pmdesk.workspaces.roadmap.model import RoadmapItem
from pmdesk.workspaces.stakeholders.model import Stakeholder

if TYPE_CHECKING:
    from pmdesk.workspaces.requirements import io as rcsv

# Kinds whose change can alter what this workspace shows: its own records, the stakeholders who
# said an input, and the roadmap items requirements are planned on.
WATCHED = registry.spec("requirements").kinds() | {
    Stakeholder.__tablename__,
    RoadmapItem.__tablename__,
}


def touches_requirements(change: Change) -> bool:
    return bool(change.kinds & WATCHED)


class RequirementActions:
    def __init__(self, controller: DocumentController, parent: QWidget | None) -> None:
        self.controller = controller
        self.parent = parent

    @property
    def session(self) -> Any:
        return self.controller.session

    # -- requirements ----------------------------------------------------------------------------

    def add_requirement(
        self, values: Mapping[str, object], evidence_from: str | None = None
    ) -> str | None:
        """Add a requirement (linked to the input it answers, if given) as one undo step.
        Where the project numbers its keys, the new one takes the next number."""
        record_id, link_id = new_id(), new_id()
        session = self.session
        if "reference" not in values:
            suggestion = query.next_reference(session)
            if suggestion is not None:
                values = {**values, "reference": suggestion}

        def redo() -> None:
            edit.add_requirement(session, values, record_id)
            if evidence_from is not None:
                edit.link_evidence(session, evidence_from, record_id, link_id)

        def undo() -> None:
            records.remove(session, Requirement, [record_id])

        text = "New Requirement" if evidence_from is None else "New Requirement from Input"
        return record_id if self.controller.edit(text, redo, undo) else None

    def update_requirement(self, record_id: str, field: str, value: object) -> bool:
        session = self.session
        old = getattr(records.get(session, Requirement, record_id), field)
        label = edit.REQUIREMENT_FIELDS[field][0].removeprefix("The ")
        return self.controller.edit(
            f"Change {label}",
            lambda: edit.update_requirement(session, record_id, **{field: value}),
            lambda: records.set_fields(session, Requirement, record_id, **{field: old}),
        )

    def remove_requirements(self, ids: list[str]) -> bool:
        return self._remove(Requirement, ids, "Delete Requirement")

    # -- customer inputs -----------------------------------------------------------------------

    def add_input(self, values: Mapping[str, object]) -> str | None:
        record_id = new_id()
        session = self.session
        ok = self.controller.edit(
            "New Customer Input",
            lambda: edit.add_input(session, values, record_id),
            lambda: records.remove(session, CustomerInput, [record_id]),
        )
        return record_id if ok else None

    def update_input(self, record_id: str, field: str, value: object) -> bool:
        session = self.session
        old = getattr(records.get(session, CustomerInput, record_id), field)
        label = edit.INPUT_FIELDS[field][0].removeprefix("The ")
        return self.controller.edit(
            f"Change {label}",
            lambda: edit.update_input(session, record_id, **{field: value}),
            lambda: records.set_fields(session, CustomerInput, record_id, **{field: old}),
        )

    def remove_inputs(self, ids: list[str]) -> bool:
        return self._remove(CustomerInput, ids, "Delete Customer Input")

    # -- links ---------------------------------------------------------------------------------

    def link(self, input_id: str, requirement_id: str) -> bool:
        link_id = new_id()
        session = self.session
        return self.controller.edit(
            "Link Input to Requirement",
            lambda: edit.link_evidence(session, input_id, requirement_id, link_id),
            lambda: records.remove(session, RequirementEvidence, [link_id]),
        )

    def unlink(self, input_id: str, requirement_id: str) -> bool:
        session = self.session
        removed: list[records.Removal] = []

        def redo() -> None:
            removed[:] = [edit.unlink_evidence(session, input_id, requirement_id)]

        return self.controller.edit(
            "Unlink Input from Requirement",
            redo,
            lambda: records.restore(session, removed[0]),
        )

    def link_roadmap(self, requirement_id: str, item_id: str) -> bool:
        link_id = new_id()
        session = self.session
        return self.controller.edit(
            "Put Requirement on Roadmap",
            lambda: links.link_roadmap_item(session, requirement_id, item_id, link_id),
            lambda: records.remove(session, RequirementRoadmapLink, [link_id]),
        )

    def unlink_roadmap(self, requirement_id: str, item_id: str) -> bool:
        session = self.session
        removed: list[records.Removal] = []

        def redo() -> None:
            removed[:] = [links.unlink_roadmap_item(session, requirement_id, item_id)]

        return self.controller.edit(
            "Take Requirement off Roadmap Item",
            redo,
            lambda: records.restore(session, removed[0]),
        )

    # -- removal -------------------------------------------------------------------------------

    def _remove(
        self, model: type[CustomerInput] | type[Requirement], ids: list[str], text: str
    ) -> bool:
        if not ids:
            return False
        # Nothing is asked: Undo brings the records back with every link that went with them.
        session = self.session
        removed: list[records.Removal] = []

        def redo() -> None:
            removed[:] = [records.remove(session, model, ids)]

        return self.controller.edit(
            text if len(ids) == 1 else f"{text}s",
            redo,
            lambda: records.restore(session, removed[0]),
        )

    # -- CSV import ----------------------------------------------------------------------------

    def import_rows(
        self,
        kind: str,
        model: type[CustomerInput] | type[Requirement],
        noun: str,
        rows: rcsv.CheckedRows | list[dict[str, Any]],
        updates: list[tuple[str, dict[str, Any]]] | None = None,
    ) -> bool:
        """Create the reviewed rows of an import, and give the requirements matched by key the
        file's values, as one undo step; undo removes the new ones and restores the others."""
        from pmdesk.workspaces.requirements import io as rcsv  # with the first import

        session = self.session
        ids = list(rows.ids) if isinstance(rows, rcsv.CheckedRows) else [row["id"] for row in rows]
        changes = updates if updates is not None else []  # kept as given: checked, or not
        before: list[dict[str, Any]] = []
        count = len(rows) + len(changes)

        def redo() -> None:
            before[:] = rcsv.import_file_rows(session, kind, rows, changes)[1]

        def undo() -> None:
            if ids:
                records.delete(session, model, ids)  # redo writes them again: nothing kept
            if changes:
                pairs = zip(changes, before, strict=True)
                records.set_many(session, model, [(key, held) for (key, _new), held in pairs])

        return self.controller.edit(
            f"Import {count} {noun if count != 1 else noun.rstrip('s')}", redo, undo
        )
