"""Op: the one way the desktop app runs work (Anki's CollectionOp/QueryOp).

    Op(ctx, self).on_success(self._show).run(lambda: load(ctx.db))
    op = Op(ctx, self, long=True).with_progress(self._step).on_failure(self._stopped)
    op.run(lambda: export(..., progress=op.progress, cancel=op.cancelled)); ...; op.cancel()

The runner picks the worker: database work (reads a person waits on, every write) goes to the
one database worker, so writes queue in order instead of fighting for SQLite's lock and nothing
writes on the GUI thread; `long=True` jobs (an export, 1,000 cards, a backup, the network) go to
the long-job thread, so a scan at the desk never waits behind them. `fn` runs there and never
touches a widget; callbacks run on the GUI thread, and not at all once `parent` is gone.

Progress has one shape: the job calls `op.progress(done, total, detail=None)` from the worker;
the `with_progress` callback gets the newest `Progress` on the GUI thread (coalesced: a fast
job does not flood the event queue); cancelling sets a flag the job
reads through `cancelled()` and ends in `ccschool.errors.Cancelled`, the one cancel exception.

Afterwards the kinds the work wrote (noted by ccschool/sync/changes.py) go out once as an
`OpChanges` on `ctx.signals.records_changed` — even after a failure, since an earlier
transaction may have committed — after `on_success` has run: the person at the desk sees the
banner before other pages refresh. Failures are handled here: every one
is logged; a disk or SQLite error becomes the user's message through `user_error`; without an
`on_failure` the error dialog shows it.
"""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

from ccschool.errors import Cancelled, CCSError
from ccschool.safety.storage import user_error
from ccschool.sync import changes as tracking
from ccschool.ui.ops.changes import Change, OpChanges

log = logging.getLogger("ccschool.ops")


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    detail: Any = None  # what a page shows besides the count (the upload's batch and chunk)


class _Relay(QObject):
    arrived = Signal()  # queued from the worker: the newest Progress is waiting


class Op:
    def __init__(self, ctx, parent: QObject | None = None, *, long: bool = False,
                 changes: Iterable[Change] = (), worker: Callable | None = None) -> None:
        """changes: kinds this work changes that leave no database trace (a backup file).
        worker: a thread of the caller's own instead (the health check's, the webcam decoder's:
        neither the desk nor an export waits behind them); ctx may then be None."""
        self.ctx, self.parent, self.long, self.worker = ctx, parent, long, worker
        self._declared = frozenset(changes)
        # callbacks' return values are ignored: a lambda showing a message box may return its
        # button
        self._success: Callable[[Any], object] | None = None
        self._failure: Callable[[BaseException], object] | None = None
        self._refusals_only = False
        self._progress_cb: Callable[[Progress], None] | None = None
        self._cancel = threading.Event()
        self._latest: Progress | None = None  # written by the worker, read on the GUI thread
        self._lock = threading.Lock()
        self._relay: _Relay | None = None
        self.running = False

    # -- building ---------------------------------------------------------------------------
    def on_success(self, callback: Callable[[Any], object]) -> Op:
        self._success = callback
        return self

    def on_failure(self, callback: Callable[[BaseException], object]) -> Op:
        """callback(exc): exc is what the user should read — a CCSError (a cancel included) or,
        for a bug, the original exception. It has been logged already."""
        self._failure, self._refusals_only = callback, False
        return self

    def on_refusal(self, callback: Callable[[CCSError], object]) -> Op:
        """Like on_failure, but only for what the user can act on (a CCSError, a disk or
        SQLite problem in the user's words); a bug still reaches the error dialog."""
        self._failure, self._refusals_only = callback, True  # type: ignore[assignment]
        return self

    def with_progress(self, callback: Callable[[Progress], None]) -> Op:
        self._progress_cb = callback
        self._relay = _Relay()  # made on the GUI thread, so its signal is delivered there
        self._relay.arrived.connect(self._deliver_progress)
        return self

    def run(self, fn: Callable[[], Any]) -> Op:
        self.running = True
        worker = self.worker or ((self.ctx.run_long or self.ctx.run_in_background) if self.long
                                 else self.ctx.run_in_background)
        worker(lambda: _recorded(fn), self._finished, self._failed)
        return self

    # -- from the job (any thread) ----------------------------------------------------------
    def progress(self, done: int, total: int, detail: Any = None) -> None:
        if self._relay is None:
            return
        with self._lock:
            waiting, self._latest = self._latest is not None, Progress(done, total, detail)
        if not waiting:
            self._relay.arrived.emit()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the job to stop at its next step; it ends in on_failure with a Cancelled."""
        self._cancel.set()

    # -- back on the GUI thread -------------------------------------------------------------
    def _deliver_progress(self) -> None:
        with self._lock:
            latest, self._latest = self._latest, None
        if latest is not None and self._progress_cb is not None and self._alive():
            self._progress_cb(latest)

    def _alive(self) -> bool:
        return self.parent is None or shiboken6.isValid(self.parent)

    def _announce(self, written: Iterable[str]) -> None:
        initiator = self.parent if self._alive() else None
        changes = OpChanges.from_written(written, initiator) | OpChanges(self._declared)
        if changes and self.ctx is not None:
            self.ctx.signals.records_changed.emit(changes)

    def _finished(self, outcome: tuple[Any, set[str]]) -> None:
        self.running = False
        result, written = outcome
        try:
            if self._success is not None and self._alive():
                self._success(result)
        finally:  # then the other pages (Anki's order: the desk's banner is painted first)
            self._announce(written)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._announce(getattr(exc, "ccschool_written", ()))
        shown = exc
        # A file the caller chose (an export in use by WPS) is worded by the caller, which
        # knows the file; the database's disk and SQLite errors always get the user's message.
        if self._failure is None or self._refusals_only or not isinstance(exc, OSError):
            shown = user_error(exc, folder=_db_folder(self.ctx)) or exc
        log_failure(exc, shown)
        if not self._alive():
            return
        if self._failure is not None and (isinstance(shown, CCSError) or not self._refusals_only):
            self._failure(shown)
        elif not isinstance(shown, Cancelled):
            exc.ccschool_logged = shown.ccschool_logged = True  # type: ignore[attr-defined]
            sys.excepthook(type(shown), shown, shown.__traceback__)


def _recorded(fn: Callable[[], Any]) -> tuple[Any, set[str]]:
    """On the worker: run fn, noting the kinds it wrote."""
    with tracking.recording() as written:
        try:
            return fn(), written
        except BaseException as exc:
            exc.ccschool_written = set(written)  # type: ignore[attr-defined]
            raise


def _db_folder(ctx) -> Path | None:
    path = getattr(getattr(ctx, "db", None), "path", None)
    return Path(path).parent if path is not None else None


def log_failure(exc: BaseException, shown: BaseException) -> None:
    """Every failure reaches the log: a bug with its traceback; a refusal the user was told
    about by its code only (its message may hold a name, and says nothing a maintainer needs)."""
    if isinstance(shown, Cancelled):
        log.info("operation cancelled")
    elif isinstance(shown, CCSError) and shown is exc:
        log.warning("operation refused: %s (%s)", shown.code, type(shown).__name__)
    else:
        text = getattr(exc, "traceback_text", None) or "".join(traceback.format_exception(exc))
        log.error("operation failed\n%s", text)
