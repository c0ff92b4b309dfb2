"""Pruning acknowledged outbox payloads (issue 22): reconcile, corrections, erasure and USB
still behave, and a prune killed mid-way leaves a consistent file that a second run finishes."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from sqlalchemy import select

from ccschool import settings
from ccschool.models import Attendance, OutboxEntry, UploadBatch
from ccschool.services.privacy import erase_learner
from ccschool.sync import batching, wire
from ccschool.sync.privacy import strip_personal
from ccschool.sync.prune import PRUNED_RESULT_SQL
from tests.conftest import ROOT
from tests.sync.conftest import county_versions, site_versions
from tests.sync.factory import PERIOD, bulk_attendance, small_month
from tests.sync.test_reconcile import _lose_last_chunk


def _sent_month(site, run_cli, *, extra: int = 0, max_records: int = 1000) -> tuple[dict, str]:
    ids = small_month(site)
    if extra:
        bulk_attendance(site, extra, ids)
    with site.transaction(actor="admin") as s:
        [batch] = batching.close_month(s, period=PERIOD, max_records=max_records)
    r = run_cli("sync", "push")
    assert r.returncode == 0, r.stdout + r.stderr
    return ids, batch.id


def _outbox(site) -> list[tuple]:
    with site.read() as s:
        return s.execute(select(OutboxEntry.seq, OutboxEntry.result, OutboxEntry.payload,
                                OutboxEntry.digest).order_by(OutboxEntry.seq)).all()


def _pruned(site) -> list[tuple]:
    """(seq, result, digest) of the rows pruning moved out of the outbox."""
    with site.read() as s:
        return s.connection().exec_driver_sql(
            f"SELECT p.seq, {PRUNED_RESULT_SQL}, p.digest FROM outbox_pruned p "
            "ORDER BY p.seq").all()


def _reconcile(run_cli, *extra) -> tuple[int, dict]:
    r = run_cli("sync", "reconcile", "--month", PERIOD, "--json", *extra)
    assert "Traceback" not in r.stderr, r.stderr
    return r.returncode, json.loads(r.stdout)


def _reconciles_and_resends_what_the_county_lost(site, county, run_cli, batch_id) -> None:
    """The pruned month reconciles through the kept hashes alone; then the county loses its
    newest records, and they are queued again from the records themselves."""
    code, rec = _reconcile(run_cli)
    assert code == 0 and rec["matches"] and rec["content_compared"], rec
    lost = _lose_last_chunk(county.engine, batch_id)
    code, rec = _reconcile(run_cli, "--requeue")
    assert code == 1 and rec["lost"] == lost
    assert run_cli("sync", "push").returncode == 0
    assert county_versions(county.engine) == sorted(set(site_versions(site)))
    code, rec = _reconcile(run_cli)
    assert code == 0 and rec["matches"], rec


def test_recent_batches_keep_their_payloads(site, county, run_cli):
    _sent_month(site, run_cli)
    out = json.loads(run_cli("sync", "prune", "--json").stdout)  # default: 35 days
    assert out["rows"] == 0 and all(p for _s, _r, p, _d in _outbox(site))


def test_pruned_month_still_reconciles_and_lost_records_go_again(site, county, run_cli):
    _ids, batch_id = _sent_month(site, run_cli, max_records=3)
    total = len(_outbox(site))
    r = run_cli("sync", "prune", "--days", "0", "--json")
    out = json.loads(r.stdout)
    pruned, kept = _pruned(site), _outbox(site)
    assert r.returncode == 0 and out["rows"] == len(pruned) and out["batches"] == 1
    assert all(len(d) == 32 and res in ("accepted", "duplicate") for _s, res, d in pruned)
    # Only the newest row stays, whole: SQLite numbers the next row after it, never again a
    # seq the county has seen.
    assert len(kept) == 1 and kept[0][0] > max(seq for seq, _r, _d in pruned)
    assert len(pruned) + len(kept) == total
    _reconciles_and_resends_what_the_county_lost(site, county, run_cli, batch_id)


def test_corrections_erasure_and_usb_after_pruning(site, county, run_cli, tmp_path):
    ids, _batch = _sent_month(site, run_cli)
    with site.transaction(actor="admin") as s:
        settings.set(s, "prune_after_days", 0)
        # A correction to the closed month, then an erasure of a learner whose rows are pruned.
        s.get(Attendance, ids["attendance"][0]).status = "absent"
    r = run_cli("sync", "push")  # a good upload prunes (the setting says: right away)
    assert r.returncode == 0, r.stdout + r.stderr
    assert _pruned(site) and len(_outbox(site)) <= 2  # the newest row, the correction
    with site.transaction(actor="admin") as s:
        erase_learner(s, learner_id=ids["learners"][1])
    assert run_cli("sync", "push").returncode == 0
    assert county_versions(county.engine) == sorted(set(site_versions(site)))
    code, rec = _reconcile(run_cli)
    assert code == 0 and rec["matches"], rec
    # A USB file of a month the county acknowledged and pruned is refused in words, not a trace.
    with site.read() as s:
        first = s.scalars(select(UploadBatch).order_by(UploadBatch.created_at)).first()
        assert first.pruned_at is not None
    r = run_cli("sync", "export", "--month", PERIOD, "--out", tmp_path / "m.ccsbatch")
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    assert "对账" in r.stdout + r.stderr and not (tmp_path / "m.ccsbatch").exists()


@pytest.mark.parametrize("stage", ["moving rows", "releasing space"])
def test_kill_mid_prune_leaves_a_consistent_file_and_a_second_run_finishes(
        site, county, run_cli, data_dir, stage):
    _sent_month(site, run_cli, extra=int(os.environ.get("CCSCHOOL_PRUNE_KILL_ROWS", "1500")))
    seqs = [seq for seq, *_ in _outbox(site)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "ccschool", "sync", "prune", "--days", "0", "--step-rows", "10",
         "--vacuum-pages", "2", "--data-dir", str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:  # each line is printed after its step committed
        want = "已清除" if stage == "moving rows" else "已释放"
        while want not in (line := proc.stdout.readline()):
            assert line, proc.stderr.read()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    conn = sqlite3.connect(site.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        here = [r[0] for r in conn.execute("SELECT seq FROM outbox_entry")]
        moved = [r[0] for r in conn.execute("SELECT seq FROM outbox_pruned")]
        # every row in exactly one of the two tables, each moved one with its 32-byte hash
        assert sorted(here + moved) == seqs and len(moved) >= 10
        assert conn.execute("SELECT count(*) FROM outbox_pruned WHERE length(digest) != 32"
                            ).fetchone() == (0,)
        if stage == "releasing space":  # every row had moved before space was released
            assert here == [max(seqs)] and conn.execute("PRAGMA auto_vacuum").fetchone() == (2,)
        else:  # stopped mid-way: the batch is not marked done
            assert conn.execute("SELECT count(*) FROM upload_batch WHERE pruned_at IS NOT NULL"
                                ).fetchone() == (0,)
    finally:
        conn.close()
    r = run_cli("sync", "prune", "--days", "0", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["rows"] == len(here) - 1
    assert [seq for seq, *_ in _outbox(site)] == [max(seqs)]
    with sqlite3.connect(site.path) as conn:  # the second run gave every free page back
        assert conn.execute("PRAGMA freelist_count").fetchone() == (0,)
    code, rec = _reconcile(run_cli)
    assert code == 0 and rec["matches"] and rec["content_compared"], rec


def test_rows_pruned_in_place_by_the_older_release_move_over_and_still_reconcile(
        site, county, run_cli):
    """prune_0001 emptied payloads in place and kept hex hashes; storage_0001 marks those
    batches unpruned, and the next prune moves their rows with the hashes they kept."""
    _sent_month(site, run_cli)
    with site.transaction(actor="test") as s:  # what the older release left behind
        conn = s.connection()
        rows = conn.exec_driver_sql("SELECT seq, kind, payload FROM outbox_entry "
                                    "WHERE result IN ('accepted', 'duplicate')").all()
        conn.exec_driver_sql(
            "UPDATE outbox_entry SET payload = '', digest = ?, erased_digest = ? WHERE seq = ?",
            [(wire.data_hash(json.loads(p)),
              wire.data_hash(strip_personal(k, json.loads(p))) if k == "person" else None, seq)
             for seq, k, p in rows])
    out = json.loads(run_cli("sync", "prune", "--days", "0", "--json").stdout)
    assert out["rows"] == len(rows) - 1 and len(_outbox(site)) == 1  # the newest row stays
    code, rec = _reconcile(run_cli)
    assert code == 0 and rec["matches"] and rec["content_compared"], rec


def test_compact_switches_an_older_file_so_that_pruning_shrinks_it(site, county, run_cli):
    _sent_month(site, run_cli, extra=300)
    site.close()
    with sqlite3.connect(site.path) as conn:  # a file made before storage_0001
        conn.execute("PRAGMA auto_vacuum=NONE")
        conn.execute("VACUUM")
    r = run_cli("sync", "prune", "--days", "0", "--json")
    with sqlite3.connect(site.path) as conn:  # pruned, but the pages stay inside the file
        assert conn.execute("PRAGMA auto_vacuum").fetchone() == (0,)
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] > 0
    r = run_cli("sync", "prune", "--compact", "--json")
    out = json.loads(r.stdout)
    assert r.returncode == 0 and out["compacted"]["bytes_after"] < out["compacted"]["bytes_before"]
    with sqlite3.connect(site.path) as conn:
        assert conn.execute("PRAGMA auto_vacuum").fetchone() == (2,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    code, rec = _reconcile(run_cli)
    assert code == 0 and rec["matches"] and rec["content_compared"], rec


def test_pruned_rows_of_the_older_shape_convert_and_still_reconcile(site, county, run_cli):
    """storage_0003 rewrites the rows storage_0001 kept ((chunk, seq) key, kind and result as
    text) keyed by seq with a kind code: the same rows, reconcile still matches, and a lost
    record is still found and sent again."""
    from alembic import command

    from ccschool.migrate import alembic_config

    _ids, batch_id = _sent_month(site, run_cli, max_records=3)
    assert run_cli("sync", "prune", "--days", "0", "--json").returncode == 0
    before = _pruned(site)
    command.downgrade(alembic_config(site.engine), "storage_0002")
    with site.read() as s:  # the older shape, as a site upgraded from it has it
        conn = s.connection()
        assert conn.exec_driver_sql("SELECT count(*) FROM outbox_pruned "
                                    "WHERE kind = 'attendance' AND result = 'accepted'").scalar()
    command.upgrade(alembic_config(site.engine), "heads")
    assert _pruned(site) == before
    with site.read() as s:
        kinds = dict(s.connection().exec_driver_sql(
            "SELECT kind, count(*) FROM outbox_pruned GROUP BY kind").all())
    assert all(isinstance(k, int) for k in kinds), kinds  # one byte a row, not the kind's name
    _reconciles_and_resends_what_the_county_lost(site, county, run_cli, batch_id)
