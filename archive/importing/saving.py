"""Saving what extraction found: each fact linked to the archive's records.

People resolve to the archive's people through their names and aliases
(archive.importing.names): a sure match links and keeps the new spelling as
an alias, so search and the next import find it; an unsure one makes a new
person and proposes the match to the editor instead of merging silently.
A reported meeting is matched against the archive's meetings; the article
is proposed for the closest one, or for a new meeting made from its report.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q
from django.db.models.functions import Coalesce
from simple_history.utils import bulk_create_with_history

from archive import text
from archive.importing import countries, extraction, meetings, names
from archive.models import (
    Article,
    Citation,
    Country,
    CountryAlias,
    CountryMention,
    Meeting,
    MeetingReport,
    Person,
    PersonAlias,
    PersonMention,
    Resolution,
)

_REPORT_FACTS = ("date", "place", "format", "kind", "member_count", "participant_count")
NOTE_POSSIBLE_PERSON = "قد يكون «{name}» هو «{known}» (رقم {id}) الموجود في الأرشيف؛ لم يُدمجا"
NOTE_NEW_MEETING = "اجتماع جديد أُنشئ من هذا المقال"
NOTE_SAME_MEETING = "يبدو أنه اجتماع موجود في الأرشيف: {reasons}"
# How many archive meetings one report is compared with, at most.
_MAX_CANDIDATES = 50


@dataclass
class Context:
    """What a batch shares across its files: the country matcher with the
    editors' aliases, and the archive's people."""

    matcher: countries.CountryMatcher
    directory: names.Directory
    countries: dict[str, Country] = field(default_factory=dict)
    # The editors' spellings of countries the matcher knows: (ISO code, name).
    aliases: tuple[tuple[str, str], ...] = ()

    @classmethod
    def load(cls) -> Context:
        aliases = tuple(CountryAlias.objects.values_list("country__iso_code", "name"))
        matcher = extraction.matcher_with(aliases)
        return cls(matcher=matcher, directory=_load_directory(), aliases=aliases)


def _load_directory() -> names.Directory:
    spellings: dict[int, list[str]] = {}
    country_of: dict[int, str | None] = {}
    for person_id, name, iso in Person.objects.values_list("pk", "name", "country__iso_code"):
        spellings[person_id] = [name]
        country_of[person_id] = iso
    for person_id, alias in PersonAlias.objects.values_list("person_id", "name"):
        spellings.setdefault(person_id, []).append(alias)
    return names.Directory(
        [names.Known(pk, tuple(found), country_of.get(pk)) for pk, found in spellings.items()]
    )


@dataclass
class Saved:
    """What the pipeline reports about a saved article's facts."""

    notes: list[str] = field(default_factory=list)
    persons: list[dict] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    resolutions: list[int] = field(default_factory=list)
    meeting: dict | None = None


def save_facts(article: Article, facts: extraction.Extraction, context: Context) -> Saved:
    """Save an article's facts; the meeting proposed for it is set on the
    article, for the caller to save."""
    saved = Saved(notes=list(facts.notes))
    mentions = []
    for fact in facts.countries:
        country = _country(fact.iso, context)
        mentions.append(
            CountryMention(article=article, country=country, name_as_written=fact.name_as_written, sentence=fact.sentence)
        )
        saved.countries.append(country.name)
    bulk_create_with_history(mentions, CountryMention)
    citations = []
    # The resolutions an article cites are nearly always in the archive
    # already: read at once, not one query per citation.
    known = Resolution.objects.in_bulk([found.number for found in facts.resolutions], field_name="number")
    for found in facts.resolutions:
        resolution = known.get(found.number)
        if resolution is None:
            resolution, _ = Resolution.objects.get_or_create(number=found.number, defaults={"year": found.year})
            known[found.number] = resolution
        if resolution.year is None and found.year is not None:
            resolution.year = found.year
            resolution.save(update_fields=["year"])
        citations.append(Citation(article=article, resolution=resolution, sentence=found.sentence))
        saved.resolutions.append(found.number)
    bulk_create_with_history(citations, Citation)
    chairs = _save_people(article, facts.people, context, saved)
    if facts.meeting.reported:
        _save_meeting(article, facts, chairs, saved)
    return saved


def country(iso: str) -> Country:
    """The archive's country for an ISO code, made from the gazetteer if new."""
    entry = extraction.gazetteer_entries()[iso]
    found, _ = Country.objects.get_or_create(iso_code=iso, defaults={"name": entry.name, "name_en": entry.name_en})
    return found


