"""A private PostgreSQL server for the county receiver's tests, on 127.0.0.1 only.

The county runs the receiver on PostgreSQL (`ccschool-county serve --db postgresql+psycopg://…`),
so the receiver's tests run against a real one as well as SQLite. The server lives in a
temporary folder for one test run: initdb, pg_ctl start on a free loopback port, trust
authentication (nothing but this machine can connect), stopped and deleted at the end. As root
(CI) it runs as the `postgres` user, since PostgreSQL refuses to run as root.

The README's test command installs the Debian `postgresql` package; a machine without it skips
the PostgreSQL half (say so with `-rs`), everything else runs.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def find_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.insert(0, str(Path(on_path).parent))
    for d in candidates:
        if (Path(d) / "initdb").exists() and (Path(d) / "pg_ctl").exists():
            return Path(d)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self, bindir: Path, *, durable: bool = False,
                 settings: dict[str, str] | None = None, keep: Path | None = None) -> None:
        self.bindir = bindir
        self.durable = durable  # tests skip fsync for speed; the benchmark keeps it
        self.settings = settings or {}  # e.g. a benchmark's shared_buffers / work_mem
        # keep: a folder that outlives the server (a benchmark's large county, built once)
        self.keep = keep
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
        self.root = keep if keep is not None else Path(tempfile.mkdtemp(prefix="ccschool-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as = []
        if os.geteuid() == 0:  # PostgreSQL will not run as root
            shutil.chown(self.root, "postgres", "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> "PgServer":
        if not (self.data / "PG_VERSION").exists():
            self._run(str(self.bindir / "initdb"), "-D", str(self.data), "--auth=trust",
                      "--username=postgres", "--encoding=UTF8", "--locale=C.UTF-8")
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                   f"-c unix_socket_directories={self.root} "
                   f"-c fsync={'on' if self.durable else 'off'} -c max_connections=60")
        options += "".join(f" -c {k}={v}" for k, v in self.settings.items())
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.root / "log"), "-w", "-t", "60", "start")
        return self

    def stop(self) -> None:
        # a kept folder is shut down cleanly, so the next start needs no recovery
        mode = "fast" if self.keep is not None else "immediate"
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode,
                      "-w", "stop")
        finally:
            if self.keep is None:
                shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self, name: str | None = None) -> str:
        """A fresh, empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = name or f"county_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)
