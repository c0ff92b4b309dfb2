"""run_in_background: work off the GUI thread, results back on it (Picard's run_task idea).

`fn` never touches a widget. Database work goes to one worker thread so writes queue up in
order instead of fighting for SQLite's lock. Tests inject `SyncRunner` to run synchronously.
"""
from __future__ import annotations

import contextlib
import traceback
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ccschool.switching import foreground


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable, relay: _Relay, foreground: bool) -> None:
        super().__init__()
        self.fn, self.relay, self.foreground = fn, relay, foreground

    def run(self) -> None:
        try:
            with foreground() if self.foreground else contextlib.nullcontext():
                result = self.fn()
        except BaseException as exc:  # handed to on_error on the GUI thread
            # op.py shows this text in the details of the error box; an attribute on the
            # exception carries it with the exception through the queued signal
            exc.traceback_text = traceback.format_exc()  # type: ignore[attr-defined]
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


class BackgroundRunner:
    """One worker thread. foreground: its tasks are quick work a person waits on (the database
    worker: a scan, a page's data), and long jobs on other threads give way to them
    (ccschool.switching.give_way)."""

    def __init__(self, pool: QThreadPool | None = None, *, foreground: bool = False) -> None:
        self.pool = pool or QThreadPool()
        self.pool.setMaxThreadCount(1)  # one worker for the database
        self.foreground = foreground
        self._relays: set[_Relay] = set()

    def __call__(self, fn: Callable, on_done: Callable | None = None,
                 on_error: Callable | None = None) -> None:
        relay = _Relay()  # lives on the GUI thread, so its signals arrive there
        self._relays.add(relay)

        def finish(callback, value):
            self._relays.discard(relay)
            if callback:
                callback(value)

        relay.done.connect(lambda r: finish(on_done, r))
        relay.failed.connect(lambda e: finish(on_error, e))
        self.pool.start(_Task(fn, relay, self.foreground))

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def busy(self) -> bool:
        """Work started whose result has not come back yet."""
        return bool(self._relays)

    def settle(self, app, rounds: int = 20) -> None:
        """Run until no work is pending and every result has reached its widget, including
        work that a result started in turn (the check-in page loads sessions, then sign-ins)."""
        for _ in range(rounds):
            app.processEvents()
            if not self._relays:
                app.processEvents()  # the layout and paint that the last results asked for
                return
            self.wait()


class SyncRunner:
    """Runs fn at once on the calling thread (tests)."""

    def __call__(self, fn, on_done=None, on_error=None) -> None:
        try:
            result = fn()
        except Exception as exc:
            if on_error is None:
                raise
            on_error(exc)
        else:
            if on_done:
                on_done(result)

    def wait(self, msecs: int = 0) -> bool:
        return True

    def busy(self) -> bool:
        return False

    def settle(self, app, rounds: int = 1) -> None:
        app.processEvents()
