"""Storing chunks and batch files: per-record answers, idempotent, all or nothing.

Every chunk is one database transaction: on any error nothing of it is stored. A record is
stored once per (id, version); an identical chunk sent again gets its first answer back.
"""
from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from ccschool.county import erasure, fastsql, rollup
from ccschool.county import schema as t
from ccschool.county.store import CHUNK_CACHE_KIB, now_iso
from ccschool.county.validate import extract, reject_reason
from ccschool.sync import jsontext, wire

MAX_BODY = 8 * 1024 * 1024          # compressed bytes per chunk
MAX_RAW = 64 * 1024 * 1024          # decompressed bytes per chunk (gzip bombs)
MAX_RECORDS = 5000                  # records per chunk


class Refused(Exception):
    """The whole chunk is refused; nothing was stored. Carries the HTTP status and a reason."""

    def __init__(self, status: int, code: str, reason: str) -> None:
        super().__init__(reason)
        self.status, self.code, self.reason = status, code, reason


class Ingestor:
    """One per receiver process; the lock makes concurrent resends of one chunk queue up."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()

    def chunk(self, *, site: str, batch_id: str, n: int, body: bytes) -> dict:
        env, raw = decode_chunk(body, site=site, batch_id=batch_id, n=n)
        digest = hashlib.sha256(raw).hexdigest()  # sites send canonical JSON: same chunk, same bytes
        # nearly never: then no per-record search. Both of the search's forms hold a "\u" or
        # an 0xED byte, which plain substring searches rule out in a third of its time.
        surrogates = (b"\\u" in raw or b"\xed" in raw) and wire.may_hold_surrogates(raw)
        with self._lock:
            try:
                return self._store_chunk(site, env, digest, surrogates)
            except IntegrityError:
                # Another receiver process stored the same chunk meanwhile: replay its answer.
                return self._store_chunk(site, env, digest, surrogates)

    def _store_chunk(self, site: str, env: dict, digest: str, surrogates: bool) -> dict:
        with self.engine.begin() as conn, _chunk_cache(conn):
            old = _open_chunk(conn, site, env)
            if old is not None and old[0] == digest:
                answer = json.loads(old[1])
                if _still_stored(conn, env["records"], answer["results"]):
                    return answer
                # Records the answer vouches for are gone (a restore from an old backup):
                # store the chunk afresh rather than confirm what is not here.
            results = store_records(conn, site, env["batch_id"], env["period"], env["records"],
                                    device=wire.device_of(env), surrogates=surrogates)
            answer = _answer(env, results)
            _save_chunk(conn, env, digest, answer, replace=old is not None)
            return answer

    def batch_file(self, *, site: str, env: dict) -> dict:
        """Import a decrypted USB batch: the same per-record idempotency as the chunks."""
        with self._lock, self.engine.begin() as conn, _chunk_cache(conn):
            _device_allowed(conn, site, env)
            _own_batch(conn, site, env, source="file")
            results = store_records(conn, site, env["batch_id"], env["period"], env["records"],
                                    device=wire.device_of(env))
            conn.execute(update(t.batch).where(t.batch.c.batch_id == env["batch_id"])
                         .values(complete_at=now_iso(), last_at=now_iso()))
            return _answer(env, results)


@contextmanager
def _chunk_cache(conn: Connection) -> Iterator[None]:
    """SQLite: a page cache big enough for every page the chunk dirties (store.CHUNK_CACHE_KIB),
    back to the connection's own size after it."""
    if conn.dialect.name != "sqlite":
        yield
        return
    size = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(CHUNK_CACHE_KIB)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={size}")


def _still_stored(conn: Connection, records: list, results: list[dict]) -> bool:
    vouched = {(r["id"], r["version"]) for r, res in zip(records, results)
               if res["status"] != "rejected"}
    return vouched <= _existing_versions(conn, sorted({rid for rid, _v in vouched}))


