"""House rules that a test can check: Qt stays inside ccschool/ui/, the desktop app reaches the
database only through the services, and modules import each other one way."""
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


# The GUI's one way to the data is the service layer (as the CLI's and the tests'): a query
# written in a page is a rule the CLI does not share and no service test covers.
DATA_LAYER = ("sqlalchemy", "sqlmodel", "ccschool.models")


def test_the_desktop_app_reaches_the_database_only_through_services():
    from tests.foundation.import_graph import imported_names, module_names

    offenders = {}
    for name, path in module_names(ROOT).items():
        if name.startswith("ccschool.ui"):
            found = sorted(n for n in imported_names(path, name)
                           if any(n == d or n.startswith(d + ".") for d in DATA_LAYER))
            if found:
                offenders[str(path.relative_to(ROOT))] = found
    assert offenders == {}


def test_the_data_layer_check_sees_deferred_and_aliased_imports(tmp_path):
    from tests.foundation.import_graph import imported_names

    page = tmp_path / "page.py"
    page.write_text("def load():\n    from sqlalchemy import select as pick\n"
                    "    import ccschool.models.person as person\n"
                    "from ccschool import models\n")
    assert {"sqlalchemy", "ccschool.models.person", "ccschool.models"} <= imported_names(page)


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
