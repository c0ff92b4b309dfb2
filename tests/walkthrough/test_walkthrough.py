"""The coordinator's first day on a real X server: Xvfb at 1366×768 with openbox keeping a
40-pixel taskbar strip, the real app (`python -m ccschool`), real keystrokes through xdotool.

first run → demo site → five cards scanned by keystrokes (a USB scanner types the payload and
Enter) → the database is checked after each step, by reading the data folder with sqlite3.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.walkthrough.xdesk import TASKBAR, Desktop, missing_tools, wait_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.walkthrough


@pytest.fixture
def desktop(tmp_path):
    missing = missing_tools()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the walkthrough; missing: {', '.join(missing)} "
                        "(scripts/setup-env.sh installs them)")
        pytest.skip(f"no {', '.join(missing)}: install xvfb, openbox, xdotool and x11-utils "
                    "(scripts/setup-env.sh) to drive the real app")
    desk = Desktop(tmp_path).start()
    yield desk
    desk.stop()


@pytest.fixture
def app(desktop, tmp_path):
    data = tmp_path / "data"
    log = open(tmp_path / "app.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "ccschool", "--data-dir", str(data)],
                            cwd=ROOT, env={**desktop.env, "PYTHONPATH": str(ROOT),
                                           "CCSCHOOL_LANG": "zh_CN"},
                            stdout=log, stderr=subprocess.STDOUT)
    yield data
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


def query(data: Path, sql: str, *params):
    """Read the app's database as any other program would, read-only."""
    db = data / "ccschool.db"
    if not db.exists():
        return []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:  # tables not created yet
        return []
    finally:
        conn.close()


def current_session(data: Path):
    """The session the check-in desk shows, and five enrolled learners not yet signed in."""
    from sqlalchemy import create_engine

    from ccschool.services import desk

    engine = create_engine(f"sqlite:///file:{data / 'ccschool.db'}?mode=ro&uri=true")
    try:
        with engine.connect() as conn:
            session = desk.current_session(conn)
    finally:
        engine.dispose()
    rows = query(data, """
        SELECT l.id, l.card_no FROM enrollment e JOIN learner l ON l.id = e.learner_id
        JOIN class_session s ON s.class_id = e.class_id
        WHERE s.id = ? AND e.state = 'enrolled' AND e.deleted_at IS NULL
          AND l.card_state = 'active' AND l.card_no IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id
                          AND a.learner_id = l.id AND a.deleted_at IS NULL)
        ORDER BY l.card_no LIMIT 5""", session.id)
    return session.id, rows


def test_first_day_on_a_real_desktop(desktop, app):
    data = app
    # -- first run: choose the demo site with the keyboard ---------------------------------
    wizard = wait_for("the first-run wizard", lambda: desktop.window("首次使用"), timeout=120)
    desktop.focus(wizard)
    desktop.key("Down")  # from 加入为新站点 to 示范站点
    desktop.key("Return")  # 下一步: the demo data is built
    wait_for("the demo site in the database", lambda: query(
        data, "SELECT count(*) FROM learner")[0][0] > 100 if query(
        data, "SELECT count(*) FROM site WHERE code LIKE 'DEMO%'") == [(1,)] else False,
        timeout=240)

    def finished():
        if desktop.window("首次使用") is None:
            return True
        desktop.key("Return")  # 开始使用, once the demo page says it is ready
        return False

    wait_for("the wizard to close", finished, timeout=120, every=1)
    main = wait_for("the main window", lambda: desktop.window("社区学校学习管理"), timeout=120)

    # -- the window fits above the taskbar -------------------------------------------------
    def inside():
        x, y, width, height = desktop.geometry(main)
        return x >= 0 and y >= 0 and x + width <= 1366 and y + height <= 768 - TASKBAR

    wait_for(f"the main window inside the work area (now {desktop.geometry(main)})", inside,
             timeout=30)

    # -- five cards scanned: keystrokes and Enter into the scan box ------------------------
    from ccschool.services.cards import card_payload

    secret, code = query(data, "SELECT secret, code FROM site")[0]
    session_id, learners = wait_for("an open session with learners to scan",
                                    lambda: current_session(data), timeout=60)
    assert len(learners) == 5, learners
    desktop.focus(main)
    for learner_id, card_no in learners:
        desktop.type(card_payload(secret, code, card_no))
        desktop.key("Return")
        wait_for(f"card {card_no} signed in", lambda: query(
            data, "SELECT method FROM attendance WHERE session_id = ? AND learner_id = ? "
            "AND deleted_at IS NULL", session_id, learner_id) == [("scan",)], timeout=60)
    assert query(data, "SELECT count(*) FROM attendance WHERE session_id = ? AND method = 'scan' "
                 "AND learner_id IN (%s)" % ",".join("?" * 5), session_id,
                 *[i for i, _ in learners]) == [(5,)]
