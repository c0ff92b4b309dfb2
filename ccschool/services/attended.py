"""What counts as attended, defined once for the desk, reports, certificates and the county.

出勤 (present) and 迟到 (late) are attended: they are the person-times (人次) and earn the
session's 学时. 请假 (excused) and 缺勤 (absent) rows are kept but never counted. No imports:
the check-in desk reads this before the record classes are loaded.
"""
ATTENDED = ("present", "late")
ATTENDED_SQL = "('present', 'late')"  # the same, for SQL text: status IN ('present', 'late')
