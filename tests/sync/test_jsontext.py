"""The receiver's fast JSON gives exactly what the json module gives: values read, bytes written.

Stored record data is served back to sites and digested by them, so a value that changed type
(an integer read as a float) or text written another way (1e-05 as 0.00001) would be a
silent difference between the county and the site.
"""
from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.responses import JSONResponse

from ccschool.sync import jsontext


def _same(a, b) -> bool:
    """Equal values of equal types all the way down (1 == 1.0 is not the same here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


CORNERS = [
    b'{"seq":18446744073709551616}',        # beyond 64 bits: orjson makes it a float
    b'{"seq":-9223372036854775809}',        # below -2**63: likewise
    b'{"seq":9223372036854775808,"v":18446744073709551615}',
    b'{"hours":1e400}', b'{"hours":NaN}', b'{"hours":-Infinity}',
    b'\xef\xbb\xbf{"a":1}',                 # a byte-order mark
    b'{"name":"\\ud800"}', b'{"name":"\xed\xa0\x80"}',  # lone surrogates, escaped and raw
    b'{"a":1,"a":2}', b'{"x":1E5,"y":-0,"z":-0.0,"w":5e-324}',
    b'{"id":"12345678901234567890123456789012"}',  # 20 digits inside a text
    b'{"id":"ab12345678901234567890cdef12345678","n":[1,18446744073709551616]}',
    b'{"n":\n18446744073709551616}', b'{"n":\t-9223372036854775809}', b'18446744073709551616',
    b'{"t":"x, 12345678901234567890"}',
    "{\"名\":\"学员\"}".encode("utf-16"),
]


@pytest.mark.parametrize("raw", CORNERS)
def test_reading_gives_what_json_gives(raw):
    assert _same(jsontext.loads(raw), json.loads(raw))


def test_digits_inside_record_ids_leave_the_body_to_orjson():
    """One record id in three hundred holds twenty decimal digits in a row: read as a wide
    number, nearly every 1,000-record chunk went to the slower json module."""
    body = b'{"records":[{"id":"ab12345678901234567890cdef123456","version":1700000000001}]}'
    assert not jsontext._wide_int(body)
    assert jsontext._wide_int(body.replace(b"1700000000001", b"18446744073709551616"))


@pytest.mark.parametrize("raw", [b"", b"{", b'{"a":}', b"[1] x", b"\xff", b"[" * 100_000])
def test_a_broken_body_fails_as_json_fails(raw):
    with pytest.raises(Exception) as expected:
        json.loads(raw)
    with pytest.raises(type(expected.value)) as got:
        jsontext.loads(raw)
    assert str(got.value) == str(expected.value)


_COMPACT = {"ensure_ascii": False, "separators": (",", ":")}


@pytest.mark.parametrize("data", [
    {"hours": 1e-05}, {"hours": 1e16}, {"hours": 2.0}, {"n": 2**64}, {"n": -2**63 - 1},
    {"name": "\ud800x"}, {"name": "a\"b\\c\n\t\x01\x7f\u2028é学"}, {"on": True, "off": None},
    {"nested": {"a": [1, 2.5]}}, {},
])
def test_writing_gives_the_json_module_bytes(data):
    assert jsontext.compact(data) == json.dumps(data, **_COMPACT)


_plain = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                   st.floats(allow_nan=False, allow_infinity=False), st.text())
_values = st.recursive(_plain, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=8), _values, max_size=6))
def test_any_record_data_round_trips_as_with_json(data):
    text = jsontext.compact(data)
    assert text == json.dumps(data, **_COMPACT)
    try:
        raw = text.encode()
    except UnicodeEncodeError:  # a lone surrogate: json writes it, no body can carry it raw
        raw = json.dumps(data).encode()
    assert _same(jsontext.loads(raw), json.loads(raw))


def test_an_answer_is_the_bytes_jsonresponse_would_send():
    answer = {"batch_id": "ab" * 16, "chunk": 0, "chunks": 2,
              "summary": {"accepted": 1, "duplicate": 0, "rejected": 1},
              "results": [{"status": "accepted"},
                          {"status": "rejected", "seq": 2**63 - 1, "reason": "学员: 缺少字段"}]}
    assert jsontext.response_bytes(answer) == JSONResponse(answer).body


@pytest.mark.parametrize("rows", [
    [("a" * 32, "b" * 32), ("学员", "x\ny")], [(1, 2**63 - 1, 2**70, -0.0, 1e-05, 2.5, None, True)],
    [], [("\ud800",)],
])
def test_rows_for_the_database_hold_the_values_json_writes(rows):
    text = jsontext.rows_text(rows)
    expected = json.dumps(rows, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    assert text is not None and _same(json.loads(text), json.loads(expected))


@pytest.mark.parametrize("rows", [[(1.0, float("nan"))], [(float("inf"),)], [(object(),)]])
def test_rows_json_refuses_are_refused(rows):
    assert jsontext.rows_text(rows) is None
