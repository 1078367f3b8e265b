"""SQLite connections to a project's working copy, and its schema and format metadata."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from pmdesk import __version__, registry
from pmdesk.store.fileformat import APPLICATION_ID, FORMAT_VERSION
from pmdesk.store.hardening import harden

META_TABLE = "pmdesk_meta"
META_DDL = f"CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"


def open_engine(path: Path) -> Engine:
    """An engine on a local working copy, with foreign keys on and real transactions."""
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # pysqlite's own transaction handling breaks SAVEPOINTs; let SQLAlchemy emit BEGIN.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        harden(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _begin(connection: object) -> None:
        connection.exec_driver_sql("BEGIN")  # type: ignore[attr-defined]

    return engine


def make_session(engine: Engine) -> Session:
    # Objects stay usable after commit: every edit commits at once and views keep reading them.
    return sessionmaker(engine, expire_on_commit=False)()


def create_schema(path: Path) -> None:
    """Lay out an empty project of the current format in a new file at ``path``."""
    engine = open_engine(path)
    try:
        registry.metadata().create_all(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql(META_DDL)
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        set_format(path, FORMAT_VERSION)
    finally:
        engine.dispose()


def ensure_tables(engine: Engine) -> None:
    """Create any table of the current format that the file lacks; all such tables start empty,
    so this only completes the file and never changes what it holds."""
    registry.metadata().create_all(engine)


def set_format(path: Path, version: int) -> None:
    """Stamp the format version, and the app version that wrote it, into the file (a write,
    with its journal and flushes, only when a stamp differs: every save asks)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        stamped = connection.execute("PRAGMA user_version").fetchone()[0] == int(version)
        wanted = {"app_version": __version__, "min_reader_format": str(version)}
        if stamped and all(read_meta(connection).get(k) == v for k, v in wanted.items()):
            return
        connection.execute("BEGIN")
        connection.execute(f"PRAGMA user_version={int(version)}")
        connection.executemany(
            f"INSERT OR REPLACE INTO {META_TABLE} (key, value) VALUES (?, ?)",
            [("app_version", __version__), ("min_reader_format", str(version))],
        )
        connection.execute("COMMIT")
    finally:
        connection.close()


def read_meta(connection: sqlite3.Connection) -> dict[str, str]:
    try:
        rows = connection.execute(f"SELECT key, value FROM {META_TABLE}").fetchall()
    except sqlite3.DatabaseError:
        return {}
    return {str(key): str(value) for key, value in rows}
