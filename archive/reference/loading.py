"""Writing the reference data into the archive: the calendar's meetings as
ordinary Meeting records (origin "calendar"), their chairs as people, and
the known officials as people with every spelling the sources show.

Run after every migrate (archive.apps), so an empty archive already has its
timeline. Each entry is loaded once, recorded in ReferenceLoad: an editor's
correction is never overwritten by a later load, and a meeting an editor
merged away or deleted is not brought back. When a later release changes a
calendar entry already loaded, only what it adds reaches the meeting: its
new cues and sources, and a chair the earlier file could not name in
Arabic (the meeting's note listed them); the facts an editor may have
corrected (date, place, counts, names) are left as they are. A chair
already in the archive under any of the calendar's spellings is linked, not
made again, and the calendar's other spellings become aliases, so imports
find the person.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.db.models import Q

from archive import text
from archive.importing import saving
from archive.models import Meeting, Participation, Person, PersonAlias, ReferenceLoad, Resolution
from archive.reference import calendar, officials, resolutions

KIND_CALENDAR = "calendar"
KIND_OFFICIAL = "official"


def sync_calendar(entries: tuple[calendar.Entry, ...] | None = None, using: str = "default") -> int:
    """Load the calendar entries never loaded before, and add to the
    meetings of those loaded what a changed entry adds; return how many
    were loaded."""
    entries = calendar.entries() if entries is None else entries
    loaded = _load_once(KIND_CALENDAR, entries, _load_meeting, using)
    _refresh_calendar(entries, using)
    return loaded


def digest(entry) -> str:
    """An entry's fingerprint: its dataclass, every field in order."""
    return hashlib.sha256(repr(entry).encode("utf-8")).hexdigest()


def _refresh_calendar(entries: tuple[calendar.Entry, ...], using: str) -> None:
    applied = dict(ReferenceLoad.objects.using(using).filter(kind=KIND_CALENDAR).values_list("key", "digest"))
    changed = [(entry, now) for entry in entries if entry.key in applied and applied[entry.key] != (now := digest(entry))]
    with transaction.atomic(using=using):
        for entry, now in changed:
            meeting = Meeting.objects.using(using).filter(calendar_key=entry.key).first()
            if meeting is not None:  # else an editor merged it away or deleted it
                _add_to_meeting(meeting, entry, using)
            ReferenceLoad.objects.using(using).filter(kind=KIND_CALENDAR, key=entry.key).update(digest=now)


def _add_to_meeting(meeting: Meeting, entry: calendar.Entry, using: str) -> None:
    cues = [cue for cue in entry.cues if cue not in meeting.cues]
    known = {source.get("url") for source in meeting.sources}
    sources = [_source_row(s) for s in entry.sources if s.url not in known]
    named = [chair for chair in entry.chairs if chair.name_ar and _unspelled_note(chair) in meeting.notes]
    added = [chair for chair in entry.chairs if chair.name_ar and chair not in named and _new_chair(meeting, chair, using)]
    if not (cues or sources or named or added):
        return
    meeting.cues = [*meeting.cues, *cues]
    meeting.sources = [*meeting.sources, *sources]
    for chair in named:
        meeting.notes = _note_without(meeting.notes, chair)
        _add_chair(meeting, chair, using)
    for chair in added:
        _add_chair(meeting, chair, using)
    meeting.save(using=using)


def _new_chair(meeting: Meeting, chair: calendar.Chair, using: str) -> bool:
    """A chair the calendar lists now that the meeting has no part for, and
    never had: one an editor removed stays removed (Paris, 25 October 2016:
    Le Drian and Carter, found co-chairing after the entry was first loaded)."""
    spellings = [text.key(name) for name in (chair.name_ar, *chair.aliases_ar)]
    people = Person.objects.using(using).filter(
        Q(key__in=spellings) | Q(aliases__key__in=spellings)
    ).values_list("pk", flat=True)
    parts = Participation.objects.using(using).filter(meeting=meeting, person_id__in=list(people))
    removed = Participation.history.using(using).filter(meeting_id=meeting.pk, person_id__in=list(people), history_type="-")
    return not parts.exists() and not removed.exists()


_UNSPELLED = "رئاسة أو استضافة لم يُوثَّق اسمها بالعربية: "


def _unspelled_note(chair: calendar.Chair) -> str:
    return f"{chair.name_en} ({chair.role_en or chair.part})"


def _note_without(notes: str, chair: calendar.Chair) -> str:
    """The meeting's notes with the chair struck off the unspelled list
    (the line goes when none is left)."""
    lines = []
    for line in notes.split("\n"):
        if line.startswith(_UNSPELLED):
            left = [name for name in line[len(_UNSPELLED):].split("؛ ") if name and name != _unspelled_note(chair)]
            if not left:
                continue
            line = _UNSPELLED + "؛ ".join(left)
        lines.append(line)
    return "\n".join(lines)


def _load_once(kind: str, entries, load, using: str) -> int:
    """Load each entry of a kind never loaded before, recording it in
    ReferenceLoad (so an editor's correction or deletion stands); return how
    many were loaded."""
    loaded = set(ReferenceLoad.objects.using(using).filter(kind=kind).values_list("key", flat=True))
    count = 0
    with transaction.atomic(using=using):
        for entry in entries:
            if entry.key in loaded:
                continue
            load(entry, using)
            ReferenceLoad.objects.using(using).create(kind=kind, key=entry.key, digest=digest(entry))
            count += 1
    return count


