"""Build the one-folder bundle for this OS: `python installer/build.py`.

On Linux it also makes dist/ccschool-<version>-linux-x86_64.tar.gz with a .desktop file and
icon; on Windows, compile installer/ccschool.iss with Inno Setup afterwards.
`--smoke` runs the built executable through the smoke test (what CI does).
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


def version() -> str:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def build() -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
                    str(ROOT / "installer" / "ccschool.spec")], cwd=ROOT, check=True)
    return DIST / "ccschool"


def linux_tarball(bundle: Path) -> Path:
    shutil.copy(ROOT / "installer" / "ccschool.desktop", bundle / "ccschool.desktop")
    shutil.copy(ROOT / "resources" / "icons" / "ccschool.png", bundle / "ccschool.png")
    out = DIST / f"ccschool-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        tar.add(bundle, arcname="ccschool")
    return out


def smoke(bundle: Path) -> None:
    """--version, the window offscreen, and month-end work in a temporary data folder."""
    exe = bundle / ("ccschool.exe" if os.name == "nt" else "ccschool")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as d:
        steps = [
            ["--version"],
            ["init", "--site-code", "SMOKE01", "--site-name", "冒烟测试镇社区学校", "--data-dir", d],
            ["demo", "--learners", "60", "--months", "2", "--data-dir", d],
            ["gui", "--exit-after-startup", "--data-dir", d],
            ["print", "cards", "--all", "--out", str(Path(d) / "cards.pdf"), "--data-dir", d],
            # the roster reader (calamine, a native module) must be in the bundle too
            ["learners", "export", str(Path(d) / "roster.xlsx"), "--data-dir", d],
            ["learners", "import", str(Path(d) / "roster.xlsx"), "--dry-run", "--data-dir", d],
            ["report", "monthly", "--month", _this_month(), "--json", "--data-dir", d],
        ]
        for args in steps:
            print("smoke:", exe.name, *args, flush=True)
            subprocess.run([str(exe), *args], env=env, check=True, timeout=300)
        assert (Path(d) / "cards.pdf").stat().st_size > 10_000, "cards.pdf is empty"


def _this_month() -> str:
    from datetime import date

    return date.today().strftime("%Y-%m")


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*")
               if f.is_file() and not f.is_symlink()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="smoke-test the built bundle")
    parser.add_argument("--no-build", action="store_true", help="smoke-test an existing bundle")
    args = parser.parse_args()
    bundle = DIST / "ccschool" if args.no_build else build()
    print(f"bundle: {bundle} ({size_mb(bundle):.0f} MB)")
    if sys.platform.startswith("linux") and not args.no_build:
        tar = linux_tarball(bundle)
        print(f"tarball: {tar} ({tar.stat().st_size / 1e6:.0f} MB)")
    if args.smoke:
        smoke(bundle)
        print("smoke test passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
