"""The facts researchers search by, read from a cleaned article body.

Extraction reads only the cleaned body: what cleaning cut (an appended
article, tags, links) can never become a fact. Each fact keeps the sentence
it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from archive.importing import countries, resolutions
from archive.importing.sentences import SentenceIndex


@dataclass(frozen=True)
class CountryFact:
    iso: str
    name_as_written: str
    sentence: str


@dataclass(frozen=True)
class Extraction:
    resolutions: tuple[resolutions.FoundResolution, ...]
    countries: tuple[CountryFact, ...]


@lru_cache(maxsize=1)
def gazetteer_matcher() -> countries.CountryMatcher:
    return countries.CountryMatcher(countries.load_gazetteer())


@lru_cache(maxsize=1)
def gazetteer_entries() -> dict[str, countries.CountryEntry]:
    return {entry.iso: entry for entry in countries.load_gazetteer()}


def extract(body: str, matcher: countries.CountryMatcher | None = None) -> Extraction:
    matcher = matcher or gazetteer_matcher()
    index = SentenceIndex(body)
    seen: set[str] = set()
    country_facts = []
    for found in matcher.find(body):
        if found.iso in seen:
            continue
        seen.add(found.iso)
        sentence = index.at(found.start)
        country_facts.append(CountryFact(found.iso, found.surface, sentence.text if sentence else found.surface))
    return Extraction(resolutions=tuple(resolutions.find_resolutions(body)), countries=tuple(country_facts))
