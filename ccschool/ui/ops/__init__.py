"""Running work from the GUI: `Op` (op.py) and what it reports changed (changes.py)."""
from ccschool.ui.ops.changes import Change, OpChanges
from ccschool.ui.ops.op import Op, Progress

__all__ = ["Change", "Op", "OpChanges", "Progress"]
