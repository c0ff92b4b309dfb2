"""A roster import as a person runs it, from the import wizard or `ccschool learners import`.

1. `read_and_plan`: read the workbook and check it against the database; writes nothing, so
   a bad file or a refused roster touches nothing;
2. `run`: the import itself (services.import_steps: rows built outside the write lock,
   written in short steps nobody sees until one short transaction publishes them, planned
   again if the database moved on), then the workbook of refused rows for the person to fix.
"""
from __future__ import annotations

from typing import Callable

from ccschool.roster import read_roster
from ccschool.roster.writer import write_error_workbook
from ccschool.services.import_steps import import_roster
from ccschool.services.learner_import import ImportPlan, plan_import


def read_and_plan(db, path) -> ImportPlan:
    roster = read_roster(path)  # before the database: a bad file touches nothing
    with db.read() as s:
        return plan_import(s, roster)


def run(db, plan: ImportPlan, *, actor: str | None, skip_invalid: bool,
        progress: Callable[[int, int], None] | None = None,
        should_cancel: Callable[[], bool] | None = None, step: int | None = None) -> dict:
    """Import the planned roster; the result as `ccschool learners import --json` prints it.

    Nothing is written when the roster has errors and skip_invalid is false (also when they
    appeared because the database moved on since the plan). should_cancel() is asked every
    `step` rows (learner_import.IMPORT_STEP) and between statements; yes raises ImportCancelled
    and everything is rolled back."""
    roster = plan.roster
    plan, imported = import_roster(db, plan, actor=actor, source=str(roster.path),
                                   skip_invalid=skip_invalid, progress=progress,
                                   should_cancel=should_cancel, step=step)
    if plan.errors and not skip_invalid:
        return plan.result(imported=0)
    errbook = write_error_workbook(roster) if plan.errors else None
    return plan.result(imported=imported, error_workbook=errbook)
