"""Properties of chunk planning, the privacy filter and the wire format, over generated data."""
from __future__ import annotations

import gzip
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ccschool.sync import wire
from ccschool.sync.batching import plan_chunks
from ccschool.sync.privacy import PERSONAL, wire_data

_text = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x9fff), max_size=60)
_records = st.lists(st.builds(lambda i, note: {"seq": i, "data": {"note": note}},
                              st.integers(1, 10**9), _text), max_size=200)


@settings(max_examples=60, deadline=None)
@given(_records, st.integers(1, 40), st.integers(100, 4000))
def test_chunks_keep_every_record_in_order_within_both_bounds(records, max_records, max_bytes):
    chunks = plan_chunks(records, max_records, max_bytes)
    assert [r for c in chunks for r in c] == records
    for c in chunks:
        assert 1 <= len(c) <= max_records
        assert len(c) == 1 or len(gzip.compress(wire.dumps(c), 6)) <= max_bytes


_person = st.fixed_dictionaries({
    "id": st.just("a" * 32), "version": st.integers(1, 9), "consent_upload": st.booleans(),
    "name": _text, "phone": st.from_regex(r"1[3-9]\d{9}", fullmatch=True),
    "id_number": st.from_regex(r"\d{17}[\dX]", fullmatch=True), "village": _text,
    "notes": _text, "pinyin_initials": _text, "erased_at": st.none() | st.just("2024-01-01")})


@settings(max_examples=100, deadline=None)
@given(_person, st.booleans())
def test_personal_fields_leave_only_with_consent(person, requires_id):
    data = wire_data("person", person, requires_id=requires_id)
    assert "id" not in data and "version" not in data and "notes" not in data
    if not person["consent_upload"] or person["erased_at"]:
        assert not set(PERSONAL) & set(data)
    elif requires_id:
        assert data["id_number"] == person["id_number"]
    else:
        assert data["id_number"][-4:] == person["id_number"][-4:]
        assert data["id_number"][4:-4] == "*" * 10


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | _text,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
                    max_leaves=20))
def test_canonical_json_is_stable(value):
    once = wire.dumps(value)
    assert wire.dumps(json.loads(once)) == once
    assert wire.gunzip_limited(wire.gzip_bytes(once), len(once) + 1) == once
