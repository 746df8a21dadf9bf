"""Saving what extraction found: each fact linked to the archive's records.

People resolve to the archive's people through their names and aliases
(archive.importing.names): a sure match links and keeps the new spelling as
an alias, so search and the next import find it; an unsure one makes a new
person and proposes the match to the editor instead of merging silently.
A reported meeting is matched against the archive's meetings; the article
is proposed for the closest one, or for a new meeting made from its report.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from simple_history.utils import bulk_create_with_history

from archive import text
from archive.importing import (
    cleaning, confidence, countries, extraction, lexicons, matching, meetings, names, numbering, passages, people,
)
from archive.reference import resolutions as unsc
from archive.search import indexing
from archive.models import (
    Article,
    Citation,
    Country,
    CountryAlias,
    CountryMention,
    Meeting,
    MeetingReport,
    Outlet,
    Participation,
    Person,
    PersonAlias,
    PersonMention,
    Resolution,
    Statement,
)

_REPORT_FACTS = ("date", "place", "format", "kind", "ministers", "member_count", "participant_count", "ordinal")
NOTE_POSSIBLE_PERSON = "قد يكون «{name}» هو «{known}» (رقم {id}) الموجود في الأرشيف؛ لم يُدمجا"
NOTE_UNKNOWN_SURNAME = "«{name}» كلمة واحدة لا يعرف الأرشيف صاحبها؛ لم يُنشأ لها شخص"
# A single word that is a first name names no one by itself.
_GIVEN_NAMES = lexicons.words("given_names")
NOTE_NEW_MEETING = "اجتماع جديد أُنشئ من هذا المقال"
NOTE_SAME_MEETING = "يبدو أنه اجتماع موجود في الأرشيف: {reasons}"
NOTE_NO_PROPOSAL = "لم يُقترح اجتماع: لا اجتماع في الأرشيف يتفق مع ما يذكره المقال بما يكفي، ولم يُنشأ اجتماع جديد خشية التكرار"
NOTE_TOO_LITTLE = "لم يُقترح اجتماع: لا يذكر المقال تاريخ الاجتماع ولا مكانه ولا من ترأسه"
NOTE_DATE_FROM_MEETING = "تاريخ الاجتماع من الاجتماع المطابق: يوم الأسبوع الذي يذكره المقال يوافقه"
# How many archive meetings one report is compared with, at most.
_MAX_CANDIDATES = 50
_MAX_CALENDAR = 200
# Meetings held this many days before a report's date (or its publication)
# and after it are its candidates: late reports, and previews.
_BEFORE_DAYS = 60
_AFTER_DAYS = matching.PREVIEW_MAX_DAYS


@dataclass
class Context:
    """What a batch shares across its files: the country matcher with the
    editors' aliases, and the archive's people."""

    matcher: countries.CountryMatcher
    directory: names.Directory
    countries: dict[str, Country] = field(default_factory=dict)
    # The editors' spellings of countries the matcher knows: (ISO code, name).
    aliases: tuple[tuple[str, str], ...] = ()
    # Every spelling of the known officials (the reference people), which
    # the people reader finds with or without an office word.
    known_spellings: tuple[str, ...] = ()
    # … those of them whose names are transliterated (not ARABIC_NAMED).
    transliterated: tuple[str, ...] = ()
    # … and the offices the reference data gives each spelling (its words, its state).
    known_offices: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    known: people.KnownNames = field(default_factory=people.KnownNames)
    # The candidate meetings the batch has read (saving.candidates).
    meetings_read: dict[int, matching.Candidate] = field(default_factory=dict)
    # The outlets the batch has met, by (name on the page, gazetteer key,
    # site), with whether an editor has named the site's outlet.
    outlets: dict[tuple[str, str, str], tuple[Outlet | None, bool]] = field(default_factory=dict)
    # The people the batch has linked, with the keys of their spellings.
    people: dict[int, Person] = field(default_factory=dict)
    person_keys: dict[int, set[str]] = field(default_factory=dict)

    def forget(self) -> None:
        """After a file's transaction was rolled back: what the batch learnt
        from it (people, meetings, outlets) is read again from the archive."""
        self.directory = _load_directory()
        self.meetings_read.clear()
        self.outlets.clear()
        self.countries.clear()
        self.people.clear()
        self.person_keys.clear()

    @classmethod
    def load(cls) -> Context:
        aliases = tuple(CountryAlias.objects.values_list("country__iso_code", "name"))
        matcher = extraction.matcher_with(aliases)
        spellings, transliterated = _known_spellings()
        offices = _known_offices()
        return cls(
            matcher=matcher, directory=_load_directory(), aliases=aliases, known_spellings=spellings,
            transliterated=transliterated, known_offices=offices,
            known=people.KnownNames(spellings, transliterated, offices),
        )


def _known_spellings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every spelling of the reference people, and those of them whose
    names are transliterated (from a country outside names.ARABIC_NAMED)."""
    reference = Person.objects.filter(reference_key__isnull=False)
    rows = [
        *reference.values_list("name", "country__iso_code"),
        *PersonAlias.objects.filter(person__in=reference).values_list("name", "person__country__iso_code"),
    ]
    foreign = tuple(name for name, iso in rows if (iso not in names.ARABIC_NAMED if iso else _not_arabic_name(name)))
    return tuple(name for name, _ in rows), foreign


