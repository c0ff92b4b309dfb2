"""Long all-or-nothing work without holding the database's write lock: build in a copy, swap.

Generating a demo writes hundreds of thousands of rows. In one transaction on the live file it
holds SQLite's write lock for seconds (a check-in stream in another program times out); in
committed steps it is no longer all-or-nothing. So the work goes into a private copy of the
database (made with the online backup API: readers and writers go on meanwhile), committed in
steps there, and the finished copy replaces the file in one atomic rename — the same swap a
restore does. A failure anywhere leaves the database as it was and removes the copy.
Hold the data folder's instance lock around it (no desktop app on the same folder).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

from ccschool.errors import Conflict
from ccschool.safety.backup import DB_FILENAME, copy_database
from ccschool.safety.storage import storage_errors


def _mark(path: Path) -> tuple:
    """Changes anyone made leave an outbox row or an audit entry: their high-water marks."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return tuple(conn.execute(
            "SELECT (SELECT max(seq) FROM outbox_entry), (SELECT count(*) FROM audit_entry)"
        ).fetchone())
    finally:
        conn.close()


@contextlib.contextmanager
def staged_copy(db):
    """Yield an opened copy of db to write into freely (its own transactions, commits in
    steps); when the block ends without an exception the copy replaces db's file."""
    from ccschool.db import open_database
    from ccschool.safety.restore import _swap

    folder = db.path.parent / f".staging-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        with storage_errors():
            copy_database(db.path, folder / DB_FILENAME, pause=0)
        before = _mark(db.path)
        staged = open_database(folder, migrate=False)
        try:
            yield staged
        finally:
            staged.close()  # the last connection folds its WAL into the file
        if _mark(db.path) != before:
            raise Conflict("生成期间数据库被另一个程序修改了，没有做任何改动，请重试。",
                           "Another program changed the database meanwhile; nothing was "
                           "changed. Try again.")
        db.engine.dispose()  # our own connections reopen on the new file
        with storage_errors():
            _swap(folder / DB_FILENAME, db.path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
