"""Versions: a hybrid logical clock (time, counter, device), unique across a site's devices.

A version is one integer: milliseconds since 1970 (43 bits), a counter for changes within one
millisecond (12 bits) and the device number (8 bits):  version = ((ms << 12) | n) << 8 | device.
So versions of different devices never collide, "newest wins" is always defined, and a change
made after seeing another device's version is newer than it even if this laptop's clock is
behind (the receive rule, `observe`).

The clock lives in the database (counter row 'hlc', drawn with one UPDATE … RETURNING inside
the writer's transaction, so the GUI, a check-in stream and the upload worker never draw the
same value). Restoring an old backup rolls that row back, so the highest version ever sent is
also kept beside the database (`<data folder>/clock.json`, written whenever records leave the
laptop) and `raise_floor` lifts the clock over it when the database is opened or restored:
an edit after a restore is newer than anything any other device or the county has seen.

Versions made before devices existed are small counters (1, 2, 3 …); they count as device 1's
and are older than every clock version.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

DEVICE_BITS = 8
COUNTER_BITS = 12
MAX_DEVICES = (1 << DEVICE_BITS) - 1
CLOCK_FLOOR = 1 << 40  # below this, a version is an old single-laptop counter
FLOOR_FILE = "clock.json"

_DRAW = ("UPDATE counter SET value = (MAX((value >> 8) + 1, ?) << 8) | "
         "COALESCE((SELECT value FROM counter WHERE name = 'device'), 1) "
         "WHERE name = 'hlc' RETURNING value")
_OBSERVE = "UPDATE counter SET value = MAX(value, ?) WHERE name = 'hlc'"


def origin(version: int) -> int:
    """The device that made this version (0: a merge decision every device takes alike)."""
    return version & MAX_DEVICES if version >= CLOCK_FLOOR else 1


def wall(now_ms: int | None = None) -> int:
    ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    return ms << COUNTER_BITS


def next_version(conn, *, now_ms: int | None = None) -> int:
    """Draw a new version on a DB-API (sqlite3) connection inside the writer's transaction."""
    row = conn.execute(_DRAW, (wall(now_ms),)).fetchone()
    if row is None:  # a database older than the clock row: start it
        conn.execute("INSERT INTO counter (name, value) VALUES ('hlc', 0)")
        row = conn.execute(_DRAW, (wall(now_ms),)).fetchone()
    return row[0]


def observe(conn, version: int) -> None:
    """Receive rule: later local versions are newer than one seen from another device."""
    if conn.execute(_OBSERVE, (version,)).rowcount == 0:
        conn.execute("INSERT INTO counter (name, value) VALUES ('hlc', ?)", (version,))


def current(conn) -> int:
    row = conn.execute("SELECT value FROM counter WHERE name = 'hlc'").fetchone()
    return row[0] if row else 0


def read_floor(data_dir: Path) -> int:
    try:
        value = json.loads((Path(data_dir) / FLOOR_FILE).read_text(encoding="ascii"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return 0
    return value if isinstance(value, int) and value >= 0 else 0


def write_floor(data_dir: Path, version: int) -> None:
    """Remember the highest version that left the laptop (atomically, flushed to disk)."""
    if version <= read_floor(data_dir):
        return
    path = Path(data_dir) / FLOOR_FILE
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="ascii") as f:
        json.dump({"version": version}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def raise_floor(engine, data_dir: Path) -> None:
    """Lift the database's clock over the highest version ever sent (after a restore)."""
    floor = read_floor(data_dir)
    if floor == 0:
        return
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        if current(raw) >= floor:
            return
    with engine.execution_options(ccschool_write=True).begin() as conn:
        observe(conn.connection.driver_connection, floor)


def mark_sent(db) -> None:
    """Records left the laptop: keep the clock's value beside the database."""
    with db.engine.connect() as conn:
        value = current(conn.connection.driver_connection)
    write_floor(db.path.parent, value)
