"""JSON on the receiver's hot path: orjson where it gives exactly what the json module gives.

A chunk's body is parsed once and each record's data written out once; with the json module
those cost the county receiver ~5 ms of every 1,000-record chunk, with orjson a fifth of that.
orjson differs from json in a few corners, and every corner goes to the json module, so the
values read and the text written are the json module's, byte for byte:

- reading: orjson refuses NaN/Infinity, a byte-order mark, lone surrogates and numbers beyond
  double range (then json reads the body, with its own error messages), and it turns integers
  beyond 64 bits into floats, so a body with a 20-digit number, or a negative 19-digit one,
  is read by json;
- writing: orjson writes some floats differently (1e-05 as 0.00001) and refuses lone
  surrogates and integers beyond 64 bits, so only flat objects without floats go through it.

Without orjson installed everything goes through the json module.
"""
from __future__ import annotations

import json
import math
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; the fallback keeps sites safe
    orjson = None  # type: ignore[assignment]

# Digits as 0, minus signs kept, what may stand before a JSON number (`[`, `,`, `:`,
# whitespace) as a blank, all else as x: a wide integer is then a blank and a run of digits, a
# plain substring (a regular expression over a 200 kB body cost more than the parse). Digits
# inside a text stand after a letter or a quote, so the record ids' hex (one in three hundred
# holds twenty digits in a row, nearly every chunk one) no longer sends a body to json.
_BEFORE_NUMBER = b"[,: \t\n\r"
_DIGITS = bytes.maketrans(
    bytes(range(256)),
    bytes(ord("0") if c in b"0123456789" else ord("-") if c == ord("-")
          else ord(" ") if c in _BEFORE_NUMBER else ord("x") for c in range(256)))
_WIDE, _WIDE_NEGATIVE = b" " + b"0" * 20, b" -" + b"0" * 19


def _wide_int(raw: bytes) -> bool:
    """Whether raw may hold an integer orjson would read as a float (rarely: a run of 20
    digits after a comma or a colon inside a text sends the body to json, which is merely
    slower)."""
    shape = b" " + raw.translate(_DIGITS)  # a body that is a bare number starts one too
    return _WIDE in shape or _WIDE_NEGATIVE in shape


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_PLAIN = frozenset((str, int, bool, type(None)))


def loads(raw: bytes) -> Any:
    """json.loads(raw): the same value, the same errors."""
    if orjson is not None and not _wide_int(raw):
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # json says what is wrong (or reads what orjson will not)
    return json.loads(raw)


def compact(obj: Any) -> str:
    """json.dumps(obj, ensure_ascii=False, separators=(",", ":")), byte for byte."""
    if orjson is not None and type(obj) is dict and _PLAIN.issuperset(map(type, obj.values())):
        try:
            return orjson.dumps(obj).decode()
        except TypeError:  # a lone surrogate, an integer beyond 64 bits: json writes them
            pass
    return _COMPACT.encode(obj)


def response_bytes(obj: Any) -> bytes:
    """What Starlette's JSONResponse sends for obj (compact, UTF-8, no NaN), for answers made
    of texts, integers and lists (the per-record answers)."""
    if orjson is not None:
        try:
            return orjson.dumps(obj)
        except TypeError:
            pass
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=None,
                      separators=(",", ":")).encode("utf-8")


def rows_text(rows: list[tuple]) -> str | None:
    """Rows of plain values as a JSON array of arrays, or None where json.dumps with
    allow_nan=False refuses one (NaN, infinity, a value JSON has no form for). A parameter
    for the database, which reads the numbers: a float may be spelled as orjson spells it."""
    if orjson is not None:
        try:
            doc = orjson.dumps(rows)
        except TypeError:  # a lone surrogate, an integer beyond 64 bits
            doc = None
        # orjson writes NaN and infinity as null: only a text with a null needs the search
        if doc is not None and (b"null" not in doc or not any(
                type(v) is float and not math.isfinite(v) for row in rows for v in row)):
            return doc.decode()
    try:
        return json.dumps(rows, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return None