def _known_offices() -> dict[str, tuple[str, str | None]]:
    """Each spelling of a reference person: the Arabic words of the offices
    the reference data gives them, in one string, and their state."""
    offices: dict[int, tuple[str, str | None]] = {}
    rows = Person.objects.filter(reference_key__isnull=False).values_list("pk", "name", "offices", "country__iso_code")
    by_spelling = {}
    for pk, name, held, iso in rows:
        offices[pk] = (" ".join(office.get("role_ar", "") for office in held or ()), iso)
        by_spelling[name] = offices[pk]
    for person_id, alias in PersonAlias.objects.filter(person_id__in=offices).values_list("person_id", "name"):
        by_spelling[alias] = offices[person_id]
    return by_spelling


# The reference people of no country (the EU's, NATO's and the UN's heads)
# are transliterated unless their name reads Arabic ("أبو بكر البغدادي"):
# "فدريكا موغيريني" is Mogherini (dev7/19).
_ARABIC_NAME_WORDS = frozenset(text.key(word) for word in ("أبو", "ابن", "بن", "عبد", "آل"))


def _not_arabic_name(name: str) -> bool:
    words = text.key(name).split()
    return not any(word in _ARABIC_NAME_WORDS or word.startswith("ال") for word in words)


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
    present: frozenset[int] = frozenset()  # everyone the article names
    roles: dict[int, str] = field(default_factory=dict)  # the role the article gives each of them
    # The confidence of the meeting proposed and of the least sure person (archive.importing.confidence).
    confidence: dict[str, float] = field(default_factory=dict)
    linked: dict[int, Person] = field(default_factory=dict)  # each people fact's index → the person saved for it
    statements: list[dict] = field(default_factory=list)


def save_facts(article: Article, facts: extraction.Extraction, context: Context, dated_by_stamp: bool = True) -> Saved:
    """Save an article's facts; the meeting proposed for it is set on the
    article, for the caller to save. `dated_by_stamp` is False when only a
    "last updated" stamp dates the article."""
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
            # The reference data's year before the article's: the press
            # misdates a resolution it cites at times.
            defaults = {"year": found.year, **unsc.facts_of(found.number)}
            resolution, _ = Resolution.objects.get_or_create(number=found.number, defaults=defaults)
            known[found.number] = resolution
        if resolution.year is None and found.year is not None:
            resolution.year = found.year
            resolution.save(update_fields=["year"])
        citations.append(Citation(article=article, resolution=resolution, sentence=found.sentence))
        saved.resolutions.append(found.number)
    bulk_create_with_history(citations, Citation)
    chairs = _save_people(article, facts.people, context, saved)
    _save_statements(article, facts.statements, saved, context)
    if facts.meeting.reported:
        _save_meeting(article, facts, chairs, saved, dated_by_stamp, context.meetings_read)
    return saved


def country(iso: str, using: str = "default") -> Country:
    """The archive's country for an ISO code, made from the gazetteer if new."""
    entry = extraction.gazetteer_entries()[iso]
    found, _ = Country.objects.using(using).get_or_create(
        iso_code=iso, defaults={"name": entry.name, "name_en": entry.name_en}
    )
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
    people = _People.read(context, found)
    for index, fact in enumerate(found):
        country = _country(fact.country, context) if fact.country else None
        linked = people.person_for(fact, country, saved)
        if linked is None:
            continue
        person, evidence, proposed = linked
        saved.linked[index] = person
        spellings = _keep_spellings(person, fact.spellings, people.keys)
        context.directory.add(names.Known(person.pk, tuple(spellings), country.iso_code if country else None))
        mention = mentions.get(person.pk)
        if mention is not None:
            # Two spellings in one article that the archive already knew as one person.
            if fact.is_chair and not mention.is_chair:
                mention.is_chair, mention.sentence = True, fact.sentence
            mention.in_meeting = mention.in_meeting or fact.in_meeting
            mention.role = mention.role or fact.role
            mention.confidence = _lower(mention.confidence, _mention_confidence(fact, evidence, country))
            continue
        mentions[person.pk] = PersonMention(
            article=article, person=person, name_as_written=fact.name, role=fact.role, country=country,
            is_chair=fact.is_chair, in_meeting=fact.in_meeting, sentence=fact.sentence, proposed_person_id=proposed,
            confidence=_mention_confidence(fact, evidence, country),
        )
    # Written together, with their history, as the countries and citations are.
    bulk_create_with_history(list(mentions.values()), PersonMention)
    saved.present = frozenset(mentions)
    saved.roles = {pk: m.role for pk, m in mentions.items() if m.role}
    if mentions:
        saved.confidence["people"] = min(min(m.confidence.values()) for m in mentions.values())
    saved.persons += [
        {"name": m.person.name, "role": m.role, "country": m.country.name if m.country else None,
         "is_chair": m.is_chair, "confidence": m.confidence}
        for m in mentions.values()
    ]
    return {m.person_id: m.person.name for m in mentions.values() if m.is_chair}


