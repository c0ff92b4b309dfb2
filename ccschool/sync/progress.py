"""How far an upload has got: chunks and records sent of what was waiting when it started.

`push()` reports each acknowledged chunk; this turns those reports into totals a progress bar
can show. The plan is read once before sending (after the corrections are sealed), so the
totals do not move while the bar fills.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select


@dataclass
class UploadProgress:
    chunks_total: int = 0
    records_total: int = 0
    chunks_done: int = 0
    records_done: int = 0
    period: str = ""
    batch_chunk: int = 0   # chunks of the current batch acknowledged so far
    batch_chunks: int = 0  # chunks in the current batch
    _records: dict[tuple[str, int], int] = field(default_factory=dict, repr=False)
    _acked: dict[str, int] = field(default_factory=dict, repr=False)

    @classmethod
    def plan(cls, db) -> "UploadProgress":
        """What is waiting: every unacknowledged chunk of every batch not yet done."""
        from ccschool.models import UploadBatch, UploadChunk
        from ccschool.sync.sealing import published

        with db.read() as s:
            rows = s.execute(select(UploadChunk.batch_id, UploadChunk.n, UploadChunk.record_count,
                                    UploadChunk.acked_at.is_not(None))
                             .join(UploadBatch, UploadBatch.id == UploadChunk.batch_id)
                             .where(UploadBatch.state != "done", published())).all()
        p = cls()
        for batch_id, n, records, acked in rows:
            p._acked[batch_id] = p._acked.get(batch_id, 0) + bool(acked)
            if not acked:
                p._records[(batch_id, n)] = records
        p.chunks_total, p.records_total = len(p._records), sum(p._records.values())
        return p

    def advance(self, event: dict) -> "UploadProgress":
        """Count one acknowledged chunk (an event from push's progress callback)."""
        self.chunks_done += 1
        self.records_done += self._records.get((event["batch_id"], event["chunk"]), 0)
        self._acked[event["batch_id"]] = self._acked.get(event["batch_id"], 0) + 1
        self.period = event["period"]
        self.batch_chunk, self.batch_chunks = self._acked[event["batch_id"]], event["chunks"]
        return self

    def snapshot(self) -> dict:
        return {"chunks_done": self.chunks_done, "chunks_total": self.chunks_total,
                "records_done": self.records_done, "records_total": self.records_total,
                "period": self.period, "batch_chunk": self.batch_chunk,
                "batch_chunks": self.batch_chunks}
