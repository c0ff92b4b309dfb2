"""The coordinator's first day on a real X server: Xvfb at 1366×768 with openbox keeping a
40-pixel taskbar strip, the real app (`python -m ccschool`), real keystrokes through xdotool.

first run → demo site → five cards scanned by keystrokes (a USB scanner types the payload and
Enter) → one learner signed in by typing pinyin initials in 按姓名签到 → 30 cards printed (to PDF
files: CCSCHOOL_PRINT_TO_DIR, never a real printer) → the monthly report exported as PDF → the
month closed on 同步. The database is checked after each step, by reading the data folder with
sqlite3; buttons are reached by their keyboard shortcuts, as a keyboard user would.
"""
from __future__ import annotations

import os
import re
import shutil
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
                                           "CCSCHOOL_LANG": "zh_CN",
                                           "CCSCHOOL_PRINT_TO_DIR": str(tmp_path / "printed")},
                            stdout=log, stderr=subprocess.STDOUT)
    yield data
    desktop.screenshot(tmp_path / "last-screen.png")  # what the screen showed at the end
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

    from ccschool.services.attendance import desk

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


def read_only_engine(data: Path):
    from sqlalchemy import create_engine

    return create_engine(f"sqlite:///file:{data / 'ccschool.db'}?mode=ro&uri=true")


def unique_initials(data: Path, session_id: str) -> tuple[str, str, str]:
    """An enrolled learner of the session, not signed in, whose pinyin initials find only them
    in 按姓名签到's search (the app's own search service, read-only): (id, name, initials)."""
    from sqlalchemy.orm import Session

    from ccschool.services.attendance import marking

    candidates = query(data, """
        SELECT l.id, p.name, p.pinyin_initials FROM enrollment e
        JOIN learner l ON l.id = e.learner_id JOIN person p ON p.id = l.person_id
        JOIN class_session s ON s.class_id = e.class_id
        WHERE s.id = ? AND e.state = 'enrolled' AND e.deleted_at IS NULL
          AND length(p.pinyin_initials) >= 2
          AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id
                          AND a.learner_id = l.id AND a.deleted_at IS NULL)
        ORDER BY p.pinyin_initials DESC""", session_id)
    engine = read_only_engine(data)
    try:
        with Session(engine) as s:
            for learner_id, name, initials in candidates:
                found = marking.search_learners(s, session_id=session_id, query=initials)
                if [r.learner_id for r in found] == [learner_id]:
                    return learner_id, name, initials
    finally:
        engine.dispose()
    raise AssertionError("no learner of the session has initials of their own")


def attendance_of(data: Path, session_id: str, learner_id: str):
    return query(data, "SELECT method, status FROM attendance WHERE session_id = ? "
                 "AND learner_id = ? AND deleted_at IS NULL", session_id, learner_id)


def live_attendance(data: Path, session_id: str) -> int:
    return query(data, "SELECT count(*) FROM attendance WHERE session_id = ? "
                 "AND deleted_at IS NULL", session_id)[0][0]


def press_until(desktop, what: str, done, *keys: str, timeout: float = 90) -> None:
    """Press `keys` again (at most once a second) until done(): for a key whose button is
    enabled only once background work has finished (a person presses again, too). Pressing
    early is harmless by construction: a disabled button's key does nothing."""
    def check():
        if done():
            return True
        desktop.key(*keys)
        return False

    wait_for(what, check, timeout=timeout, every=1)


def previous_month(today) -> str:
    return f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}"


