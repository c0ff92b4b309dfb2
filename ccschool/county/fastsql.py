"""Bulk statements through the driver directly: the receiver's hot path.

SQLAlchemy Core spends ~60 µs per row building parameters; a chunk is thousands of rows, so the
few statements run per record go straight to the DB-API with the driver's own placeholder style.
Drivers with another paramstyle fall back to Core (correct, only slower).
"""
from __future__ import annotations

import re

from sqlalchemy import insert, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.schema import Table

from ccschool.sync import jsontext

_MARK = {"qmark": "?", "format": "%s", "pyformat": "%s"}
IN_SLICE = 500  # values per IN (...): well under every driver's parameter limit
_SURROGATE = re.compile("[\ud800-\udfff]")


def _mark(conn: Connection) -> str | None:
    return _MARK.get(conn.dialect.paramstyle)


def insert_rows(conn: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    if conn.dialect.driver == "psycopg":
        # COPY: one stream per table instead of a statement per row (~10x on a chunk)
        raw = conn.connection.driver_connection
        assert raw is not None  # a Connection in use always holds its driver connection
        with raw.cursor() as cur, cur.copy(
                f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    mark = _mark(conn)
    if mark is None:
        conn.execute(insert(table), [dict(zip(columns, r)) for r in rows])
        return
    sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
           f"VALUES ({', '.join([mark] * len(columns))})")
    conn.exec_driver_sql(sql, rows)


def update_rows(conn: Connection, table: Table, columns: tuple[str, ...], key: str,
                rows: list[tuple]) -> None:
    """UPDATE table SET columns WHERE key = ?; each row is (*values, key value)."""
    if not rows:
        return
    mark = _mark(conn)
    if mark is None:
        sets = ", ".join(f"{c} = :{c}" for c in columns)
        conn.execute(text(f"UPDATE {table.name} SET {sets} WHERE {key} = :_key"),
                     [dict(zip((*columns, "_key"), r)) for r in rows])
        return
    sets = ", ".join(f"{c} = {mark}" for c in columns)
    conn.exec_driver_sql(f"UPDATE {table.name} SET {sets} WHERE {key} = {mark}", rows)


def select_in(conn: Connection, sql: str, values: list, prefix: tuple = ()) -> list[tuple]:
    """Rows of `sql` (ending in 'IN ({})') for every slice of values; prefix params go first."""
    out: list[tuple] = []
    mark = _mark(conn)
    if conn.dialect.driver == "psycopg" and values:  # one array parameter, any length
        joined = _comma_list(values)
        if joined is not None:  # record ids: one text the server splits (psycopg dumps a
            # list element by element in Python, ~1 µs each)
            q = sql.replace("{p}", "%s").replace("IN ({})", "= ANY(string_to_array(%s, ','))")
            return [tuple(r) for r in conn.exec_driver_sql(q, (*prefix, joined))]
        q = sql.replace("{p}", "%s").replace("IN ({})", "= ANY(%s)")
        return [tuple(r) for r in conn.exec_driver_sql(q, (*prefix, list(values)))]
    for i in range(0, len(values), IN_SLICE):
        part = values[i:i + IN_SLICE]
        if mark is None:
            names = [f"v{j}" for j in range(len(part))]
            params = {**{f"p{j}": v for j, v in enumerate(prefix)}, **dict(zip(names, part))}
            q = sql.replace("{p}", ":p0").format(", ".join(f":{n}" for n in names))
            out.extend(tuple(r) for r in conn.execute(text(q), params))
        else:
            q = sql.replace("{p}", mark).format(", ".join([mark] * len(part)))
            out.extend(tuple(r) for r in conn.exec_driver_sql(q, (*prefix, *part)))
    return out


def _comma_list(values: list) -> str | None:
    """Non-empty texts without commas (record ids) joined by commas; None for anything else."""
    if not all(type(v) is str for v in values):
        return None
    joined = ",".join(values)
    if joined.count(",") != len(values) - 1 or "" in values or "\x00" in joined:
        return None
    return joined


def _named(sql: str, row: tuple) -> tuple[str, dict]:
    parts = sql.split("?")
    q = "".join(p + (f":p{i}" if i < len(parts) - 1 else "") for i, p in enumerate(parts))
    return q, {f"p{i}": v for i, v in enumerate(row)}


def execute_many(conn: Connection, sql: str, rows: list[tuple]) -> None:
    """Run `sql`, written with ? placeholders (and no other ?), once per row."""
    if not rows:
        return
    mark = _mark(conn)
    if mark is None:
        q, _ = _named(sql, rows[0])
        conn.execute(text(q), [_named(sql, r)[1] for r in rows])
        return
    conn.exec_driver_sql(sql.replace("?", mark), rows)


def rows_as_table(conn: Connection, rows: list[tuple], types: tuple[str, ...]) -> tuple[str, tuple]:
    """Rows as a table expression and its parameters (? placeholders): VALUES on SQLite, and on
    PostgreSQL one JSON parameter of all the rows (types: PostgreSQL's), so a thousand rows are
    one value for the driver: psycopg dumps array parameters element by element in Python,
    which cost more than the statement itself."""
    if conn.dialect.driver == "psycopg":
        doc = _json_rows(rows)
        if doc is not None:
            # jsonb, not json: the text is parsed once, where json's ->> parsed the element
            # again for every column read (the roll-ups' upserts read each a dozen times)
            cols = ", ".join(f"(r.e->>{i})::{ty}" for i, ty in enumerate(types))
            return f"SELECT {cols} FROM jsonb_array_elements(?::jsonb) AS r(e)", (doc,)
        columns = tuple(list(c) for c in zip(*rows))
        return f"SELECT * FROM unnest({', '.join(f'?::{ty}[]' for ty in types)})", columns
    one = f"({', '.join(['?'] * len(types))})"
    return f"VALUES {', '.join([one] * len(rows))}", tuple(v for r in rows for v in r)


def _json_rows(rows: list[tuple]) -> str | None:
    """The rows as a JSON array of arrays, or None when a value would not survive the trip
    (NUL and lone surrogates, which PostgreSQL's text refuses: the arrays report those)."""
    doc = jsontext.rows_text(rows)
    if doc is None or "\\u0000" in doc or (not doc.isascii() and _SURROGATE.search(doc)):
        return None
    return doc


def insert_values(conn: Connection, head: str, rows: list[tuple], types: tuple[str, ...],
                  tail: str = "") -> None:
    """`head <rows> tail` for slices of rows: one statement, not one per row (an
    INSERT … ON CONFLICT upsert reads the same on SQLite and PostgreSQL)."""
    for i in range(0, len(rows), IN_SLICE):
        table, params = rows_as_table(conn, rows[i:i + IN_SLICE], types)
        fetch(conn, f"{head} {table} {tail}", params, rows_back=False)


def run(conn: Connection, sql: str, params: tuple) -> int:
    """Run `sql` (? placeholders, no other ?); the number of rows it changed."""
    mark = _mark(conn)
    if mark is None:
        q, named = _named(sql, params)
        return conn.execute(text(q), named).rowcount
    return conn.exec_driver_sql(sql.replace("?", mark), params).rowcount


def fetch(conn: Connection, sql: str, params: tuple, *, rows_back: bool = True) -> list[tuple]:
    """Rows of `sql`, written with ? placeholders (and no other ?)."""
    mark = _mark(conn)
    if mark is None:
        q, named = _named(sql, params)
        result = conn.execute(text(q), named)
    else:
        result = conn.exec_driver_sql(sql.replace("?", mark), params)
    return [tuple(r) for r in result] if rows_back else []