def decode_chunk(body: bytes, *, site: str, batch_id: str, n: int) -> tuple[dict, bytes]:
    try:
        raw = wire.gunzip_limited(body, MAX_RAW)
        env = wire.parse_envelope(raw, max_records=MAX_RECORDS)
    except wire.WireError as exc:
        raise Refused(exc.status, exc.code, exc.reason) from None
    if env["site"] != site:
        raise Refused(403, "wrong_site", f"this token belongs to site {site}, not {env['site']}")
    if env["batch_id"] != batch_id or env["chunk"] != n:
        raise Refused(400, "bad_envelope", "batch_id or chunk in the body differ from the URL")
    return env, raw


# Everything a chunk's checks need, in one round trip (each one costs the chunk a wait on the
# database server, which is what a loaded county machine makes long): the device's retirement,
# how many chunks of the batch are stored, the batch, and this chunk's earlier answer.
_CHUNK_STATE = """
    SELECT (SELECT retired_at FROM site_device WHERE site = ? AND number = ?),
           (SELECT count(*) FROM chunk WHERE batch_id = ?),
           b.site, b.period, b.chunks, b.source, c.body_sha256, c.answer
    FROM (SELECT 1 AS one) AS x
    LEFT JOIN batch b ON b.batch_id = ?
    LEFT JOIN chunk c ON c.batch_id = ? AND c.n = ?"""


def _open_chunk(conn: Connection, site: str, env: dict) -> tuple[str, str] | None:
    """Check the chunk may be stored (device, batch) and note it in its batch — complete once
    every chunk is in; return (body hash, answer) of the same chunk received before, if any.
    The same rules as _device_allowed and _own_batch, for HTTP chunks."""
    device, batch_id = wire.device_of(env), env["batch_id"]
    [(retired, stored, b_site, b_period, b_chunks, b_source, old_sha, old_answer)] = \
        fastsql.fetch(conn, _CHUNK_STATE, (site, device, batch_id, batch_id, batch_id,
                                           env["chunk"]))
    _refuse_retired(site, device, retired)
    now = now_iso()
    if b_site is None:
        conn.execute(insert(t.batch).values(
            batch_id=batch_id, site=site, period=env["period"], chunks=env["chunks"],
            schema_version=env["schema_version"], source="http", first_at=now, last_at=now,
            complete_at=now if stored + 1 >= env["chunks"] else None))
        return None
    _batch_matches(site, env, b_site, b_period, b_chunks, b_source, source="http")
    complete = stored + (old_sha is None) >= b_chunks  # counting this chunk
    fastsql.fetch(conn, "UPDATE batch SET last_at = ?, complete_at = COALESCE(complete_at, ?) "
                        "WHERE batch_id = ?", (now, now if complete else None, batch_id),
                  rows_back=False)
    return None if old_sha is None else (old_sha, old_answer)


def _refuse_retired(site: str, device: int, retired: str | None) -> None:
    if retired:
        raise Refused(403, "device_retired",
                      f"device {device} of site {site} was retired ({retired[:10]}); "
                      "its uploads are refused")


def _batch_matches(site: str, env: dict, b_site: str, b_period: str, b_chunks: int,
                   b_source: str, *, source: str) -> None:
    if b_site != site:
        raise Refused(403, "foreign_batch", f"batch {env['batch_id']} belongs to another site")
    if b_period != env["period"]:
        raise Refused(400, "batch_mismatch",
                      f"batch {env['batch_id']} is for {b_period}, not {env['period']}")
    if source == "http" and b_source == "http" and b_chunks != env["chunks"]:
        raise Refused(400, "batch_mismatch",
                      f"batch {env['batch_id']} was announced with {b_chunks} chunks")


def _device_allowed(conn: Connection, site: str, env: dict) -> None:
    """A laptop the site retired (lost, stolen) may no longer upload anything."""
    device = wire.device_of(env)
    _refuse_retired(site, device, conn.execute(select(t.site_device.c.retired_at).where(
        t.site_device.c.site == site, t.site_device.c.number == device)).scalar())


