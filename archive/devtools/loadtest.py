"""A bounded load test of the production server on loopback.

gunicorn serves the current database on a free port of 127.0.0.1 with the
production configuration (gunicorn.conf.py: gthread workers, warmed before
they take traffic), and a number of clients, each a thread with its own
connection per request, request a mix drawn from the
archive until the time is up: search pages with queries and filters, the
article, meeting, person, country and resolution pages, and CSV and JSON
exports of filtered results bounded to a few hundred rows. Every body is
read to the end, so a streamed export that breaks half-way is an error, as
are other answers than 2xx and 3xx, refused connections and timeouts.

Rate limiting is switched off in the server it starts (RATELIMIT_SEARCH and
RATELIMIT_EXPORT set to "off"): this measures capacity, and fifty clients
on one address are exactly what a limit exists to stop.

The client is also the benchmark's (archive.devtools.benchmark.load).

Until 7 December 2026 the server ran as five sync workers with no warming,
which is not what a deploy runs. At 100,000 generated articles, 50 clients
for 60 s on a 2-core machine: five sync workers served 37.8 requests/s,
p95 3.8 s; three gthread workers of four threads (gunicorn.conf.py's
defaults there) 40.8 requests/s, p95 2.9 s, the exports' p95 4.8 s against
3.6 s: a long export no longer holds a whole process.
"""

from __future__ import annotations

import http.client
import math
import os
import random
import runpy
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from django.conf import settings
from django.db import connection

from archive.public import browse
from archive.devtools import mixes, peers
from archive.models import Article

# The kinds of request, in the table's order.
KINDS = ("search", "article", "meeting", "person", "country", "resolution", "export.csv", "export.json")
# Of every hundred requests, how many of each kind: readers mostly search
# and read; exports are fewer and heavier.
WEIGHTS = {"search": 40, "article": 15, "meeting": 8, "person": 8, "country": 8, "resolution": 6,
           "export.csv": 8, "export.json": 7}
MIX_SIZE = 400
# An export of the mix lists at most this many articles: large enough to
# stream for a while, small enough that the test measures the site rather
# than the disk.
EXPORT_MAX_ROWS = 500
EXPORT_FILTERS = 12
TARGETS_PER_KIND = 100
REQUEST_TIMEOUT_SECONDS = 60.0
WARM_SECONDS = 2.0
PERCENTILES = (50, 95, 99)
RATE_LIMITS_OFF = {"RATELIMIT_SEARCH": "off", "RATELIMIT_EXPORT": "off"}
MAX_ERROR_EXAMPLES = 10


# The production server's configuration, which the test serves with.
GUNICORN_CONF = Path(settings.BASE_DIR) / "gunicorn.conf.py"


def production_workers() -> int:
    """How many workers gunicorn.conf.py starts in this environment
    (WEB_CONCURRENCY, else the cores plus one)."""
    return runpy.run_path(str(GUNICORN_CONF))["workers"]


@dataclass
class Options:
    clients: int = 50
    seconds: float = 60.0
    workers: int = field(default_factory=production_workers)
    seed: int = 1


# The server ----------------------------------------------------------------------------


def database_url(database: dict) -> str:
    """A DATABASE_URL naming the database Django's settings describe, so
    that the server runs on the same one, whether it came from
    DATABASE_URL, the embedded server or a test run."""
    user = quote(str(database.get("USER") or ""), safe="")
    password = database.get("PASSWORD")
    credentials = user + (":" + quote(str(password), safe="") if password else "")
    # A Unix socket folder, percent-encoded, is a host to libpq and dj-database-url.
    host = quote(str(database.get("HOST") or ""), safe="")
    port = f":{database['PORT']}" if database.get("PORT") else ""
    options = {key: value for key, value in (database.get("OPTIONS") or {}).items() if isinstance(value, str)}
    query = f"?{urlencode(options)}" if options else ""
    return f"postgres://{credentials}@{host}{port}/{quote(str(database['NAME']), safe='')}{query}"


def serve(port: int, workers: int):
    """The archive under gunicorn, as in production (its configuration
    file, with this many workers and no access log), on loopback, serving
    the current database with rate limiting off."""
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", str(GUNICORN_CONF), "archive.wsgi",
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
               "--access-logfile", "/dev/null"]
    environment = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost",
                   "DATABASE_URL": database_url(connection.settings_dict), **RATE_LIMITS_OFF}
    return peers.serving("gunicorn", command, port, "/meetings/", cwd=settings.BASE_DIR, env=environment)


