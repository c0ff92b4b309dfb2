"""The leak check (tests/leakcheck.py) fails the test that left a file open, and only that one."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

CASES = '''
import gc
import os
import socket
import threading

import pytest

held = []


def test_plain_leak(tmp_path):
    open(tmp_path / "a.txt", "w")  # dropped at once, never closed


def test_leak_in_a_cycle(tmp_path):
    class Holder:
        pass
    h = Holder()
    h.me = h
    h.f = open(tmp_path / "b.txt", "w")  # freed only by the collector


def test_leak_in_a_thread_it_started():
    def run():
        socket.socket()
    t = threading.Thread(target=run)
    t.start()
    t.join()


def test_closed_properly(tmp_path):
    with open(tmp_path / "c.txt", "w") as f:
        f.write("x")


def test_starts_a_straggler(tmp_path):
    # a thread that outlives this test and drops an open file during the next one
    box = [open(tmp_path / "d.txt", "w")]
    go = threading.Event()
    def later():
        go.wait(30)
        box.clear()  # the last reference: "unclosed file" is said in this thread
    thread = threading.Thread(target=later, daemon=True)
    thread.start()
    held.extend([go, thread])


def test_innocent_while_a_straggler_drops_its_file():
    go, thread = held
    go.set()
    thread.join(30)
    assert not thread.is_alive()


def test_garbage_from_before_the_test_is_not_blamed(tmp_path):
    gc.collect()  # the earlier tests' leftovers are frozen: nothing of theirs is freed here
'''


def test_the_leaking_tests_fail_and_the_others_pass(tmp_path):
    (tmp_path / "test_cases.py").write_text(textwrap.dedent(CASES))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.leakcheck", "-p", "no:cacheprovider",
         "-rA", "-W", "always::ResourceWarning", "test_cases.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    out = result.stdout
    errors = {line.split("::")[1].split()[0] for line in out.splitlines()
              if line.startswith("ERROR test_cases.py::")}
    assert errors == {"test_plain_leak", "test_leak_in_a_cycle",
                      "test_leak_in_a_thread_it_started"}, out
    assert "7 passed" in out and "3 errors" in out, out  # errors at teardown; every call passed
    assert "left open by this test" in out and "a.txt" in out and "b.txt" in out, out
