"""A field of a record's JSON `data` as text in SQL, on SQLite and PostgreSQL alike.

record_current keeps each record's columns as JSON text; the few the receiver aggregates are
pulled out at ingest, the rest (a class's theme, a learner's target groups) are read here.
"""
from __future__ import annotations

import re

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

_KEY = re.compile(r"[a-z_]{1,40}")


class jfield(FunctionElement):  # noqa: N801 - reads like a SQL function
    type = String()
    inherit_cache = True
    name = "jfield"

    def __init__(self, column, key: str) -> None:
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a field name: {key!r}")
        self.key = key
        super().__init__(column)

    def _gen_cache_key(self, anon_map, bindparams):  # the key is part of the statement
        return (type(self), self.key, *(c._gen_cache_key(anon_map, bindparams)
                                        for c in self.clauses))


@compiles(jfield, "sqlite")
def _sqlite(element, compiler, **kw):
    return f"json_extract({compiler.process(element.clauses, **kw)}, '$.{element.key}')"


@compiles(jfield, "postgresql")
def _postgresql(element, compiler, **kw):
    return f"(CAST({compiler.process(element.clauses, **kw)} AS json) ->> '{element.key}')"
