"""Change tracking is hooked in exactly once, however many threads open their first session."""
from __future__ import annotations

import threading
import time
import types

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from ccschool.sync import changes


def test_install_from_many_threads_at_once_listens_once(monkeypatch):
    if event.contains(OrmSession, "before_flush", changes._before_flush):
        event.remove(OrmSession, "before_flush", changes._before_flush)

    def slow_contains(*args):  # widen the window between "is it there?" and "listen"
        found = event.contains(*args)
        time.sleep(0.05)
        return found

    monkeypatch.setattr(changes, "event", types.SimpleNamespace(contains=slow_contains,
                                                                listen=event.listen))
    start = threading.Barrier(8)

    def go():
        start.wait()
        changes.install()

    threads = [threading.Thread(target=go) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    listeners = [f for f in OrmSession().dispatch.before_flush if f is changes._before_flush]
    assert len(listeners) == 1
