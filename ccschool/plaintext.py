"""Text a person typed holds no control characters.

ESC, BEL, NUL and their kind arrive by copy-paste from web pages and from scanners, and through
hostile files; stored in a name they garble the screen, break printed cards and Excel cells,
and a NUL cuts a value short in C libraries. Every text value is checked once, when the ORM
writes it (install()), whichever service wrote it; the roster reader checks its cells earlier,
so a bad row is named in the import's error list. Tabs and line breaks stay allowed (notes).
"""
from __future__ import annotations

import re
import threading

from ccschool.errors import ValidationError

# C0 and C1 controls and DEL, except tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Columns whose text is ours, not typed: JSON escapes controls, hashes are hex.
_EXEMPT_TABLES = {"outbox_entry", "audit_entry", "upload_batch", "upload_chunk", "alembic_version"}


def check_plain(value: str, *, field: str) -> str:
    """value, or a ValidationError naming the field if it holds a control character."""
    if value and CONTROL.search(value):
        from ccschool.roster.fields import label

        lab = label(field)
        raise ValidationError("{what_zh}含有不可见的控制字符（如ESC、NUL），请删除后重试",
                              "{what_en} contains invisible control characters (such as ESC or "
                              "NUL); remove them and try again", what_zh=lab.zh, what_en=lab.en,
                              field=field)
    return value


def _before_flush(session, _ctx, _instances) -> None:
    from sqlalchemy import inspect

    for obj in list(session.new) + list(session.dirty):
        if getattr(obj, "__tablename__", None) in _EXEMPT_TABLES:
            continue
        state = inspect(obj)
        for key, value in state.dict.items():  # loaded values only: no SQL from here
            # New rows: every value; changed rows: only what changed, so a value stored before
            # this rule never blocks an unrelated edit of its row.
            if not isinstance(value, str) or key not in state.attrs.keys():
                continue
            if state.pending or state.attrs[key].history.has_changes():
                check_plain(value, field=key)


_lock = threading.Lock()


def install() -> None:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    with _lock:
        if not event.contains(Session, "before_flush", _before_flush):
            event.listen(Session, "before_flush", _before_flush)
