"""person_name_char triggers: walk a name through a positions table; drop the person_id index

Bulk imports spent most of their time in the first triggers, which rebuilt a 64-row VALUES list
for every inserted person. A tiny table of positions makes it a range scan of a few rows, and
deleting through the (ch, person_id) key makes the extra person_id index unnecessary.

Revision ID: learners_0002
Revises: learners_0001
"""
from alembic import op
import sqlalchemy as sa

revision = "learners_0002"
down_revision = "learners_0001"
branch_labels = None
depends_on = None

TRIGGERS = ("person_name_char_ai", "person_name_char_au", "person_name_char_ad")
MAX_CHARS = 64  # person.name max_length
# Character positions 1..64 as a tiny table: "n <= length(name)" is then a range scan of a few
# rows per name, where a VALUES list would be rebuilt and filtered for every inserted person.
_INSERT = ("INSERT OR IGNORE INTO person_name_char (ch, person_id) "
           "SELECT substr(NEW.name, n, 1), NEW.id FROM person_name_char_pos "
           "WHERE n <= length(NEW.name);")
# Deleting through the (ch, person_id) key of the old name's characters: no second index to keep.
_DELETE = ("DELETE FROM person_name_char WHERE person_id = OLD.id AND ch IN ("
           "SELECT substr(OLD.name, n, 1) FROM person_name_char_pos WHERE n <= length(OLD.name));")
# learners_0001's triggers, for downgrade
_OLD_POSITIONS = "(VALUES " + ",".join(f"({i})" for i in range(1, MAX_CHARS + 1)) + ") AS pos"
_OLD_INSERT = (f"INSERT OR IGNORE INTO person_name_char (ch, person_id) "
               f"SELECT substr(NEW.name, pos.column1, 1), NEW.id FROM {_OLD_POSITIONS} "
               f"WHERE pos.column1 <= length(NEW.name);")
_OLD_DELETE = "DELETE FROM person_name_char WHERE person_id = OLD.id;"


def _create_triggers(insert: str, delete: str) -> None:
    op.execute(f"CREATE TRIGGER person_name_char_ai AFTER INSERT ON person BEGIN {insert} END")
    op.execute(f"CREATE TRIGGER person_name_char_au AFTER UPDATE OF name ON person BEGIN "
               f"{delete} {insert} END")
    op.execute(f"CREATE TRIGGER person_name_char_ad AFTER DELETE ON person BEGIN {delete} END")


def upgrade() -> None:
    op.create_table("person_name_char_pos", sa.Column("n", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO person_name_char_pos (n) VALUES "
               + ",".join(f"({i})" for i in range(1, MAX_CHARS + 1)))
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_index("ix_person_name_char_person_id", table_name="person_name_char")
    _create_triggers(_INSERT, _DELETE)


def downgrade() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.create_index("ix_person_name_char_person_id", "person_name_char", ["person_id"])
    _create_triggers(_OLD_INSERT, _OLD_DELETE)
    op.drop_table("person_name_char_pos")
