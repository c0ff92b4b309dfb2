"""initial schema

Revision ID: 0001_initial
Revises:
"""
from alembic import op
import sqlalchemy as sa


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.Column('actor', sa.String(), nullable=True),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=True),
    sa.Column('entity_id', sa.String(), nullable=True),
    sa.Column('before', sa.String(), nullable=True),
    sa.Column('after', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_entity_id'), ['entity_id'], unique=False)

    op.create_table('counter',
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('person',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('gender', sa.String(), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('phone_tail', sa.String(length=4), nullable=True),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('village', sa.String(), nullable=True),
    sa.Column('notes', sa.String(), nullable=True),
    sa.Column('pinyin_initials', sa.String(), nullable=False),
    sa.Column('pinyin_full', sa.String(), nullable=False),
    sa.Column('consent_upload', sa.Boolean(), nullable=False),
    sa.Column('erased_at', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_phone_tail', ['phone_tail'], unique=False)
        batch_op.create_index('ux_person_id_number', ['id_number'], unique=True,
                              sqlite_where=sa.text('id_number IS NOT NULL AND deleted_at IS NULL'))
    # Expression indexes autogenerate cannot see: NOCASE so `LIKE 'x%'` searches use them.
    for name, col in (("ix_person_name", "name"), ("ix_person_initials", "pinyin_initials"),
                      ("ix_person_pinyin", "pinyin_full")):
        op.execute(f"CREATE INDEX {name} ON person ({col} COLLATE NOCASE)")

    op.create_table('setting',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('site',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('level', sa.String(), nullable=False),
    sa.Column('card_prefix', sa.String(length=8), nullable=False),
    sa.Column('secret', sa.String(), nullable=False),
    sa.Column('county_url', sa.String(), nullable=True),
    sa.Column('upload_token', sa.String(), nullable=True),
    sa.Column('county_public_key', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('staff_user',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('password_hash', sa.String(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('upload_batch',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('period', sa.String(), nullable=False),
    sa.Column('schema_version', sa.Integer(), nullable=False),
    sa.Column('record_count', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('is_correction', sa.Boolean(), nullable=False),
    sa.Column('last_error', sa.String(), nullable=True),
    sa.Column('sent_at', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('upload_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_upload_batch_period'), ['period'], unique=False)

    op.create_table('venue',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('address', sa.String(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('instructor',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('org_type', sa.String(), nullable=False),
    sa.Column('organisation', sa.String(), nullable=True),
    sa.Column('skills', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('person_id')
    )
    op.create_table('learner',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('card_no', sa.String(length=20), nullable=True),
    sa.Column('card_state', sa.String(), nullable=False),
    sa.Column('venue_id', sa.String(length=32), nullable=True),
    sa.Column('target_groups', sa.String(), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('last_card_print_at', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('person_id')
    )
    with op.batch_alter_table('learner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learner_card_no'), ['card_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_learner_registered_on'), ['registered_on'], unique=False)

    op.create_table('outbox_entry',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('record_id', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('op', sa.String(), nullable=False),
    sa.Column('period', sa.String(), nullable=False),
    sa.Column('payload', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('batch_id', sa.String(length=32), nullable=True),
    sa.Column('result', sa.String(), nullable=True),
    sa.Column('result_reason', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['upload_batch.id'], ),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('outbox_entry', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_pending', ['batch_id', 'period'], unique=False)

    op.create_table('upload_chunk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.String(length=32), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('first_seq', sa.Integer(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('record_count', sa.Integer(), nullable=False),
    sa.Column('acked_at', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['upload_batch.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('batch_id', 'n')
    )
    op.create_table('course_class',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('course_name', sa.String(), nullable=False),
    sa.Column('theme', sa.String(), nullable=False),
    sa.Column('instructor_id', sa.String(length=32), nullable=True),
    sa.Column('venue_id', sa.String(length=32), nullable=True),
    sa.Column('term_start', sa.Date(), nullable=True),
    sa.Column('term_end', sa.Date(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('target_groups', sa.String(), nullable=False),
    sa.Column('hours_per_session', sa.Float(), nullable=False),
    sa.Column('min_attendance_rate', sa.Float(), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['instructor_id'], ['instructor.id'], ),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('course_class', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_class_theme'), ['theme'], unique=False)

    op.create_table('learning_card',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('card_no', sa.String(length=20), nullable=False),
    sa.Column('learner_id', sa.String(length=32), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('issued_at', sa.String(length=32), nullable=False),
    sa.Column('revoked_at', sa.String(length=32), nullable=True),
    sa.Column('revoke_reason', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('card_no')
    )
    with op.batch_alter_table('learning_card', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learning_card_learner_id'), ['learner_id'], unique=False)

    op.create_table('certificate',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('cert_no', sa.String(length=24), nullable=False),
    sa.Column('learner_id', sa.String(length=32), nullable=False),
    sa.Column('class_id', sa.String(length=32), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('issued_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['course_class.id'], ),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('cert_no'),
    sa.UniqueConstraint('class_id', 'learner_id')
    )
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_issued_at'), ['issued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_learner_id'), ['learner_id'], unique=False)

    op.create_table('class_session',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('class_id', sa.String(length=32), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('topic', sa.String(), nullable=True),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('closed_at', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['course_class.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('class_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_session_class_id'), ['class_id'], unique=False)
        batch_op.create_index('ix_session_date', ['date', 'start_time'], unique=False)

    op.create_table('enrollment',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('class_id', sa.String(length=32), nullable=False),
    sa.Column('learner_id', sa.String(length=32), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('walk_in', sa.Boolean(), nullable=False),
    sa.Column('enrolled_at', sa.String(length=32), nullable=False),
    sa.Column('withdrawn_at', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['course_class.id'], ),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('class_id', 'learner_id')
    )
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.create_index('ix_enrollment_learner', ['learner_id'], unique=False)

    op.create_table('satisfaction_score',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('class_id', sa.String(length=32), nullable=False),
    sa.Column('learner_id', sa.String(length=32), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('comment', sa.String(), nullable=True),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['course_class.id'], ),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('class_id', 'learner_id')
    )
    op.create_table('attendance',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('session_id', sa.String(length=32), nullable=False),
    sa.Column('learner_id', sa.String(length=32), nullable=False),
    sa.Column('session_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('method', sa.String(), nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.Column('by_user', sa.String(), nullable=True),
    sa.Column('reason', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['learner_id'], ['learner.id'], ),
    sa.ForeignKeyConstraint(['session_id'], ['class_session.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index('ix_attendance_date', ['session_date'], unique=False)
        batch_op.create_index('ix_attendance_learner', ['learner_id', 'session_date'], unique=False)
        batch_op.create_index('ux_attendance_live', ['session_id', 'learner_id'], unique=True,
                              sqlite_where=sa.text('deleted_at IS NULL'))

    op.create_table('service_record',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('instructor_id', sa.String(length=32), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('activity', sa.String(), nullable=False),
    sa.Column('session_id', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['instructor_id'], ['instructor.id'], ),
    sa.ForeignKeyConstraint(['session_id'], ['class_session.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('service_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_record_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_record_instructor_id'), ['instructor_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('service_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_record_instructor_id'))
        batch_op.drop_index(batch_op.f('ix_service_record_date'))

    op.drop_table('service_record')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index('ux_attendance_live', sqlite_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index('ix_attendance_learner')
        batch_op.drop_index('ix_attendance_date')

    op.drop_table('attendance')
    op.drop_table('satisfaction_score')
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index('ix_enrollment_learner')

    op.drop_table('enrollment')
    with op.batch_alter_table('class_session', schema=None) as batch_op:
        batch_op.drop_index('ix_session_date')
        batch_op.drop_index(batch_op.f('ix_class_session_class_id'))

    op.drop_table('class_session')
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_learner_id'))
        batch_op.drop_index(batch_op.f('ix_certificate_issued_at'))

    op.drop_table('certificate')
    with op.batch_alter_table('learning_card', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learning_card_learner_id'))

    op.drop_table('learning_card')
    with op.batch_alter_table('course_class', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_class_theme'))

    op.drop_table('course_class')
    op.drop_table('upload_chunk')
    with op.batch_alter_table('outbox_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_pending')

    op.drop_table('outbox_entry')
    with op.batch_alter_table('learner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learner_registered_on'))
        batch_op.drop_index(batch_op.f('ix_learner_card_no'))

    op.drop_table('learner')
    op.drop_table('instructor')
    op.drop_table('venue')
    with op.batch_alter_table('upload_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_upload_batch_period'))

    op.drop_table('upload_batch')
    op.drop_table('staff_user')
    op.drop_table('site')
    op.drop_table('setting')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ux_person_id_number',
                            sqlite_where=sa.text('id_number IS NOT NULL AND deleted_at IS NULL'))
        batch_op.drop_index('ix_person_phone_tail')

    op.drop_table('person')
    op.drop_table('counter')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_entity_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
