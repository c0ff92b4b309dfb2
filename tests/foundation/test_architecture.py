"""House rules that a test can check: Qt stays inside ccschool/ui/."""
from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import ccschool

ROOT = Path(ccschool.__file__).parent
QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|PyQt\d|shiboken6)\b", re.MULTILINE)


def test_no_qt_import_outside_ui():
    offenders = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py")
                 if "ui" not in p.relative_to(ROOT).parts[:1] and QT_IMPORT.search(p.read_text())]
    assert offenders == []


def test_importing_every_non_ui_module_loads_no_qt():
    names = [m.name for m in pkgutil.walk_packages([str(ROOT)], "ccschool.")
             if not m.name.startswith(("ccschool.ui", "ccschool.migrations", "ccschool.__main__"))]
    code = ("import importlib, sys\n"
            f"for n in {names!r}:\n    importlib.import_module(n)\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT.parent, check=True).stdout.strip()
    assert out == "[]"


def test_migrations_have_a_single_head():
    from ccschool.migrate import head_revisions
    assert len(head_revisions()) == 1, head_revisions()


def test_no_import_cycles_among_ccschool_modules():
    """Modules depend one way: a cycle (even through an import inside a function) means neither
    side can be read, tested or moved alone, and its order of loading decides what works."""
    from tests.foundation.import_graph import cycles, import_graph

    assert cycles(import_graph(ROOT)) == []


def test_the_cycle_finder_sees_a_deferred_import_cycle(tmp_path):
    """The finder itself: a loop closed by an import inside a function is reported; one under
    `if TYPE_CHECKING:` (never run) is not."""
    from tests.foundation.import_graph import cycles, import_graph

    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.sub import b\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from .. import a\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                              "    from pkg import a\nimport pkg.sub.b\n")
    (pkg / "d.py").write_text("from pkg import c\n")
    (pkg / "sub" / "e.py").write_text("def g():\n    import pkg.d\n")
    assert cycles(import_graph(pkg)) == [["pkg.a", "pkg.sub.b"]]
