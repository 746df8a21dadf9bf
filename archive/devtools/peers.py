"""A peer for the benchmark: Datasette serving an SQLite copy of the archive.

The copy holds the published articles with FTS5 over their title and body,
and the facts the peer facets on as plain columns (year, meeting format,
outlet) and JSON arrays of names (countries, persons). Datasette answers
the benchmark's query mix over HTTP, each search with 20 rows, the total
count and three facets.

The comparison is of speed on the same rows, not of search quality: FTS5's
unicode61 tokenizer folds neither hamza nor tashkeel in Arabic (remove_diacritics
is for Latin letters), strips no clitic (لداعش is not داعش), knows no other
spelling of a name, and Datasette's table view lists matches by id, not by
rank. Our search page does all of that, and counts eight facets (year,
format, kind, outlet, meeting, person, country, resolution), each with the
other filters applied; Datasette gets the three the comparison names (year,
country, person), each counted with every filter applied.

Datasette is an optional dependency (the `bench` extra): nothing here
imports it, the server runs as a subprocess of this interpreter.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from archive import text
from archive.search import queries
from archive.public import export
from archive.models import Article, Country, Person

logger = logging.getLogger(__name__)

TABLE = "articles"
PAGE_SIZE = 20
# Facets as Datasette names them: year is a column, the others JSON arrays.
COLUMN_FACETS = ("year",)
ARRAY_FACETS = ("countries", "persons")
STARTUP_TIMEOUT_SECONDS = 60.0
REQUEST_TIMEOUT_SECONDS = 60.0

# Datasette's defaults cut a query off after 1 s and a facet after 200 ms. A
# facet (or the count) cut off is left out of the JSON, still with status
# 200; only the rows' query answers 400. The limits are raised so that a
# search is answered in full and its time is that of the whole work, as on
# our page; time_urls counts whatever is still cut off as a failure.
DATASETTE_SETTINGS = {
    "sql_time_limit_ms": "20000",
    "facet_time_limit_ms": "20000",
    "num_sql_threads": "2",
    "default_page_size": str(PAGE_SIZE),
    # Suggested facets cost a query per column on every request; our page
    # suggests nothing.
    "suggest_facets": "off",
}

SCHEMA = f"""
CREATE TABLE {TABLE} (
    id INTEGER PRIMARY KEY,
    title TEXT,
    body TEXT,
    published_on TEXT,
    year INTEGER,
    format TEXT,
    outlet TEXT,
    countries TEXT,
    persons TEXT
);
"""
# Datasette finds the FTS table of a table only when the content option is
# written content="articles" or content=[articles], in exactly that form
# (datasette.utils.detect_fts_sql): content='articles' is not recognised.
FULL_TEXT = f"""
CREATE VIRTUAL TABLE {TABLE}_fts USING fts5(
    title, body,
    content="{TABLE}", content_rowid="id",
    tokenize="unicode61 remove_diacritics 2"
);
INSERT INTO {TABLE}_fts({TABLE}_fts) VALUES('rebuild');
INSERT INTO {TABLE}_fts({TABLE}_fts) VALUES('optimize');
CREATE INDEX {TABLE}_year ON {TABLE}(year);
CREATE INDEX {TABLE}_format ON {TABLE}(format);
ANALYZE;
"""
ARTICLE_VALUES = (
    "id", "title", "body", "published_on", "event_year", "meeting_format", "outlet__name", "country_ids", "person_ids",
)


class PeerError(RuntimeError):
    """The peer could not be built or served; the message says why."""


# The SQLite copy ---------------------------------------------------------------


def build_sqlite(path: Path) -> int:
    """Copy the published articles into a new SQLite file at path, with its
    full-text index; return how many were copied.

    Rows stream from a server-side cursor into one executemany, so memory
    stays flat whatever the size of the archive.
    """
    path = Path(path)
    for leftover in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
        leftover.unlink(missing_ok=True)
    countries = dict(Country.objects.values_list("pk", "name"))
    persons = dict(Person.objects.values_list("pk", "name"))
    copied = 0

    def rows() -> Iterator[tuple]:
        nonlocal copied
        queryset = Article.objects.published().order_by("pk").values_list(*ARTICLE_VALUES)
        for pk, title, body, published_on, year, format_, outlet, country_ids, person_ids in export.iterate(queryset):
            copied += 1
            yield (
                pk, title, body, published_on.isoformat() if published_on else None, year, format_, outlet,
                _names(country_ids, countries), _names(person_ids, persons),
            )

    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # A throwaway file, deleted and rebuilt from PostgreSQL if anything
        # fails: a journal or an fsync would protect nothing.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("BEGIN")
        connection.execute(SCHEMA)
        connection.executemany(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
        for statement in _statements(FULL_TEXT):
            connection.execute(statement)
        connection.execute("COMMIT")
    except BaseException:
        connection.close()
        path.unlink(missing_ok=True)
        raise
    connection.close()
    return copied


def _names(ids: Iterable[int], names: dict[int, str]) -> str:
    # A JSON array, as Datasette's array facet and arraycontains filter read
    # it; an id whose record is gone has no name to show and is left out.
    return json.dumps(sorted({names[i] for i in ids if i in names}), ensure_ascii=False)


def _statements(script: str) -> list[str]:
    # executescript would commit the open transaction first.
    return [statement.strip() for statement in script.split(";") if statement.strip()]


# The server --------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve_datasette(path: Path, port: int, overrides: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the SQLite file with Datasette on 127.0.0.1:port while the block
    runs; yield the URL of its database (…/<database name>), the base that
    datasette_url expects. overrides replace some of DATASETTE_SETTINGS."""
    if importlib.util.find_spec("datasette") is None:
        raise PeerError("Datasette is not installed: pip install -e '.[test]'")
    command = [sys.executable, "-m", "datasette", "serve", str(path), "--host", "127.0.0.1", "--port", str(port)]
    for name, value in {**DATASETTE_SETTINGS, **(overrides or {})}.items():
        command += ["--setting", name, value]
    with serving("Datasette", command, port, "/-/versions.json") as root:
        yield f"{root}/{_database_route(root, path)}"


