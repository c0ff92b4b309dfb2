"""The wire format shared by the site's uploader and the county receiver (see PROTOCOL.md).

Kept free of the site's models and of any web framework so both sides, and the USB batch file,
build and read exactly the same bytes.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib

from ccschool.sync import jsontext

SCHEMA_VERSION = 1
SUPPORTED_SCHEMAS = (1,)
OPS = ("upsert", "delete")
# What the county answers per record; accepted and duplicate both mean it holds the record.
RESULTS = ("accepted", "duplicate", "rejected")
ACKED = ("accepted", "duplicate")
PERIOD_RE = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")
BATCH_ID_RE = re.compile(r"^[0-9a-f]{32}$")
RECORD_ID_RE = re.compile(r"^[0-9a-f]{32}$")
KIND_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SITE_RE = re.compile(r"^[A-Za-z0-9-]{1,32}$")
MAX_DEVICE = 255
# Versions are hybrid-clock values and seqs may follow them: both are 64-bit (BIGINT) at the county.
MAX_BIG = 2**63 - 1
ENVELOPE_KEYS = ("schema_version", "site", "batch_id", "chunk", "chunks", "period", "records")
# The county keeps chunk numbers in INTEGER columns, 32-bit on PostgreSQL: a larger number is
# refused here rather than failing the database insert (seqs and versions: MAX_BIG).
MAX_INT = 2**31 - 1
# How deep a record's data may nest: site records are flat columns, a newer kind may add a level
# or two; hundreds of levels are an attack on the parser, not data.
MAX_DEPTH = 8
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_IN_JSON = re.compile(rb"\\u[dD][89a-fA-F]|\xed[\xa0-\xbf]")


class WireError(ValueError):
    """A body that breaks the protocol; `status` is the HTTP answer the receiver gives."""

    def __init__(self, status: int, code: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.code = code
        self.reason = reason


def dumps(obj) -> bytes:
    """Canonical compact JSON: same object, same bytes (chunks are re-sent byte for byte)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def gzip_bytes(raw: bytes, level: int = 6) -> bytes:
    # mtime=0: the gzip header carries no clock, so a re-built chunk is byte-identical.
    return gzip.compress(raw, compresslevel=level, mtime=0)


def gunzip_limited(body: bytes, limit: int) -> bytes:
    """Decompress at most `limit` bytes; a gzip bomb or junk raises WireError, never OOM."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, limit + 1)
    except zlib.error as exc:
        raise WireError(400, "not_gzip", f"body is not gzip data: {exc}") from None
    if len(out) > limit:
        raise WireError(413, "too_large", f"decompressed body exceeds {limit} bytes")
    if not d.eof or d.unused_data:
        raise WireError(400, "truncated", "gzip body is truncated or has trailing bytes")
    return out


def encode_chunk(envelope: dict) -> bytes:
    return gzip_bytes(dumps(envelope))


def content_hash(records: list[dict]) -> str:
    """sha256 over the canonical records, one per line, in seq order: the batch's fingerprint."""
    h = hashlib.sha256()
    for rec in records:
        h.update(dumps(rec))
        h.update(b"\n")
    return h.hexdigest()


def digest_line(record_id: str, version: int, data: dict) -> str:
    """One record in a content digest: id, version and the sha256 of its canonical data."""
    return f"{record_id} {version} {data_hash(data)}"


def data_hash(data: dict) -> str:
    """sha256 of a record's canonical data: what a pruned outbox row keeps of its payload."""
    return hashlib.sha256(dumps(data)).hexdigest()


def digest_fold(lines: list[str]) -> dict:
    """A kind's content digest: how many records and a sha256 over their sorted lines."""
    h = hashlib.sha256()
    for x in sorted(lines):
        h.update(x.encode() + b"\n")
    return {"records": len(lines), "sha256": h.hexdigest()}


def parse_envelope(raw: bytes, *, max_records: int) -> dict:
    """JSON bytes -> checked envelope dict. Raises WireError(400/413/422)."""
    try:
        env = jsontext.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WireError(400, "bad_json", f"body is not JSON: {exc}") from None
    except RecursionError:
        raise WireError(400, "bad_json", "body is not JSON: nested too deeply") from None
    if not isinstance(env, dict):
        raise WireError(400, "bad_envelope", "body must be a JSON object")
    if env.get("schema_version") not in SUPPORTED_SCHEMAS:
        raise WireError(422, "schema_version",
                        f"unknown schema_version {env.get('schema_version')!r}; "
                        f"this receiver speaks {list(SUPPORTED_SCHEMAS)}")
    missing = [k for k in ENVELOPE_KEYS if k not in env]
    if missing:
        raise WireError(400, "bad_envelope", f"missing fields: {', '.join(missing)}")
    _check_envelope_fields(env)
    if len(env["records"]) > max_records:
        raise WireError(413, "too_many_records",
                        f"{len(env['records'])} records in one chunk; at most {max_records}")
    return env