def _save_statements(article: Article, found: tuple, saved: Saved, context: Context) -> None:
    """Save who said what, each speaker linked to the person saved for its
    fact; written with their history and their search vectors, as the
    mentions are."""
    rows = []
    for position, fact in enumerate(found):
        person = saved.linked.get(fact.person) if fact.person is not None else None
        row = Statement(
            article=article, position=position, speaker_kind=fact.speaker_kind, person=person,
            speaker_name=(person.name if person else fact.speaker)[:200], collective=fact.collective,
            country=_country(fact.country, context) if fact.country else None, verb=fact.verb[:40],
            text=fact.text, is_quote=fact.quote, start=fact.start, end=fact.end,
            confidence=confidence.score("speaker", fact.speaker_by),
        )
        row.search = indexing.statement_document(row.speaker_name, row.text)  # bulk_create sends no signal
        rows.append(row)
        saved.statements.append({**fact.as_json(), "speaker": row.speaker_name, "confidence": row.confidence})
    bulk_create_with_history(rows, Statement)


def replace_statements(article: Article, facts: extraction.Extraction, context: Context) -> int:
    """Read an article's statements again: those it has are removed (with
    their history) and the ones read now saved, each speaker linked to the
    person the article's mention of them is (an editor's correction of a
    mention carries over); return how many. The caller holds the transaction
    and refreshes the statements' copies of the article's state."""
    mentions = {
        text.key(name): person for name, person in
        PersonMention.objects.filter(article=article).values_list("name_as_written", "person")
    }
    persons = Person.objects.in_bulk(set(mentions.values()))
    saved = Saved()
    for index, fact in enumerate(facts.people):
        person_id = next((mentions[key] for key in map(text.key, (fact.name, *fact.spellings)) if key in mentions), None)
        if person_id is not None:
            saved.linked[index] = persons[person_id]
    for statement in Statement.objects.filter(article=article):
        statement.delete()  # one by one: each removal is kept in its history
    _save_statements(article, facts.statements, saved, context)
    return len(facts.statements)


@dataclass
class _People:
    """The people an article's facts name, as the batch knows them, with the
    keys of their spellings: read in two queries rather than two per fact;
    a person the article itself adds or extends is read when met."""

    context: Context
    people: dict[int, Person]
    keys: dict[int, set[str]]
    # Each fact's match as the batch's directory stood before the article:
    # found once (a lookup costs most of a millisecond at 5,000 people).
    matches: dict[int, names.Match | None]

    @classmethod
    def read(cls, context: Context, found: tuple) -> _People:
        """The people the batch already holds are kept across its files
        (context.people, context.person_keys): two queries a file fewer."""
        matches = {id(fact): _best_match(context.directory, fact) for fact in found}
        sure = {m.person.id for m in matches.values() if m is not None and m.likeness is names.Likeness.SAME}
        people, keys = context.people, context.person_keys
        missing = [pk for pk in sure if pk not in people]
        if missing:
            for pk, person in Person.objects.in_bulk(missing).items():
                people[pk], keys[pk] = person, {text.key(person.name)}
            for person_id, key in PersonAlias.objects.filter(person_id__in=missing).values_list("person_id", "key"):
                keys[person_id].add(key)
        return cls(context, people, keys, matches)

    def person_for(self, fact, country: Country | None, saved: Saved) -> tuple[Person, str, int | None] | None:
        """(person, the evidence they were linked by, a person proposed to
        the editor) for a fact; None for a surname no one bears."""
        match = self.matches.get(id(fact))
        if match is None or match.likeness is not names.Likeness.SAME:
            # An earlier fact of this article may have added the person since.
            match = _best_match(self.context.directory, fact)
        single = len(names.name_words(fact.name)) < 2
        if single and text.key(fact.name) in _GIVEN_NAMES:
            # "جلالة الملك عبدالله الثاني" (dev6/20): a first name alone is
            # nobody's surname (Faisal bin Farhan's last alias word is عبدالله).
            match = None
        if single and match is None:
            # "الرئيس أوباما": a surname alone names someone the archive knows, or no one.
            saved.notes.append(NOTE_UNKNOWN_SURNAME.format(name=fact.name))
            return None
        if match is not None and (match.likeness is names.Likeness.SAME or single):
            person = self.people.get(match.person.id)
            if person is None:
                person = self.people[match.person.id] = Person.objects.get(pk=match.person.id)
            if person.country_id is None and country is not None:
                person.country = country
                person.save(update_fields=["country"])
            return person, "surname" if match.likeness is not names.Likeness.SAME else "known", None
        person = Person.objects.create(name=fact.name, country=country)
        self.people[person.pk], self.keys[person.pk] = person, {text.key(person.name)}
        if match is None:
            return person, fact.found_by, None
        saved.notes.append(NOTE_POSSIBLE_PERSON.format(name=fact.name, known=match.spelling, id=match.person.id))
        return person, "possible", match.person.id


