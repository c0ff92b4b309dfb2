"""person_name_char: one row per character of each person's name, for substring search

A Chinese name search must find 张三 from 三, which no B-tree index on the name can answer, and
FTS5's trigram tokenizer returns nothing for 1-2 character queries (MACHINE-NOTES pitfall 2).
So each character of a name is indexed; a query looks up its characters and checks the few
candidates with instr(). Triggers keep the table in step with every write to person, including
Core bulk inserts (imports, demo data) that bypass the ORM.

Revision ID: learners_0001
Revises: 0001_initial
"""
from alembic import op
import sqlalchemy as sa

revision = "learners_0001"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

MAX_CHARS = 64  # person.name max_length
_POSITIONS = "(VALUES " + ",".join(f"({i})" for i in range(1, MAX_CHARS + 1)) + ") AS pos"
_INSERT = (f"INSERT OR IGNORE INTO person_name_char (ch, person_id) "
           f"SELECT substr(NEW.name, pos.column1, 1), NEW.id FROM {_POSITIONS} "
           f"WHERE pos.column1 <= length(NEW.name);")


def upgrade() -> None:
    op.create_table(
        "person_name_char",
        sa.Column("ch", sa.String(length=1), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("ch", "person_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_person_name_char_person_id", "person_name_char", ["person_id"])
    op.execute(f"CREATE TRIGGER person_name_char_ai AFTER INSERT ON person BEGIN {_INSERT} END")
    op.execute("CREATE TRIGGER person_name_char_au AFTER UPDATE OF name ON person BEGIN "
               "DELETE FROM person_name_char WHERE person_id = OLD.id; " + _INSERT + " END")
    op.execute("CREATE TRIGGER person_name_char_ad AFTER DELETE ON person BEGIN "
               "DELETE FROM person_name_char WHERE person_id = OLD.id; END")
    op.execute(f"INSERT OR IGNORE INTO person_name_char (ch, person_id) "
               f"SELECT substr(p.name, pos.column1, 1), p.id FROM person p, {_POSITIONS} "
               f"WHERE pos.column1 <= length(p.name)")


def downgrade() -> None:
    for trigger in ("person_name_char_ai", "person_name_char_au", "person_name_char_ad"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_index("ix_person_name_char_person_id", table_name="person_name_char")
    op.drop_table("person_name_char")
