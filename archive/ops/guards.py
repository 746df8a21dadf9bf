"""How much of the database one public request may take.

Every statement a public page runs is bounded by PostgreSQL's
statement_timeout, whatever the query typed or the filters chosen: the
query's length is bounded too (archive.search.filters), but a bound on the text is
no bound on the work, and the archive grows. A statement cut short answers
a short Arabic 503 page, not a 500. The admin, imports, migrations and
management commands never pass through here and keep the server's default.

The timeout is set on the session (``set_config(..., false)``) when a
public view is about to run, and reset when the response is closed: a
streamed export reads after the view has returned, so ``SET LOCAL`` inside
a transaction around the view would not cover it, and wrapping the whole
request in one transaction would change what the views commit. The reset
runs on Django's request_finished signal, which the WSGI server's close()
of the response sends once the last byte is out; a connection whose reset
fails is closed, so no bound can outlive its request into an editor's
import on the same connection.
"""

from __future__ import annotations

import contextvars
import logging

import psycopg
from django.core.signals import request_finished
from django.db import DatabaseError, OperationalError, connections, router
from django.http import HttpRequest, HttpResponse

from archive.ops import health
from archive.models import Article

logger = logging.getLogger(__name__)

# Twice the slowest searches the benchmark measures at 100,000 articles
# (phrases of common words: several seconds on two cores), so no real
# search is cut, while a runaway one holds a backend for ten seconds at most.
PAGE_TIMEOUT_MS = 10_000
# Each statement of an export: the count, each chunk fetched from the
# server-side cursor and its three look-ups. None of them is the whole
# export, so a minute is generous for an archive of any realistic size.
EXPORT_TIMEOUT_MS = 60_000
# COPY writes a whole export without a query as one statement, which lasts
# as long as the client takes to download it (archive.public.export.copy_csv): it
# is bounded by the download, since what it reads cannot be made expensive
# by what a visitor types (filters only, on indexed columns).
DOWNLOAD_TIMEOUT_MS = 30 * 60_000
# After a cancelled statement, when to try again.
RETRY_AFTER_SECONDS = 5

# The public URL names (namespace "archive") that stream a file.
EXPORTS = frozenset({"export_csv", "export_json", "meetings_export", "people_export", "resolutions_export"})

QUERY_CANCELED = "57014"

# The database aliases bounded for the request being served.
_bounded: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("bounded", default=())


def timeout_for(request: HttpRequest) -> int | None:
    """The statement timeout in milliseconds for a resolved request, or None
    for what is not a public read."""
    match = request.resolver_match
    if match is None or match.namespace != "archive" or request.method not in ("GET", "HEAD"):
        return None
    return EXPORT_TIMEOUT_MS if match.url_name in EXPORTS else PAGE_TIMEOUT_MS


def is_statement_timeout(exc: BaseException) -> bool:
    """Whether exc is PostgreSQL cancelling a statement (statement_timeout)."""
    cause = exc.__cause__
    return isinstance(exc, OperationalError) and isinstance(cause, psycopg.Error) and cause.sqlstate == QUERY_CANCELED


def bound(milliseconds: int) -> None:
    """Set the timeout on the connection public reads use."""
    alias = router.db_for_read(Article)
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{milliseconds}ms"])
    except DatabaseError as exc:
        # The database is unreachable: the view will fail the same way, and
        # archive.ops.health turns that into its own page.
        logger.warning("Could not set statement_timeout on %r: %s", alias, exc)
        return
    _bounded.set((alias,))


def release(**kwargs) -> None:
    """Give the connections bounded for this request their default back."""
    aliases = _bounded.get()
    if not aliases:
        return
    _bounded.set(())
    for alias in aliases:
        connection = connections[alias]
        if connection.connection is None:
            continue  # closed since: the next connection starts at the default
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
        except DatabaseError as exc:
            if connection.in_atomic_block:
                continue  # the failed transaction's rollback takes the setting back
            logger.warning("Could not reset statement_timeout on %r, closing it: %s", alias, exc)
            connection.close()


request_finished.connect(release, dispatch_uid="archive.ops.guards.release")


def allow_download(cursor, alias: str) -> None:
    """Let the next statement of this transaction run as long as a download
    (SET LOCAL: it ends with the transaction). Only where a public request
    bounded the connection: the command line keeps its own setting."""
    if alias in _bounded.get():
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [f"{DOWNLOAD_TIMEOUT_MS}ms"])


def timeout_response() -> HttpResponse:
    """The page for a cancelled statement."""
    return health.page_503("archive/timeout.html", RETRY_AFTER_SECONDS)


class StatementTimeoutMiddleware:
    """Bounds each statement of a public read (archive.ops.guards)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        milliseconds = timeout_for(request)
        if milliseconds is not None:
            bound(milliseconds)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # Only the bound set here: a cancellation anywhere else is not the
        # "try a narrower search" this page explains.
        if is_statement_timeout(exception) and timeout_for(request) is not None:
            logger.warning("Statement timeout on %s %s", request.method, request.get_full_path()[:300])
            return timeout_response()
        return None
