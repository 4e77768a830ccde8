"""A throwaway PostgreSQL server for the hub test: its own data folder, port and password.

PostgreSQL refuses to run as root, so under root the server runs as the `postgres` user that
Debian's package creates; otherwise as the current user.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SERVICE_USER = "postgres"
START_S = 60


def server_binaries() -> Path | None:
    """The folder holding initdb and postgres (Debian keeps them per version), or None."""
    found = shutil.which("initdb")
    if found and shutil.which("postgres"):
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return versions[-1].parent if versions else None


def missing() -> str | None:
    """Why a server cannot be started here, or None."""
    if server_binaries() is None:
        return "PostgreSQL's server is not installed (Debian package `postgresql`)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVICE_USER)
        except KeyError:
            return f"running as root, but there is no `{SERVICE_USER}` user to run PostgreSQL as"
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return "psycopg2 is not installed (the test extra: pip install -e '.[test]')"
    return None


@dataclass
class Postgres:
    """A running server: its folder, port, superuser password and process."""

    folder: Path
    port: int
    password: str
    process: subprocess.Popen[bytes]
    user: str = "medsome"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg2://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres"):
        import psycopg2

        return psycopg2.connect(host="127.0.0.1", port=self.port, user=self.user,
                                password=self.password, dbname=database, connect_timeout=5)

    def create_database(self, name: str) -> str:
        """Create a database; its SQLAlchemy URL."""
        connection = self.connect()
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()
        return self.url(name)

    def log_tail(self, lines: int = 30) -> str:
        log = self.folder / "postgres.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""

    def stop(self) -> None:
        """Fast shutdown (SIGINT), kill if it hangs, and remove the data folder."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def _as_service_user() -> dict:
    """Popen arguments running a command as the postgres user when we are root."""
    if os.geteuid() != 0:
        return {}
    account = pwd.getpwnam(SERVICE_USER)
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": [],
            "env": {"PATH": os.environ.get("PATH", ""), "HOME": str(Path(tempfile.gettempdir())),
                    "LC_ALL": "C.UTF-8"}}


def start(port: int) -> Postgres:
    """initdb a fresh cluster in a temporary folder and start it on 127.0.0.1:`port`."""
    binaries = server_binaries()
    assert binaries is not None, missing()
    folder = Path(tempfile.mkdtemp(prefix="medsome-pg-"))  # outside pytest's root-only tmp folders
    password = secrets.token_hex(16)
    (folder / "password").write_text(password, encoding="utf-8")
    run_as = _as_service_user()
    if run_as:
        for path in (folder, folder / "password"):
            os.chown(path, run_as["user"], run_as["group"])
    subprocess.run([str(binaries / "initdb"), "-D", str(folder / "data"), "-U", "medsome",
                    f"--pwfile={folder / 'password'}", "--auth-host=scram-sha-256", "--auth-local=trust",
                    "-E", "UTF8", "--no-sync", "--no-instructions"],
                   check=True, capture_output=True, **run_as)
    with (folder / "postgres.log").open("wb") as log:
        if run_as:
            os.chown(folder / "postgres.log", run_as["user"], run_as["group"])
        process = subprocess.Popen(
            [str(binaries / "postgres"), "-D", str(folder / "data"), "-p", str(port), "-k", str(folder),
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off"],
            stdout=log, stderr=subprocess.STDOUT, **run_as)
    server = Postgres(folder, port, password, process)
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = server.log_tail()
            server.stop()
            raise RuntimeError(f"postgres exited with {process.returncode}:\n{log}")
        try:
            server.connect().close()
            return server
        except Exception:
            time.sleep(0.2)
    log = server.log_tail()
    server.stop()
    raise RuntimeError(f"postgres did not accept connections within {START_S} s:\n{log}")
