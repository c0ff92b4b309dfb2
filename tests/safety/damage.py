"""Damaging a real database file the way a failing disk or a stray program would."""
from __future__ import annotations

import os
import random
from pathlib import Path

GARBAGE = 8192  # 8 KiB: two pages of SQLite's default 4 KiB


def garbage_in_the_middle(path: Path, seed: int = 16) -> bytes:
    """Overwrite 8 KiB in the middle of the file (page-aligned) with random bytes; return the
    damaged file's bytes so a test can check that nothing rewrote it."""
    size = path.stat().st_size
    offset = (size // 2) // 4096 * 4096
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(random.Random(seed).randbytes(GARBAGE))
        f.flush()
        os.fsync(f.fileno())
    return path.read_bytes()


def is_damaged(path: Path) -> bool:
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:  # "database disk image is malformed" before any row
        return True
    finally:
        conn.close()
