"""The background uploader: a plain thread (no Qt), so the GUI, a service or a test can run it.

It probes the county's health endpoint, pushes when it answers, backs off exponentially with
jitter when it does not (so a township's laptops do not all retry in step), and stops promptly
when asked: every wait is on one Event that stop() and wake() set.
"""
from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from ccschool.i18n import L
from ccschool.sync import uploader
from ccschool.sync.transport import Transport, TransportError


@dataclass(frozen=True)
class WorkerStatus:
    state: str = "idle"  # idle | probing | sending | waiting | stopped
    last_success: datetime | None = None
    last_error: str | None = None
    next_try_in: float | None = None
    remaining_batches: int = 0


def backoff_delay(failures: int, *, base: float, cap: float, rng: random.Random) -> float:
    """Full-jitter exponential backoff: uniform in [base/2, min(cap, base * 2**failures)]."""
    ceiling = min(cap, base * (2 ** min(failures, 30)))
    return rng.uniform(min(base / 2, ceiling), ceiling)


class SyncWorker:
    def __init__(self, db, transport_factory: Callable[[], Transport], *,
                 interval: float = 900.0, base: float = 5.0, cap: float = 900.0,
                 on_status: Callable[[WorkerStatus], None] | None = None,
                 rng: random.Random | None = None) -> None:
        self.db, self.transport_factory = db, transport_factory
        self.interval, self.base, self.cap = interval, base, cap
        self.on_status = on_status or (lambda _status: None)
        self.rng = rng or random.Random()
        self.status = WorkerStatus()
        self.failures = 0
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="ccschool-sync", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """'Sync now': skip the current wait."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> bool:
        """Ask the thread to finish after the chunk in flight; True if it has ended."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            delay = self.run_once()
            self._set(state="waiting", next_try_in=delay)
            self._wake.wait(delay)
            self._wake.clear()
        self._set(state="stopped", next_try_in=None)

    def run_once(self) -> float:
        """One probe-and-push round; returns how long to wait before the next."""
        transport = None
        try:
            transport = self.transport_factory()
            self._set(state="probing")
            if not transport.health():
                raise TransportError(L("无法连接县平台：网络不可用，将自动重试",
                                       "Cannot reach the county platform: network unavailable; "
                                       "will retry"), retry=True)
            self._set(state="sending")
            result = uploader.push(self.db, transport, should_stop=self._stop.is_set)
            if result.error:
                raise TransportError(result.error, retry=result.retry)
            self.failures = 0
            self._set(last_success=datetime.now(timezone.utc), last_error=None,
                      remaining_batches=result.remaining_batches)
            return self.interval
        except Exception as exc:  # noqa: BLE001 - the worker must survive anything and report it
            self.failures += 1
            self._set(last_error=getattr(exc, "message", None) or str(exc))
            if isinstance(exc, TransportError) and not exc.retry:
                return self.cap  # a refused token will not fix itself by hammering the county
            return backoff_delay(self.failures, base=self.base, cap=self.cap, rng=self.rng)
        finally:
            if transport is not None:
                transport.close()

    def _set(self, **changes) -> None:
        self.status = replace(self.status, **changes)
        self.on_status(self.status)
