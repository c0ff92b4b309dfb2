"""A process for the kill loop to SIGKILL: a desk signing people in, or one big import.

    python tests/safety/kill_writer.py checkin DATA_DIR   prints "OK <attendance id>" per commit
    python tests/safety/kill_writer.py import DATA_DIR TAG N   prints "COMMITTED" after the commit

Each line is printed only after its transaction's commit returned, so a printed line is a
promise the database must keep after the kill. Written on the same services and transactions
as the app (ORM, change tracking, outbox), not raw SQL.
"""
from __future__ import annotations

import sys
from datetime import date, datetime, time, timezone

from sqlalchemy import select

from ccschool.db import open_database
from ccschool.models import Attendance, ClassSession, CourseClass, Learner, Person


def _new_session(db) -> str:
    with db.transaction(actor="desk") as s:
        klass = s.scalars(select(CourseClass).limit(1)).first()
        sess = ClassSession(class_id=klass.id, date=date.today(), start_time=time(9),
                            end_time=time(10), hours=1.0)
        s.add(sess)
    return sess.id


def checkin(db) -> None:
    with db.read() as s:
        learners = s.scalars(select(Learner.id)).all()
    print("READY", flush=True)
    while True:
        session_id = _new_session(db)
        for learner_id in learners:
            with db.transaction(actor="desk") as s:
                row = Attendance(session_id=session_id, learner_id=learner_id,
                                 session_date=date.today(), at=datetime.now(timezone.utc))
                s.add(row)
            print(f"OK {row.id}", flush=True)


def import_rows(db, tag: str, n: int) -> None:
    print("READY", flush=True)
    with db.transaction(actor="import") as s:
        for start in range(0, n, 500):  # in pieces, inside one transaction, like a real import
            people = [Person(name=f"导入{i}", notes=tag, village="前进村")
                      for i in range(start, min(n, start + 500))]
            s.add_all(people)
            s.flush()
            s.add_all(Learner(person_id=p.id, card_no=f"{tag[-6:]}{start + i:05d}")
                      for i, p in enumerate(people))
            s.flush()
    print("COMMITTED", flush=True)


if __name__ == "__main__":
    mode, data_dir = sys.argv[1], sys.argv[2]
    database = open_database(data_dir)
    if mode == "checkin":
        checkin(database)
    else:
        import_rows(database, sys.argv[3], int(sys.argv[4]))