def _own_batch(conn: Connection, site: str, env: dict, *, source: str) -> None:
    row = conn.execute(select(t.batch).where(t.batch.c.batch_id == env["batch_id"])).first()
    now = now_iso()
    if row is None:
        conn.execute(insert(t.batch).values(
            batch_id=env["batch_id"], site=site, period=env["period"], chunks=env["chunks"],
            schema_version=env["schema_version"], source=source, first_at=now, last_at=now))
        return
    _batch_matches(site, env, row.site, row.period, row.chunks, row.source, source=source)
    conn.execute(update(t.batch).where(t.batch.c.batch_id == env["batch_id"]).values(last_at=now))


def _answer(env: dict, results: list[dict]) -> dict:
    summary = {"accepted": 0, "duplicate": 0, "rejected": 0}
    for r in results:
        summary[r["status"]] += 1
    return {"batch_id": env["batch_id"], "chunk": env["chunk"], "chunks": env["chunks"],
            "summary": summary, "results": results}


def _save_chunk(conn: Connection, env: dict, digest: str, answer: dict, *, replace: bool) -> None:
    values = {"body_sha256": digest, "answer": jsontext.response_bytes(answer).decode(),
              "received_at": now_iso()}
    if replace:
        conn.execute(update(t.chunk).where(t.chunk.c.batch_id == env["batch_id"],
                                           t.chunk.c.n == env["chunk"]).values(**values))
    else:
        conn.execute(insert(t.chunk).values(batch_id=env["batch_id"], n=env["chunk"], **values))


def store_records(conn: Connection, site: str, batch_id: str, period: str,
                  records: list, *, device: int = 1, surrogates: bool = True) -> list[dict]:
    """Store what is new, answer every record in order: accepted, duplicate or rejected.
    surrogates=False: the body was seen to hold no lone surrogate (wire.may_hold_surrogates)."""
    reasons = [reject_reason(r, surrogates=surrogates) for r in records]
    valid = [r for r, why in zip(records, reasons) if why is None]
    ids = sorted({r["id"] for r in valid})
    owners = _current(conn, ids)
    # Every stored version's record has a current row (both are written here, in one
    # transaction, and neither is ever deleted): only records already current can be resent,
    # so a month of new records costs no second lookup.
    stored = _existing_versions(conn, sorted(owners))
    now = now_iso()
    results, new_rows, rejected = [], [], []
    for rec, why in zip(records, reasons):
        if why is None and owners.get(rec["id"], (site,))[0] != site:
            why = "record id belongs to another site"
        if why is not None:
            results.append(_result(rec, "rejected", why))
            rejected.append(_rejection_row(site, batch_id, rec, why, now))
        elif (rec["id"], rec["version"]) in stored:
            results.append(_result(rec, "duplicate"))
        else:
            stored.add((rec["id"], rec["version"]))
            results.append(_result(rec, "accepted"))
            new_rows.append({**rec, "_text": _data_text(rec)})  # serialised once, stored twice
    erased = erasure.scrub_incoming(conn, new_rows)
    _insert_versions(conn, site, batch_id, period, new_rows, now)
    rollup.refresh(conn, *_update_current(conn, site, new_rows, owners))
    erasure.scrub_stored(conn, erased)
    _note_devices(conn, site, new_rows)
    _mark_seen(conn, site, device, records, results)
    if rejected:
        conn.execute(insert(t.rejection), rejected)
    return results


def _result(rec, status: str, reason: str | None = None) -> dict:
    """results[i] answers records[i]; only a rejection repeats the seq, with its reason.

    Leaving the seq out of the common answers keeps a 50,000-record month's receipts at a few
    kilobytes (increasing numbers are what gzip cannot shrink).
    """
    if reason is None:
        return {"status": status}
    seq = rec.get("seq") if isinstance(rec, dict) else None
    return {"status": status, "seq": seq if wire.fits_int(seq) else None, "reason": reason}


