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

SCHEMA_VERSION = 1
SUPPORTED_SCHEMAS = (1,)
OPS = ("upsert", "delete")
PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
BATCH_ID_RE = re.compile(r"^[0-9a-f]{32}$")
RECORD_ID_RE = re.compile(r"^[0-9a-f]{32}$")
KIND_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SITE_RE = re.compile(r"^[A-Za-z0-9-]{1,32}$")
ENVELOPE_KEYS = ("schema_version", "site", "batch_id", "chunk", "chunks", "period", "records")


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


def parse_envelope(raw: bytes, *, max_records: int) -> dict:
    """JSON bytes -> checked envelope dict. Raises WireError(400/413/422)."""
    try:
        env = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WireError(400, "bad_json", f"body is not JSON: {exc}") from None
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
        (isinstance(env["site"], str) and SITE_RE.match(env["site"]), "site code is malformed"),
        (isinstance(env["batch_id"], str) and BATCH_ID_RE.match(env["batch_id"]),
         "batch_id must be 32 lower-case hex digits"),
        (_is_int(env["chunks"]) and env["chunks"] >= 1, "chunks must be a positive integer"),
        (_is_int(env["chunk"]) and _is_int(env["chunks"]) and 0 <= env["chunk"] < env["chunks"],
         "chunk must be an integer in 0..chunks-1"),
        (isinstance(env["period"], str) and PERIOD_RE.match(env["period"]),
         "period must be YYYY-MM"),
        (isinstance(env["records"], list), "records must be a list"),
    ]
    for ok, reason in checks:
        if not ok:
            raise WireError(400, "bad_envelope", reason)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def check_record_envelope(rec) -> str | None:
    """The reason a record's envelope is unusable, or None. Per-record: rejects one, not all."""
    if not isinstance(rec, dict):
        return "record is not a JSON object"
    if not _is_int(rec.get("seq")) or rec["seq"] < 1:
        return "seq must be a positive integer"
    if not isinstance(rec.get("kind"), str) or not KIND_RE.match(rec["kind"]):
        return "kind is missing or malformed"
    if not isinstance(rec.get("id"), str) or not RECORD_ID_RE.match(rec["id"]):
        return "id must be 32 lower-case hex digits"
    if not _is_int(rec.get("version")) or rec["version"] < 1:
        return "version must be a positive integer"
    if rec.get("op") not in OPS:
        return "op must be upsert or delete"
    if not isinstance(rec.get("data", {}), dict):
        return "data must be a JSON object"
    return None
