"""Filling Qt-style %1, %2 placeholders of translated strings (translators may reorder them),
an error message shown in a rich-text label, and QT_TRANSLATE_NOOP typed for mypy."""
from __future__ import annotations

import html
import re
from typing import Callable, cast

from PySide6 import QtCore as _QtCore

_PLACEHOLDER = re.compile(r"%(\d)")


def fill(template: str, *args) -> str:
    """fill("%1（%2）", "王", "管理员") -> "王（管理员）", in one pass so values stay literal."""
    return _PLACEHOLDER.sub(lambda m: str(args[int(m.group(1)) - 1])
                            if 0 < int(m.group(1)) <= len(args) else m.group(0), template)


def error_html(exc: BaseException | str) -> str:
    """The message in red for a rich-text label, escaped: a name or file name with "<" or "&"
    in it is shown as typed, never read as markup."""
    return f"<span style='color:#C00000'>{html.escape(str(exc))}</span>"


# PySide6's stubs declare QT_TRANSLATE_NOOP as `(object, object) -> object`, so every table of
# marked source texts reads as `object` and each translate() call on it fails type-checking. The
# function only hands its text back; this typed alias keeps the name, which is what lupdate looks
# for when it collects the texts for translation.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], _QtCore.QT_TRANSLATE_NOOP)
