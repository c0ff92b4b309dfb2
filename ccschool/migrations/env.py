"""Alembic environment: runs against the engine handed in by ccschool.migrate."""
from alembic import context
from sqlmodel import SQLModel

import ccschool.models  # noqa: F401  (every table must be imported before autogenerate)

config = context.config
target_metadata = SQLModel.metadata


def render_item(type_, obj, autogen_context):
    """Write plain SQLAlchemy types into migrations so they never import application code."""
    if type_ == "type":
        name = type(obj).__name__
        if name == "UTCDateTime":  # microseconds; add the CHECK storage_0004 gives every stamp
            return "sa.Integer()"
        if name == "AutoString":
            return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    return False


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # `alembic` command line: a throwaway database for autogenerate
        from sqlalchemy import create_engine
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///alembic-dev.db")
    with engine.connect() as connection:
        # Foreign keys off while a migration copies a table and drops the old one (SQLite's
        # procedure for a column change): a DROP TABLE would otherwise delete every row that
        # refers to the old table's rows. Set on the driver's connection before BEGIN, as
        # SQLite ignores the pragma inside a transaction; back on for whoever uses it next.
        raw = connection.connection.driver_connection
        assert raw is not None, "a database has a driver connection while it is open"
        keys_were_on = raw.execute("PRAGMA foreign_keys").fetchone()[0]
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                # render_as_batch: SQLite cannot ALTER most things; Alembic copies the table.
                context.configure(connection=connection, target_metadata=target_metadata,
                                  render_as_batch=True, render_item=render_item)
                with context.begin_transaction():
                    context.run_migrations()
        finally:
            if keys_were_on:
                raw.execute("PRAGMA foreign_keys=ON")


run_migrations_online()
