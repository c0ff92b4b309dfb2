"""A start-up check run by a process that already has the database open (a command run inside
the app's process, as the tests' `cli` fixture does) must not drop that process's SQLite locks:
closing a plain open() of the file drops every POSIX lock the process holds on it, and the
next program to close its own connection then thinks it is the last, deletes the -wal file
and takes our newest writes with it."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

from ccschool.models import Learner
from ccschool.safety.checks import check_database
from ccschool.services import learners as svc


def test_a_check_in_the_same_process_keeps_our_writes_visible_to_others(db, data_dir):
    with db.transaction(actor="admin") as s:
        svc.create_learner(s, name="张三")
    check_database(data_dir, quick=False)  # in this process, with `db` open
    # another program opens the database and closes it again
    subprocess.run([sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                    "c.execute('SELECT count(*) FROM learner').fetchall(); c.close()",
                    str(db.path)], check=True, timeout=60)
    assert db.path.with_name(db.path.name + "-wal").exists()
    with db.transaction(actor="admin") as s:
        svc.create_learner(s, name="李四")
    other = sqlite3.connect(db.path)
    try:
        names = other.execute(f"SELECT count(*) FROM {Learner.__tablename__}").fetchone()[0]
    finally:
        other.close()
    assert names == 2  # both learners, as this process committed them
