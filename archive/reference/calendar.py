"""The coalition's calendar: its meetings from the 2014 precursor conferences
on, as reference data (data/calendar.json) checked against published sources.

Choices an editor should know about:

- Nothing is guessed. Every fact an entry states (date, place, format, kind,
  chairs, counts, ordinal, statement address) is listed under at least one
  source that was read stating it; an entry whose meeting could not be
  confirmed is kept only as "unverified", and says so on its page.
- The file is read and checked here, without Django: a malformed entry is a
  CalendarError naming the entry's key and the field, never a half-loaded
  calendar. archive.reference.loading writes it into the database.
- Keys are "<first day>-<city or virtual>-<kind>"; no two entries of one kind
  share a date.

One entry point: entries().
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from archive.reference import sourcing

FORMATS = ("in_person", "virtual")
KINDS = ("ministerial", "small_group", "political_directors", "precursor")
# Whose ministers met (None for political directors); vouched for by the
# sources of "kind".
MINISTERS = (None, "foreign", "defence", "foreign_and_defence")
STATUSES = ("verified", "unverified")
# The facts an entry may state, each of which a source must vouch for.
# "cues_ar" may be vouched for too: "بدورته الخامسة والخمسين" is a cue of
# Munich 2019 because that year's security conference was the 55th.
SOURCED_FACTS = (
    "date", "place", "format", "kind", "chairs", "member_count", "participant_count", "ordinal", "statement_url",
    "cues_ar",
)


class CalendarError(ValueError):
    """The calendar file is not what the archive can load."""


@dataclass(frozen=True)
class Chair:
    name_ar: str
    aliases_ar: tuple[str, ...]
    name_en: str
    country: str | None
    role_ar: str
    role_en: str
    part: str  # chair, co-chair or host


@dataclass(frozen=True)
class Entry:
    key: str
    name_ar: str
    name_en: str
    start: datetime.date
    end: datetime.date | None
    city_ar: str
    city_en: str
    format: str
    kind: str
    ministers: str
    ordinal: int | None
    chairs: tuple[Chair, ...]
    member_count: int | None
    participant_count: int | None
    statement_url: str
    cues: tuple[str, ...]  # other names and distinctive phrases, in Arabic
    verified: bool
    sources: tuple[sourcing.Source, ...]
    notes: str

    def stated(self) -> set[str]:
        """The sourced facts this entry states."""
        values = {
            "date": self.start, "place": self.city_ar, "format": self.format,
            "kind": self.kind, "chairs": self.chairs, "member_count": self.member_count,
            "participant_count": self.participant_count, "ordinal": self.ordinal, "statement_url": self.statement_url,
        }
        return {name for name, value in values.items() if value not in (None, "", ())}


def _date(raw: dict, name: str, where: str) -> datetime.date | None:
    value = raw.get(name)
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CalendarError(f"{where}: «{name}» ليس تاريخاً بصيغة YYYY-MM-DD: {value!r}") from None


def _count(raw: dict, name: str, where: str) -> int | None:
    value = raw.get(name)
    if value is not None and (not isinstance(value, int) or value < 0):
        raise CalendarError(f"{where}: «{name}» يجب أن يكون عدداً صحيحاً موجباً أو null: {value!r}")
    return value


def _choice(raw: dict, name: str, allowed: tuple[str, ...], where: str) -> str:
    value = raw.get(name)
    if value not in allowed:
        raise CalendarError(f"{where}: «{name}» يجب أن يكون أحد {', '.join(allowed)}: {value!r}")
    return value


def _chair(raw: dict, where: str) -> Chair:
    """A chair or host. One whose Arabic spelling no source showed keeps
    only the English name: it is listed on the meeting, not made a person
    that Arabic text could never name."""
    if not (raw.get("name_ar") or raw.get("name_en")):
        raise CalendarError(f"{where}: رئيس بلا اسم")
    return Chair(
        name_ar=(raw.get("name_ar") or "").strip(),
        aliases_ar=tuple(a.strip() for a in raw.get("aliases_ar") or () if a.strip()),
        name_en=(raw.get("name_en") or "").strip(),
        country=raw.get("country") or None,
        role_ar=(raw.get("role_ar") or "").strip(),
        role_en=(raw.get("role_en") or "").strip(),
        part=raw.get("part") or "co-chair",
    )


def parse_entry(raw: dict) -> Entry:
    """One calendar entry, checked; CalendarError names the key and field."""
    where = f"مدخل التقويم «{raw.get('key', '؟')}»"
    for name in ("key", "name_ar", "start"):
        if not raw.get(name):
            raise CalendarError(f"{where}: الحقل «{name}» ناقص")
    start = _date(raw, "start", where)
    end = _date(raw, "end", where)
    if end is not None and end < start:
        raise CalendarError(f"{where}: «end» قبل «start»")
    sources = sourcing.sources_of(raw)
    entry = Entry(
        key=raw["key"], name_ar=raw["name_ar"].strip(), name_en=(raw.get("name_en") or "").strip(),
        start=start, end=end, city_ar=(raw.get("city_ar") or "").strip(), city_en=(raw.get("city_en") or "").strip(),
        format=_choice(raw, "format", FORMATS, where), kind=_choice(raw, "kind", KINDS, where),
        ministers=_choice(raw, "ministers", MINISTERS, where) or "",
        ordinal=_count(raw, "ordinal", where),
        chairs=tuple(_chair(c, where) for c in raw.get("chairs") or ()),
        member_count=_count(raw, "member_count", where), participant_count=_count(raw, "participant_count", where),
        statement_url=raw.get("statement_url") or "",
        cues=tuple(dict.fromkeys(c.strip() for c in [*(raw.get("names_ar") or ()), *(raw.get("cues_ar") or ())] if c.strip())),
        verified=_choice(raw, "status", STATUSES, where) == "verified",
        sources=sources, notes=raw.get("notes") or "",
    )
    _check_sources(entry, where)
    return entry


def _check_sources(entry: Entry, where: str) -> None:
    # An unverified entry may state a fact its sources only suggest.
    stated = entry.stated() if entry.verified else ()
    if why := sourcing.problem(entry.sources, stated, SOURCED_FACTS):
        raise CalendarError(f"{where}: {why}")


def parse(raw: dict) -> tuple[Entry, ...]:
    entries = _named_by_their_names(tuple(parse_entry(item) for item in raw.get("meetings", ())))
    seen_keys: set[str] = set()
    seen_days: set[tuple[datetime.date, str]] = set()
    for entry in entries:
        if entry.key in seen_keys:
            raise CalendarError(f"مدخل التقويم «{entry.key}» مكرر")
        if (entry.start, entry.kind) in seen_days:
            raise CalendarError(f"مدخل التقويم «{entry.key}»: اجتماعان من النوع نفسه في اليوم نفسه")
        seen_keys.add(entry.key)
        seen_days.add((entry.start, entry.kind))
    return entries


# "(مؤتمر باريس)", "(مقر حلف الناتو)": a name's gloss, not said with it.
_GLOSS = re.compile(r"\s*\([^)]*\)")


def _named_by_their_names(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """Each meeting's own Arabic name, its gloss left out, among its cues:
    a page that calls a meeting by it ("المؤتمر الدولي حول السلام والأمن
    في العراق", dev10/06) reports that meeting. Not a name two entries
    share ("الاجتماع الوزاري … في واشنطن" is three meetings')."""
    names = [_GLOSS.sub("", entry.name_ar).strip() for entry in entries]
    shared = {name for name, count in Counter(names).items() if count > 1}
    return tuple(
        dataclasses.replace(entry, cues=tuple(dict.fromkeys((*entry.cues, name))))
        if name and name not in shared else entry
        for entry, name in zip(entries, names)
    )


@cache
def entries() -> tuple[Entry, ...]:
    """The calendar as shipped in the package."""
    raw = resources.files("archive.reference").joinpath("data/calendar.json").read_text(encoding="utf-8")
    try:
        return parse(json.loads(raw))
    except json.JSONDecodeError as error:
        raise CalendarError(f"archive/reference/data/calendar.json: ليس JSON صالحاً ({error})") from None