@contextmanager
def serving(name: str, command: list[str], port: int, ready_path: str, **popen) -> Iterator[str]:
    """Run a server on 127.0.0.1:port while the block runs, once it answers
    ready_path; yield its root URL. Its output goes to a file, not a pipe:
    nobody reads a pipe while the benchmark runs, and a full one would block
    the server."""
    root = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, **popen)
        try:
            _wait_until_up(name, root + ready_path, process, output)
            yield root
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(name: str, url: str, process: subprocess.Popen, output: IO[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise PeerError(f"{name} exited with code {process.returncode}:\n{_tail(output)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:  # refused while it starts; URLError is an OSError
            pass
        time.sleep(0.1)
    # Stopped before its output is read: it shares the file's offset.
    process.kill()
    process.wait()
    raise PeerError(f"{name} did not answer on {url} within {STARTUP_TIMEOUT_SECONDS:g} s:\n{_tail(output)}")


def _tail(output: IO[bytes], size: int = 4000) -> str:
    output.seek(0)
    return output.read().decode("utf-8", "replace")[-size:]


def _database_route(root: str, path: Path) -> str:
    # Datasette names a database after its file, escaping some characters in
    # URLs (tilde encoding): ask it rather than guess.
    with urllib.request.urlopen(f"{root}/-/databases.json", timeout=REQUEST_TIMEOUT_SECONDS) as response:
        databases = json.load(response)
    resolved = str(Path(path).resolve())
    for database in databases:
        if database.get("path") and str(Path(database["path"]).resolve()) == resolved:
            return database.get("route") or urllib.parse.quote(database["name"])
    raise PeerError(f"Datasette does not serve {path}: {databases}")


# The searches ------------------------------------------------------------------


def fts_query(raw: str) -> str:
    """A query in our syntax as an FTS5 query: words and "phrases" quoted,
    AND between them, OR between alternatives, excluded words at the end
    behind NOT (FTS5's NOT takes two operands). Empty when nothing is
    left to match: FTS5 cannot search for exclusions alone.

    The query is read by our own tokenizer, so both sides see the same words,
    phrases, OR and S/RES symbols; the words stay as typed, because the copy
    is indexed as written and FTS5 normalizes nothing Arabic.
    """
    groups: list[list[str]] = []  # OR inside, AND between
    excluded: list[str] = []
    pending_or = False
    for token, kind in queries.tokens(raw):
        if kind == "or":
            pending_or = bool(groups)
            continue
        if kind == "word" and token.startswith("-") and len(token) > 1:
            if text.words(token[1:]):
                excluded.append(_quoted(token[1:]))
            pending_or = False
            continue
        if not text.words(token):
            continue
        # "بلينكن-كيري" or a phrase: FTS5 splits a quoted string into its
        # words and wants them next to each other, as our search does.
        item = _quoted(token)
        if pending_or:
            groups[-1].append(item)
        else:
            groups.append([item])
        pending_or = False
    if not groups:
        return ""
    # An explicit AND: FTS5 reads whitespace as AND between phrases only, and
    # '"a" ("b" OR "c")' is a syntax error.
    match = " AND ".join(group[0] if len(group) == 1 else "(" + " OR ".join(group) + ")" for group in groups)
    if excluded:
        match = (f"({match})" if len(groups) > 1 else match) + "".join(f" NOT {term}" for term in excluded)
    return match


def _quoted(term: str) -> str:
    return '"' + " ".join(term.split()).replace('"', '""') + '"'


def datasette_url(base: str, query: str, filters: dict[str, str]) -> str:
    """The Datasette URL of one search of the mix: JSON with the first 20
    rows, the total and the facets year, countries and persons.

    base is the database's URL as serve_datasette yields it. Filters are the
    search page's parameters: year, format, country and person (ids, looked
    up by name since the copy holds names).
    """
    params: list[tuple[str, str]] = []
    match = fts_query(query)
    if match:
        params += [("_search", match), ("_searchmode", "raw")]
    params += [("_facet", name) for name in COLUMN_FACETS]
    params += [("_facet_array", name) for name in ARRAY_FACETS]
    params.append(("_size", str(PAGE_SIZE)))
    for name, value in filters.items():
        if name in ("year", "format"):
            params.append((name, str(value)))
        elif name == "country":
            params.append(("countries__arraycontains", _name(Country, value)))
        elif name == "person":
            params.append(("persons__arraycontains", _name(Person, value)))
        else:
            raise ValueError(f"The Datasette peer has no filter for {name!r}.")
    return f"{base}/{TABLE}.json?{urllib.parse.urlencode(params)}"


def _name(model: type[Country] | type[Person], pk: str) -> str:
    name = model.objects.filter(pk=int(pk)).values_list("name", flat=True).first()
    if name is None:
        raise ValueError(f"No {model.__name__} with id {pk}.")
    return name


def time_urls(urls: Iterable[str]) -> tuple[list[float], int]:
    """GET each URL in turn; return every request's time in milliseconds and
    how many failed.

    A request fails when it gets no answer, a status other than 200, a JSON
    error, no total count, or lacks a facet it asked for: Datasette answers
    200 without a facet (or the count) that ran out of time, saying so only
    on its HTML page, and a search cut short is no fair figure. Failed
    requests are timed too, and each is logged with its reason.
    """
    samples: list[float] = []
    failed = 0
    for url in urls:
        started = time.perf_counter()
        body, problem = _fetch(url)
        samples.append((time.perf_counter() - started) * 1000)
        problem = problem or _incomplete(url, body)
        if problem:
            failed += 1
            logger.warning("Datasette search failed (%s): %s", problem, url)
    return samples, failed


def _fetch(url: str) -> tuple[bytes, str | None]:
    """The body of the answer, or what went wrong."""
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT_SECONDS) as response:
            return response.read(), None
    except urllib.error.HTTPError as exc:
        return b"", f"HTTP {exc.code}: {exc.read()[:500].decode('utf-8', 'replace')}"
    except OSError as exc:  # refused, reset, timed out
        return b"", f"no answer: {exc}"


def _incomplete(url: str, body: bytes) -> str | None:
    try:
        data = json.loads(body)
    except ValueError:
        return "not JSON"
    if data.get("error") or data.get("ok") is False:
        return f"error: {data.get('error')}"
    asked = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    wanted = asked.get("_facet", []) + asked.get("_facet_array", [])
    missing = [name for name in wanted if name not in data.get("facet_results", {})]
    timed_out = data.get("facets_timed_out") or missing
    if timed_out:
        return f"facets timed out: {', '.join(timed_out)}"
    if data.get("filtered_table_rows_count") is None:
        return "count timed out"
    return None
