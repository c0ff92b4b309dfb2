"""The `.ccsbatch` file: one month's batch for a USB stick, readable only by the county.

Layout (PROTOCOL.md has the why):

    MAGIC | manifest length (4 bytes, big-endian) | manifest JSON | ciphertext | HMAC-SHA256 (32)

The ciphertext is AES-256-GCM of the gzip JSON batch body, under a fresh key per file; that key
is wrapped with the county's RSA-OAEP public key (as ODK does for encrypted forms). The manifest
is the GCM associated data, and the HMAC (keyed by the site's signing key, derived from its
upload token) covers every byte before it, so any change to any byte is refused.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
from collections.abc import Callable
from datetime import datetime, timezone

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ccschool.sync import wire

MAGIC = b"CCSBATCH1\n"
FORMAT = 1
MAX_FILE_PLAINTEXT = 512 * 1024 * 1024
_OAEP = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


class BatchFileError(ValueError):
    """The file cannot be accepted; `reason` says why in plain words (English, for IT staff)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def signing_key(token: str) -> bytes:
    """The site's file-signing key: HMAC of the upload token, so no second secret to hand out."""
    return hmac.new(token.encode(), b"ccschool batch file signing v1", hashlib.sha256).digest()


def generate_county_keys() -> tuple[bytes, bytes]:
    """(private PEM, public PEM) for a new 3072-bit RSA county key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public


def key_id(public_pem: bytes | str) -> str:
    """A short fingerprint naming the county key a file was encrypted for."""
    pem = public_pem.encode() if isinstance(public_pem, str) else public_pem
    der = serialization.load_pem_public_key(pem).public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()[:32]


def write(envelope: dict, *, sign_key: bytes, county_public_pem: bytes | str) -> bytes:
    """The whole file as bytes, for one batch envelope (chunk 0 of 1 with every record)."""
    pem = county_public_pem.encode() if isinstance(county_public_pem, str) else county_public_pem
    public = serialization.load_pem_public_key(pem)
    if not isinstance(public, rsa.RSAPublicKey):
        raise BatchFileError("bad_key", "the county public key is not an RSA key")
    plaintext = wire.encode_chunk(envelope)
    file_key, nonce = AESGCM.generate_key(bit_length=256), os.urandom(12)
    manifest = _manifest(envelope, public.encrypt(file_key, _OAEP), nonce, key_id(pem))
    head = MAGIC + struct.pack(">I", len(manifest)) + manifest
    body = head + AESGCM(file_key).encrypt(nonce, plaintext, head)
    return body + hmac.new(sign_key, body, hashlib.sha256).digest()


def _manifest(env: dict, wrapped: bytes, nonce: bytes, kid: str) -> bytes:
    return wire.dumps({
        "format": FORMAT, "site": env["site"], "batch_id": env["batch_id"],
        "period": env["period"], "schema_version": env["schema_version"],
        "record_count": len(env["records"]), "content_hash": wire.content_hash(env["records"]),
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cipher": "AES-256-GCM", "key_wrap": "RSA-OAEP-SHA256", "key_id": kid,
        "wrapped_key": base64.b64encode(wrapped).decode(), "nonce": base64.b64encode(nonce).decode(),
        "signature": "HMAC-SHA256",
    })


def read_manifest(data: bytes) -> tuple[dict, bytes]:
    """(manifest, header bytes). Only framing is checked here; nothing is trusted yet."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4 + 32:
        raise BatchFileError("not_batch_file", "not a ccschool batch file (.ccsbatch)")
    (n,) = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])
    end = len(MAGIC) + 4 + n
    if end + 32 > len(data):
        raise BatchFileError("truncated", "the batch file is truncated")
    try:
        manifest = json.loads(data[len(MAGIC) + 4:end])
        assert isinstance(manifest, dict) and manifest.get("format") == FORMAT
    except (ValueError, AssertionError, RecursionError):  # RecursionError: nesting 100,000 deep
        raise BatchFileError("bad_manifest", "the batch file's manifest is unreadable") from None
    return manifest, data[:end]


def read(data: bytes, *, sign_key_for: Callable[[str], bytes | None],
         private_pem_for: Callable[[str], bytes | None]) -> dict:
    """Verify, decrypt and return the batch envelope; BatchFileError if anything is off."""
    manifest, head = read_manifest(data)
    key = sign_key_for(str(manifest.get("site")))
    if key is None:
        raise BatchFileError("unknown_site", f"site {manifest.get('site')!r} is not registered")
    signed, tag = data[:-32], data[-32:]
    if not hmac.compare_digest(hmac.new(key, signed, hashlib.sha256).digest(), tag):
        raise BatchFileError("bad_signature",
                             "signature check failed: the file was altered or not made by this site")
    plaintext = _decrypt(manifest, head, signed[len(head):], private_pem_for)
    env = wire.parse_envelope(wire.gunzip_limited(plaintext, MAX_FILE_PLAINTEXT),
                              max_records=10**7)
    _check_matches(manifest, env)
    return env


def _decrypt(manifest: dict, head: bytes, ciphertext: bytes,
             private_pem_for: Callable[[str], bytes | None]) -> bytes:
    pem = private_pem_for(str(manifest.get("key_id")))
    if pem is None:
        raise BatchFileError("unknown_key",
                             "the file was encrypted for a county key this receiver does not hold")
    private = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(private, rsa.RSAPrivateKey):  # county/admin.py makes RSA keys only
        raise BatchFileError("bad_key", "the county key the file names is not an RSA key")
    try:
        file_key = private.decrypt(base64.b64decode(manifest["wrapped_key"]), _OAEP)
        return AESGCM(file_key).decrypt(base64.b64decode(manifest["nonce"]), ciphertext, head)
    except (InvalidTag, ValueError, KeyError):
        raise BatchFileError("bad_ciphertext", "the file cannot be decrypted: altered or damaged") from None


def _check_matches(manifest: dict, env: dict) -> None:
    for field in ("site", "batch_id", "period", "schema_version"):
        if manifest.get(field) != env.get(field):
            raise BatchFileError("mismatch", f"manifest and contents disagree on {field}")
    if manifest.get("content_hash") != wire.content_hash(env["records"]):
        raise BatchFileError("mismatch", "content hash does not match the manifest")
