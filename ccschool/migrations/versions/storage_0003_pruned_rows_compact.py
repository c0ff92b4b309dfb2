"""storage: pruned outbox rows keyed by seq, their kind as a code, "accepted" as NULL

Revision ID: storage_0003
Revises: storage_0002

A million pruned rows (a year of a 100,000-learner site) were 142 MB, the largest table after
attendance; the same rows are 102 MB keyed by seq in a rowid table (appended rows fill their
pages; the WITHOUT ROWID (chunk_id, seq) key split them), with the kind as a one-byte code
(sync/prune.py PRUNED_KINDS, copied here as it stood: a migration must not follow later code)
and the result of nearly every row, "accepted", as NULL.
"""
from alembic import op


revision = "storage_0003"
down_revision = "storage_0002"
branch_labels = None
depends_on = None

KINDS = ("site", "device", "venue", "person", "instructor", "learner", "learning_card",
         "course_class", "class_session", "enrollment", "attendance", "service_record",
         "certificate", "satisfaction_score")
_TO_CODE = "CASE kind " + " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KINDS)) + \
    " ELSE kind END"
_TO_TEXT = "CASE kind " + " ".join(f"WHEN {i} THEN '{k}'" for i, k in enumerate(KINDS)) + \
    " ELSE kind END"


def _rebuild(create: str, select: str) -> None:
    op.execute("ALTER TABLE outbox_pruned RENAME TO outbox_pruned_old")
    op.execute(create)
    op.execute(f"INSERT INTO outbox_pruned {select} FROM outbox_pruned_old ORDER BY seq")
    op.execute("DROP TABLE outbox_pruned_old")


def upgrade() -> None:
    _rebuild("CREATE TABLE outbox_pruned (seq INTEGER NOT NULL, chunk_id INTEGER NOT NULL, "
             "kind INTEGER NOT NULL, record_id BLOB NOT NULL, version INTEGER NOT NULL, "
             "result VARCHAR, digest BLOB NOT NULL, erased_digest BLOB, PRIMARY KEY (seq))",
             f"SELECT seq, chunk_id, {_TO_CODE}, record_id, version, nullif(result, 'accepted'), "
             "digest, erased_digest")


def downgrade() -> None:
    _rebuild("CREATE TABLE outbox_pruned (chunk_id INTEGER NOT NULL, seq INTEGER NOT NULL, "
             "kind VARCHAR NOT NULL, record_id BLOB NOT NULL, version INTEGER NOT NULL, "
             "result VARCHAR NOT NULL, digest BLOB NOT NULL, erased_digest BLOB, "
             "PRIMARY KEY (chunk_id, seq)) WITHOUT ROWID",
             f"SELECT chunk_id, seq, {_TO_TEXT}, record_id, version, "
             "coalesce(result, 'accepted'), digest, erased_digest")
