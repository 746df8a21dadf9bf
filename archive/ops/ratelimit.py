"""How many requests one client may make: searches, exports, failed admin logins.

One search over a large archive or one full export keeps PostgreSQL busy for
a while, so a single client looping over them could starve everybody else.
Each client (its IP address) has a budget per kind of request, counted in
Django's cache: Redis when REDIS_URL is set, so every app server counts
together; otherwise each process's memory. The budgets come from the
RATELIMIT_* settings, read at each request; None turns a limit off.

The count is a fixed window (requests in this minute, say): one cache
increment per request, at the price of allowing up to twice the rate across
a window's edge, which is still a bound.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

# Scope -> the setting holding its (requests, seconds), or None for no limit.
RATES = {"search": "RATELIMIT_SEARCH", "export": "RATELIMIT_EXPORT", "login": "RATELIMIT_LOGIN"}


def _now() -> float:
    return time.time()


def client_address(request: HttpRequest) -> str:
    """The client's IP address: REMOTE_ADDR, or, behind TRUSTED_PROXIES
    reverse proxies, the address the outermost of them saw. Entries further
    left in X-Forwarded-For are whatever the client wrote and are ignored."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")


def _rate(scope: str) -> tuple[int, int] | None:
    return getattr(settings, RATES[scope])


def _window(scope: str, who: str, period: int) -> tuple[str, int]:
    """The cache key of who's current window and the seconds until it ends."""
    now = _now()
    window = int(now // period)
    # Hashed: user names are arbitrary text, and cache keys must stay short and plain.
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{window}", max(1, math.ceil((window + 1) * period - now))


def _budget(scope: str, who: str) -> tuple[str, int, int, int] | None:
    """Who's current window in this scope (its cache key, the seconds until
    it ends), the requests it allows and its length; None for no limit."""
    rate = _rate(scope)
    if rate is None:
        return None
    count, period = rate
    return (*_window(scope, who, period), count, period)


def used(scope: str, who: str) -> int | None:
    """Seconds to wait when who has spent this scope's budget, else None."""
    budget = _budget(scope, who)
    if budget is None:
        return None
    key, wait, count, _ = budget
    try:
        spent = cache.get(key, 0)
    except Exception:  # any cache failure: see _unavailable
        return _unavailable(scope)
    return wait if spent >= count else None


def spend(scope: str, who: str) -> int | None:
    """Count one request; seconds to wait when it is over budget, else None."""
    budget = _budget(scope, who)
    if budget is None:
        return None
    key, wait, count, period = budget
    try:
        # add() starts the window (a no-op when it exists); incr() is atomic
        # in Redis, so concurrent app servers never lose a request.
        cache.add(key, 0, timeout=period + 1)
        try:
            spent = cache.incr(key)
        except ValueError:  # the window expired between the two calls
            cache.set(key, 1, timeout=period + 1)
            spent = 1
    except Exception:  # any cache failure: see _unavailable
        return _unavailable(scope)
    return wait if spent > count else None


def _unavailable(scope: str) -> None:
    # The limits protect the database; an unreachable cache must not take
    # the whole site down with it, so requests pass and the failure is logged.
    logger.exception("Request limit %r not applied: the cache is unavailable", scope)
    return None


def too_many_requests(request: HttpRequest, wait: int) -> HttpResponse:
    response = render(request, "429.html", {"retry_after": wait}, status=429)
    response.headers["Retry-After"] = str(wait)
    return response


def limit(scope: str):
    """Decorate a view: each client may call it as often as the scope's rate allows."""
    if scope not in RATES:
        raise ValueError(f"Unknown request limit {scope!r}")

    def decorate(view):
        @functools.wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            wait = spend(scope, client_address(request))
            if wait is not None:
                return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return limited

    return decorate
