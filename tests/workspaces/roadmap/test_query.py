"""What the roadmap's views read about owners: stakeholder names, for showing them."""

from __future__ import annotations

from pmdesk.store.document import Document
from pmdesk.workspaces.roadmap.query import owner_names
from pmdesk.workspaces.stakeholders.model import Stakeholder


def test_owners_are_the_stakeholders_by_name():
    document = Document.new()
    try:
        session = document.session
        zoe, bill = Stakeholder(name="Zoe Park"), Stakeholder(name="Bill Turner")
        session.add_all([zoe, bill])
        session.commit()
        assert owner_names(session) == {zoe.id: "Zoe Park", bill.id: "Bill Turner"}
    finally:
        document.close()
