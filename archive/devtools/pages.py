"""Every public page but the search, timed from a single client (issue 24,
point 7: each at most 100 ms p95 and 200 KB of HTML at 100,000 articles).

The pages of each kind are its busiest records first (the country, person,
meeting and resolution with the most published articles: the ones whose
pages grow with the archive), then a sample of the others; the lists, with
a later page of the longest. Each is asked REPEATS times in process, through
Django's test client, after the search benchmark has warmed the database:
a researcher's clicks, not a cold start (the search's first pass is the
benchmark's cold figure).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from django.db.models import F
from django.test import Client

from archive.public import browse

TARGET_P95_MS = 100
TARGET_KB = 200
BUSIEST = 3
SAMPLED = 7
REPEATS = 3
LISTS = ["/meetings/", "/people/", "/people/?page=2", "/countries/", "/resolutions/", "/outlets/", "/statements/"]


def paths(seed: int = 1) -> dict[str, list[str]]:
    """The pages to time, by kind."""
    rng = random.Random(seed)
    return {
        "lists": LISTS,
        "meeting": _pick(browse.meetings().order_by(F("article_count").desc(), "pk").values_list("pk", flat=True),
                         "/meetings/{}/", rng),
        "person": _pick(browse.people().ids, "/people/{}/", rng),
        "country": _pick([country.iso_code for country in browse.countries()], "/countries/{}/", rng),
        "resolution": _pick(browse.resolutions().order_by("-citation_count", "pk").values_list("number", flat=True),
                            "/resolutions/{}/", rng),
    }


def _pick(values, pattern: str, rng: random.Random) -> list[str]:
    """The busiest records (values in that order), and a sample of the rest."""
    values = list(values)
    rest = values[BUSIEST:]
    chosen = values[:BUSIEST] + rng.sample(rest, min(SAMPLED, len(rest)))
    return [pattern.format(value) for value in chosen]


@dataclass
class Measured:
    samples: list[float] = field(default_factory=list)  # milliseconds
    largest: int = 0  # bytes
    largest_path: str = ""


def measure(client: Client, by_kind: dict[str, list[str]]) -> dict[str, Measured]:
    """Each kind's times and its largest page."""
    measured = {}
    for kind, kind_paths in by_kind.items():
        found = measured[kind] = Measured()
        for path in kind_paths:
            for _ in range(REPEATS):
                started = time.perf_counter()
                response = client.get(path)
                found.samples.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise AssertionError(f"{path} answered {response.status_code}")
                if len(response.content) > found.largest:
                    found.largest, found.largest_path = len(response.content), path
    return {kind: found for kind, found in measured.items() if found.samples}
