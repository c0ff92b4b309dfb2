"""Is a backup's schema exactly the one our migrations build? A restore accepts nothing else.

A backup is a whole SQLite file, schema included: a trigger smuggled into it (one that resets
the admin password whenever an audit entry is written) would be restored with it and copied
into every later backup; a missing column would crash the app after the restore. So the
backup's tables, columns, indexes, foreign keys, triggers and views are compared with a
database freshly migrated to the backup's own revision (built in a temporary file, once per
revision per process), and any difference is named.

Columns are compared by name, not position: a database upgraded over the years went through
Alembic's batch table copies in its own order, and a column's place is no threat.
"""
from __future__ import annotations

import functools
import re
import sqlite3
import tempfile
from pathlib import Path

from ccschool.i18n import Text

_SPACE = re.compile(r"\s+")
_IGNORED = ("sqlite_stat",)  # ANALYZE's statistics: harmless, may or may not be there


def _norm_sql(sql: str | None) -> str:
    return _SPACE.sub(" ", sql or "").strip()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_objects(conn: sqlite3.Connection, table: str) -> dict[tuple[str, str], object]:
    found: dict[tuple[str, str], object] = {}
    q = _quoted(table)
    for _cid, name, ctype, notnull, default, pk, hidden in conn.execute(
            f"PRAGMA table_xinfo({q})"):
        found[("column", f"{table}.{name}")] = ((ctype or "").upper(), notnull, default, pk,
                                                hidden)
    for _seq, name, unique, origin, partial in conn.execute(f"PRAGMA index_list({q})"):
        cols = tuple((c[2], c[3], c[4]) for c in conn.execute(
            f"PRAGMA index_xinfo({_quoted(name)})") if c[5])
        # SQLite numbers its automatic indexes by constraint order: name them by content.
        key = name if origin == "c" else f"{table}({', '.join(str(c[0]) for c in cols)})"
        found[("index", key)] = (table, unique, origin, partial, cols)
    for fk in conn.execute(f"PRAGMA foreign_key_list({q})"):
        _id, _seq, other, frm, to, on_update, on_delete, match = fk
        found[("foreign key", f"{table}.{frm} → {other}.{to}")] = (on_update, on_delete, match)
    return found


def describe(conn: sqlite3.Connection) -> dict[tuple[str, str], object]:
    """Every schema object of the open database: {(kind, name): its definition}."""
    found: dict[tuple[str, str], object] = {}
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for kind, name, table, sql in rows:
        if name.startswith(_IGNORED):
            continue
        if kind == "table":
            found[("table", name)] = True
            found.update(_table_objects(conn, name))
        elif kind in ("trigger", "view"):
            found[(kind, name)] = (table, _norm_sql(sql))
        elif kind == "index" and sql:  # written out in _table_objects; a stray one shows there
            found.setdefault(("index", name), ("?", _norm_sql(sql)))
    return found


def describe_file(path: Path) -> dict[tuple[str, str], object]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return describe(conn)
    finally:
        conn.close()


@functools.lru_cache(maxsize=8)
def reference(revisions: frozenset[str]) -> dict[tuple[str, str], object]:
    """The schema our migrations build at `revisions` (a fresh database in a temporary file)."""
    from alembic import command

    from ccschool.db import make_engine
    from ccschool.migrate import alembic_config

    with tempfile.TemporaryDirectory(prefix="ccschool-schema-") as folder:
        path = Path(folder) / "reference.db"
        engine = make_engine(path)
        try:
            for revision in sorted(revisions):  # a backup taken before a merge has several
                command.upgrade(alembic_config(engine), revision)
        finally:
            engine.dispose()
        return describe_file(path)


_KINDS = {"table": ("数据表", "table"), "column": ("列", "column"), "index": ("索引", "index"),
          "foreign key": ("外键", "foreign key"), "trigger": ("触发器", "trigger"),
          "view": ("视图", "view")}


def _phrase(zh: str, en: str, key: tuple[str, str]) -> Text:
    kind_zh, kind_en = _KINDS.get(key[0], (key[0], key[0]))
    return Text(zh.format(kind=kind_zh, name=key[1]), en.format(kind=kind_en, name=key[1]))


def differences(found: dict, expected: dict) -> list[Text]:
    """Each difference as a short phrase in both languages, extra objects first."""
    out = [_phrase("多出{kind} {name}", "extra {kind} {name}", key)
           for key in sorted(found.keys() - expected.keys())]
    out += [_phrase("缺少{kind} {name}", "missing {kind} {name}", key)
            for key in sorted(expected.keys() - found.keys())]
    out += [_phrase("{kind} {name} 的定义不同", "{kind} {name} is defined differently", key)
            for key in sorted(k for k in found.keys() & expected.keys() if found[k] != expected[k])]
    return out


def schema_differences(path: Path, revisions: set[str]) -> list[Text]:
    """What in the database at path differs from the migrations' schema at its revisions."""
    return differences(describe_file(path), reference(frozenset(revisions)))
