"""Running the `nettonoll` command as a user runs it: a process of its own, with a data folder
and a SQLite file of its own, and nothing of the test run's Django settings."""

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

NETTONOLL = str(Path(sys.executable).parent / "nettonoll")
# The command run here uses a SQLite file of its own whatever the test run's database is: a
# module of such tests alone is the same on the PostgreSQL pass, which skips it (`ONLY_ONCE`).
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
DATABASE_FILE = "db.sqlite3"


@dataclass(frozen=True)
class DemoBuild:
    """What `nettonoll demo --no-serve` made in a data folder of its own, and what it printed."""

    database: Path
    stdout: str


def nettonoll_env(data_dir: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a user's shell, with `data_dir` as data folder and its SQLite file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NETTONOLL_", "DJANGO_"))}
    env.pop("SECRET_KEY", None)
    env.update(
        NETTONOLL_DATA_DIR=str(data_dir),
        DATABASE_URL=f"sqlite:///{data_dir / DATABASE_FILE}",
        **(extra_env or {}),
    )
    return env


def run_nettonoll(
    *args: str, data_dir: Path, extra_env: dict[str, str] | None = None, timeout: int = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NETTONOLL, *args],
        capture_output=True,
        text=True,
        env=nettonoll_env(data_dir, extra_env),
        timeout=timeout,
        check=False,
    )


def copy_database(source: Path, target: Path) -> None:
    """Copy a SQLite database through SQLite's backup API: complete even if the source is in WAL
    mode, and the copy is a database of its own."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
