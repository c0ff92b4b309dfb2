"""AppContext: what every page is given (built once in ccschool/ui/shell/app.py, passed in)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from ccschool.db import Database


class Runner(Protocol):
    """What runs a page's work: BackgroundRunner (a worker thread) or SyncRunner (tests)."""

    def __call__(self, fn: Callable[[], Any], on_done: Callable[[Any], Any] | None = None,
                 on_error: Callable[[Any], Any] | None = None) -> None: ...

    def wait(self, msecs: int = ...) -> bool: ...

    def busy(self) -> bool: ...

    def settle(self, app: Any, rounds: int = ...) -> None: ...


class AppSignals(QObject):
    # what an operation changed (ccschool.ui.ops.changes.OpChanges, emitted by the runner in
    # ui/ops/op.py): each page refreshes only when something it shows changed.
    records_changed = Signal(object)
    user_changed = Signal()
    # the sync engine's connection state as a short text for the status bar ("在线", "离线", ...)
    connection_state_changed = Signal(str)


@dataclass
class CurrentUser:
    name: str
    role: str = "staff"
    must_change: bool = False  # an admin whose password is older than the 8-character rule

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass
class AppContext:
    db: Database
    # The workers behind ccschool.ui.ops.Op (pages never call them directly): the database
    # worker, a BackgroundRunner (SyncRunner in tests: synchronous).
    run_in_background: Runner
    user: CurrentUser = field(default_factory=lambda: CurrentUser("admin", "admin"))
    signals: AppSignals = field(default_factory=AppSignals)
    data_dir: Path | None = None
    # Long jobs (a 100,000-learner export, 1,000 cards, a backup) get a thread of their own:
    # on the database worker, scans at the check-in desk would queue behind them for seconds.
    # None (tests, screenshots): they run on run_in_background like everything else.
    run_long: Runner | None = None  # Op(..., long=True) picks it
    # Audio and camera discovery after the first paint. Off for `gui --exit-after-startup`: on a
    # loaded machine its timer could fire before the exit and load QtMultimedia into a start-up
    # that is measured without it (a flaky test, issue 16.14).
    probe_hardware: bool = True

    @property
    def folder(self) -> Path:
        """The data folder: data_dir, or the database's own folder when none was given (tests)."""
        return self.data_dir or self.db.path.parent

    def long_job_running(self) -> bool:
        runner = self.run_long
        return runner is not None and runner.busy()

    def transaction(self):
        """One user action, recorded under the logged-in user's name."""
        return self.db.transaction(actor=self.user.name)