def _country(iso: str, context: Context) -> Country:
    if iso not in context.countries:
        context.countries[iso] = country(iso)
    return context.countries[iso]


def _save_people(
    article: Article, found: tuple, context: Context, saved: Saved
) -> dict[int, str]:
    """Save the mentions; return the chairs as {person id: name}."""
    mentions: dict[int, PersonMention] = {}
    # The people the facts name as the batch knows them, with the keys of
    # their spellings, read in two queries rather than two per fact. A
    # person this article itself adds or extends is read when met.
    sure = [match.person.id for match in map(functools.partial(_best_match, context.directory), found)
            if match is not None and match.likeness is names.Likeness.SAME]
    people = Person.objects.in_bulk(sure)
    keys: dict[int, set[str]] = {pk: {text.key(person.name)} for pk, person in people.items()}
    if people:
        for person_id, key in PersonAlias.objects.filter(person_id__in=list(people)).values_list("person_id", "key"):
            keys[person_id].add(key)
    for fact in found:
        country = _country(fact.country, context) if fact.country else None
        match = _best_match(context.directory, fact)
        proposed = None
        if match is not None and match.likeness is names.Likeness.SAME:
            person = people.get(match.person.id)
            if person is None:
                person = people[match.person.id] = Person.objects.get(pk=match.person.id)
            if person.country_id is None and country is not None:
                person.country = country
                person.save(update_fields=["country"])
        else:
            person = Person.objects.create(name=fact.name, country=country)
            people[person.pk], keys[person.pk] = person, {text.key(person.name)}
            if match is not None:
                proposed = match.person.id
                saved.notes.append(
                    NOTE_POSSIBLE_PERSON.format(name=fact.name, known=match.spelling, id=match.person.id)
                )
        spellings = _keep_spellings(person, fact.spellings, keys)
        context.directory.add(names.Known(person.pk, tuple(spellings), country.iso_code if country else None))
        mention = mentions.get(person.pk)
        if mention is not None:
            # Two spellings in one article that the archive already knew as one person.
            if fact.is_chair and not mention.is_chair:
                mention.is_chair, mention.sentence = True, fact.sentence
            mention.in_meeting = mention.in_meeting or fact.in_meeting
            mention.role = mention.role or fact.role
            continue
        mentions[person.pk] = PersonMention(
            article=article,
            person=person,
            name_as_written=fact.name,
            role=fact.role,
            country=country,
            is_chair=fact.is_chair,
            in_meeting=fact.in_meeting,
            sentence=fact.sentence,
            proposed_person_id=proposed,
        )
    # Written together, with their history, as the countries and citations are.
    bulk_create_with_history(list(mentions.values()), PersonMention)
    for mention in mentions.values():
        saved.persons.append(
            {
                "name": mention.person.name,
                "role": mention.role,
                "country": mention.country.name if mention.country else None,
                "is_chair": mention.is_chair,
            }
        )
    return {m.person_id: m.person.name for m in mentions.values() if m.is_chair}


def _best_match(directory: names.Directory, fact) -> names.Match | None:
    best = None
    for spelling in [fact.name, *fact.spellings]:
        match = directory.find(spelling, fact.country)
        if match is not None and (best is None or match.likeness is names.Likeness.SAME):
            best = match
            if match.likeness is names.Likeness.SAME:
                break
    return best


def _keep_spellings(person: Person, spellings: list[str], keys: dict[int, set[str]]) -> list[str]:
    """Record every new spelling of a person as an alias; return them all.
    `keys` holds the keys of the spellings on record, by person, as far as
    they were read; it is kept current."""
    known = keys.get(person.pk)
    if known is None:
        known = keys[person.pk] = {text.key(person.name)} | set(person.aliases.values_list("key", flat=True))
    for spelling in spellings:
        key = text.key(spelling)
        if key and key not in known:
            PersonAlias.objects.create(person=person, name=spelling)
            known.add(key)
    return [person.name, *spellings]


