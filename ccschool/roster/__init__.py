"""Reading learner rosters (花名册) from Excel: pure, no database, no Qt."""
from ccschool.roster.model import DUPLICATE, ERROR, Roster, RosterRow, RowProblem
from ccschool.roster.reader import read_roster

__all__ = ["DUPLICATE", "ERROR", "Roster", "RosterRow", "RowProblem", "read_roster"]
