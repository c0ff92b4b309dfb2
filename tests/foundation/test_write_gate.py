"""Writers of one process queue for the database: the next starts when the last commits."""
from __future__ import annotations

import threading

from sqlalchemy import text


def test_a_second_writer_waits_for_the_first_and_then_commits(tmp_path):
    from ccschool.db import open_database

    db = open_database(tmp_path)
    with db.transaction(actor="t") as s:
        s.execute(text("CREATE TABLE t (who TEXT)"))
    holding, release, order = threading.Event(), threading.Event(), []

    def first():
        with db.transaction(actor="a") as s:
            s.execute(text("INSERT INTO t VALUES ('a')"))
            holding.set()
            assert release.wait(10)
            order.append("a commits")

    def second():
        assert holding.wait(10)
        with db.transaction(actor="b") as s:
            order.append("b began")
            s.execute(text("INSERT INTO t VALUES ('b')"))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    assert holding.wait(10)
    release.set()
    for t in threads:
        t.join(20)
    assert order == ["a commits", "b began"]  # b did not start inside a's transaction
    with db.read() as s:
        assert s.execute(text("SELECT who FROM t ORDER BY rowid")).scalars().all() == ["a", "b"]
    db.close()
