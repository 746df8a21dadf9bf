"""Reads to a read replica, writes to the primary.

When DATABASE_REPLICA_URL is set, the public site's safe requests (GET and
HEAD outside the admin: search, pages, exports) read from the replica;
everything else (the admin, imports, any write) uses the primary, so an
editor never reads back a change the replica has not received yet.
"""

from __future__ import annotations

import contextvars

from django.db import connections

REPLICA = "replica"

_reads_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("reads_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if _reads_from_replica.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # one database, two doors

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == "default"


class ReplicaReadsMiddleware:
    """Marks the requests whose reads may go to the replica."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        public_read = request.method in ("GET", "HEAD") and not request.path.startswith("/admin/")
        token = _reads_from_replica.set(public_read)
        response = self.get_response(request)
        # A streamed export reads while it is sent, after this returns:
        # it keeps the request's choice (the next request sets its own).
        if not response.streaming:
            _reads_from_replica.reset(token)
        return response