def _rejection_row(site, batch_id, rec, why, now) -> dict:
    rec = rec if isinstance(rec, dict) else {}
    seq, version = rec.get("seq"), rec.get("version")
    return {"site": site, "batch_id": batch_id, "seq": seq if wire.fits_int(seq) else None,
            "record_id": _shown_id(rec.get("id")),
            "version": version if wire.fits_int(version) else None, "reason": why,
            "received_at": now}


def _shown_id(rid) -> str | None:
    """A rejected record's id as storable text: a malformed one JSON-escaped (no NUL, no lone
    surrogate reaches the database) and cut to the column."""
    if rid is None:
        return None
    ok = isinstance(rid, str) and wire.RECORD_ID_RE.fullmatch(rid)
    return rid if ok else json.dumps(rid, ensure_ascii=True, default=str)[:64]


def _existing_versions(conn: Connection, ids: list[str]) -> set[tuple[str, int]]:
    return set(fastsql.select_in(
        conn, "SELECT record_id, version FROM record_version WHERE record_id IN ({})", ids))


def _current(conn: Connection, ids: list[str]) -> dict[str, tuple]:
    """record id -> (site, version, deleted, status, ref_id, subject_id, day) as stored now."""
    rows = fastsql.select_in(
        conn, "SELECT record_id, site, version, deleted, status, ref_id, subject_id, day "
              "FROM record_current WHERE record_id IN ({})", ids)
    return {r[0]: r[1:] for r in rows}


def _data_text(rec: dict) -> str:
    return jsontext.compact(rec.get("data") or {})


_VERSION_COLS = ("record_id", "version", "site", "kind", "op", "seq", "batch_id", "period", "data",
                 "received_at")
_CURRENT_COLS = ("site", "kind", "version", "deleted", "day", "status", "ref_id", "subject_id",
                 "hours", "data")


def _insert_versions(conn, site, batch_id, period, rows, now) -> None:
    fastsql.insert_rows(conn, t.record_version, _VERSION_COLS, [
        (r["id"], r["version"], site, r["kind"], r["op"], r["seq"], batch_id, period, r["_text"],
         now) for r in rows])


def _update_current(conn, site, rows, owners) -> tuple[rollup.Changes, Counter]:
    """Make the newest of these versions current; return what changed for the roll-ups and
    the person-time counts from before (rollup.count_before)."""
    changes = rollup.Changes()
    newest: dict[str, dict] = {}
    for r in rows:  # only the highest version of each record becomes current
        seen = newest.get(r["id"])
        if seen is None or r["version"] > seen["version"]:
            newest[r["id"]] = r
    inserts: list[tuple] = []  # (record_id, *_CURRENT_COLS)
    updates: list[tuple] = []  # (*_CURRENT_COLS, record_id)
    person_time, gone, came = rollup.person_time, changes.gone, changes.came
    for rid, r in newest.items():
        owner = owners.get(rid)
        if owner is not None and owner[1] >= r["version"]:
            continue  # an older version arriving late is history, not the current state
        kind, data = r["kind"], r.get("data") or {}
        day, status, ref_id, subject_id, hours = extract(kind, data)
        deleted = r["op"] == "delete" or bool(data.get("deleted_at"))
        if owner is None:
            inserts.append((rid, site, kind, r["version"], deleted, day, status, ref_id,
                            subject_id, hours, r["_text"]))
        else:
            updates.append((site, kind, r["version"], deleted, day, status, ref_id, subject_id,
                            hours, r["_text"], rid))
        if kind == "attendance":  # person_time(site, deleted, status, session, learner, day)
            old = person_time(owner[0], *owner[2:]) if owner is not None else None
            new = person_time(site, deleted, status, ref_id, subject_id, day)
            if old is not None:
                gone[old] += 1
            if new is not None:
                came[new] += 1
        else:
            changes.record(kind, rid, None, None)
    before = rollup.count_before(conn, changes)
    fastsql.insert_rows(conn, t.record_current, ("record_id", *_CURRENT_COLS), inserts)
    fastsql.update_rows(conn, t.record_current, _CURRENT_COLS, "record_id", updates)
    return changes, before


