"""Filling Qt-style %1, %2 placeholders of translated strings (translators may reorder them)."""
from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"%(\d)")


def fill(template: str, *args) -> str:
    """fill("%1（%2）", "王", "管理员") -> "王（管理员）", in one pass so values stay literal."""
    return _PLACEHOLDER.sub(lambda m: str(args[int(m.group(1)) - 1])
                            if 0 < int(m.group(1)) <= len(args) else m.group(0), template)