def _mention_confidence(fact, evidence: str, country: Country | None) -> dict[str, float]:
    """How sure the import is of who the person is, their role, their
    chairing and their country (archive.importing.confidence)."""
    return {
        "person": confidence.score("person", evidence),
        "role": confidence.score("role", fact.role_by),
        "chair": confidence.score("chair", fact.chair_by if fact.is_chair else "none"),
        "country": confidence.score("country", "office" if country is not None else "none"),
    }


def _lower(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    return {name: min(a.get(name, 1.0), b.get(name, 1.0)) for name in {*a, *b}}


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


def _month_facts(article: Article, found) -> tuple:
    """(the publication month its address gives, the day and month, the day
    of the month) for the matcher: "في 25 الجاري" on a page its address
    files under October is the 25th of October."""
    month = cleaning.url_month(article.source_url) if article.published_on is None else None
    day_of_month = found.day_of_month.value if found.day_of_month else None
    day_month = found.day_month.value if found.day_month else None
    if day_of_month and month and not day_month:
        day_month, day_of_month = (day_of_month, month[1]), None
    return month, day_month, day_of_month


def _next_month(day: datetime.date) -> tuple[int, int]:
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


def published_between(article: Article) -> tuple:
    """When an undated article was published, as its site's numbers bound it:
    the shipped anchors and the archive's own dated articles of that site,
    the three nearest on each side (importing.numbering)."""
    if article.source_number is None:
        return (None, None)
    same_site = Article.objects.filter(source_site=article.source_site, published_on__isnull=False,
                                       source_number__isnull=False).exclude(pk=article.pk)
    nearest = numbering.NEAREST
    below = same_site.filter(source_number__lte=article.source_number).order_by("-source_number")[:nearest]
    above = same_site.filter(source_number__gte=article.source_number).order_by("source_number")[:nearest]
    known = [*below.values_list("source_number", "published_on"), *above.values_list("source_number", "published_on")]
    page = numbering.SiteNumber(article.source_site, article.source_number)
    return numbering.shipped().bounds(page, known)


def _save_meeting(
    article: Article, facts: extraction.Extraction, chairs: dict[int, str], saved: Saved, dated_by_stamp: bool,
    known: dict[int, matching.Candidate] | None = None,
) -> None:
    row = _report_row(article, facts.meeting)
    report = _matching_report(article, facts, row, chairs, saved, dated_by_stamp)
    found = candidates(report, exclude_article=article.pk, known=known)
    ranking = matching.rank(report, found)
    if ranking.proposed is None and (copied := same_story(article)):
        # Asked only when the page alone proposes nothing: a tenth of an
        # import's time at 100,000 articles, for the pages it can help. The
        # meetings of the articles it copies join the candidates already read.
        report = dataclasses.replace(report, same_story=copied)
        found += meeting_candidates(set(copied) - {c.id for c in found}, article.pk, known)
        ranking = matching.rank(report, found)
    meeting = None
    if ranking.proposed is not None:
        meeting = Meeting.objects.get(pk=ranking.proposed.candidate.id)
        proposal = proposal_text(ranking)
        saved.confidence["meeting"] = confidence.meeting_score(ranking.proposed.score, matching.PROPOSE)
        _date_from_weekday(row, facts.meeting.weekday, meeting, saved)
    elif ranking.near:
        proposal = proposal_text(ranking)
    elif (row.date or row.place or chairs) and matching.about_coalition(report):
        meeting = _new_meeting(row, chairs)
        proposal = NOTE_NEW_MEETING
        saved.confidence["meeting"] = confidence.score("meeting", "new")
    else:
        proposal = NOTE_TOO_LITTLE
    if known is not None and meeting is not None:
        known.pop(meeting.pk, None)  # its articles change: read again when next a candidate
    # Saved by the caller with the article's flags, in one statement.
    article.proposed_meeting = meeting
    article.meeting_proposal = proposal
    saved.notes.append(proposal.split("\n")[0])
    saved.meeting = _meeting_summary(row, meeting, proposal, ranking, saved.confidence.get("meeting"))


def _matching_report(
    article: Article, facts: extraction.Extraction, row: MeetingReport, chairs: dict[int, str], saved: Saved,
    dated_by_stamp: bool,
) -> matching.Report:
    """What the article says of its meeting, as the matcher compares it."""
    found = facts.meeting
    people = saved.present | frozenset(chairs)
    undated = row.date is None
    month, day_month, day_of_month = _month_facts(article, found)
    return matching.Report(
        date=row.date, weekday=found.weekday, weekday_weak=found.weekday_weak,
        published_on=article.published_on, published_month=month,
        published_between=published_between(article) if article.published_on is None and month is None else (None, None),
        meeting_month=_next_month(article.published_on) if found.next_month and article.published_on else None,
        day_month=day_month, published_is_stamp=dated_by_stamp, day_of_month=day_of_month,
        month=found.month.value if found.month else None,
        written_month=found.written_month.value if found.written_month else None,
        place=meetings.city_key(row.place), dateline=meetings.city_key(found.dateline),
        country=found.country.value if found.country else "",
        format=row.format, kind=row.kind, ministers=row.ministers, ordinal=row.ordinal, member_count=row.member_count,
        participant_count=row.participant_count, chairs=frozenset(chairs), people=people,
        hosts=found.hosts.value if found.hosts else frozenset(),
        text=matching.key(f"{article.title}\n{article.body}\n{_address_words(article.source_url)}"),
        # The years a text names and its people chaired count only when it
        # states no date (matching.year_signal, era_signal): not read otherwise.
        years=matching.years_named(f"{article.title}\n{article.body}") if undated else frozenset(),
        chaired_years=_chaired_years(people) if undated else frozenset(),
        terms=_terms(people, saved.roles) if undated else (),
        resolutions=frozenset(cited.number for cited in facts.resolutions),
    )


def _meeting_summary(row: MeetingReport, meeting: Meeting | None, proposal: str, ranking: matching.Ranking,
                     sure: float | None) -> dict:
    """What --json reports of the meeting: the text's facts, the meeting
    proposed, and the best candidates with their scores."""
    return {
        "date": row.date.isoformat() if row.date else None,
        "place": row.place or None,
        "format": row.format or None,
        "kind": row.kind or None,
        "ministers": row.ministers or None,
        "member_count": row.member_count,
        "participant_count": row.participant_count,
        "ordinal": row.ordinal,
        "proposed_meeting": {
            "id": meeting.pk, "name": meeting.name, "reason": proposal, "confidence": sure,
        } if meeting else None,
        "candidates": [
            {"id": s.candidate.id, "name": s.candidate.name, "score": s.score, "agreed": s.agreed, "disagreed": s.disagreed}
            for s in ranking.ranked[:4]
        ],
    }


def _terms(people: frozenset[int], roles: dict[int, str] | None = None) -> tuple:
    """The known officials among these people, with the spans of their
    offices as the reference data dates them (matching.office_signal).
    Where the article gives a person's role and it names one of their
    offices, only that office counts: "وزير الدفاع مارك إسبر" is Esper the
    Secretary of Defense (2019-2020), not the Secretary of the Army."""
    found = []
    rows = Person.objects.filter(pk__in=people, reference_key__isnull=False).values_list("pk", "name", "offices")
    for pk, name, offices in rows:
        offices = offices_named(offices, (roles or {}).get(pk, ""))
        spans = tuple(span for office in offices if (span := office_span(office.get("from"), office.get("to"))))
        if spans:
            found.append((name, spans))
    return tuple(found)


def offices_named(offices: list[dict], role: str) -> list[dict]:
    """The offices whose every word the written role has (folded, a
    leading و aside: "نائب رئيس مجلس الوزراء وزير الخارجية" has "نائب رئيس
    الوزراء ووزير الخارجية"), those of the most words first ("وزير الدفاع
    بالوكالة" before "وزير الدفاع"); all of them when it names none."""
    written = _office_words(role)
    named = [(o, len(words)) for o in offices if written and (words := _office_words(o.get("role_ar") or "")) and words <= written]
    if not named:
        return offices
    most = max(size for _, size in named)
    return [o for o, size in named if size == most]


def _office_words(role: str) -> frozenset[str]:
    return frozenset(word[1:] if word.startswith("وو") else word for word in text.key(role).split())


def office_span(first: str | None, last: str | None) -> tuple[datetime.date, datetime.date] | None:
    """An office's days from its partial dates ("2019", "2019-10", "2019-10-23");
    None when its start is unknown. An open end runs to today."""
    if not first:
        return None
    start = datetime.date(*(int(part) for part in (first.split("-") + ["1", "1"])[:3]))
    if not last:
        return start, datetime.date.today()
    parts = [int(part) for part in last.split("-")]
    if len(parts) == 1:
        return start, datetime.date(parts[0], 12, 31)
    if len(parts) == 2:
        following = datetime.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return start, following - datetime.timedelta(days=1)
    return start, datetime.date(*parts)


def _address_words(url: str) -> str:
    """The words of a page's address ("…/المغرب-يشارك-في-الاجتماع-الوزاري-الـ11"):
    many sites put the headline there."""
    return re.sub(r"[-_/+.]+", " ", unquote(urlsplit(url).path)) if url else ""


def _report_row(article: Article, report: meetings.MeetingFacts) -> MeetingReport:
    row = MeetingReport(article=article, sentence=report.sentence)
    for name in _REPORT_FACTS:
        fact = getattr(report, name)
        if fact is not None:
            setattr(row, name, fact.value)
            setattr(row, f"{name}_sentence", fact.sentence)
    row.save()
    return row


def _new_meeting(row: MeetingReport, chairs: dict[int, str]) -> Meeting:
    """A meeting the archive lacks, made from the report: its date only as
    the text states it, never the page's stamp on its own."""
    return Meeting.objects.create(
        name=meeting_name(row, list(chairs.values())),
        date=row.date,
        place=row.place,
        format=row.format or Meeting.Format.UNKNOWN,
        kind=row.kind or Meeting.Kind.OTHER,
        ministers=row.ministers,
        member_count=row.member_count,
        participant_count=row.participant_count,
        ordinal=row.ordinal,
        origin=Meeting.Origin.IMPORT,
    )


def _date_from_weekday(row: MeetingReport, weekday: int | None, meeting: Meeting, saved: Saved) -> None:
    """"اليوم الثلاثاء" with no publication date: the matched meeting's date,
    when it fell on that weekday."""
    if row.date is None and weekday is not None and meeting.date and meeting.date.weekday() == weekday:
        row.date = meeting.date
        row.date_sentence = NOTE_DATE_FROM_MEETING
        row.save(update_fields=["date", "date_sentence"])
        saved.notes.append(NOTE_DATE_FROM_MEETING)


def proposal_text(ranking: matching.Ranking) -> str:
    """Why a meeting was proposed, or why none was: the facts that agreed and
    disagreed, and the runners-up, as the editor reads them."""
    lines = []
    if ranking.proposed is not None:
        best = ranking.proposed
        lines.append(NOTE_SAME_MEETING.format(reasons="؛ ".join(best.agreed) or "—"))
        if best.disagreed:
            lines.append("ما لا يتفق: " + "؛ ".join(best.disagreed))
    else:
        lines.append(NOTE_NO_PROPOSAL)
    others = ranking.runners_up if ranking.proposed is not None else ranking.ranked[:3]
    for scored in others:
        lines.append(f"البديل «{scored.candidate.name}» ({scored.score} نقاط): " + ("؛ ".join(scored.agreed) or "—"))
    return "\n".join(lines)


def same_story(article: Article) -> dict[int, tuple[int, int]]:
    """The meetings whose articles share this one's wording (importing
    .passages): meeting id → (fingerprints shared, that article's id), the
    article sharing most for each.

    Only its uncommon fingerprints are looked up (common_passages): a
    passage hundreds of articles hold is boilerplate, not a wire, and its
    GIN posting list is the whole cost. At 100,000 generated articles (their
    sentences drawn from the real pages), looking all of a seed's 128 up,
    with the count made in SQL for every match, took 7.9 s a file (77,006
    articles); now at most SAME_STORY_ROWS articles are read, unordered, and
    the shared fingerprints counted here."""
    common = common_passages()
    rare = [h for h in article.passages if h not in common]
    if not rare:
        return {}
    rows = (
        Article.objects.filter(passages__overlap=rare)
        .filter(Q(meeting__isnull=False) | Q(proposed_meeting__isnull=False)).exclude(pk=article.pk or 0)
        .order_by()  # unordered, so the scan stops at the limit instead of sorting every match
        .values_list(Coalesce("meeting", "proposed_meeting"), "pk", "passages")[:SAME_STORY_ROWS]
    )
    own = set(article.passages)
    found: dict[int, tuple[int, int]] = {}
    for meeting, pk, held in rows:
        count = len(own.intersection(held))
        if count >= passages.SAME_STORY and (meeting not in found or (count, -pk) > (found[meeting][0], -found[meeting][1])):
            found[meeting] = (count, pk)
    # One wire reports one event: wording shared with the articles of many
    # meetings is a standing text, and says nothing of which one.
    return found if len(found) <= SAME_STORY_MEETINGS else {}


SAME_STORY_ROWS = 50
SAME_STORY_MEETINGS = 3
# A fingerprint held by more articles than this is boilerplate (a title, a
# standing paragraph), not one wire's copies.
COMMON_PASSAGE_ARTICLES = 100


def common_passages() -> frozenset[int]:
    """The fingerprints PostgreSQL's statistics count in more than
    COMMON_PASSAGE_ARTICLES articles (pg_stats.most_common_elems of
    archive_article.passages, as ANALYZE and autovacuum last read them);
    none before the table has been analyzed."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::integer[], s.most_common_elem_freqs, c.reltuples"
            " FROM pg_stats AS s JOIN pg_class AS c ON c.oid = 'archive_article'::regclass"
            " WHERE s.schemaname = current_schema() AND s.tablename = 'archive_article' AND s.attname = 'passages'"
        )
        row = cursor.fetchone()
    if row is None or not row[0] or not row[2] or row[2] < 0:
        return frozenset()
    elements, frequencies, articles = row
    return frozenset(h for h, share in zip(elements, frequencies) if share * articles > COMMON_PASSAGE_ARTICLES)


def candidates(
    report: matching.Report, exclude_article: int | None = None, known: dict[int, matching.Candidate] | None = None
) -> list[matching.Candidate]:
    """Archive meetings that could be the reported one: held in the weeks
    around its date (or its publication), chaired by one of its chairs, or
    undated with articles published around it. `known` keeps the meetings a
    batch has already read, until an article of the batch joins one: at
    100,000 articles reading them again for every file took half of an
    import's time."""
    return meeting_candidates(_candidate_ids(report, exclude_article), exclude_article, known)


def meeting_candidates(
    ids: set[int], exclude_article: int | None = None, known: dict[int, matching.Candidate] | None = None
) -> list[matching.Candidate]:
    """These meetings as the matcher sees them, read once a batch (`known`)."""
    if not ids:
        return []
    known = {} if known is None else known
    missing = [pk for pk in ids if pk not in known]
    if missing:
        found = list(Meeting.objects.filter(pk__in=missing))
        facts = _meeting_facts(found, exclude_article)
        sizes = coalition_sizes() if any(m.member_count is None and m.date for m in found) else []
        for m in found:
            known[m.pk] = matching.Candidate(
                id=m.pk, name=str(m), date=m.date, end_date=m.end_date, place=meetings.city_key(m.place),
                country=meetings.city_country(m.place),
                format="" if m.format == Meeting.Format.UNKNOWN else m.format,
                kind="" if m.kind == Meeting.Kind.OTHER else m.kind, ministers=m.ministers, ordinal=m.ordinal,
                member_count=m.member_count, participant_count=m.participant_count,
                members_between=members_between(sizes, m.date) if m.member_count is None else (None, None),
                chairs=facts[m.pk].chairs, hosts=facts[m.pk].hosts, cues=tuple(map(_cue_key, m.cues)),
                published=facts[m.pk].published, resolutions=facts[m.pk].cited,
            )
    return [known[pk] for pk in sorted(ids) if pk in known]


def coalition_sizes() -> list[tuple[datetime.date, int]]:
    """The member counts the calendar and the editors give, by date: a
    count an import read off one page may be an old figure recalled."""
    return list(
        Meeting.objects.filter(date__isnull=False, member_count__isnull=False)
        .exclude(origin=Meeting.Origin.IMPORT)
        .order_by("date").values_list("date", "member_count")
    )


def members_between(sizes: list[tuple[datetime.date, int]], day: datetime.date | None) -> tuple[int | None, int | None]:
    """The coalition's size on a day, bounded by the counts of meetings
    before and after it: it has only grown (60 states in December 2014, 90
    in February 2026, by the calendar's sources)."""
    if day is None:
        return (None, None)
    before = [count for date, count in sizes if date <= day]
    after = [count for date, count in sizes if date >= day]
    return (max(before) if before else None, min(after) if after else None)


@dataclass(frozen=True)
class MeetingFacts:
    """What a candidate meeting's records say beyond its own row: its chairs,
    the resolutions its articles cite, its articles' publication dates."""

    chairs: dict[int, str]
    cited: frozenset[int]
    published: tuple
    hosts: frozenset[str] = frozenset()  # its chairs' states (ISO codes)


def _meeting_facts(found: list[Meeting], exclude_article: int | None) -> dict[int, MeetingFacts]:
    ids = {m.pk for m in found}
    # Only an undated meeting is dated through its articles: a dated one
    # may have thousands, and its own date says more.
    undated = [m.pk for m in found if m.date is None]
    articles = Article.objects.exclude(pk=exclude_article) if exclude_article else Article.objects.all()
    published = dict(
        articles.filter(Q(meeting__in=undated) | Q(proposed_meeting__in=undated), published_on__isnull=False)
        .values_list(Coalesce("meeting", "proposed_meeting")).annotate(days=ArrayAgg("published_on", distinct=True))
        .order_by()
    ) if undated else {}
    chairs, hosts = _chairs_of(ids, exclude_article)
    cited = _cited_by(ids, exclude_article)
    return {
        pk: MeetingFacts(chairs.get(pk, {}), frozenset(cited.get(pk, ())), tuple(published.get(pk, ())),
                         frozenset(hosts.get(pk, ())))
        for pk in ids
    }


@functools.lru_cache(maxsize=4096)
def _cue_key(cue: str) -> str:
    return matching.key(cue)


def _candidate_ids(report: matching.Report, exclude_article: int | None) -> set[int]:
    ids: set[int] = set()
    anchor = report.date or report.published_on
    if anchor is not None:
        window = (anchor - timedelta(days=_BEFORE_DAYS), anchor + timedelta(days=_AFTER_DAYS))
        ids.update(Meeting.objects.filter(date__range=window).values_list("pk", flat=True)[:_MAX_CANDIDATES])
        # Undated meetings are few: each is checked through its own articles
        # (their foreign-key indexes), never by scanning the archive's dates.
        near = Article.objects.filter(published_on__range=window).exclude(pk=exclude_article or 0)
        # Read first (a handful, none in most archives): asked in one query
        # with the articles, PostgreSQL scanned every article of the window.
        undated = list(Meeting.objects.filter(date=None).values_list("pk", flat=True)[: _MAX_CANDIDATES * 10])
        ids.update(
            Meeting.objects.filter(pk__in=undated)
            .filter(Exists(near.filter(meeting=OuterRef("pk"))) | Exists(near.filter(proposed_meeting=OuterRef("pk"))))
            .values_list("pk", flat=True)[:_MAX_CANDIDATES]
        ) if undated else None
    if report.chairs:
        ids.update(
            Participation.objects.filter(person__in=report.chairs, is_chair=True)
            .values_list("meeting", flat=True)[:_MAX_CANDIDATES]
        )
        # A confirmed article's chairs are its meeting's participants (above);
        # only articles still proposed to a meeting are read through their mentions.
        chaired = PersonMention.objects.filter(
            person__in=report.chairs, is_chair=True, article__proposed_meeting__isnull=False
        ).exclude(article=exclude_article)
        ids.update(chaired.values_list("article__proposed_meeting", flat=True).distinct()[:_MAX_CANDIDATES])
    calendar: set[int] = set()
    if anchor is None:
        # Nothing dates the report: the calendar, whole (a few dozen
        # meetings, never cut below), and the meetings held in its city.
        calendar.update(Meeting.objects.filter(origin=Meeting.Origin.CALENDAR).values_list("pk", flat=True)[:_MAX_CALENDAR])
        if report.place:
            ids.update(pk for pk, place in Meeting.objects.exclude(place="").values_list("pk", "place")[:1000]
                       if meetings.city_key(place) == report.place)
    return set(sorted(ids, reverse=True)[: _MAX_CANDIDATES * 2]) | calendar


def _chaired_years(people: frozenset[int]) -> frozenset[int]:
    """The years of the dated meetings these people chaired, counting only
    those who chaired two or more: one chair is one office (Le Drian as
    defence minister in 2016), not a career (foreign minister in 2022)."""
    if not people:
        return frozenset()
    chaired = Participation.objects.filter(person__in=people, is_chair=True, meeting__date__isnull=False)
    years: dict[int, set[int]] = {}
    for person, day in chaired.values_list("person", "meeting__date"):
        years.setdefault(person, set()).add(day.year)
    return frozenset(y for found in years.values() if len(found) >= 2 for y in found)


def _chairs_of(ids: set[int], exclude_article: int | None) -> tuple[dict[int, dict[int, str]], dict[int, set[str]]]:
    """Each meeting's chairs and hosts: its participants (confirming an
    article makes the chairs it names participants), and the chairs named
    by the articles still proposed to it; and the states of its confirmed
    chairs, read off the same rows. Confirmed articles are not read
    again: at 100,000 articles a meeting may have thousands, and reading
    their mentions took most of an import's time (0.09 s a file)."""
    chairs: dict[int, dict[int, str]] = {}
    states: dict[int, set[str]] = {}
    for meeting, person, name, iso in Participation.objects.filter(meeting__in=ids, is_chair=True).values_list(
        "meeting", "person", "person__name", "country__iso_code"
    ):
        chairs.setdefault(meeting, {})[person] = name
        if iso:
            states.setdefault(meeting, set()).add(iso)
    mentions = PersonMention.objects.filter(article__proposed_meeting__in=ids, is_chair=True).exclude(
        article=exclude_article
    )
    for meeting, person, name in mentions.values_list("article__proposed_meeting", "person", "person__name").distinct():
        chairs.setdefault(meeting, {})[person] = name
    return chairs, states


# The articles of a meeting read for the resolutions they cite: its latest
# ones, so that a meeting with thousands of articles costs as little as one
# with ten.
CITED_ARTICLES = 100


def _cited_by(ids: set[int], exclude_article: int | None) -> dict[int, list[int]]:
    """The resolutions each meeting's articles cite (its latest
    CITED_ARTICLES confirmed ones, and those proposed to it)."""
    sql = """
        SELECT m.id, array_agg(DISTINCT r.number)
        FROM unnest(%s::bigint[]) AS m(id)
        CROSS JOIN LATERAL (
            (SELECT a.id FROM archive_article a WHERE a.meeting_id = m.id ORDER BY a.id DESC LIMIT %s)
            UNION ALL
            (SELECT a.id FROM archive_article a WHERE a.proposed_meeting_id = m.id ORDER BY a.id DESC LIMIT %s)
        ) AS a
        JOIN archive_citation c ON c.article_id = a.id
        JOIN archive_resolution r ON r.id = c.resolution_id
        WHERE a.id <> %s
        GROUP BY m.id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [sorted(ids), CITED_ARTICLES, CITED_ARTICLES, exclude_article or 0])
        return dict(cursor.fetchall())


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

