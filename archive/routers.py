"""Reads to a read replica, writes to the primary.

When DATABASE_REPLICA_URL is set, the public site's safe requests (GET and
HEAD outside the admin: search, pages, exports) read from the replica;
everything else (the admin, imports, any write) uses the primary, so an
editor never reads back a change the replica has not received yet.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import connections

REPLICA = "replica"
T = TypeVar("T")

_reads_from_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("reads_from_replica", default=False)
# What a public read asked the database once, kept for the rest of the
# request (per_request).
_request_reads: contextvars.ContextVar[dict | None] = contextvars.ContextVar("request_reads", default=None)


def per_request(key: tuple, read: Callable[[], T]) -> T:
    """read(), once per public read request (search, pages, exports) and
    again everywhere else. For the versions that say whether a process's
    copies are current (archive.search.engine, archive.search): a search page
    asked each of them two or three times, a round trip each. Not for
    requests that write, which may change what they would read back."""
    reads = _request_reads.get()
    if reads is None:
        return read()
    if key not in reads:
        reads[key] = read()
    return reads[key]


def replica_configured() -> bool:
    return REPLICA in connections.settings


@contextmanager
def reads_once(public_read: bool = True) -> Iterator[None]:
    """per_request's reads kept for the length of the block, when it is a
    public read: a request's (ReplicaReadsMiddleware), or a measure of
    what one request does (archive.devtools.benchmark)."""
    reads = _request_reads.set({} if public_read else None)
    try:
        yield
    finally:
        _request_reads.reset(reads)


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
        with reads_once(public_read):
            response = self.get_response(request)
        # A streamed export reads while it is sent, after this returns:
        # it keeps the request's choice (the next request sets its own).
        if not response.streaming:
            _reads_from_replica.reset(token)
        return response
