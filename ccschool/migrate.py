"""Alembic, driven from code: every open brings the schema to head; no create_all in production."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def current_revisions(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as conn:
        return tuple(sorted(MigrationContext.configure(conn).get_current_heads()))


def head_revisions() -> tuple[str, ...]:
    return tuple(sorted(ScriptDirectory.from_config(alembic_config()).get_heads()))


def needs_upgrade(engine: Engine) -> bool:
    return current_revisions(engine) != head_revisions()


def upgrade_to_head(engine: Engine, target: str = "heads") -> None:
    if target == "heads" and not needs_upgrade(engine):
        return  # the common case: skip Alembic's machinery at start-up
    _backup_first(engine)
    command.upgrade(alembic_config(engine), target)


def _backup_first(engine: Engine) -> None:
    """A verified backup of an existing database before its schema changes (issue 10)."""
    from ccschool.safety.backup import backup_before_migration

    if engine.url.database and engine.url.database != ":memory:":
        backup_before_migration(engine.url.database)