def _save_meeting(article: Article, facts: extraction.Extraction, chairs: dict[int, str], saved: Saved) -> None:
    report = facts.meeting
    row = MeetingReport(article=article, sentence=report.sentence)
    for name in _REPORT_FACTS:
        fact = getattr(report, name)
        if fact is not None:
            setattr(row, name, fact.value)
            setattr(row, f"{name}_sentence", fact.sentence)
    row.save()
    summary = meetings.Summary(
        date=row.date,
        place=row.place,
        format=row.format,
        kind=row.kind,
        chairs=frozenset(chairs),
        chair_names=tuple(chairs.items()),
        resolutions=frozenset(found.number for found in facts.resolutions),
    )
    match = meetings.best_match(summary, _candidates(summary, exclude_article=article.pk))
    if match is not None:
        meeting = Meeting.objects.get(pk=match[0])
        proposal = NOTE_SAME_MEETING.format(reasons="؛ ".join(match[1].reasons))
    else:
        meeting = Meeting.objects.create(
            name=meeting_name(row, list(chairs.values())),
            date=row.date,
            place=row.place,
            format=row.format or Meeting.Format.UNKNOWN,
            kind=row.kind or Meeting.Kind.OTHER,
            member_count=row.member_count,
            participant_count=row.participant_count,
        )
        proposal = NOTE_NEW_MEETING
    # Saved by the caller with the article's flags, in one statement.
    article.proposed_meeting = meeting
    article.meeting_proposal = proposal
    saved.notes.append(proposal)
    saved.meeting = {
        "date": row.date.isoformat() if row.date else None,
        "place": row.place or None,
        "format": row.format or None,
        "kind": row.kind or None,
        "member_count": row.member_count,
        "participant_count": row.participant_count,
        "proposed_meeting": {"id": meeting.pk, "name": meeting.name, "reason": proposal},
    }


def _candidates(summary: meetings.Summary, exclude_article: int) -> dict[int, meetings.Summary]:
    """Archive meetings that could be the reported one: sharing a chair, or
    held within a day of it."""
    ids: set[int] = set()
    if summary.chairs:
        chaired = PersonMention.objects.filter(person__in=summary.chairs, is_chair=True).exclude(article=exclude_article)
        for confirmed, proposed in chaired.values_list("article__meeting", "article__proposed_meeting").distinct():
            ids.update(meeting for meeting in (confirmed, proposed) if meeting is not None)
    if summary.date:
        window = (summary.date - timedelta(days=1), summary.date + timedelta(days=1))
        ids.update(Meeting.objects.filter(date__range=window).values_list("pk", flat=True)[:_MAX_CANDIDATES])
    ids = set(sorted(ids, reverse=True)[:_MAX_CANDIDATES])  # the newest first
    if not ids:
        return {}
    about = Q(article__meeting__in=ids) | Q(article__proposed_meeting__in=ids)
    # A fact counts for its article's meeting, or for the one proposed when
    # none is confirmed. Gathered by the database, one row per meeting: at
    # 100,000 articles, the 50 candidates' articles hold some 12,000 chairs.
    meeting_of_fact = Coalesce("article__meeting", "article__proposed_meeting")
    chairs_of = dict(
        PersonMention.objects.filter(about, is_chair=True)
        .exclude(article=exclude_article)
        .values_list(meeting_of_fact)
        .annotate(people=ArrayAgg("person", distinct=True))
        .order_by()
    )
    cited = dict(
        Citation.objects.filter(about)
        .exclude(article=exclude_article)
        .values_list(meeting_of_fact)
        .annotate(numbers=ArrayAgg("resolution__number", distinct=True))
        .order_by()
    )
    return {
        meeting.pk: meetings.Summary(
            date=meeting.date,
            place=meeting.place,
            format="" if meeting.format == Meeting.Format.UNKNOWN else meeting.format,
            kind="" if meeting.kind == Meeting.Kind.OTHER else meeting.kind,
            chairs=frozenset(chairs_of.get(meeting.pk, ())),
            resolutions=frozenset(cited.get(meeting.pk, ())),
        )
        for meeting in Meeting.objects.filter(pk__in=ids)
    }


_KIND_NAMES = {
    Meeting.Kind.MINISTERIAL: "الاجتماع الوزاري للتحالف الدولي ضد داعش",
    Meeting.Kind.SMALL_GROUP: "اجتماع المجموعة المصغرة للتحالف الدولي ضد داعش",
    Meeting.Kind.POLITICAL_DIRECTORS: "اجتماع المديرين السياسيين للتحالف الدولي ضد داعش",
}


def meeting_name(report: MeetingReport, chairs: list[str]) -> str:
    """A name an editor recognizes at a glance: kind, place, date or chairs."""
    name = _KIND_NAMES.get(report.kind, "اجتماع للتحالف الدولي ضد داعش")
    if report.place:
        name += f" في {report.place}"
    if report.format == Meeting.Format.VIRTUAL:
        name += " (افتراضي)"
    if report.date:
        name += f"، {report.date.isoformat()}"
    elif chairs:
        name += " برئاسة " + " و".join(chairs)
    return name[:300]

