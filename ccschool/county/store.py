"""Opening the county database from any SQLAlchemy URL (SQLite by default)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, event, func, insert, literal, select
from sqlalchemy.engine import Connection, Engine

from ccschool.county import rollup
from ccschool.county.schema import metadata

DEFAULT_URL = "sqlite:///county.db"


def normalise_url(db: str | None) -> str:
    """Accept a plain file path as well as a URL: `--db county.db` is what people type."""
    if not db:
        return DEFAULT_URL
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).resolve()}"


def open_store(db: str | None = None) -> Engine:
    url = normalise_url(db)
    is_sqlite = url.startswith("sqlite")
    engine = create_engine(url, connect_args={"check_same_thread": False} if is_sqlite else {})
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    # The reference receiver's schema is small and only grows by new tables, so create_all
    # (idempotent) is enough here; the site's database is the one that needs Alembic.
    metadata.create_all(engine)
    _upgrade(engine)
    return engine


def _upgrade(engine: Engine) -> None:
    """Changes to tables that existed before devices (create_all adds only new tables)."""
    from ccschool.county import schema as t

    with engine.begin() as conn:
        for index in (t.ix_record_version_pull, t.ix_current_pair):
            index.create(conn, checkfirst=True)
        if engine.dialect.name == "postgresql":  # hybrid-clock versions need 64 bits
            for table, column in (("record_version", "version"), ("record_version", "seq"),
                                  ("record_current", "version"), ("rejection", "version"),
                                  ("rejection", "seq")):
                kind = conn.exec_driver_sql(
                    "SELECT data_type FROM information_schema.columns "
                    "WHERE table_name = %s AND column_name = %s", (table, column)).scalar()
                if kind == "integer":
                    conn.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE BIGINT")
            _leave_room(conn)
        if conn.execute(select(t.seq_range.c.seq_to).limit(1)).first() is None:
            _fold_seqs(conn)
        # A database from before the roll-ups gets them built over its records, once.
        rollup.ensure_built(conn, now_iso())


# Roll-up rows every chunk rewrites in place (a session's learners, a learner's months): with
# room left on each page PostgreSQL writes the new row version beside the old one and skips
# the indexes (a HOT update), which took a third off the learner-year upsert of each chunk.
ROOMY = {"roll_session": 50, "roll_learner_year": 50, "roll_class_month": 50}


def _leave_room(conn: Connection) -> None:
    """Set ROOMY's fill factors where they are not set yet (new tables, and databases from
    before them; rows already stored keep their pages until rewritten)."""
    for table, fill in ROOMY.items():
        options = conn.exec_driver_sql(
            "SELECT reloptions FROM pg_class WHERE oid = to_regclass(%s)",
            (table,)).scalar() or []
        if f"fillfactor={fill}" not in options:
            conn.exec_driver_sql(f"ALTER TABLE {table} SET (fillfactor = {fill})")


def _fold_seqs(conn: Connection) -> None:
    """Sequence numbers stored one per row (device_seq; before devices seen_seq, all device
    1's) become runs of consecutive numbers with one status (seq_range), once."""
    from ccschool.county import schema as t

    if conn.execute(select(t.device_seq.c.seq).limit(1)).first() is not None:
        one = select(t.device_seq.c.site, t.device_seq.c.device, t.device_seq.c.seq,
                     t.device_seq.c.status)
    else:
        one = select(t.seen_seq.c.site, literal(1).label("device"), t.seen_seq.c.seq,
                     t.seen_seq.c.status)
    numbered = one.subquery("one")
    # gaps and islands: within one (site, device, status), consecutive numbers share seq - rank
    island = (numbered.c.seq - func.row_number().over(
        partition_by=(numbered.c.site, numbered.c.device, numbered.c.status),
        order_by=numbered.c.seq)).label("island")
    x = select(numbered, island).subquery("x")
    conn.execute(insert(t.seq_range).from_select(
        ["site", "device", "seq_from", "seq_to", "status"],
        select(x.c.site, x.c.device, func.min(x.c.seq), func.max(x.c.seq), x.c.status)
        .group_by(x.c.site, x.c.device, x.c.status, x.c.island)))


# Pages the write-ahead log may hold before a commit copies them into the database file
# (SQLite's default is 1,000, 4 MB). A 1,000-record chunk dirties a page of every random-key
# index (record ids, session-learner pairs) per record or so, the same pages chunk after chunk:
# a checkpoint writes each page once however many chunks rewrote it since the last one, so the
# longer the log, the fewer times an index page is copied. 1,000 pages: past a few thousand
# records every commit ran a checkpoint; 10,000: one every few chunks past 20,000 records, 30-50
# ms each; 40,000 (160 MB of log): 50,000 records in 16,300-17,500 -> 22,000-23,800 records/s
# together with CHUNK_CACHE_KIB (in-process, load 6.5). Each commit still syncs the log
# (synchronous=FULL): an acknowledged chunk is as safe as before.
WAL_PAGES = 40_000

# Page cache while a chunk is stored (SQLite's default is 2 MB, 500 pages). A chunk dirties
# thousands of index pages once the county holds tens of thousands of records; past the cache
# SQLite spills them to the log mid-transaction, and writes them again when the same page
# changes once more. Raised for the chunk's transaction only (ingest), as the site's batching
# does: every pooled connection at 64 MB would hold that much per connection for good.
CHUNK_CACHE_KIB = 65_536


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # an acknowledged chunk must survive a power cut
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute(f"PRAGMA wal_autocheckpoint={WAL_PAGES}")
    cur.close()


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
