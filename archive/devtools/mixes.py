"""The searches the benchmark and the load test send: a mix of queries and
filter sets drawn from the archive itself, so it fits whatever corpus is
loaded, fixed by the seed. Its own module, so that neither tool imports
the other (they did, each for the other's half)."""

from __future__ import annotations

import random
from collections import Counter

from archive import text
from archive.models import Article, Country, Person


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


# The kinds of query_mix, in its order.
QUERY_KINDS = ("common word", "rare word", "name", "misspelled name", "phrase", "resolution number",
               "word OR word", "word -word")


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
