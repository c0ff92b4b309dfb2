"""session_volunteer: helpers assigned to a session

Revision ID: classes_0001
Revises: 0001_initial
"""
from alembic import op
import sqlalchemy as sa


revision = "classes_0001"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "session_volunteer",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.String(length=32), nullable=True),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("instructor_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["instructor_id"], ["instructor.id"]),
        sa.ForeignKeyConstraint(["session_id"], ["class_session.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("session_volunteer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_volunteer_instructor_id"), ["instructor_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_session_volunteer_session_id"), ["session_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("session_volunteer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_volunteer_session_id"))
        batch_op.drop_index(batch_op.f("ix_session_volunteer_instructor_id"))
    op.drop_table("session_volunteer")