def _load_meeting(entry: calendar.Entry, using: str) -> Meeting:
    meeting = Meeting(
        name=entry.name_ar, name_en=entry.name_en, date=entry.start, end_date=entry.end,
        place=entry.city_ar, place_en=entry.city_en, format=entry.format, kind=entry.kind, ministers=entry.ministers,
        ordinal=entry.ordinal, member_count=entry.member_count, participant_count=entry.participant_count,
        statement_url=entry.statement_url, unverified=not entry.verified, cues=list(entry.cues),
        sources=list(map(_source_row, entry.sources)),
        notes=entry.notes, origin=Meeting.Origin.CALENDAR, calendar_key=entry.key,
    )
    unspelled = [c for c in entry.chairs if not c.name_ar]
    if unspelled:
        listed = "؛ ".join(map(_unspelled_note, unspelled))
        meeting.notes = "\n".join(filter(None, [meeting.notes, _UNSPELLED + listed]))
    meeting.save(using=using)
    for chair in entry.chairs:
        if chair.name_ar:
            _add_chair(meeting, chair, using)
    return meeting


def _source_row(source) -> dict:
    """A reference source as the Meeting's sources field holds it."""
    return {"url": source.url, "facts": list(source.facts)}


def _add_chair(meeting: Meeting, chair: calendar.Chair, using: str) -> None:
    person = chair_person(chair, using)
    Participation.objects.using(using).get_or_create(
        meeting=meeting, person=person, defaults={"is_chair": True, "role": chair.role_ar, "country_id": person.country_id},
    )


def chair_person(chair: calendar.Chair, using: str = "default") -> Person:
    """The archive's person for a calendar chair, made if new; every
    spelling the calendar knows is kept as an alias."""
    spellings = [chair.name_ar, *chair.aliases_ar]
    person = _person_spelt(spellings, using).first()
    country = saving.country(chair.country, using) if chair.country else None
    if person is None:
        person = Person(name=chair.name_ar, name_en=chair.name_en, country=country)
        person.save(using=using)
    elif (not person.name_en and chair.name_en) or (person.country_id is None and country is not None):
        person.name_en = person.name_en or chair.name_en
        if person.country_id is None:
            person.country = country
        person.save(using=using)
    _keep_spellings(person, spellings, using)
    return person



def sync_officials(entries: tuple[officials.Official, ...] | None = None, using: str = "default") -> int:
    """Load the known officials never loaded before; return how many. One
    already in the archive under any of their spellings (a calendar chair,
    an imported name) is completed, not made again."""
    return _load_once(KIND_OFFICIAL, officials.officials() if entries is None else entries, _load_official, using)


def sync_resolutions(using: str = "default") -> int:
    """Fill in what the reference data says of the resolutions the archive
    cites (year, adoption date, subject) wherever the field is still blank:
    an editor's correction is never overwritten. Return how many changed."""
    changed = 0
    with transaction.atomic(using=using):
        for resolution in Resolution.objects.using(using).order_by("number"):
            blank = {name: value for name, value in resolutions.facts_of(resolution.number).items()
                     if getattr(resolution, name) in (None, "")}
            if blank:
                for name, value in blank.items():
                    setattr(resolution, name, value)
                resolution.save(using=using, update_fields=list(blank))
                changed += 1
    return changed


def _load_official(entry: officials.Official, using: str) -> Person:
    spellings = [*entry.spellings, entry.name_en, *entry.spellings_en]
    person = _person_spelt(spellings, using).filter(Q(reference_key__isnull=True) | Q(reference_key=entry.key)).first()
    person = person or Person(name=entry.name_ar)
    person.name_en = person.name_en or entry.name_en
    if person.country_id is None and entry.country:
        person.country = saving.country(entry.country, using)
    person.reference_key = entry.key
    person.offices = [
        {"role_ar": o.role_ar, "role_en": o.role_en, "country": o.country, "from": o.start, "to": o.end}
        for o in entry.offices
    ]
    person.sources = [{"url": s.url, "facts": list(s.facts)} for s in entry.sources]
    if not entry.verified and "لم يُتحقق" not in person.notes:
        person.notes = "\n".join(filter(None, [person.notes, f"لم يُتحقق من كل ما في القائمة المرجعية: {entry.notes}"]))
    person.save(using=using)
    _keep_spellings(person, spellings, using)
    return person


def _person_spelt(spellings: list[str], using: str):
    """The people the archive holds under any of these spellings, oldest first."""
    keys = {text.key(s) for s in spellings}
    return Person.objects.using(using).filter(Q(key__in=keys) | Q(aliases__key__in=keys)).order_by("pk")


def _keep_spellings(person: Person, spellings: list[str], using: str) -> None:
    """Every spelling the reference data knows, as an alias of the person."""
    known = {text.key(person.name), *person.aliases.using(using).values_list("key", flat=True)}
    for spelling in spellings:
        if text.key(spelling) not in known:
            PersonAlias(person=person, name=spelling).save(using=using)
            known.add(text.key(spelling))
