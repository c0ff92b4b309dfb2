"""Is the database file still sound? Checked in pieces, and once damaged, nothing more is written.

SQLite only notices a damaged page when a query happens to read it, so damage in the middle of
a 1.4 GB file (a failing disk, a stray program) can sit unnoticed while the desk keeps writing
into the file. Three checks find it:

- at start-up, `quick_check` table by table, smallest first, within a time budget (measured on
  the 100,000-learner demo by bench/bench_health.py); tables it did not reach are left to
- the background check in the desktop app: `integrity_check` one table at a time on its own
  read connection (WAL readers never block the desk), and
- every backup: its copy passes `integrity_check` or the source is checked too.

Damage found by any of them is written to a note beside the database (`ccschool.damaged`):
from then on every write transaction refuses with a message naming the newest good backup,
in this program and in every other (a check-in stream on the command line), until a restore
replaces the file.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


DAMAGE_NOTE = "ccschool.damaged"
START_BUDGET = 0.25  # seconds of quick_check at start-up (see bench/bench_health.py)
_PROGRESS_OPS = 10_000  # SQLite VM steps between looks at the clock / the stop flag


class CheckStopped(Exception):
    """The check ran out of time or was asked to stop; the table it was on is not done."""


def note_path(db_path: Path) -> Path:
    return db_path.with_name(DAMAGE_NOTE)


def damage_note(db_path: Path) -> dict | None:
    try:
        return json.loads(note_path(db_path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"detail": "?"}  # a note we cannot read still means: do not write


def mark_damaged(db_path: Path, detail: str) -> None:
    """Record damage so every writer (this process and others) stops. Idempotent."""
    note = {"detail": detail[:300], "found_at": datetime.now().isoformat(timespec="seconds")}
    tmp = note_path(db_path).with_suffix(".tmp")
    tmp.write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
    tmp.replace(note_path(db_path))


def clear_damage(db_path: Path) -> None:
    """After a restore: the damaged file is gone (set aside), writing may resume."""
    note_path(db_path).unlink(missing_ok=True)


# -- checking table by table ---------------------------------------------------------------

def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def tables_by_size(conn: sqlite3.Connection) -> list[str]:
    """Every table, smallest first (by its largest rowid: a B-tree lookup, not a count)."""
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    sizes = {}
    for name in names:
        try:
            sizes[name] = conn.execute(f"SELECT max(rowid) FROM {_quoted(name)}").fetchone()[0] or 0
        except sqlite3.DatabaseError:
            sizes[name] = -1  # unreadable: check it first
    return sorted(names, key=lambda n: (sizes[n], n))


def check_table(conn: sqlite3.Connection, table: str, *, pragma: str = "quick_check",
                deadline: float | None = None, stop=None) -> str | None:
    """The problem SQLite finds in one table and its indexes, or None.

    Raises CheckStopped when `deadline` (time.monotonic) passes or `stop()` turns true.
    """
    def progress() -> int:
        late = deadline is not None and time.monotonic() > deadline
        return 1 if late or (stop is not None and stop()) else 0

    conn.set_progress_handler(progress, _PROGRESS_OPS)
    try:
        rows = conn.execute(f"PRAGMA {pragma}({_quoted(table)})").fetchall()
    except sqlite3.DatabaseError as exc:
        if "interrupted" in str(exc):
            raise CheckStopped(table) from None
        if is_damage(exc):  # "database disk image is malformed"
            return f"{table}: {exc}"
        raise  # busy, disk unreadable: not a verdict on the file
    finally:
        conn.set_progress_handler(None, 0)
    if rows != [("ok",)]:
        return f"{table}: " + "; ".join(str(r[0]) for r in rows[:3])
    return None


def is_damage(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return any(m in text for m in ("malformed", "not a database", "corrupt"))


def _open_for_check(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


@dataclass
class StartupResult:
    problem: str | None
    checked: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # for the background check
    seconds: float = 0.0


def startup_check(db_path: Path, budget: float = START_BUDGET) -> StartupResult:
    """quick_check table by table, smallest first, until the budget is spent."""
    started = time.monotonic()
    deadline = started + budget
    conn = _open_for_check(db_path)
    result = StartupResult(problem=None)
    try:
        tables = tables_by_size(conn)
        for i, table in enumerate(tables):
            if time.monotonic() >= deadline:
                result.left = tables[i:]
                break
            try:
                result.problem = check_table(conn, table, deadline=deadline)
            except CheckStopped:
                result.left = tables[i:]
                break
            result.checked.append(table)
            if result.problem:
                break
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        result.problem = str(exc)
    finally:
        conn.close()
    result.seconds = time.monotonic() - started
    return result


class BackgroundCheck:
    """integrity_check, one table per `step()`, on its own read-only connection.

    The desktop app calls step() off the GUI thread until it returns False; `stop()` (from any
    thread) ends a step early at quit. Damage found is recorded with mark_damaged.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.problem: str | None = None
        self._tables: list[str] | None = None
        self._stopped = False

    def stop(self) -> None:
        self._stopped = True

    def step(self) -> bool:
        """Check the next table; True while tables are left and no damage was found."""
        if self._stopped or self.problem:
            return False
        conn = _open_for_check(self.db_path)
        try:
            if self._tables is None:
                self._tables = tables_by_size(conn)
            if not self._tables:
                return False
            table = self._tables[0]
            self.problem = check_table(conn, table, pragma="integrity_check",
                                       stop=lambda: self._stopped)
            self._tables.pop(0)
        except CheckStopped:
            return False
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            self.problem = str(exc)
        finally:
            conn.close()
        if self.problem:
            mark_damaged(self.db_path, self.problem)
            return False
        return bool(self._tables)

    def run(self) -> str | None:
        """All steps in a row (tests, the command line); the problem found, or None."""
        while self.step():
            pass
        return self.problem