# The client ----------------------------------------------------------------------------


def fetch(url: str, timeout: float = REQUEST_TIMEOUT_SECONDS) -> tuple[float, str | None]:
    """GET the URL and read the whole body: milliseconds taken, and what
    went wrong (None when the answer was 2xx or 3xx and complete)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    started = time.perf_counter()
    problem = None
    client = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        client.request("GET", path or "/")
        response = client.getresponse()
        while response.read(65536):
            pass
        if response.length:
            # read(amount) ends quietly where a body sent with its length
            # stops short (a chunked one raises IncompleteRead).
            raise http.client.IncompleteRead(b"", response.length)
        if not 200 <= response.status < 400:
            problem = f"HTTP {response.status}"
    except TimeoutError:
        problem = f"no answer within {timeout:g} s"
    except (OSError, http.client.HTTPException) as exc:  # refused, reset, cut short
        problem = f"{type(exc).__name__}: {exc}"
    finally:
        client.close()
    return (time.perf_counter() - started) * 1000, problem


@dataclass
class Result:
    """What the clients saw: each request's milliseconds and the failures, by kind."""

    clients: int
    elapsed: float = 0.0
    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(len(values) for values in self.samples.values())

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def drive(base: str, requests: Sequence[tuple[str, str]], clients: int, seconds: float,
          timeout: float = REQUEST_TIMEOUT_SECONDS) -> Result:
    """`clients` threads, each requesting the (kind, path) pairs in its own
    order, round and round, until the time is up; a request under way then
    is finished and counted. A kind of the mix nobody has requested by then
    is then requested once, so that even a short run measures every kind."""
    if not requests:
        raise ValueError("Nothing to request.")
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    result = Result(clients)
    unseen = {kind for kind, _ in requests}

    def client(number: int) -> None:
        order = list(requests)
        random.Random(number).shuffle(order)
        index = 0
        while True:
            with lock:
                if time.monotonic() < deadline:
                    kind, path = order[index % len(order)]
                    index += 1
                elif unseen:
                    kind, path = next((k, p) for k, p in order if k in unseen)
                else:
                    return
                unseen.discard(kind)
            ms, problem = fetch(base + path, timeout)
            with lock:
                result.samples.setdefault(kind, []).append(ms)
                if problem:
                    result.errors[kind] = result.errors.get(kind, 0) + 1
                    if len(result.examples) < MAX_ERROR_EXAMPLES:
                        result.examples.append(f"{kind}: {problem}: {path}")

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.monotonic() - started
    return result


# The figures ---------------------------------------------------------------------------


def percentile(samples: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest sample with at least
    `share` percent of the samples at or below it."""
    if not samples:
        return None
    ordered = sorted(samples)
    return ordered[max(1, math.ceil(share / 100 * len(ordered))) - 1]


def _figures(samples: list[float], errors: int, elapsed: float) -> dict:
    found = {"requests": len(samples), "errors": errors,
             "requests_per_second": round(len(samples) / elapsed, 1) if elapsed else None}
    for share in PERCENTILES:
        found[f"p{share}_ms"] = round(percentile(samples, share), 1) if samples else None
    found["max_ms"] = round(max(samples), 1) if samples else None
    return found


def summarize(result: Result) -> dict:
    """Requests, requests per second, latency percentiles and errors, by
    kind (in KINDS order, then any other) and in all."""
    kinds = [kind for kind in KINDS if kind in result.samples]
    kinds += sorted(set(result.samples) - set(KINDS))
    everything = [ms for values in result.samples.values() for ms in values]
    return {
        "clients": result.clients,
        "seconds": round(result.elapsed, 1),
        "kinds": {kind: _figures(result.samples[kind], result.errors.get(kind, 0), result.elapsed) for kind in kinds},
        "total": _figures(everything, result.error_count, result.elapsed),
        "error_examples": list(result.examples),
    }


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:g} ms"


def table(figures: dict) -> str:
    """The figures as a markdown table, with a line saying what was measured."""
    lines = [
        f"Archive: {figures['articles']} published articles. {figures['clients']} clients for {figures['seconds']} s "
        f"against gunicorn (gunicorn.conf.py, {figures['workers']} workers) on 127.0.0.1, rate limiting off "
        f"({', '.join(f'{name}=off' for name in RATE_LIMITS_OFF)}).",
        "",
        "| kind | requests | req/s | p50 | p95 | p99 | max | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [*figures["kinds"].items(), ("all", figures["total"])]
    for kind, values in rows:
        name = f"**{kind}**" if kind == "all" else kind
        lines.append(
            f"| {name} | {values['requests']} | {values['requests_per_second']} | {_ms(values['p50_ms'])} | "
            f"{_ms(values['p95_ms'])} | {_ms(values['p99_ms'])} | {_ms(values['max_ms'])} | {values['errors']} |"
        )
    return "\n".join(lines)


# The mix -------------------------------------------------------------------------------


def export_filters(limit: int = EXPORT_FILTERS, max_rows: int = EXPORT_MAX_ROWS) -> list[dict[str, str]]:
    """Filters whose export lists the most articles without passing
    max_rows: one person, one meeting, or one country in one year."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), 'person', person::text, '' FROM archive_article, unnest(person_ids) AS person"
            " WHERE status = 'published' GROUP BY person"
            " UNION ALL SELECT count(*), 'meeting', meeting_id::text, '' FROM archive_article"
            " WHERE status = 'published' AND meeting_id IS NOT NULL GROUP BY meeting_id"
            " UNION ALL SELECT count(*), 'country', country::text, event_year::text"
            " FROM archive_article, unnest(country_ids) AS country"
            " WHERE status = 'published' AND event_year IS NOT NULL GROUP BY country, event_year"
            " ORDER BY 1 DESC, 2, 3, 4"
        )
        rows = [row for row in cursor.fetchall() if row[0] <= max_rows][:limit]
    return [{name: value, **({"year": year} if year else {})} for _, name, value, year in rows]


