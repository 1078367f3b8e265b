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
