"""The county platform's own tables (staff, sessions, audit, site details, rules, tokens).

Separate from the receiver's tables in county/schema.py, which the upload path owns: these are
only read and written by the web application and `ccschool-county` admin commands. Like the
receiver's schema they only grow by new tables, so `create` (idempotent) is enough.
"""
from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.engine import Engine

from ccschool.county.columns import day, digest, hex_id, site_code, staff_name, stamp

metadata = MetaData()

staff = Table(
    "web_staff", metadata,
    staff_name("name", primary_key=True),
    Column("role", String(8), nullable=False),  # admin | viewer
    Column("password_hash", String(200), nullable=False),
    stamp("created_at", nullable=False),
    stamp("disabled_at"),
)

# Server-side sessions: the cookie holds a random id, the table only its sha256.
web_session = Table(
    "web_session", metadata,
    digest("id_hash", primary_key=True),
    staff_name("staff", nullable=False),
    digest("csrf", nullable=False),
    Column("created_at", Float, nullable=False),
    Column("seen_at", Float, nullable=False),
)

login_failure = Table(
    "web_login_failure", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    staff_name("name", nullable=False, index=True),
    Column("ip", String(64), nullable=False, index=True),
    Column("at", Float, nullable=False),
)

audit = Table(
    "web_audit", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    stamp("at", nullable=False),
    staff_name("actor", nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", String(200)),
    Column("ip", String(64)),
    Column("detail", Text),
)

# What the county knows about a site beyond the receiver's code and name.
site_profile = Table(
    "web_site_profile", metadata,
    site_code("code", primary_key=True),
    Column("level", String(10), nullable=False),  # township | village
    site_code("township"),  # a village point's township school (its site code)
    Column("population", Integer),  # resident population, for the participation rate
)

# Upload tokens issued from the web pages; the receiver's site.token_hash is the one in force.
site_token = Table(
    "web_site_token", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    site_code("site", nullable=False, index=True),
    digest("token_hash", nullable=False, unique=True),
    digest("sign_key", nullable=False),
    stamp("issued_at", nullable=False),
    staff_name("issued_by", nullable=False),
    stamp("revoked_at"),
)

county_rule = Table(
    "web_county_rule", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    day("effective_from", nullable=False),
    Column("rules", Text, nullable=False),  # JSON, see web/rules.py
    stamp("set_at", nullable=False),
    staff_name("set_by", nullable=False),
    Index("ix_rule_effective", "effective_from"),
)

# Signing keys of tokens a site no longer holds: certificates printed under an old token keep
# verifying (web/verify.py) after the token is replaced or revoked.
retired_key = Table(
    "web_retired_key", metadata,
    site_code("site", primary_key=True),
    digest("sign_key", primary_key=True),
    stamp("retired_at", nullable=False),
)


# The county's shared teacher list (县师资库) that sites pull (web/teachers.py). Rows are never
# deleted, only withdrawn, so the list's revision (rows + withdrawals) only grows.
published_teacher = Table(
    "web_published_teacher", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    hex_id("teacher_id", nullable=False, unique=True),
    Column("name", String(30), nullable=False),
    Column("subjects", Text, nullable=False),  # JSON list
    Column("phone", String(11)),  # only with the person's consent
    Column("township", String(40), nullable=False),
    Column("source", String(8), nullable=False),  # pool | manual
    hex_id("source_record"),  # the pool's instructor record, for a pool entry
    stamp("published_at", nullable=False),
    staff_name("published_by", nullable=False),
    stamp("withdrawn_at"),
)


def create(engine: Engine) -> None:
    metadata.create_all(engine)
    # The pages read one kind across all sites (a period's sessions, the classes, the
    # instructors): the receiver's (site, kind, day) index cannot serve that, so the platform
    # adds (kind, day).
    with engine.begin() as conn:
        if conn.dialect.name != "postgresql":
            conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_web_current_kind_day "
                                 "ON record_current (kind, day)")
        else:
            # Without attendance (nineteen rows in twenty), which no page reads by kind: the
            # dashboard counts it from the roll-ups, the rest by session, learner or site.
            # Keeping its rows here cost the receiver a tenth of each chunk. PostgreSQL sees a
            # query for one other kind implies the index's condition; SQLite would not.
            conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_web_current_kind_day_other "
                                 "ON record_current (kind, day) WHERE kind <> 'attendance'")
            # a county from before: its full index goes (the one above serves its reads)
            conn.exec_driver_sql("DROP INDEX IF EXISTS ix_web_current_kind_day")
            # Sessions held in a period (figures.sessions_held) from the index alone: a year's
            # class_session rows lie scattered among millions of attendance rows, and reading
            # them from the table cost more than the rest of the dashboard together (10 M rows).
            conn.exec_driver_sql(
                "CREATE INDEX IF NOT EXISTS ix_web_current_sessions "
                "ON record_current (day, site, status, record_id) "
                "WHERE kind = 'class_session' AND deleted IS false")
