"""The county's tables: SQLAlchemy Core with its own MetaData, separate from the site's models.

Core, not the ORM: a chunk of 500 records is a handful of executemany calls, which is what
keeps the receiver well above 2,000 records/s on SQLite.
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary,
                        MetaData, String, Table, Text, UniqueConstraint)

from ccschool.county.columns import (
                        day,
                        digest,
                        hex_id,
                        month,
                        record_kind,
                        site_code,
                        stamp,
)

metadata = MetaData()

site = Table(
    "site", metadata,
    site_code("code", primary_key=True),
    Column("name", String(200), nullable=False),
    # Only a hash of the bearer token is kept; a leaked county database gives no upload access.
    digest("token_hash", nullable=False, unique=True),
    # HMAC key for the site's USB batch files, derived from the token (see PROTOCOL.md).
    digest("sign_key", nullable=False),
    stamp("created_at", nullable=False),
)

county_key = Table(
    "county_key", metadata,
    Column("key_id", String(32), primary_key=True),
    Column("private_pem", LargeBinary, nullable=False),
    Column("public_pem", LargeBinary, nullable=False),
    stamp("created_at", nullable=False),
)

batch = Table(
    "batch", metadata,
    hex_id("batch_id", primary_key=True),
    site_code("site", ForeignKey("site.code"), nullable=False, index=True),
    month("period", nullable=False),
    Column("chunks", Integer, nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("source", String(8), nullable=False),  # http | file
    stamp("first_at", nullable=False),
    stamp("last_at", nullable=False),
    stamp("complete_at"),
)

chunk = Table(
    "chunk", metadata,
    hex_id("batch_id", ForeignKey("batch.batch_id"), primary_key=True),
    Column("n", Integer, primary_key=True),
    digest("body_sha256", nullable=False),
    Column("answer", Text, nullable=False),  # the JSON answer, replayed for an identical resend
    stamp("received_at", nullable=False),
)

record_version = Table(
    "record_version", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    hex_id("record_id", nullable=False),
    # Versions are hybrid-clock values (ccschool/sync/hlc.py): 64-bit.
    Column("version", BigInteger, nullable=False),
    site_code("site", nullable=False),
    record_kind("kind", nullable=False),
    Column("op", String(8), nullable=False),
    Column("seq", BigInteger, nullable=False),
    hex_id("batch_id", nullable=False),
    month("period", nullable=False),
    Column("data", Text, nullable=False),
    stamp("received_at", nullable=False),
    # The heart of idempotency: a record is stored once per (id, version), whatever is resent.
    UniqueConstraint("record_id", "version", name="ux_record_version"),
    Index("ix_record_version_month", "site", "period", "kind"),
)

# The newest version of each record, with the few fields the county aggregates pulled out of
# the JSON so monthly figures are plain SQL on SQLite and PostgreSQL alike.
record_current = Table(
    "record_current", metadata,
    hex_id("record_id", primary_key=True),
    site_code("site", nullable=False),
    record_kind("kind", nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    day("day"),       # attendance.session_date, class_session.date, ...
    Column("status", String(16)),    # attendance.status
    hex_id("ref_id"),    # attendance.session_id
    hex_id("subject_id"),  # attendance.learner_id
    Column("hours", Float),          # class_session.hours, service_record.hours
    Column("data", Text, nullable=False),
    Index("ix_current_day", "site", "kind", "day"),
)

# Every sequence number the county has seen from a site, whatever became of the record:
# what is missing from here is a gap the site must explain.
seen_seq = Table(
    "seen_seq", metadata,
    site_code("site", primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("status", String(10), nullable=False),  # accepted | duplicate | rejected
)

rejection = Table(
    "rejection", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    site_code("site", nullable=False, index=True),
    hex_id("batch_id", nullable=False),
    Column("seq", BigInteger),
    Column("record_id", String(64)),
    Column("version", BigInteger),
    Column("reason", Text, nullable=False),
    stamp("received_at", nullable=False),
)

# Every sequence number seen from each device of a site (sequences are per device since a site
# may have several laptops; PROTOCOL.md). Supersedes seen_seq, whose rows are device 1's; itself
# superseded by seq_range (kept only for the upgrade of a county database from before runs).
device_seq = Table(
    "device_seq", metadata,
    site_code("site", primary_key=True),
    Column("device", Integer, primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("status", String(10), nullable=False),
)

# The sequence numbers seen from each device of a site, as runs: seq_from..seq_to were all seen,
# each first with `status`. A chunk of a thousand numbers is one row, not a thousand (writing
# those rows cost the receiver a tenth of its time). Supersedes device_seq, whose rows
# store._upgrade folds into runs once. Runs may overlap when two receiver processes took the
# same numbers at once; the gap report (stats.gaps) reads them as their union.
seq_range = Table(
    "seq_range", metadata,
    site_code("site", primary_key=True),
    Column("device", Integer, primary_key=True),
    Column("seq_from", BigInteger, primary_key=True),
    Column("seq_to", BigInteger, nullable=False),
    Column("status", String(10), nullable=False),  # accepted | duplicate | rejected
)

# The site's devices as the site last told (its `device` records); a retired device's uploads
# are refused.
site_device = Table(
    "site_device", metadata,
    site_code("site", primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("retired_at", String(40)),
    Column("version", BigInteger, nullable=False),
)

# Pull cursor: the site's stored versions in the order they arrived.
ix_record_version_pull = Index("ix_record_version_pull", record_version.c.site, record_version.c.pk)

# Roll-ups kept at ingest, in the same transaction as the records (county/rollup.py), so the
# dashboard and its exports read ~1 row per session and per learner-month instead of
# re-aggregating millions of attendance rows.
#
# One row per (site, session, day) with attended learners: distinct learners, so twin
# attendance from two laptops before they synced counts once (PROTOCOL.md). The session's
# class and 学时 are copied in, refreshed whenever the session record changes.
roll_session = Table(
    "roll_session", metadata,
    hex_id("session_id", primary_key=True),
    day("day", primary_key=True),
    site_code("site", primary_key=True),
    month("month", nullable=False),
    hex_id("class_id"),
    Column("hours", Float),
    Column("learners", Integer, nullable=False),
    Index("ix_roll_session_month", "month", "site"),
)

# One row per (site, year, learner) who attended, with the sessions attended in each month
# (m01..m12): 参训人数 over any run of months is the distinct (site, learner) pairs with a
# non-zero month in the run, which per-session counts cannot give. A year is one row, not
# twelve: the year's dashboard reads ~12× fewer rows than a learner-month table, and the
# months' counts still give the breakdowns' person-times for any run of months. The learner's
# profile (roll_learner's groups and birth date) is copied in, refreshed with it, so the
# breakdowns need no join.
MONTH_COLUMNS = tuple(f"m{i:02d}" for i in range(1, 13))
roll_learner_year = Table(
    "roll_learner_year", metadata,
    site_code("site", primary_key=True),
    Column("year", String(4), primary_key=True),
    hex_id("learner_id", primary_key=True),
    *(Column(name, Integer, nullable=False) for name in MONTH_COLUMNS),
    Column("groups", Text),
    day("born"),
    Index("ix_roll_learner_year", "year", "site"),
    Index("ix_roll_learner_year_learner", "learner_id"),
)

# Person-times per (site, month, class, 学时 of one session): the non-distinct figures
# (培训人次, 学时, by theme, online/offline, the trend) read a few rows per site and month instead
# of one per session. Counts only (学时 are a key, multiplied at read time), so a correction
# moves whole person-times and the sums stay exactly what the sessions give. A session whose
# record has not arrived yet counts under class '' and 0 学时, as it does in roll_session.
roll_class_month = Table(
    "roll_class_month", metadata,
    site_code("site", primary_key=True),
    month("month", primary_key=True),
    Column("class_id", String(32), primary_key=True),
    Column("hours", Float, primary_key=True),
    Column("person_times", Integer, nullable=False),
)

# Service records (volunteer hours) per (site, month, instructor, 学时 of one record): the
# volunteers over any run of months are the distinct instructors here, their hours the counts
# times the hours, without reading (and parsing) every service record of the period. An
# instructor id or 学时 the record lacks is '' or 0 (the figures skip both, as before).
roll_service_month = Table(
    "roll_service_month", metadata,
    site_code("site", primary_key=True),
    month("month", primary_key=True),
    Column("instructor_id", String(32), primary_key=True),
    Column("hours", Float, primary_key=True),
    Column("records", Integer, nullable=False),
)

# Each learner's profile for the breakdowns (target groups, birth date of its person), so the
# dashboard parses no JSON per learner. Refreshed when the learner or its person changes
# (an erasure empties the birth date: that learner moves to "unknown").
roll_learner = Table(
    "roll_learner", metadata,
    hex_id("learner_id", primary_key=True),
    hex_id("person_id", index=True),
    Column("groups", Text),
    day("born"),
)

# Which roll-ups have been built over the data that existed before them (store._upgrade).
roll_built = Table(
    "roll_built", metadata,
    Column("name", String(32), primary_key=True),
    stamp("built_at", nullable=False),
)

# The roll-ups ask, for each (session, learner) a chunk touches, how many current attended
# records it has (twins from two laptops): this finds them without scanning the session.
ix_current_pair = Index("ix_current_pair", record_current.c.ref_id, record_current.c.subject_id)
