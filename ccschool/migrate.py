"""Alembic, driven from code: every open brings the schema to head; no create_all in production.

Importing Alembic costs ~0.8 s (it loads every dialect, Mako and Pygments), so the common case
— a database already at head — is decided without it: the heads come from the revision ids
in the migration files and the current revisions from the alembic_version table.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def current_revisions(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as conn:
        return revisions_seen_by(conn)


def revisions_seen_by(conn: Connection) -> tuple[str, ...]:
    """The revisions in alembic_version as this connection sees them (inside its transaction)."""
    if not inspect(conn).has_table("alembic_version"):
        return ()
    return tuple(sorted(conn.execute(text("SELECT version_num FROM alembic_version")).scalars()))


_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.M)


def _revision_ids(path: Path) -> tuple[str | None, tuple[str, ...]]:
    """(revision, down_revisions) read from a migration file's top-level assignments.

    A line match with literal_eval (every start-up reads these; parsing whole files cost ~20 ms);
    an assignment spread over several lines falls back to parsing the file.
    """
    source = path.read_text(encoding="utf-8")
    found: dict[str, object] = {}
    try:
        for name, value in _ASSIGNMENT.findall(source):
            found.setdefault(name, ast.literal_eval(value))
    except (ValueError, SyntaxError):
        found = _parsed_assignments(source)
    down, revision = found.get("down_revision"), found.get("revision")
    downs = (down,) if isinstance(down, str) else tuple(down) if isinstance(down, (tuple, list)) else ()
    return (revision if isinstance(revision, str) else None), downs


def _parsed_assignments(source: str) -> dict[str, object]:
    found: dict[str, object] = {}
    for node in ast.parse(source).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                    if node.value is not None:
                        found[target.id] = ast.literal_eval(node.value)
    return found


def head_revisions() -> tuple[str, ...]:
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        revision, downs = _revision_ids(path)
        if revision:
            revisions.add(revision)
            parents.update(downs)
    if not revisions:  # no readable sources (an unusual bundle): ask Alembic itself
        from alembic.script import ScriptDirectory

        return tuple(sorted(ScriptDirectory.from_config(alembic_config()).get_heads()))
    return tuple(sorted(revisions - parents))


def needs_upgrade(engine: Engine) -> bool:
    return current_revisions(engine) != head_revisions()


def upgrade_to_head(engine: Engine, target: str = "heads") -> None:
    if target == "heads" and not needs_upgrade(engine):
        return  # the common case: skip Alembic's machinery at start-up
    from alembic import command

    _backup_first(engine)
    command.upgrade(alembic_config(engine), target)


def _backup_first(engine: Engine) -> None:
    """A verified backup of an existing database before its schema changes (issue 10)."""
    from ccschool.safety.backup import backup_before_migration

    if engine.url.database and engine.url.database != ":memory:":
        backup_before_migration(engine.url.database)
