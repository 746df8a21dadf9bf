"""The facts researchers search by, read from a cleaned article body.

Extraction reads only the cleaned body: what cleaning cut (an appended
article, tags, links) can never become a fact. Each fact keeps the sentence
it came from.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from archive.importing import countries, meetings, people, resolutions, statements
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
    people: tuple[people.PersonFact, ...]
    meeting: meetings.MeetingFacts
    notes: tuple[str, ...]
    # Who said what; a person speaker is an index into `people`.
    statements: tuple[statements.StatementFact, ...] = ()


@lru_cache(maxsize=1)
def gazetteer_matcher() -> countries.CountryMatcher:
    return countries.CountryMatcher(countries.load_gazetteer())


@lru_cache(maxsize=1)
def gazetteer_entries() -> dict[str, countries.CountryEntry]:
    return {entry.iso: entry for entry in countries.load_gazetteer()}


def matcher_with(extra_aliases: Iterable[tuple[str, str]]) -> countries.CountryMatcher:
    """The gazetteer plus the editors' own spellings (ISO code, spelling)."""
    extra = list(extra_aliases)
    if not extra:
        return gazetteer_matcher()
    return countries.CountryMatcher(countries.load_gazetteer(), extra_aliases=extra)


NOTE_NO_MEETING = "لا يذكر المقال اجتماعا"
NOTE_NO_CHAIR = "يذكر المقال اجتماعا ولا يسمي من ترأسه"
NOTE_NO_MEETING_DATE = "يذكر المقال اجتماعا دون تاريخ"


def extract(
    body: str,
    published_on: datetime.date | None = None,
    matcher: countries.CountryMatcher | None = None,
    title: str = "",
    known: people.KnownNames | None = None,
    dateline: str = "",
) -> Extraction:
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
    found_people = people.PeopleReader(matcher, known).read(body)
    meeting = meetings.read(body, published_on, title, dateline)
    notes = list(found_people.notes) + meeting.notes
    if not meeting.reported:
        notes.append(NOTE_NO_MEETING)
    else:
        if meeting.date is None and not meeting.notes:
            notes.append(NOTE_NO_MEETING_DATE)
        if not any(person.is_chair for person in found_people.people):
            notes.append(NOTE_NO_CHAIR)
    return Extraction(
        resolutions=tuple(resolutions.find_resolutions(body)),
        countries=tuple(country_facts),
        people=found_people.people,
        meeting=meeting,
        notes=tuple(dict.fromkeys(notes)),
        statements=statements.StatementReader(matcher, found_people.people, known).read(body),
    )