def test_first_day_on_a_real_desktop(desktop, app, tmp_path):
    data = app
    # -- first run: choose the demo site with the keyboard ---------------------------------
    wizard = wait_for("the first-run wizard", lambda: desktop.window("首次使用"), timeout=120)
    desktop.focus(wizard)
    desktop.key("Down", "Down")  # from 加入为新站点 past 加入本站点的另一台电脑 to 示范站点
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

    # -- one learner signed in by typing pinyin initials in 按姓名签到 (F2) -----------------
    learner_id, name, initials = unique_initials(data, session_id)
    before = live_attendance(data, session_id)
    desktop.key("F2")
    dialog = wait_for("the 按姓名签到 dialog", lambda: desktop.window("按姓名签到"), timeout=60)
    desktop.focus(dialog)  # the cursor is in the search box, nobody is chosen yet
    desktop.type(initials)
    # Enter picks the only match, a second Enter signs them in; while the search is still
    # running Enter changes nothing, so it is pressed again until the dialog has signed them in
    # and closed
    press_until(desktop, f"{name} ({initials}) signed in by name",
                lambda: desktop.window("按姓名签到") is None, "Return")
    assert attendance_of(data, session_id, learner_id) in ([("manual", "present")],
                                                           [("manual", "late")]), name
    assert live_attendance(data, session_id) == before + 1, "nobody else was signed in"

    # -- 30 learning cards printed (打印, Ctrl+5): typed card numbers → preview → print -----
    printed_dir = tmp_path / "printed"
    assert query(data, "SELECT count(*) FROM learner WHERE last_card_print_at IS NOT NULL") \
        == [(0,)]
    cards = query(data, "SELECT id, card_no FROM learner WHERE card_state = 'active' "
                  "AND deleted_at IS NULL AND card_no IS NOT NULL ORDER BY card_no LIMIT 30")
    assert len(cards) == 30
    desktop.focus(main)
    desktop.key("ctrl+5")
    desktop.key("ctrl+k")  # 指定卡号, cursor in the numbers field (the page exists by now)
    desktop.type(" ".join(no for _id, no in cards))
    desktop.key("ctrl+g")  # 生成预览
    # 打印 (Ctrl+P) is enabled once the preview is made; the file printer needs no dialog
    press_until(desktop, "the cards sent to the file printer",
                lambda: printed_dir.exists() and any(printed_dir.iterdir()), "ctrl+p",
                timeout=120)
    question = wait_for("学习卡打印好了吗？", lambda: desktop.window("学习卡打印好了吗"),
                        timeout=120)
    out, = printed_dir.iterdir()  # complete: the question comes after the last page
    assert query(data, "SELECT count(*) FROM learner WHERE last_card_print_at IS NOT NULL") \
        == [(0,)], "a preview or a print alone must not mark cards printed"
    check_printed_cards(out, data, [no for _id, no in cards])
    desktop.focus(question)
    desktop.key("y")  # 是(Y): they came out
    wait_for("the 30 cards recorded as printed", lambda: query(
        data, "SELECT count(*) FROM learner WHERE last_card_print_at IS NOT NULL") == [(30,)],
        timeout=60)
    assert {i for i, in query(data, "SELECT id FROM learner WHERE last_card_print_at IS NOT NULL")} \
        == {i for i, _no in cards}

    # -- the monthly report (报表, Ctrl+6) exported as PDF (Ctrl+P) --------------------------
    # ASCII: xdotool types CJK through a keymap trick that can drop characters on a loaded machine
    report_pdf = tmp_path / "monthly-report.pdf"
    desktop.focus(main)
    desktop.key("ctrl+6")  # the page computes this month's figures when shown
    press_until(desktop, "the report's save dialog", lambda: desktop.window("导出报表"),
                "ctrl+p", timeout=120)
    save = desktop.window("导出报表")
    desktop.focus(save)
    desktop.key("ctrl+a")  # the proposed file name is replaced by a whole path
    desktop.type(str(report_pdf))
    desktop.key("Return")
    text = wait_for("the report PDF written", lambda: pdf_text(report_pdf), timeout=120)
    check_report(text, data)

    # -- month close (同步, Ctrl+7): last month, confirmed in the dialog --------------------
    from ccschool import clock

    month = previous_month(clock.today())
    assert query(data, "SELECT count(*) FROM upload_batch") == [(0,)]
    desktop.focus(main)
    desktop.key("ctrl+7")
    desktop.key("ctrl+m")  # once: each press plans a close and asks (the page is up already)
    ask = wait_for("the month-close question", lambda: desktop.window("月结"), timeout=120)
    desktop.focus(ask)
    desktop.key("y")  # 是(Y)
    told = wait_for("月结完成", lambda: desktop.window("月结完成"), timeout=120)
    sealed = query(data, "SELECT period FROM upload_batch WHERE is_correction = 0 "
                   "ORDER BY period")
    assert sealed and sealed[-1] == (month,), sealed
    assert query(data, "SELECT count(*) FROM outbox_entry WHERE period <= ? "
                 "AND batch_id IS NULL", month) == [(0,)], "every record up to the month sealed"
    assert query(data, "SELECT count(*) FROM outbox_entry WHERE period > ? "
                 "AND batch_id IS NOT NULL", month) == [(0,)], "this month stays open"
    assert list((data / "backups").glob("*month-close*")), "a backup before the close"
    desktop.focus(told)
    desktop.key("Return")
    wait_for("the message closed", lambda: desktop.window("月结完成") is None, timeout=60)


def check_printed_cards(pdf: Path, data: Path, card_nos: list[str]) -> None:
    """The printed file holds 30 cards on 3 pages, each QR code signing in its own learner."""
    import zxingcpp
    from PIL import Image

    from ccschool.services.cards import card_payload

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+3$", info.stdout, re.MULTILINE), info.stdout
    pages = pdf.parent / "pages"
    pages.mkdir()
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(pdf), str(pages / "p")],
                   check=True, timeout=120)
    found = set()
    for png in sorted(pages.iterdir()):
        found |= {b.text for b in zxingcpp.read_barcodes(Image.open(png))}
    shutil.rmtree(pages)
    secret, code = query(data, "SELECT secret, code FROM site")[0]
    assert found == {card_payload(secret, code, no) for no in card_nos}


def pdf_text(path: Path) -> str:
    """The PDF's text once it is whole (pdftotext fails on a half-written file)."""
    if not path.exists():
        return ""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, timeout=60)
    return out.stdout if out.returncode == 0 else ""


def check_report(text: str, data: Path) -> None:
    """The exported report is this month's and counts today's six sign-ins: its 培训人次 is the
    number of attendance rows of the month in the database."""
    from ccschool import clock

    today = clock.today()
    month = f"{today:%Y-%m}"
    assert month in text, text[:500]
    (person_times,), = query(data, "SELECT count(*) FROM attendance a JOIN class_session s "
                             "ON s.id = a.session_id WHERE a.deleted_at IS NULL "
                             "AND a.status IN ('present', 'late') AND s.date LIKE ?",
                             month + "%")
    assert person_times > 6
    shown = re.search(r"^\s*培训人次\s+([\d,]+)", text, re.MULTILINE)
    assert shown and int(shown.group(1).replace(",", "")) == person_times, (person_times, text[:800])
