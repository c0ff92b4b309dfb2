"""Shared test helper: open a copy of a prepared database file."""
from __future__ import annotations

from pathlib import Path


def open_copy(template: Path, data_dir: Path):
    """Open a copy of a prepared database file: areas build one template per session, because
    the admin password hash and demo data are too slow to make again for every test."""
    import shutil

    from ccschool.db import open_database

    shutil.copyfile(template, data_dir / "ccschool.db")
    return open_database(data_dir)
