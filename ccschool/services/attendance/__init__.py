"""Attendance: who came to which 课次.

- `checkin`: a scanned learning card (or a learner found another way) → one outcome, the
  desk's hot path in plain SQL;
- `desk`: what the check-in desk shows (today's sessions, 已到 n / m, the sign-ins), plain SQL;
- `marking`: staff-side changes through the ORM — mark, 请假, undo, paper sheets, closing.

The dependencies point one way: marking → desk, checkin → ccschool.clock. This file imports
nothing, so the desk's first paint loads only the plain-SQL modules it names. What counts as
attended is `ccschool.services.attended` (also read by reports, certificates and the county).
"""
