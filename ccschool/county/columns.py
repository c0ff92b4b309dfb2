"""The shapes of the county's columns, declared once for the receiver's tables (schema.py)
and the web application's (web/tables.py): a site code, a record id or a timestamp is the same
column wherever it appears, so a join never compares two widths of one thing."""
from __future__ import annotations

from sqlalchemy import Column, String


def _shape(length: int, why: str):
    def column(name: str, *args, **kw) -> Column:
        return Column(name, String(length), *args, **kw)
    column.__doc__ = why
    return column


site_code = _shape(32, "A site's code as the county registered it.")
hex_id = _shape(32, "32 lower-case hex digits: a record or batch id (sync/wire.py RECORD_ID_RE).")
stamp = _shape(32, "An ISO 8601 timestamp with its offset, as text (store.now_iso).")
digest = _shape(64, "A sha256 or HMAC key in hex: token hashes, body hashes, signing keys.")
staff_name = _shape(64, "A county staff account's name.")
day = _shape(10, "A date, YYYY-MM-DD (sorts as text).")
month = _shape(7, "A month, YYYY-MM.")
record_kind = _shape(40, "A record's kind as sites send it (sync/wire.py KIND_RE).")
