"""What every picker of a person lists: the project's stakeholders by name."""

from __future__ import annotations

from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders.model import Stakeholder
from pmdesk.workspaces.stakeholders.query import people_by_name


def test_people_are_listed_by_name_whatever_the_case():
    document = Document.new()
    try:
        session = document.session
        zoe, bill, ana = (Stakeholder(name=n) for n in ("Zoe Park", "bill Turner", "Ana Ruiz"))
        session.add_all([zoe, bill, ana])
        session.commit()
        assert people_by_name(session) == [
            ("Ana Ruiz", ana.id),
            ("bill Turner", bill.id),  # not after every capital, as a byte order would put it
            ("Zoe Park", zoe.id),
        ]
    finally:
        document.close()