def _check_envelope_fields(env: dict) -> None:
    checks = [
        (isinstance(env["site"], str) and SITE_RE.fullmatch(env["site"]), "site code is malformed"),
        (isinstance(env["batch_id"], str) and BATCH_ID_RE.fullmatch(env["batch_id"]),
         "batch_id must be 32 lower-case hex digits"),
        (_is_int(env["chunks"]) and 1 <= env["chunks"] <= MAX_INT,
         f"chunks must be an integer from 1 to {MAX_INT}"),
        (_is_int(env["chunk"]) and _is_int(env["chunks"]) and 0 <= env["chunk"] < env["chunks"],
         "chunk must be an integer in 0..chunks-1"),
        (isinstance(env["period"], str) and PERIOD_RE.fullmatch(env["period"]),
         "period must be YYYY-MM"),
        (isinstance(env["records"], list), "records must be a list"),
        (_is_int(env.get("device", 1)) and 1 <= env.get("device", 1) <= MAX_DEVICE,
         f"device must be an integer in 1..{MAX_DEVICE}"),
    ]
    for ok, reason in checks:
        if not ok:
            raise WireError(400, "bad_envelope", reason)


def device_of(env: dict) -> int:
    """The device that sent an envelope; envelopes from before devices are device 1's."""
    return env.get("device", 1)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def fits_int(v) -> bool:
    """An integer the county's seq and version (BIGINT) columns can hold (a rejected record's
    seq is kept too)."""
    return _is_int(v) and -MAX_BIG - 1 <= v <= MAX_BIG


def may_hold_surrogates(raw: bytes) -> bool:
    """Whether a JSON body could decode to a string with a lone surrogate: only through a
    \\uD800-\\uDFFF escape or surrogate bytes (json.loads reads bytes with 'surrogatepass').
    A body without either needs no search of every record's texts."""
    return _SURROGATE_IN_JSON.search(raw) is not None


def check_record_envelope(rec, *, surrogates: bool = True) -> str | None:
    """The reason a record's envelope is unusable, or None. Per-record: rejects one, not all.
    surrogates=False: the body was seen to hold none (may_hold_surrogates)."""
    if not isinstance(rec, dict):
        return "record is not a JSON object"
    if not _is_int(rec.get("seq")) or not 1 <= rec["seq"] <= MAX_BIG:
        return f"seq must be an integer from 1 to {MAX_BIG}"
    if not isinstance(rec.get("kind"), str) or not KIND_RE.fullmatch(rec["kind"]):
        return "kind is missing or malformed"
    if not isinstance(rec.get("id"), str) or not RECORD_ID_RE.fullmatch(rec["id"]):
        return "id must be 32 lower-case hex digits"
    if not _is_int(rec.get("version")) or not 1 <= rec["version"] <= MAX_BIG:
        return f"version must be an integer from 1 to {MAX_BIG}"
    if rec.get("op") not in OPS:
        return "op must be upsert or delete"
    if not isinstance(rec.get("data", {}), dict):
        return "data must be a JSON object"
    return data_problem(rec.get("data") or {}, surrogates=surrogates)


def data_problem(value, depth: int = 0, *, surrogates: bool = True) -> str | None:
    """Why a record's data cannot be stored as text, or None: too deep, or a lone surrogate
    (JSON lets "\\ud800" through; no database encodes it as UTF-8)."""
    if isinstance(value, str):
        if not surrogates:
            return None
        return "data holds a lone surrogate (invalid Unicode)" if _SURROGATE.search(value) else None
    if type(value) is dict and depth < MAX_DEPTH and not any(
            type(v) in (dict, list) for v in value.values()):
        # a flat object, nearly every record: one search over its texts, not a call per field
        if not surrogates:
            return None
        texts = "".join(x for pair in value.items() for x in pair if type(x) is str)
        return data_problem(texts, depth)
    if isinstance(value, (dict, list)):
        if depth >= MAX_DEPTH:
            return f"data nests deeper than {MAX_DEPTH} levels"
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            why = data_problem(key, depth, surrogates=surrogates) if isinstance(key, str) else None
            why = why or data_problem(item, depth + 1, surrogates=surrogates)
            if why:
                return why
    return None
