"""Writing a sealed batch to a `.ccsbatch` file for a USB stick (format: batchfile.py)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from ccschool import audit
from ccschool.sync import hlc
from ccschool.errors import NotFound, ValidationError
from ccschool.fileio import write_bytes_atomic
from ccschool.models import UploadBatch
from ccschool.services.site import get_site
from ccschool.sync import batchfile, batching, sealing
from ccschool.sync.setup import WHERE_TO_SET


def pick_batch(s, period: str) -> UploadBatch:
    """The month's oldest batch the county has not acknowledged, else its main batch."""
    batching.check_period(period)
    batches = list(s.scalars(select(UploadBatch).where(UploadBatch.period == period,
                                                      sealing.published())
                             .order_by(UploadBatch.created_at)))
    if not batches:
        raise NotFound("{p} 尚未月结，请先月结这个月", "{p} is not closed yet; close the month first",
                       p=period, field="period")
    unsent = [b for b in batches if b.state != "done"]
    return (unsent or batches)[0]


def export_month(db, *, period: str, out: str | Path) -> dict:
    """Encrypt and sign the month's batch into `out`; the batch is marked exported."""
    with db.read() as s:
        site = get_site(s)
        if not site.county_public_key or not site.upload_token:
            raise ValidationError(
                "缺少县平台公钥或上传令牌，无法生成加密文件：" + WHERE_TO_SET[0],
                "The county public key or upload token is missing: " + WHERE_TO_SET[1],
                field="county_public_key")
        batch = pick_batch(s, period)
        envelope = batching.whole_batch(s, batch)
        data = batchfile.write(envelope, sign_key=batchfile.signing_key(site.upload_token),
                               county_public_pem=site.county_public_key)
    hlc.mark_sent(db)
    write_bytes_atomic(out, data)
    with db.transaction(actor="sync") as s:
        b = s.get(UploadBatch, batch.id)
        if b.state != "done":
            b.state = "exported"
            s.add(b)
        audit.record(s, "sync.export", "upload_batch", b.id,
                     after={"period": period, "file": str(out), "records": b.record_count})
    return {"batch_id": batch.id, "period": period, "records": batch.record_count,
            "file": str(out), "bytes": len(data)}
