"""Opening the site database: SQLite file, safe pragmas, migrations, one transaction per action."""
from __future__ import annotations

import contextlib
import functools
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine

from ccschool.fairlock import FairLock
from ccschool.migrate import upgrade_to_head
from ccschool.safety.storage import disk_full_error

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DB_FILENAME = "ccschool.db"
DAMAGE_NOTE = "ccschool.damaged"  # ccschool.safety.health.DAMAGE_NOTE (not imported: start-up)

# Every connection gets these: WAL so readers never block the check-in desk, FULL sync so a
# confirmed sign-in survives a power cut, foreign keys (SQLite defaults them off), and a busy
# timeout so a background upload and the GUI wait for each other instead of failing.
# auto_vacuum first: it takes effect only on a new, empty file (before its first table), and
# lets pruning give freed pages back to the file system in short steps (sync/prune.py).
PRAGMAS = (
    "PRAGMA auto_vacuum=INCREMENTAL",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
)
WRITE_WAIT = 5.0  # seconds a user action waits for another writer of this process (as above)


def _set_pragmas(dbapi_conn, _record) -> None:
    # We emit BEGIN ourselves (_begin): the driver's own implicit BEGIN comes only before the
    # first write, so a service's checks (is the class full? is this ID already here?) would
    # read outside the transaction that then writes.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    for pragma in PRAGMAS:
        cur.execute(pragma)
    cur.close()


def _begin(conn) -> None:
    """A user action (db.transaction) takes SQLite's write lock at its start, waiting up to the
    busy timeout for another writer (GUI and CLI, the upload worker) to finish. Its checks then
    read what the other committed: two people enrolling the last seat at once get one seat and
    one "班级已满", never an overbooked class or a "database is locked" error. Reads begin a
    plain deferred transaction: a consistent snapshot that blocks nobody."""
    write = conn.get_execution_options().get("ccschool_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(path: Path) -> Engine:
    # hide_parameters: an error's text then never quotes the row's values (ID and phone
    # numbers) into a traceback or the log.
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False},
                           hide_parameters=True)
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def sqlite_connection(bind: Session | Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a session's (or connection's) transaction.

    Statements issued on it are part of that transaction (the session's commit commits them)
    but skip SQLAlchemy's per-statement bookkeeping, which costs more than an indexed look-up.
    """
    conn = bind if isinstance(bind, Connection) else bind.connection()
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection), "a site database is SQLite (make_engine)"
    return raw


@functools.cache
def _orm_session_class():
    """The ORM session, with change tracking hooked in, loaded on the first transaction.

    Importing the record models builds ~25 mapped classes (~0.2 s); the desktop app shows its
    window with Core queries first and pays for them afterwards, not before the first paint.
    """
    from sqlmodel import Session

    from ccschool import plaintext
    from ccschool.sync import changes

    changes.install()
    plaintext.install()
    return Session


def warm_up() -> None:
    """Build the record classes and configure their mappers now (~0.35 s), so the first ORM
    action after the desktop app's first paint does not pay for it. Safe on any thread."""
    from sqlalchemy.orm import configure_mappers

    _orm_session_class()
    configure_mappers()


# Database files this process has open through SQLite. Reading such a file with open() and
# closing it drops every POSIX lock this process holds on it, SQLite's included; another
# program closing its connection then believes it is the last and deletes the -wal file under
# our open connections (safety/checks.py reads a file's header only when it is not open here).
_open_here: dict[Path, int] = {}


def open_in_this_process(path: Path) -> bool:
    return _open_here.get(Path(path).resolve(), 0) > 0


class Database:
    """The opened site database. Build with `open_database`; pass it in, never import it."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._key = Path(path).resolve()
        _open_here[self._key] = _open_here.get(self._key, 0) + 1
        self._closed = False
        self._damage_note = path.with_name(DAMAGE_NOTE)
        self._writer = engine.execution_options(ccschool_write=True)  # same pool, see _begin
        # Writers of this process (check-in on the database worker, a print run recording its
        # cards, an upload) queue here: the next one starts the moment the last one commits.
        # Waiting inside SQLite instead means polling with sleeps of up to 100 ms, and a scan
        # behind a print's final write waited that much longer (bench_desk).
        self._write_gate = FairLock()  # in arrival order: see ccschool/fairlock.py

    @contextlib.contextmanager
    def connection(self):
        """One connection held for several transactions, e.g. TEMP tables filled outside the
        write lock and read by the write (TEMP tables belong to their connection)."""
        with self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def transaction(self, actor: str | None = None, *, connection=None):
        """One user action: commit on success, roll back everything on any exception.
        `connection` (from self.connection()) runs it there instead of on a pooled one.

        Refused once damage was found in the file (a note beside it, see safety/health.py,
        written by any program's check): new sign-ins must not go into a damaged file.
        """
        if self._damage_note.exists():
            from ccschool.safety.refusal import stopped_writing_error

            raise stopped_writing_error(self.path)
        # After WRITE_WAIT it goes on regardless and SQLite's busy timeout decides, as for a
        # writer in another process: a slow writer gives "database is locked", never a hang.
        gated = self._write_gate.acquire(timeout=WRITE_WAIT)
        try:
            bind = self._writer if connection is None else connection.execution_options(
                ccschool_write=True)  # see _begin
            with _orm_session_class()(bind, expire_on_commit=False) as session:
                session.info["actor"] = actor
                try:
                    yield session
                    session.commit()
                except BaseException as exc:
                    with contextlib.suppress(Exception):  # a full disk can fail the rollback too
                        session.rollback()
                    full = disk_full_error(exc, self.path.parent)
                    if full is not None:  # the desk says "disk full", not "USB stick pulled out?"
                        raise full from exc
                    raise
        finally:
            if gated:
                self._write_gate.release()

    @contextlib.contextmanager
    def read(self):
        with _orm_session_class()(self.engine, expire_on_commit=False) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if not self._closed:
            self._closed = True
            _open_here[self._key] -= 1


def database_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / DB_FILENAME


def open_database(data_dir: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if new) the database in data_dir and bring its schema to the newest."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = database_path(data_dir)
    engine = make_engine(path)
    if migrate:
        upgrade_to_head(engine)
        from ccschool.sync import hlc

        hlc.raise_floor(engine, data_dir)  # after a restore: newer than anything sent
    return Database(path, engine)
