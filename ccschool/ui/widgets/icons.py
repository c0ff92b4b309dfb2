"""Icons from resources/icons/ (SVG line drawings, Apache-2.0, see LICENSE.txt there)."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

from ccschool.paths import resources_dir


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """The named icon, or an empty icon when the file is missing (never an error)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
