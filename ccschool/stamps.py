"""Record keys and time stamps, without the ORM: plain-SQL writers (the check-in desk) and the
record models share them, and the desk must not wait for the models to be built."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_id() -> str:
    return uuid.uuid4().hex
