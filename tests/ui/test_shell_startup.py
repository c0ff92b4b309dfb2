"""`ccschool gui --exit-after-startup` as a real process: the installer smoke test's path."""
from __future__ import annotations

import json


def test_new_database_starts_with_the_demo_site_and_exits_0(run_cli, data_dir):
    result = run_cli("gui", "--exit-after-startup")
    assert result.returncode == 0, result.stderr
    info = json.loads(run_cli("info", "--json").stdout)
    assert info["site"]["code"] == "DEMO3302"
    assert info["counts"]["learner"] > 0
    assert "page=checkin" in (data_dir / "window.ini").read_text()
    assert (data_dir / "logs" / "ccschool.log").exists()


def test_startup_imports_no_printing_excel_charts_or_http(run_cli, data_dir, tmp_path):
    """Nothing that printing, Excel, sync or charts need is loaded before the window is up; nor
    the record classes, Alembic or the camera and sound libraries (they come after the paint)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    assert run_cli("gui", "--exit-after-startup").returncode == 0  # the demo site, first
    root = Path(__file__).resolve().parents[2]
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys\n"
        "from ccschool.cli import main\n"
        f"code = main(['gui', '--exit-after-startup', '--data-dir', {str(data_dir)!r}])\n"
        "heavy = ('reportlab', 'openpyxl', 'httpx', 'PySide6.QtCharts', 'fastapi', 'qrcode',\n"
        "         'ccschool.models', 'alembic', 'PySide6.QtMultimedia', 'PIL', 'zxingcpp', 'xlsxwriter')\n"
        "print(code, [m for m in heavy if m in sys.modules])\n")
    result = subprocess.run([sys.executable, str(script)], cwd=root, capture_output=True,
                            text=True, timeout=180,
                            env={**os.environ, "PYTHONPATH": str(root)})
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stderr


def test_fast_schema_check_agrees_with_alembic(tmp_path):
    """Start-up decides 'already at head' without importing Alembic; it must agree with it."""
    from alembic.script import ScriptDirectory

    from ccschool.migrate import alembic_config, head_revisions

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert head_revisions() == tuple(sorted(heads))


def test_a_damaged_database_fails_with_a_message_not_a_traceback(run_cli, data_dir):
    (data_dir / "ccschool.db").write_bytes(b"this is not a database" * 100)
    result = run_cli("gui", "--exit-after-startup", timeout=120)  # no dialog waits for a click
    assert result.returncode == 1
    assert result.stderr.strip() and "Traceback" not in result.stderr


def test_after_the_first_paint_the_record_classes_and_devices_load(run_cli, data_dir, tmp_path):
    """The normal start (event loop running): what the first paint skipped arrives soon after —
    the record classes (warm-up on the database worker) and the desk's sound/camera check."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    assert run_cli("demo").returncode == 0
    root = Path(__file__).resolve().parents[2]
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from ccschool.ui.shell import app as shell\n"
        "from ccschool.ui.checkin.page import CheckinPage\n"
        "shell.who_is_there = lambda ctx, auto: shell.first_admin(ctx.db)  # no login dialog\n"
        "start_window = shell.start_window\n"
        "import time\n"
        "deadline = time.monotonic() + 90\n"
        "def probe():  # asks again until all has loaded (a loaded machine takes longer)\n"
        "    pages = [w.findChild(CheckinPage) for w in QApplication.topLevelWidgets()"
        " if w.isVisible()]\n"
        "    page = next((p for p in pages if p is not None), None)\n"
        "    got = ('models' if 'ccschool.models' in sys.modules else 'no models',\n"
        "           page is not None and page.devices_checked,\n"
        "           page is not None and page.session_id is not None, sys.getswitchinterval())\n"
        "    if got[:3] != ('models', True, True) and time.monotonic() < deadline:\n"
        "        QTimer.singleShot(200, probe)\n"
        "        return\n"
        "    print(*got)\n"
        "    QApplication.quit()\n"
        "def started(*args, **kwargs):\n"
        "    window = start_window(*args, **kwargs)\n"
        "    QTimer.singleShot(0, probe)\n"
        "    return window\n"
        "shell.start_window = started\n"
        f"sys.exit(shell.run(Path({str(data_dir)!r})))\n")
    result = subprocess.run([sys.executable, str(script)], cwd=root, capture_output=True,
                            text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(root),
                                 "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    # ... and threads hand the interpreter over every 1 ms (ccschool/switching.py)
    assert result.stdout.split() == ["models", "True", "True", "0.001"], result.stdout + result.stderr


def test_an_older_database_is_upgraded_with_a_notice_on_screen(qtbot, data_dir, monkeypatch):
    """After installing a new version the schema upgrade (and the backup before it) can take a
    while on a large database: the app says so instead of showing nothing."""
    from ccschool.db import make_engine
    from ccschool.migrate import current_revisions, head_revisions, upgrade_to_head
    from ccschool.ui.shell import startup_checks as startup_checks

    engine = make_engine(data_dir / "ccschool.db")
    upgrade_to_head(engine, target="0001_initial")
    engine.dispose()
    seen = []  # (text, visible) of the real notice, while the upgrade runs
    make_notice = startup_checks._upgrade_notice

    def watched():
        notice = make_notice()
        seen.append((notice.text(), notice.isVisible()))
        return notice
    monkeypatch.setattr(startup_checks, "_upgrade_notice", watched)

    db = startup_checks.open_with_notice(data_dir)
    try:
        assert current_revisions(db.engine) == head_revisions()
    finally:
        db.close()
    assert len(seen) == 1 and "正在升级数据库" in seen[0][0] and seen[0][1]
    assert list((data_dir / "backups").glob("*")), "a backup is taken before the upgrade"
    db = startup_checks.open_with_notice(data_dir)  # at head now: no notice
    db.close()
    assert len(seen) == 1
