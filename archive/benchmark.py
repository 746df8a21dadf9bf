"""Measuring the archive on the current database: the figures behind the
speed targets, printed as a markdown table and kept as JSON.

Every figure is measured in-process on this machine: the full search page
(results, every facet, snippets, pagination) through Django's test client,
the ranked SQL alone as its lower bound, the facet counts of a broad query,
a full CSV export, and imports with full extraction (a dry run: nothing is
kept). The query mix is drawn from the archive itself, so it fits whatever
corpus is loaded, and is fixed by the seed.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.http import QueryDict
from django.test import Client
from django.utils import timezone

from archive import export, facets, text
from archive.filters import ArticleFilter
from archive.importing import pipeline
from archive.models import Article, Country, Person

PAGE_TARGET_P95_MS = 200
PAGE_TARGET_MEDIAN_MS = 80


@dataclass
class Timing:
    name: str
    samples: list[float] = field(default_factory=list)  # milliseconds

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else 0.0

    @property
    def p95(self) -> float:
        if not self.samples:
            return 0.0
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]

    @property
    def max(self) -> float:
        return max(self.samples, default=0.0)


def query_mix(rng: random.Random, size: int = 70) -> list[str]:
    """Common and rare words, names and misspelled names, phrases,
    resolution numbers, OR and exclusion, drawn from the archive."""
    bodies = list(Article.objects.published().order_by("pk").values_list("body", flat=True)[:300])
    counts = Counter(word for body in bodies for word in text.words(body) if len(word) > 3 and not word.isdigit())
    common = [w for w, _ in counts.most_common(40)]
    rare = [w for w, n in counts.items() if n == 1][:200] or common
    names = list(Person.objects.filter(mentions__isnull=False).distinct().values_list("name", flat=True)[:200])
    numbers = list(Article.objects.published().values_list("citations__resolution__number", flat=True).distinct()[:50])
    numbers = [str(n) for n in numbers if n] or ["2254"]
    phrases = []
    for body in bodies[:50]:
        words = body.split()
        if len(words) > 10:
            start = rng.randrange(len(words) - 3)
            phrases.append(f'"{words[start]} {words[start + 1]}"')
    kinds = [
        lambda: rng.choice(common),
        lambda: rng.choice(rare),
        lambda: rng.choice(names) if names else rng.choice(common),
        lambda: _misspell(rng.choice(names), rng) if names else rng.choice(common),
        lambda: rng.choice(phrases) if phrases else rng.choice(common),
        lambda: rng.choice(numbers),
        lambda: f"{rng.choice(common)} OR {rng.choice(rare)}",
        lambda: f"{rng.choice(common)} -{rng.choice(common)}",
    ]
    return [kinds[i % len(kinds)]() for i in range(size)]


def _misspell(name: str, rng: random.Random) -> str:
    surname = name.split()[-1]
    if len(surname) > 4:
        index = rng.randrange(1, len(surname) - 1)
        surname = surname[:index] + surname[index + 1 :]
    return surname


def filter_sets(rng: random.Random) -> list[dict]:
    years = list(range(2015, 2025))
    country = Country.objects.filter(mentions__isnull=False).values_list("pk", flat=True).first()
    one = {"year": str(rng.choice(years))}
    three = {"year": str(rng.choice(years)), "format": "in_person", **({"country": str(country)} if country else {})}
    return [{}, one, three]


def run(seed: int = 1, queries: int = 70, export_rows: int | None = None, import_files: int = 100) -> dict:
    rng = random.Random(seed)
    mix = query_mix(rng, queries)
    filters = filter_sets(rng)
    # The production settings answer only their own host names.
    client = Client(HTTP_HOST=next((h for h in settings.ALLOWED_HOSTS if "*" not in h), "localhost"))
    page, sql = Timing("search page"), Timing("ranked SQL alone")
    for query in mix:
        for params in filters:
            data = {"q": query, **params}
            started = time.perf_counter()
            response = client.get("/", data)
            page.samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (response.status_code, data)
            started = time.perf_counter()
            filterset = ArticleFilter(data, queryset=Article.objects.published())
            filterset.is_valid()
            list(filterset.qs.values_list("pk", flat=True)[: settings.ARCHIVE_PAGE_SIZE])
            filterset.qs.count()
            sql.samples.append((time.perf_counter() - started) * 1000)

    broad = Timing("facet counts, broad query")
    common = query_mix(random.Random(seed), 8)[0]
    for _ in range(5):
        started = time.perf_counter()
        broad_query = QueryDict(mutable=True)
        broad_query["q"] = common
        facets.compute(broad_query)
        broad.samples.append((time.perf_counter() - started) * 1000)

    rows, seconds, peak = _export(export_rows)
    imported, import_seconds = _import(import_files)
    total = Article.objects.published().count()
    return {
        "articles": total,
        "queries": len(mix) * len(filters),
        "timings": {
            t.name: {"median_ms": round(t.median, 1), "p95_ms": round(t.p95, 1), "max_ms": round(t.max, 1)}
            for t in (page, sql, broad)
        },
        "page_to_sql_ratio": round(page.median / sql.median, 2) if sql.median else None,
        "export": {"rows": rows, "rows_per_second": round(rows / seconds) if seconds else None,
                   "peak_memory_mb": round(peak / 1e6, 1)},
        "import": {"files": imported, "files_per_second": round(imported / import_seconds, 1) if import_seconds else None},
        "targets": {
            "search page p95 <= 200 ms": page.p95 <= PAGE_TARGET_P95_MS,
            "search page median <= 80 ms": page.median <= PAGE_TARGET_MEDIAN_MS,
        },
    }


def _export(limit: int | None) -> tuple[int, float, int]:
    filterset = ArticleFilter(QueryDict(), queryset=Article.objects.published())
    filterset.is_valid()
    tracemalloc.start()
    started = time.perf_counter()
    rows = 0
    for _ in export.articles_stream(filterset, "csv", lambda path: "http://bench" + path, "http://bench/", timezone.now()):
        rows += 1
        if limit is not None and rows > limit:
            break
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return rows - 1, seconds, peak  # the header line is not a row


def _import(count: int) -> tuple[int, float]:
    base = Path(settings.BASE_DIR)
    sources = sorted((base / "fixtures" / "seeds").glob("*.txt")) + sorted((base / "tests" / "data" / "unseen").glob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        for number in range(count):
            source = sources[number % len(sources)]
            text_ = source.read_bytes().decode("utf-8-sig") + f"\n\nنسخة القياس {number}\n"
            Path(folder, f"{number:05d}.txt").write_text(text_, encoding="utf-8")
        started = time.perf_counter()
        result = pipeline.import_paths([folder], dry_run=True)
        seconds = time.perf_counter() - started
    return result.created, seconds


def table(figures: dict) -> str:
    lines = [
        f"Archive: {figures['articles']} published articles; {figures['queries']} searches.",
        "",
        "| measure | median | p95 | max |",
        "|---|---:|---:|---:|",
    ]
    for name, values in figures["timings"].items():
        lines.append(f"| {name} | {values['median_ms']} ms | {values['p95_ms']} ms | {values['max_ms']} ms |")
    lines += [
        "",
        "| measure | value |",
        "|---|---:|",
        f"| search page / SQL (median) | {figures['page_to_sql_ratio']} |",
        f"| CSV export | {figures['export']['rows']} rows, {figures['export']['rows_per_second']} rows/s, "
        f"peak {figures['export']['peak_memory_mb']} MB traced |",
        f"| import, full extraction (dry run) | {figures['import']['files_per_second']} files/s |",
    ]
    lines += ["", "| target | met |", "|---|---|"]
    lines += [f"| {name} | {'yes' if met else 'no'} |" for name, met in figures["targets"].items()]
    return "\n".join(lines)
