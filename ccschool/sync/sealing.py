"""What a batch still being sealed means to everyone else (one rule, read by status, upload,
USB export and the site's counts).

Month close writes a batch's outbox rows in steps (sync/batching.py) under the `sealing` state
and flips it to pending in one short transaction. Until then the batch is nowhere: its month is
not closed, nothing sends, exports or lists it, and its rows still count as waiting — also when
the close was killed and the next close has not finished it yet.
"""
from __future__ import annotations

from sqlalchemy import or_, select

from ccschool.models import OutboxEntry, UploadBatch

SEALING = "sealing"  # UploadBatch.state while its rows are being written


def unsealed():
    """Outbox rows not in a published batch: waiting (no batch), or in a batch still being
    sealed."""
    return or_(OutboxEntry.batch_id.is_(None), OutboxEntry.batch_id.in_(
        select(UploadBatch.id).where(UploadBatch.state == SEALING)))


def published():
    """Batches a close has finished: what is closed, sent, exported and listed."""
    return UploadBatch.state != SEALING
