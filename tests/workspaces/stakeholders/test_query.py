"""How the workspaces name people: every picker lists the stakeholders by name, every view
shows an owner by id, every import finds a person whatever the case."""

from __future__ import annotations

from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders.model import Stakeholder
from pmdesk.workspaces.stakeholders.query import ids_by_lowercase_name, names_by_id, people_by_name


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


def test_other_workspaces_show_a_person_by_name_and_imports_find_one_whatever_the_case():
    document = Document.new()
    try:
        session = document.session
        zoe, bill = Stakeholder(name="Zoe Park"), Stakeholder(name="Bill Turner")
        session.add_all([zoe, bill])
        session.commit()
        assert names_by_id(session) == {zoe.id: "Zoe Park", bill.id: "Bill Turner"}
        assert ids_by_lowercase_name(session) == {"zoe park": zoe.id, "bill turner": bill.id}
    finally:
        document.close()
