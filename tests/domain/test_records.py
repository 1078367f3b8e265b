"""Removal follows the schema's ondelete rules, and restore puts back exactly what went."""

from __future__ import annotations

import pytest
from sqlalchemy import ForeignKey, String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from pmdesk.domain import records
from pmdesk.errors import ValidationError


class _Base(DeclarativeBase):
    pass


class Person(_Base):
    __tablename__ = "person"
    __singular__ = "person"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Tie(_Base):
    __tablename__ = "tie"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    target_id: Mapped[str] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))


class Task(_Base):
    __tablename__ = "task"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))


@pytest.fixture
def session():
    engine = create_engine("sqlite://")
    event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA foreign_keys=ON"))
    _Base.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as session:
        session.add_all([Person(id="a", name="Ana"), Person(id="b", name="Ben")])
        session.flush()
        session.add_all([Tie(id="t", source_id="a", target_id="b"), Task(id="k", owner_id="a")])
        session.commit()
        yield session


def test_remove_cascades_links_and_clears_owners(session):
    removal = records.remove(session, Person, ["a"])
    assert session.scalars(select(Person.id)).all() == ["b"]
    assert session.scalars(select(Tie)).all() == []
    assert session.get(Task, "k").owner_id is None
    assert removal.count(Tie.__table__) == 1


def test_restore_puts_back_people_links_and_owners(session):
    removal = records.remove(session, Person, ["a"])
    records.restore(session, removal)
    assert sorted(session.scalars(select(Person.name))) == ["Ana", "Ben"]
    assert session.get(Tie, "t").source_id == "a"
    assert session.get(Task, "k").owner_id == "a"


def test_delete_follows_the_same_rules_and_counts_what_went(session):
    assert records.delete(session, Person, ["a", "nobody"]) == 1
    assert session.scalars(select(Person.id)).all() == ["b"]
    assert session.scalars(select(Tie)).all() == []
    assert session.get(Task, "k").owner_id is None


def test_delete_takes_more_ids_than_a_statement_may_name(session):
    # SQLite refuses more than 32,766 values in one statement: an import's undo names 50,000.
    many = [f"p{n}" for n in range(40_000)]
    session.execute(Person.__table__.insert(), [{"id": i, "name": i} for i in many])
    owned = many[::4_000]  # few: SQLite looks for a deleted person's tasks without an index
    session.execute(Task.__table__.insert(), [{"id": f"k{i}", "owner_id": i} for i in owned])
    session.commit()
    assert records.delete(session, Person, [*many, "a"]) == 40_001
    assert session.scalars(select(Person.id)).all() == ["b"]
    assert session.scalars(select(Tie)).all() == []
    owners = session.scalars(select(Task.owner_id).distinct()).all()
    assert owners == [None]


def test_set_fields_returns_what_was_there(session):
    before = records.set_fields(session, Person, "b", name="Bea")
    assert before == {"name": "Ben"}
    assert session.get(Person, "b").name == "Bea"


def test_a_missing_record_is_named_in_a_sentence(session):
    with pytest.raises(records.ValidationError, match="That person no longer exists"):
        records.get(session, Person, "zzz")


def test_set_many_changes_records_in_one_commit_and_returns_what_they_held(session):
    session.add(Person(id="c", name="Cem"))
    session.commit()
    ana = session.get(Person, "a")  # held by the session: it must read the new name
    commits = []
    event.listen(session, "after_commit", lambda _s: commits.append(1))
    before = records.set_many(
        session, Person, [("c", {"name": "Cemal"}), ("a", {"name": "Anna"}), ("b", {"name": "Ben"})]
    )
    assert before == [{"name": "Cem"}, {"name": "Ana"}, {"name": "Ben"}]
    assert len(commits) == 1
    assert ana.name == "Anna"
    names = dict(session.execute(select(Person.id, Person.name)).all())
    assert names == {"a": "Anna", "b": "Ben", "c": "Cemal"}
    records.set_many(session, Person, [("c", before[0]), ("a", before[1])])  # as undo does
    assert dict(session.execute(select(Person.id, Person.name)).all())["a"] == "Ana"


def test_set_many_refuses_a_record_that_is_gone_and_changes_none(session):
    with pytest.raises(ValidationError, match=r"^That person no longer exists\.$"):
        records.set_many(session, Person, [("a", {"name": "Anna"}), ("gone", {"name": "X"})])
    assert dict(session.execute(select(Person.id, Person.name)).all()) == {"a": "Ana", "b": "Ben"}


def test_set_many_takes_records_given_different_fields_and_leaves_same_values_alone(session):
    session.add(Tie(id="u", source_id="b", target_id="a"))
    session.commit()
    before = records.set_many(
        session,
        Tie,
        [("t", {"source_id": "b", "target_id": "a"}), ("u", {"target_id": "b"})],
    )
    assert before == [{"source_id": "a", "target_id": "b"}, {"target_id": "a"}]
    ties = {tie.id: (tie.source_id, tie.target_id) for tie in session.scalars(select(Tie))}
    assert ties == {"t": ("b", "a"), "u": ("b", "b")}
    assert records.set_many(session, Tie, [("u", {"source_id": "b"})]) == [{"source_id": "b"}]
