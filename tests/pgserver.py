"""A throwaway PostgreSQL server for tests: Debian's binaries, a fresh cluster on a free loopback port.

As root (CI), the server runs as the ``postgres`` user the Debian package creates, since
PostgreSQL refuses to run as root. `find_bin_dir` is None when PostgreSQL is not installed
(`.ci/run` installs it); the fixtures then skip, saying so.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.conftest import free_port


def find_bin_dir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    return None



class PostgresServer:
    """initdb + pg_ctl start in a temporary directory; `url(db)` for SQLAlchemy; `stop()` removes it."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="ogi-pg-"))
        self.data = self.root / "data"
        self.user = None if os.geteuid() != 0 else "postgres"
        if self.user:
            info = pwd.getpwnam(self.user)
            os.chown(self.root, info.pw_uid, info.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "ogi", "-A", "trust", "-E", "UTF8", "--no-locale")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "60", "-o",
                  f"-h 127.0.0.1 -p {self.port} -k {self.root} -F -c fsync=off -c full_page_writes=off", "start")
        self._databases = 0

    def _run(self, program: str, *args: str) -> None:
        cmd = [str(self.bin_dir / program), *args]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed: {result.stdout[-1000:]} {result.stderr[-1000:]}")

    def create_database(self) -> str:
        """A new empty database; its SQLAlchemy URL."""
        import psycopg

        self._databases += 1
        name = f"ogi_test_{self._databases}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=ogi dbname=postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://ogi@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            time.sleep(0.1)
            shutil.rmtree(self.root, ignore_errors=True)
