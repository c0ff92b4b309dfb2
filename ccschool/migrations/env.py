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
        if name == "UTCDateTime":
            return "sa.String(length=32)"
        if name == "AutoString":
            return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    return False


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # `alembic` command line: a throwaway database for autogenerate
        from sqlalchemy import create_engine
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///alembic-dev.db")
    with engine.begin() as connection:
        # render_as_batch: SQLite cannot ALTER most things; Alembic copies the table instead.
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True, render_item=render_item)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
