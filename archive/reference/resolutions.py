"""The Security Council's resolutions as reference data
(data/resolutions.json): the year of adoption of every number, and the
adoption date and subject of the resolutions the coalition's statements
cite most.

Choices:
- Years come as ranges of numbers checked to be of that year ("from", "to"),
  not as one number per year: the Council numbers its resolutions in one
  series, so 79 ranges give the year of every one of the first 2,810
  resolutions. Where the boundary is not confirmed (2811: 2025 or 2026?)
  the number is in no range and has no year; nothing is guessed.
- Each range and each resolution lists its sources and the facts each
  vouches for (archive.reference.sourcing), like the calendar.
- Read and checked here, without Django: a malformed entry is a
  ResolutionDataError naming it. archive.reference.loading writes the
  facts into the cited resolutions; archive.importing.resolutions reads the
  numbering to tell a Council citation from a decree's number.

Entry points: year_of(), year_bounds(), known(), facts_of().
"""

from __future__ import annotations

import bisect
import datetime
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from archive.reference import sourcing

RESOLUTION_FACTS = ("adopted_on", "subject_en", "topic_en")
YEAR_FACTS = ("from", "to")


class ResolutionDataError(ValueError):
    pass


@dataclass(frozen=True)
class YearRange:
    year: int
    first: int
    last: int
    sources: tuple[sourcing.Source, ...]


@dataclass(frozen=True)
class Known:
    number: int
    adopted_on: datetime.date
    subject_en: str
    topic_en: str
    sources: tuple[sourcing.Source, ...]

    @property
    def source_url(self) -> str:
        return self.sources[0].url


def _year_range(raw: dict) -> YearRange:
    where = f"resolutions.json: السنة {raw.get('year')!r}"
    try:
        entry = YearRange(int(raw["year"]), int(raw["from"]), int(raw["to"]), sourcing.sources_of(raw))
    except (KeyError, TypeError, ValueError) as error:
        raise ResolutionDataError(f"{where}: حقل ناقص أو غير صحيح ({error})") from None
    if entry.first > entry.last:
        raise ResolutionDataError(f"{where}: «from» بعد «to»")
    if why := sourcing.problem(entry.sources, YEAR_FACTS, YEAR_FACTS):
        raise ResolutionDataError(f"{where}: {why}")
    return entry


def _known(raw: dict) -> Known:
    where = f"resolutions.json: القرار {raw.get('number')!r}"
    try:
        entry = Known(int(raw["number"]), datetime.date.fromisoformat(raw["adopted_on"]), raw["subject_en"],
                      raw["topic_en"], sourcing.sources_of(raw))
    except (KeyError, TypeError, ValueError) as error:
        raise ResolutionDataError(f"{where}: حقل ناقص أو غير صحيح ({error})") from None
    if why := sourcing.problem(entry.sources, RESOLUTION_FACTS, RESOLUTION_FACTS):
        raise ResolutionDataError(f"{where}: {why}")
    return entry


def read(raw: dict) -> tuple[tuple[YearRange, ...], dict[int, Known]]:
    """The file's ranges in order and its detailed resolutions, checked:
    ResolutionDataError names the first entry at fault."""
    years = tuple(sorted((_year_range(r) for r in raw["years"]), key=lambda r: r.first))
    for before, after in zip(years, years[1:]):
        if after.first <= before.last or after.year <= before.year:
            raise ResolutionDataError(f"resolutions.json: السنتان {before.year} و{after.year} متداخلتان")
    known = {entry.number: entry for entry in map(_known, raw["resolutions"])}
    for entry in known.values():
        if year_in(years, entry.number) not in (None, entry.adopted_on.year):
            raise ResolutionDataError(f"resolutions.json: القرار {entry.number} خارج نطاق سنة {entry.adopted_on.year}")
    return years, known


@cache
def _data() -> tuple[tuple[YearRange, ...], dict[int, Known]]:
    return read(json.loads(resources.files("archive.reference").joinpath("data/resolutions.json").read_text("utf-8")))


def year_in(years: tuple[YearRange, ...], number: int) -> int | None:
    i = bisect.bisect_right([r.first for r in years], number) - 1
    return years[i].year if i >= 0 and number <= years[i].last else None


def year_of(number: int) -> int | None:
    """The year the Council adopted resolution `number`, or None where the
    sources checked do not settle it."""
    return year_in(_data()[0], number)


def known(number: int) -> Known | None:
    """The adoption date and subject of a resolution the file details."""
    return _data()[1].get(number)


def facts_of(number: int) -> dict[str, object]:
    """What the file says of resolution `number`, as the Resolution record's
    fields: its year, and where the file details it, its adoption date,
    subject and source. Empty where the file says nothing."""
    facts: dict[str, object] = {}
    if (year := year_of(number)) is not None:
        facts["year"] = year
    if (entry := known(number)) is not None:
        facts.update(adopted_on=entry.adopted_on, subject_en=entry.subject_en, topic_en=entry.topic_en,
                     source_url=entry.source_url)
    return facts


def year_bounds(number: int) -> tuple[int, int | None] | None:
    """The earliest and latest year resolution `number` can be of: its year
    where known; else the years of the ranges either side (no latest past
    the file's last range). None for a number below the first."""
    years = _data()[0]
    i = bisect.bisect_right([r.first for r in years], number) - 1
    if i < 0:
        return None
    if number <= years[i].last:
        return years[i].year, years[i].year
    return years[i].year, years[i + 1].year if i + 1 < len(years) else None
