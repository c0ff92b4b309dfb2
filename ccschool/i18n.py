"""Translation of strings produced below the UI (errors, PDF and Excel labels) without Qt.

Every user-facing string is written as a pair, Chinese first, so the two languages are reviewed
side by side where the message is made and no shared catalogue has to be kept in step.
The language is chosen once at start-up (settings or CCSCHOOL_LANG); zh_CN is the default.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

SUPPORTED = ("zh_CN", "en")
_state = {"lang": os.environ.get("CCSCHOOL_LANG", "zh_CN")}


def set_language(lang: str) -> None:
    _state["lang"] = "en" if lang.lower().startswith("en") else "zh_CN"


def language() -> str:
    return _state["lang"]


def is_english() -> bool:
    return _state["lang"] == "en"


@dataclass(frozen=True)
class Text:
    """A message in both languages; str() gives the current language."""

    zh: str
    en: str

    def format(self, **kw) -> "Text":
        return Text(self.zh.format(**kw), self.en.format(**kw))

    def __str__(self) -> str:
        return self.en if is_english() else self.zh


def L(zh: str, en: str, **kw) -> str:
    """The string in the current language, formatted with kw."""
    return str(Text(zh, en).format(**kw) if kw else Text(zh, en))
