"""The kill loop against the real `ccschool checkin --session ID --stdin --json` command.

Used by test_kill.py once the check-in command is on the branch. A line the command printed is
a sign-in it confirmed after its commit; every one must be in the database after the SIGKILL.
"""
from __future__ import annotations

import contextlib
import json
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import time as dtime, timedelta
from pathlib import Path

from sqlalchemy import select

from tests.conftest import ROOT
from tests.safety.conftest import integrity


def _new_session(data_dir: Path) -> tuple[str, list[str]]:
    """A session of a demo class starting now; returns its id and its learners' card payloads."""
    from ccschool import clock
    from ccschool.services.cards import card_payload
    from ccschool.db import open_database
    from ccschool.models import ClassSession, CourseClass, Enrollment, Learner
    from ccschool.services.site import get_site

    db = open_database(data_dir)
    try:
        now = clock.now()  # China time, as the desk reads it (its date is tomorrow from 16:00 UTC)
        with db.transaction(actor="desk") as s:
            site = get_site(s)
            klass = s.scalars(select(CourseClass).limit(1)).first()
            sess = ClassSession(class_id=klass.id, date=now.date(),
                                start_time=(now - timedelta(minutes=1)).time().replace(
                                    microsecond=0),
                                end_time=dtime(23, 59), hours=1.0)
            s.add(sess)
            cards = s.scalars(select(Learner.card_no).join(
                Enrollment, Enrollment.learner_id == Learner.id).where(
                Enrollment.class_id == klass.id, Learner.card_no.is_not(None))).all()
            payloads = [card_payload(site.secret, site.code, c) for c in cards]
        return sess.id, payloads
    finally:
        db.close()


def _feed(proc, payloads: list[str]) -> None:
    try:
        for p in payloads:
            proc.stdin.write(p + "\n")
            proc.stdin.flush()
            time.sleep(0.002)
    except (BrokenPipeError, OSError):
        pass  # killed


def _present(path: Path, ids: list[str]) -> set[str]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return {r[0] for i in range(0, len(ids), 500) for r in conn.execute(
            f"SELECT id FROM attendance WHERE id IN ({','.join('?' * len(ids[i:i + 500]))})",
            ids[i:i + 500])}
    finally:
        conn.close()


def run_checkin_kill_loop(data_dir: Path, *, rounds: int, seed: int = 12) -> int:
    rng = random.Random(seed)
    confirmed: list[str] = []
    for _ in range(rounds):
        session_id, payloads = _new_session(data_dir)
        lines: list[str] = []
        with subprocess.Popen(  # leaving the block closes both pipes
                [sys.executable, "-m", "ccschool", "checkin", "--session", session_id,
                 "--stdin", "--json", "--enroll-walk-ins", "--data-dir", str(data_dir)],
                cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                env={"PYTHONPATH": str(ROOT), **__import__("os").environ}) as proc:
            reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
            reader.start()
            feeder = threading.Thread(target=_feed, args=(proc, payloads), daemon=True)
            feeder.start()
            deadline = time.monotonic() + 30
            while not lines and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.15))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            reader.join(5)
            feeder.join(5)  # its next write fails on the dead pipe; then stdin can be closed
            with contextlib.suppress(BrokenPipeError):  # what it could not write to the dead desk
                proc.stdin.close()
        for line in lines:
            answer = json.loads(line)
            if answer.get("outcome") in ("ok", "late") and answer.get("attendance_id"):
                confirmed.append(answer["attendance_id"])
        assert integrity(data_dir / "ccschool.db") == [("ok",)]
        missing = set(confirmed) - _present(data_dir / "ccschool.db", confirmed)
        assert not missing, f"{len(missing)} confirmed sign-ins lost"
    print(f"\nkill loop (ccschool checkin): {rounds} kills, {len(confirmed)} confirmed, all present")
    return len(confirmed)
