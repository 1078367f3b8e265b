"""Writes that bypass the ORM still tell the edit's recorder what they wrote."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pmdesk.domain.base import utc_now
from pmdesk.store.document import Document
from pmdesk.store.touched import insert_many
from pmdesk.workspaces.roadmap.model import RoadmapItem, RoadmapLane


def test_a_bulk_insert_is_recorded_and_reads_back_as_the_orm_wrote_it():
    document = Document.new()
    try:
        session = document.session
        lane = RoadmapLane(id="lane", name="Core", color="#3a6ea5", position=0)
        session.add(lane)
        session.commit()
        table = RoadmapItem.__table__
        now = utc_now()
        template = {column.name: column.default.arg for column in table.columns if column.default}
        rows = [
            {
                **{name: None if callable(value) else value for name, value in template.items()},
                **{column.name: None for column in table.columns if column.name not in template},
                "id": f"item-{n}",
                "lane_id": "lane",
                "title": f"Item {n}",
                "kind": "feature",
                "start": date(2026, 3, 1),
                "end": date(2026, 3, 20 + n),
                "status": "planned",
                "created_at": now,
                "updated_at": now,
            }
            for n in range(3)
        ]
        with document.touches.recording() as touched:
            insert_many(session, table, rows)
            session.commit()
        assert table.name in touched.tables
        assert {"item-0", "item-1", "item-2"} <= touched.ids
        items = session.scalars(select(RoadmapItem).order_by(RoadmapItem.id)).all()
        assert [item.end for item in items] == [date(2026, 3, 20 + n) for n in range(3)]
        assert items[0].created_at == now
    finally:
        document.close()


def test_columns_and_shared_values_go_in_as_the_orm_writes_them():
    from pmdesk.store.touched import insert_columns, new_row_values

    document = Document.new()
    try:
        session = document.session
        session.add(RoadmapLane(id="lane", name="Core", color="#3a6ea5", position=0))
        session.commit()
        table = RoadmapItem.__table__
        now = utc_now()
        shared = {**new_row_values(table, now), "lane_id": "lane", "status": "planned"}
        # A shared text with a quote, and a date, written into the statement once.
        shared.update(tags="Léa O'Brien", start=date(2026, 3, 1))
        columns = {
            "id": ["b", "a"],
            "title": ["Second", "First"],
            "kind": ["feature", "feature"],
            "end": [date(2026, 3, 20), date(2026, 3, 20)],
        }
        shared = {name: value for name, value in shared.items() if name not in columns}
        with document.touches.recording() as touched:
            insert_columns(session, table, columns, shared)
            session.commit()
        assert {"a", "b"} <= touched.ids
        items = session.scalars(select(RoadmapItem).order_by(RoadmapItem.id)).all()
        assert [(i.id, i.title, i.tags, i.start, i.end) for i in items] == [
            ("a", "First", "Léa O'Brien", date(2026, 3, 1), date(2026, 3, 20)),
            ("b", "Second", "Léa O'Brien", date(2026, 3, 1), date(2026, 3, 20)),
        ]
        assert items[0].created_at == now and items[1].updated_at == now
    finally:
        document.close()


def test_a_single_row_and_a_refused_insert():
    from pmdesk.store.touched import insert_columns, new_row_values

    document = Document.new()
    try:
        session = document.session
        session.add(RoadmapLane(id="lane", name="Core", color="#3a6ea5", position=0))
        session.commit()
        table = RoadmapItem.__table__
        shared = {**new_row_values(table, utc_now()), "lane_id": "lane", "status": "planned"}
        shared.update(start=date(2026, 3, 1), end=date(2026, 3, 2))
        columns = {"id": ["only"], "title": ["Only"], "kind": ["feature"]}
        shared = {name: value for name, value in shared.items() if name not in columns}
        insert_columns(session, table, columns, shared)  # one row: every column the same
        session.commit()
        assert session.scalars(select(RoadmapItem.title)).all() == ["Only"]

        twice = {"id": ["new", "new"], "title": ["A", "B"], "kind": ["feature", "feature"]}
        try:
            insert_columns(session, table, twice, shared)
        except Exception:
            session.rollback()
        else:
            raise AssertionError("a repeated id went in")
        assert session.scalars(select(RoadmapItem.id)).all() == ["only"]
    finally:
        document.close()
