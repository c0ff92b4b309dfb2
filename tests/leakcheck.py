"""Fail the test that leaves a file, socket or process pipe open (a ResourceWarning).

Python reports an unclosed file or socket when the object is freed, which for garbage in a
reference cycle is whenever the collector next runs — often in a later, innocent test. So a
warning filter alone (`-W error::ResourceWarning`) cannot say which test leaked. Instead:

- at the start of each test everything already alive is frozen (gc.freeze): the collector
  then cannot free, and so cannot blame this test for, objects made before it;
- at the end, after the test's own fixtures are torn down, a collection frees what the test
  made and dropped; every ResourceWarning said meanwhile by the test's own thread (or by a
  thread the test started) fails the test at teardown, with where the object was opened when
  tracemalloc runs (PYTHONTRACEMALLOC=20).

Warnings said by threads that were already running when the test began (a late server thread
of an earlier test) are shown as usual but never fail this test: it did not leave them.
"""
from __future__ import annotations

import gc
import threading
import tracemalloc
import warnings
from collections.abc import Callable, Generator

import pytest

# Every this many tests, objects that became garbage while frozen (an earlier test's
# module-scoped fixtures, stragglers) are freed, uncounted; a full collection costs ~0.1-0.3 s
# on the shared machine, too much for every test.
FULL_COLLECT_EVERY = 50

_KEY = pytest.StashKey["_Watch"]()


class _Watch:
    """The ResourceWarnings one test left, collected while it runs."""

    def __init__(self) -> None:
        self.before = set(threading.enumerate())
        self.leaks: list[warnings.WarningMessage] = []
        # Set by the warnings plugin for this test (it records into pytest's log); still called,
        # so the warnings summary shows every warning as before.
        self.shown: Callable[[warnings.WarningMessage], None] = warnings._showwarnmsg_impl  # type: ignore[attr-defined]

    def show(self, message: warnings.WarningMessage) -> None:
        thread = threading.current_thread()
        if issubclass(message.category, ResourceWarning) and (
                thread is threading.main_thread() or thread not in self.before):
            self.leaks.append(message)
        self.shown(message)

    def report(self) -> str:
        lines = [f"{len(self.leaks)} resource(s) left open by this test "
                 "(close files, sockets and process pipes; `with` does it):"]
        for message in self.leaks:
            lines.append(f"  {message.message} (freed at {message.filename}:{message.lineno})")
            traceback = (tracemalloc.get_object_traceback(message.source)
                         if message.source is not None else None)
            if traceback is None:
                lines.append("    run with PYTHONTRACEMALLOC=20 to see where it was opened")
            else:
                lines.extend("    " + line for line in traceback.format()[-8:])
        return "\n".join(lines)


_count = 0


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, object, object]:
    global _count
    _count += 1
    if _count % FULL_COLLECT_EVERY == 0:
        gc.collect()
    watch = _Watch()
    item.stash[_KEY] = watch
    warnings._showwarnmsg_impl = watch.show  # type: ignore[attr-defined]
    gc.freeze()
    return (yield)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    try:
        result = yield
    finally:
        watch = item.stash.get(_KEY, None)
        if watch is not None:
            try:
                gc.collect()  # only what this test made: the rest is frozen
            finally:
                gc.unfreeze()
                warnings._showwarnmsg_impl = watch.shown  # type: ignore[attr-defined]
    if watch is not None and watch.leaks:
        pytest.fail(watch.report(), pytrace=False)
    return result
