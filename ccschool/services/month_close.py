"""月结 as a person runs it, from the Sync page or `ccschool sync close-month`.

A sealed month must be recoverable as it was, so a backup comes first: no backup, no close.
The sealing itself is sync.batching's (planned in a read, written in steps, then one short
flip). The desktop app runs the two steps on different workers (the backup only reads, for
tens of seconds on a big file; the sealing writes), so they are also offered one by one.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ccschool.errors import CCSError
from ccschool.safety.backup import backup_before
from ccschool.sync.batching import STEP_ROWS, close_month_in_steps

if TYPE_CHECKING:
    from ccschool.models import UploadBatch


def backup_before_close(data_dir: str | Path) -> None:
    """The backup before sealing; any failure stops the close with a message in words."""
    try:
        backup_before(data_dir, "month-close")
    except CCSError:
        raise
    except Exception as exc:  # noqa: BLE001 - any backup failure stops the close, in words
        raise CCSError("月结前备份失败，未月结：{e}", "The backup before the month close failed; "
                       "nothing was closed: {e}", e=exc) from exc


def seal(db, *, period: str, actor: str | None,
         step_rows: int | None = None) -> list[UploadBatch]:
    """Seal every month up to `period` into upload batches (with the corrections since).
    step_rows: outbox rows per write transaction (default STEP_ROWS; the kill test's 1)."""
    return close_month_in_steps(db, period=period, actor=actor,
                                step_rows=max(1, step_rows or STEP_ROWS))


def close_month(db, data_dir: str | Path, *, period: str, actor: str | None,
                step_rows: int | None = None) -> list[UploadBatch]:
    """The whole 月结: the backup, then the sealing. Returns the new upload batches."""
    backup_before_close(data_dir)
    return seal(db, period=period, actor=actor, step_rows=step_rows)
