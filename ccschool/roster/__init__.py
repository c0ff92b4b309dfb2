"""Reading learner rosters (花名册) from Excel: pure, no database, no Qt."""
from __future__ import annotations

__all__ = ["DUPLICATE", "ERROR", "Roster", "RosterRow", "RowProblem", "read_roster"]


def __getattr__(name: str):
    # Lazy: the roster parser's child process (isolated.py) imports ccschool.roster.source
    # only, and must not pay ~0.4 s for the models that the reader's checks import.
    if name == "read_roster":
        from ccschool.roster.reader import read_roster
        return read_roster
    if name in __all__:
        from ccschool.roster import model
        return getattr(model, name)
    raise AttributeError(name)
