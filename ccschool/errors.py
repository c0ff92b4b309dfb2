"""Domain errors: each carries a message for the user in Chinese and English.

Services raise these; the GUI shows them in a dialog, the CLI prints them on one line and exits
non-zero. Anything else escaping a service is a bug, not a user error.
"""
from __future__ import annotations

from ccschool.i18n import Text


class CCSError(Exception):
    """A problem the user can understand and act on."""

    code = "error"

    def __init__(self, zh: str, en: str, *, field: str | None = None, row: int | None = None,
                 **fmt) -> None:
        # row and field are also available to the message ("第{row}行 …").
        if row is not None:
            fmt.setdefault("row", row)
        self.text = Text(zh, en).format(**fmt) if fmt else Text(zh, en)
        self.field = field
        self.row = row
        super().__init__(str(self.text))

    @property
    def zh(self) -> str:
        return self.text.zh

    @property
    def en(self) -> str:
        return self.text.en

    def __str__(self) -> str:
        return str(self.text)

    def __reduce__(self):
        # Rebuilt from the finished texts: a roster parsed or a file exported in a child process (isolated.py)
        # sends its message back to the app this way.
        return _rebuild, (type(self), self.zh, self.en, self.field, self.row)

    def as_dict(self) -> dict:
        return {"code": self.code, "message": str(self), "field": self.field, "row": self.row}


class Cancelled(CCSError):
    """The user stopped a long job (an export, an import, a print run); nothing was kept.

    The one cancel exception: the job-specific ones below only word the message, and the
    desktop's operation runner (ui/ops/op.py) tells a cancel from a failure by this class."""

    code = "cancelled"

    def __init__(self, zh: str = "已取消，没有保存任何改动",
                 en: str = "Cancelled; nothing was changed") -> None:
        super().__init__(zh, en)


def _rebuild(cls, zh: str, en: str, field, row) -> CCSError:
    exc = cls.__new__(cls)
    exc.text, exc.field, exc.row = Text(zh, en), field, row
    Exception.__init__(exc, zh)
    return exc


class ValidationError(CCSError):
    code = "invalid"


class NotFound(CCSError):
    code = "not_found"


class Conflict(CCSError):
    code = "conflict"


class PermissionDenied(CCSError):
    code = "forbidden"


class DatabaseProblem(CCSError):
    code = "database"
