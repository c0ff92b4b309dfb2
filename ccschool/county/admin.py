"""Sites, their upload tokens and the county's key pairs."""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from ccschool.county import schema as t
from ccschool.county.store import now_iso
from ccschool.sync import batchfile
from ccschool.sync.wire import SITE_RE


class AdminError(ValueError):
    pass


def new_token_text() -> str:
    """A random upload token that never starts with "-": typed after `--token` on a command
    line, a leading dash would read as an option (a test failed that way one run in 64)."""
    while True:
        token = secrets.token_urlsafe(32)
        if not token.startswith("-"):
            return token


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_site(engine: Engine, code: str, name: str) -> str:
    """Register a site and return its upload token (shown once; only its hash is kept)."""
    if not SITE_RE.fullmatch(code or ""):
        raise AdminError(f"site code {code!r} must be 1-32 letters, digits or '-'")
    token = new_token_text()
    with engine.begin() as conn:
        if conn.execute(select(t.site.c.code).where(t.site.c.code == code)).first():
            raise AdminError(f"site {code} is already registered")
        conn.execute(insert(t.site).values(
            code=code, name=name, token_hash=token_hash(token),
            sign_key=batchfile.signing_key(token).hex(), created_at=now_iso()))
    return token


def site_for_token(engine: Engine, token: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(t.site.c.code)
                            .where(t.site.c.token_hash == token_hash(token))).scalar()


def sign_key(engine: Engine, code: str) -> bytes | None:
    with engine.connect() as conn:
        hexkey = conn.execute(select(t.site.c.sign_key).where(t.site.c.code == code)).scalar()
    return bytes.fromhex(hexkey) if hexkey else None


def keygen(engine: Engine, pair: tuple[bytes, bytes] | None = None) -> tuple[str, bytes]:
    """Make (or store the given) county key pair; return (key id, public PEM for sites)."""
    private, public = pair or batchfile.generate_county_keys()
    kid = batchfile.key_id(public)
    with engine.begin() as conn:
        conn.execute(insert(t.county_key).values(key_id=kid, private_pem=private,
                                                 public_pem=public, created_at=now_iso()))
    return kid, public


def private_pem(engine: Engine, kid: str) -> bytes | None:
    with engine.connect() as conn:
        return conn.execute(select(t.county_key.c.private_pem)
                            .where(t.county_key.c.key_id == kid)).scalar()


def import_file(engine: Engine, ingestor, data: bytes) -> dict:
    """Verify, decrypt and store a .ccsbatch file; BatchFileError if it is refused."""
    env = batchfile.read(data, sign_key_for=lambda code: sign_key(engine, code),
                         private_pem_for=lambda kid: private_pem(engine, kid))
    return ingestor.batch_file(site=env["site"], env=env)


def new_token(engine: Engine, code: str) -> str:
    """A fresh upload token for a site; the old one stops working at once."""
    token = new_token_text()
    with engine.begin() as conn:
        done = conn.execute(update(t.site).where(t.site.c.code == code).values(
            token_hash=token_hash(token), sign_key=batchfile.signing_key(token).hex()))
        if done.rowcount != 1:
            raise AdminError(f"site {code} is not registered")
    return token


def revoke_token(engine: Engine, code: str) -> None:
    """No token works for the site any more (a stolen laptop) until a new one is issued."""
    new_token(engine, code)  # nobody ever sees this one


def public_key(engine: Engine) -> tuple[str, bytes] | None:
    """The newest county key pair's (key id, public PEM), if keygen was run."""
    with engine.connect() as conn:
        row = conn.execute(select(t.county_key.c.key_id, t.county_key.c.public_pem)
                           .order_by(t.county_key.c.created_at.desc()).limit(1)).first()
    return (row.key_id, row.public_pem) if row else None
