"""The sample archive as an editor reviewed it (fixtures/curation.json).

The pipeline reads only what the five seeds say; an editor knows more: that
seed 004's "ويلميس" is seed 000's "ويليامز" (Sophie Wilmès), that seed 001's
Washington ministerial was held on 30 September 2024, who co-chaired each
meeting. This applies those decisions to the imported seeds by natural keys
(file names, names), through the same operations the admin uses (merging,
confirming a meeting), and saves only what differs: applying it twice
changes nothing.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from archive import text
from archive.search import indexing
from archive.editorial import curation, merging
from archive.importing import saving
from archive.models import Article, Country, Meeting, Participation, Person, PersonAlias

CURATION_FILE = Path(settings.SITE_DIR) / "fixtures" / "curation.json"


@dataclass
class Report:
    people_changed: int = 0
    meetings_changed: int = 0


def apply(path: Path = CURATION_FILE) -> Report:
    with transaction.atomic(), indexing.deferred():
        return _apply(path)


def _apply(path: Path) -> Report:
    data = json.loads(path.read_text(encoding="utf-8"))
    report = Report()
    people = {}
    for entry in data["people"]:
        person, changed = _person(entry)
        people[entry["name"]] = person
        report.people_changed += changed
    for entry in data["meetings"]:
        report.meetings_changed += _meeting(entry, people)
    return report


def _person(entry: dict) -> tuple[Person, bool]:
    keys = {text.key(entry["name"]), *(text.key(alias) for alias in entry["aliases"])}
    found = list(Person.objects.filter(Q(key__in=keys) | Q(aliases__key__in=keys)).distinct().order_by("pk"))
    changed = False
    if not found:
        return Person.objects.create(name=entry["name"], name_en=entry["name_en"],
                                     country=_country(entry["country"])), True
    kept = next((p for p in found if p.key == text.key(entry["name"])), found[0])
    others = [p for p in found if p.pk != kept.pk]
    if others:
        merging.merge(kept, others)
        kept.refresh_from_db()
        changed = True
    if kept.name != entry["name"]:
        PersonAlias.objects.get_or_create(person=kept, key=text.key(kept.name), defaults={"name": kept.name})
        kept.name = entry["name"]
        changed = True
    country = _country(entry["country"])
    if kept.name_en != entry["name_en"] or kept.country_id != (country.pk if country else None):
        kept.name_en, kept.country = entry["name_en"], country
        changed = True
    if changed:
        kept.save()
    known = {text.key(kept.name), *kept.aliases.values_list("key", flat=True)}
    for alias in entry["aliases"]:
        if text.key(alias) not in known:
            PersonAlias.objects.create(person=kept, name=alias)
            known.add(text.key(alias))
            changed = True
    return kept, changed


def _country(iso: str | None) -> Country | None:
    return saving.country(iso) if iso else None


def _meeting(entry: dict, people: dict[str, Person]) -> bool:
    articles = list(Article.objects.filter(source_name__in=entry["articles"]).order_by("pk"))
    if not articles:
        return False
    linked = [a.meeting or a.proposed_meeting for a in articles if a.meeting or a.proposed_meeting]
    date = datetime.date.fromisoformat(entry["date"]) if entry["date"] else None
    # The coalition's calendar knows the meeting already: the articles go to
    # it, and its checked facts stand.
    calendar = Meeting.objects.filter(origin=Meeting.Origin.CALENDAR, date=date, format=entry["format"]).first() if date else None
    if calendar is not None:
        return _onto(calendar, articles, linked)
    meeting = linked[0] if linked else Meeting(name=entry["name"])
    changed = meeting.pk is None
    values = {
        "name": entry["name"],
        "date": date,
        "place": entry["place"],
        "format": entry["format"],
        "kind": entry["kind"],
        "member_count": entry["member_count"],
        "participant_count": entry["participant_count"],
    }
    for field, value in values.items():
        if getattr(meeting, field) != value:
            setattr(meeting, field, value)
            changed = True
    if changed:
        meeting.save()
    changed = _onto(meeting, articles, linked) or changed
    chairs = {people[name].pk for name in entry["chairs"]}
    for person_id in chairs:
        person = next(p for p in people.values() if p.pk == person_id)
        participation, created = Participation.objects.get_or_create(
            meeting=meeting, person_id=person_id, defaults={"is_chair": True, "country": person.country}
        )
        if created or not participation.is_chair:
            participation.is_chair = True
            participation.save()
            changed = True
    for participation in meeting.participations.filter(is_chair=True).exclude(person_id__in=chairs):
        participation.is_chair = False
        participation.save()
        changed = True
    return changed


def _onto(meeting: Meeting, articles: list[Article], linked: list[Meeting]) -> bool:
    """Put the articles on the meeting; the meetings the import made from
    them and the editor folded into it are no meetings of their own."""
    changed = False
    for article in articles:
        if article.meeting_id != meeting.pk:
            curation.confirm_meeting(article, meeting)
            changed = True
    for other in {m for m in linked if m.pk != meeting.pk}:
        if not other.articles.exists() and not other.proposed_articles.exists():
            other.delete()
            changed = True
    return changed