def _mark_seen(conn: Connection, site: str, device: int, records: list,
               results: list[dict]) -> None:
    fresh: dict[int, str] = {}
    for rec, res in zip(records, results):
        seq = rec.get("seq") if isinstance(rec, dict) else None
        if isinstance(seq, int) and wire.fits_int(seq):
            fresh.setdefault(seq, res["status"])
    if not fresh:
        return
    # A sequence number keeps the status it was first seen with: the runs already stored that
    # overlap this chunk's numbers are looked up, and only the numbers outside them are written,
    # as runs of consecutive numbers with one status. Another receiver process writing a run
    # with the same first number meanwhile makes the chunk retry (Ingestor.chunk).
    seqs = sorted(fresh)
    runs = seq_runs(seqs, fresh, [])
    if len(runs) <= 100:
        # Nearly always none of the numbers was seen before: the runs are written unless one
        # stored run overlaps the chunk's numbers (one statement; then the careful way below).
        table, params = fastsql.rows_as_table(
            conn, [(site, device, *run) for run in runs], ("text", "int4", "int8", "int8", "text"))
        if fastsql.run(conn, f"""
                INSERT INTO seq_range (site, device, seq_from, seq_to, status)
                SELECT * FROM ({table}) AS r
                WHERE NOT EXISTS (SELECT 1 FROM seq_range WHERE site = ? AND device = ?
                                  AND seq_from <= ? AND seq_to >= ?)""",
                (*params, site, device, seqs[-1], seqs[0])):
            return
    seen = fastsql.fetch(
        conn, "SELECT seq_from, seq_to FROM seq_range WHERE site = ? AND device = ? "
              "AND seq_from <= ? AND seq_to >= ?", (site, device, seqs[-1], seqs[0]))
    fastsql.insert_rows(conn, t.seq_range, ("site", "device", "seq_from", "seq_to", "status"),
                        [(site, device, *run) for run in seq_runs(seqs, fresh, seen)])


def seq_runs(seqs: list[int], status: dict[int, str],
             seen: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(from, to, status) for the runs of consecutive numbers of `seqs` (sorted) with one
    status, leaving out the numbers inside the runs already `seen`."""
    union: list[list[int]] = []  # the seen runs merged: they may overlap
    for lo, hi in sorted(seen):
        if union and lo <= union[-1][1] + 1:
            union[-1][1] = max(union[-1][1], hi)
        else:
            union.append([lo, hi])
    runs: list[tuple[int, int, str]] = []
    k = 0
    for s in seqs:
        while k < len(union) and union[k][1] < s:
            k += 1
        if k < len(union) and union[k][0] <= s:
            continue  # seen before: it keeps its first status
        if runs and runs[-1][1] == s - 1 and runs[-1][2] == status[s]:
            runs[-1] = (runs[-1][0], s, status[s])
        else:
            runs.append((s, s, status[s]))
    return runs


def _note_devices(conn, site, rows) -> None:
    """Keep the site's device list (and who is retired) from its `device` records."""
    for r in rows:
        if r["kind"] != "device":
            continue
        data = r.get("data") or {}
        number = data.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 255:
            continue
        old = conn.execute(select(t.site_device.c.version).where(
            t.site_device.c.site == site, t.site_device.c.number == number)).scalar()
        retired = data.get("retired_at") if isinstance(data.get("retired_at"), str) else None
        values = {"retired_at": retired, "version": r["version"]}
        if old is None:
            conn.execute(insert(t.site_device).values(site=site, number=number, **values))
        elif old < r["version"]:
            conn.execute(update(t.site_device).where(
                t.site_device.c.site == site, t.site_device.c.number == number).values(**values))
