"""What the site does when PostgreSQL cannot be reached, and how a load
balancer asks whether it can.

While the database is down every page answers 503 with a short Arabic page
(templates/503.html) and a Retry-After header, instead of a 500 and a stack
trace; nothing has to be restarted when it returns, because Django opens a
new connection on the next request (the settings' health checks discard a
persistent connection the server dropped). ``/healthz`` runs ``SELECT 1`` on
each database the site reads from, for the load balancer.
"""

from __future__ import annotations

import logging
import sys

import psycopg
from django.db import Error, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from archive.routers import REPLICA, replica_configured

logger = logging.getLogger(__name__)

# How long a client should wait before asking again: a server restart or a
# failover usually takes some seconds.
RETRY_AFTER_SECONDS = 30

# Server-reported SQLSTATEs that mean "no usable connection", as opposed to
# "this statement failed": class 08 (connection exception), the server
# shutting down or not yet accepting connections (57P01 admin_shutdown,
# 57P02 crash_shutdown, 57P03 cannot_connect_now), and no connection slot
# left (53300 too_many_connections).
_UNAVAILABLE_STATES = {"57P01", "57P02", "57P03", "53300"}


def is_connection_failure(exc: BaseException) -> bool:
    """Whether exc says the database cannot be reached, rather than that one
    statement failed.

    The rule: Django's OperationalError or InterfaceError caused by psycopg's
    OperationalError or InterfaceError whose SQLSTATE is absent, in class 08,
    or one of _UNAVAILABLE_STATES. psycopg reports a failure to connect
    (refused, timed out, authentication, unknown database: everything the
    server says before the session starts) and a connection lost mid-request
    with no SQLSTATE, since no statement ran; a statement timeout (57014
    QueryCanceled), a lock timeout (55P03), a serialization failure (40001),
    a full disk (53100) are OperationalErrors too, but they carry their
    statement's SQLSTATE and the server is up, so they stay ordinary 500s
    rather than a misleading "database down" page. ProgrammingError,
    IntegrityError and the like are never connection failures.
    """
    if not isinstance(exc, (OperationalError, InterfaceError)):
        return False
    cause = exc.__cause__
    if not isinstance(cause, (psycopg.OperationalError, psycopg.InterfaceError)):
        return False
    state = cause.sqlstate
    return state is None or state.startswith("08") or state in _UNAVAILABLE_STATES


def unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    logger.error("Database unreachable, answering 503 to %s %s: %s", request.method, request.path, exc)
    return page_503("503.html", RETRY_AFTER_SECONDS)


def page_503(template_name: str, retry_after: int) -> HttpResponse:
    """A 503 page rendered without a request, so that no context processor
    (the user, the messages) queries the database that just failed; never
    cached, so a proxy or CDN does not keep serving it once it is over."""
    response = HttpResponse(loader.get_template(template_name).render(), status=503)
    response.headers["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a connection failure raised by a view (or while its template
    renders) into the 503 page; every other exception goes on as before."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_connection_failure(exception):
            return unavailable_response(request, exception)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a connection failure raised outside any view (in another
    middleware, e.g. a session saved on the way out) gets the 503 page too;
    anything else gets Django's own 500 page."""
    exc = sys.exc_info()[1]
    if exc is not None and is_connection_failure(exc):
        return unavailable_response(request, exc)
    return defaults.server_error(request)


def _reachable(alias: str) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Error as exc:  # whatever the reason, this server cannot use it
        logger.warning("Health check: database %r unavailable: %s", alias, exc)
        return False
    return True


@csrf_exempt
@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when every database the site reads from answers, else 503. Reads
    neither the session nor the user, so other middleware adds no query."""
    state = {"database": _reachable("default")}
    if replica_configured():
        state["replica"] = _reachable(REPLICA)
    body = {name: "ok" if ok else "unavailable" for name, ok in state.items()}
    return JsonResponse(body, status=200 if all(state.values()) else 503)
