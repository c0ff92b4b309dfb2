"""Every table, imported in one place so SQLAlchemy's mappers and Alembic see them all."""
from ccschool.models.attendance import Attendance
from ccschool.models.base import Record, UTCDateTime, new_id, utcnow
from ccschool.models.certificate import Certificate, SatisfactionScore
from ccschool.models.county import CountyTeacher
from ccschool.models.course import ClassSession, CourseClass, Enrollment, Venue
from ccschool.models.device import Device, DeviceState
from ccschool.models.importing import PendingImportRange
from ccschool.models.instructor import Instructor, ServiceRecord, SessionVolunteer
from ccschool.models.outbox import OutboxEntry, PrunedOutboxEntry, UploadBatch, UploadChunk
from ccschool.models.person import Learner, LearningCard, Person, PersonNameChar, PersonNameCharPos
from ccschool.models.site import Counter, Setting, Site
from ccschool.models.staff import AuditEntry, StaffUser

SYNCED_MODELS: list[type[Record]] = [
    Site, Device, Person, Learner, LearningCard, Venue, CourseClass, ClassSession, Enrollment,
    Attendance, Instructor, ServiceRecord, Certificate, SatisfactionScore]

__all__ = [m.__name__ for m in SYNCED_MODELS] + [
    "AuditEntry", "Counter", "CountyTeacher", "DeviceState", "OutboxEntry", "PersonNameChar",
    "PersonNameCharPos", "PendingImportRange", "PrunedOutboxEntry", "Record", "SessionVolunteer",
    "Setting", "StaffUser", "UTCDateTime", "UploadBatch", "UploadChunk", "new_id", "utcnow",
    "SYNCED_MODELS"]
