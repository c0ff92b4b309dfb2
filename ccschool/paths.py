"""Where things live: the data folder and the bundled resources."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """--data-dir, else CCSCHOOL_DATA_DIR, else the platform's user data folder."""
    chosen = explicit or os.environ.get("CCSCHOOL_DATA_DIR")
    return Path(chosen) if chosen else Path(user_data_dir("ccschool", appauthor=False))


def resources_dir() -> Path:
    """resources/ at the repository root, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
