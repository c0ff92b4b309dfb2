"""What a batch still being sealed means to everyone else (one rule, read by status, upload,
USB export and the site's counts).

Month close writes a batch's outbox rows in steps (sync/batching.py) under the `sealing` state
and flips it to pending in one short transaction. Until then the batch is nowhere: its month is
not closed, nothing sends, exports or lists it, and its rows still count as waiting — also when
the close was killed and the next close has not finished it yet. Rows of a roster import
still being written are not waiting either (sync/pending_import.py).
"""
from __future__ import annotations

from sqlalchemy import and_, or_, select

from ccschool.sync.pending_import import OUTBOX_VISIBLE_SQL, outbox_visible

SEALING = "sealing"  # UploadBatch.state while its rows are being written
# The same rule as plain SQL, for the status bar's first paint (services/first_paint.py), which
# must not pay for building the record classes.
UNSEALED_SQL = ("((batch_id IS NULL OR batch_id IN "
                f"(SELECT id FROM upload_batch WHERE state = '{SEALING}')) "
                f"AND {OUTBOX_VISIBLE_SQL})")


def unsealed():
    """Outbox rows not in a published batch: waiting (no batch), or in a batch still being
    sealed; never those of a roster import still being written."""
    from ccschool.models import OutboxEntry, UploadBatch
    return and_(or_(OutboxEntry.batch_id.is_(None), OutboxEntry.batch_id.in_(
        select(UploadBatch.id).where(UploadBatch.state == SEALING))), outbox_visible())


def published():
    """Batches a close has finished: what is closed, sent, exported and listed."""
    from ccschool.models import UploadBatch
    return UploadBatch.state != SEALING
