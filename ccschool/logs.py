"""The log file: what went wrong, for the technician, with no personal data in it.

A log is copied to USB sticks and mailed to whoever helps; it must not carry ID or phone
numbers. The database engine hides SQL parameters (db.make_engine), and this formatter masks
anything that still looks like an ID or mobile number in a message or a traceback (an
exception text can quote a value). The desktop app and the command line both log to
<data folder>/logs/ccschool.log.
"""
from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from ccschool.idcard import mask_id, mask_phone

LOG_NAME = "ccschool.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Digits not inside a longer run of digits or letters: 18/15-character ID numbers, mobiles.
_ID = re.compile(r"(?<![0-9A-Za-z])([0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9]{9})(?![0-9])")


def scrub(text: str) -> str:
    """text with ID and mobile numbers masked (3303**********123X, 138****8000)."""
    text = _ID.sub(lambda m: mask_id(m.group(1)), text)
    return _MOBILE.sub(lambda m: mask_phone(m.group(1)), text)


class ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class _FolderOnDemandHandler(logging.handlers.RotatingFileHandler):
    ccschool = False  # set on ours, so a second setup replaces it instead of adding another
    """Creates the logs folder at the first record, and never breaks the command it logs for:
    a data folder that is a file, or read-only, just means nothing is logged."""

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record) -> None:
        pass


def log_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / "logs" / LOG_NAME


def setup_cli_logging(data_dir: str | Path) -> Path:
    """Route the command line's log records to the data folder's log (created on demand)."""
    path = log_path(data_dir)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "ccschool", False):
            root.removeHandler(handler)
            handler.close()
    handler = _FolderOnDemandHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
                                     encoding="utf-8", delay=True)
    handler.ccschool = True
    handler.setFormatter(ScrubbingFormatter(FORMAT))
    # Warnings and failures only: a command that went well leaves no log (nor a logs folder).
    handler.setLevel(logging.WARNING)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