def url_mix(seed: int = 1, size: int = MIX_SIZE) -> list[tuple[str, str]]:
    """(kind, path) pairs in the proportions of WEIGHTS, drawn from the
    archive; a kind the archive has nothing for (no resolution cited) is
    left out."""
    rng = random.Random(seed)
    queries = mixes.query_mix(rng, 40)
    filters = mixes.filter_sets(rng)
    exports = export_filters()
    targets = {
        "search": ["/?" + urlencode({"q": query, **filters[i % len(filters)]}) for i, query in enumerate(queries)],
        "article": [f"/articles/{pk}/" for pk in _sample(Article.objects.published().values_list("pk", flat=True), rng)],
        "meeting": [f"/meetings/{pk}/" for pk in _sample(browse.meetings().values_list("pk", flat=True), rng)],
        "person": [f"/people/{pk}/" for pk in _sample(browse.people().ids, rng)],
        "country": [f"/countries/{country.iso_code}/" for country in _sample(browse.countries(), rng)],
        "resolution": [f"/resolutions/{n}/" for n in _sample(browse.resolutions().values_list("number", flat=True), rng)],
        # Half the exports with a word too: those are written row by row in
        # Python, the others by PostgreSQL's COPY (archive.public.export).
        "export.csv": [f"/export.csv?{urlencode(_with_word(params, queries, i))}" for i, params in enumerate(exports)],
        "export.json": [f"/export.json?{urlencode(_with_word(params, queries, i + 1))}" for i, params in enumerate(exports)],
    }
    mix = []
    for kind in KINDS:
        if targets[kind]:
            count = max(1, size * WEIGHTS[kind] // 100)
            mix += [(kind, targets[kind][i % len(targets[kind])]) for i in range(count)]
    return mix


def _sample(values, rng: random.Random) -> list:
    # In one order whatever the query's or list's: the same seed, the same sample.
    values = sorted(values.order_by() if hasattr(values, "order_by") else values, key=_sort_key)
    return rng.sample(values, min(TARGETS_PER_KIND, len(values)))


def _sort_key(value):
    return getattr(value, "pk", value)


def _with_word(params: dict[str, str], queries: list[str], index: int) -> dict[str, str]:
    # A single common word: the filter bounds the rows, the word only narrows them.
    return {**params, "q": queries[0]} if index % 2 else params


# The run -------------------------------------------------------------------------------


def run(options: Options | None = None, **overrides) -> dict:
    """Serve the current database with gunicorn and load it; the figures,
    as summarize gives them, with what was measured."""
    options = options or Options(**overrides)
    mix = url_mix(options.seed)
    with serve(peers.free_port(), options.workers) as base:
        # Each worker reads the facet columns on its first search: not what
        # the test measures.
        drive(base, mix, options.workers * 2, WARM_SECONDS)
        result = drive(base, mix, options.clients, options.seconds)
    figures = summarize(result)
    figures.update(articles=Article.objects.published().count(), workers=options.workers,
                   rate_limiting="off", mix={kind: sum(1 for k, _ in mix if k == kind) for kind in KINDS})
    return figures
