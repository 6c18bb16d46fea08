"""The database of a benchmark that builds its own: a throwaway SQLite file in a temporary folder,
or the PostgreSQL database named by `--database-url`, created (and dropped by `drop()`). Import
and call `bench_database(...)` before anything of Django; it configures and sets Django up."""

import os
import shutil
import tempfile
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class BenchDatabase:
    tmpdir: str
    url: str
    is_postgres: bool

    def _pg(self, statement: str) -> None:
        import psycopg
        from psycopg import sql

        parts = urlsplit(self.url)
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(parts.path.lstrip("/"))))

    def drop(self) -> None:
        """Close Django's connection and drop the PostgreSQL database, or remove the folder."""
        from django.db import connection

        if self.is_postgres:
            connection.close()
            self._pg("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        shutil.rmtree(self.tmpdir, ignore_errors=True)


def bench_database(prefix: str, database_url: str = "") -> BenchDatabase:
    tmpdir = tempfile.mkdtemp(prefix=prefix)
    os.environ["NETTONOLL_DATA_DIR"] = tmpdir
    os.makedirs(os.path.join(tmpdir, "static"), exist_ok=True)
    url = database_url or f"sqlite:///{tmpdir}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "nettonoll.settings"
    os.environ.setdefault("NETTONOLL_ENV", "development")
    database = BenchDatabase(tmpdir, url, url.startswith(("postgres://", "postgresql://")))
    if database.is_postgres:
        database._pg("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        database._pg("CREATE DATABASE {}")
    import django

    django.setup()
    return database
