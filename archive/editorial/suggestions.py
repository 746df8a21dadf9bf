"""Records that look like one: the pairs offered to editors to merge.

One finder per kind of record, registered in FINDERS; each reads the
records once and groups them by a key, so the list costs one query a kind
(plus the link counts of the pairs shown), whatever the archive's size.

Choices:
- Meetings: the same first day and the same place, or one of the two
  without a place; or the same chairs, one of the two undated (the import names a meeting by what a page says; two
  pages of one ministerial made two meetings when one page named no city).
  Two meetings of the coalition's calendar are never paired: each is an
  entry checked against its sources. Undated meetings pair when their
  names agree after normalization and their places do not differ.
- People: the same name skeleton (archive.importing.names.skeleton, the
  differences transliteration makes: بلينكن / بلنكن), confirmed by the
  importer's own comparison (names.compare) so that حسن and حسين, which
  share a skeleton, are not offered.
- Outlets: the same website, or the same name after normalization.
- A pair an editor marked as two records (DistinctPair) is not offered
  again.

Each pair says why it was offered and what a merge would move (the links of
each record), so the editor merges in one click knowing what follows.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models

from archive import text
from archive.editorial import merging
from archive.importing import names, outlets
from archive.models import DistinctPair, Meeting, Merge, Outlet, Participation, Person

# Pairs shown per kind: a long list is worked through from the top.
LIMIT = 50


@dataclass
class Pair:
    kind: str  # Merge.Kind
    first: models.Model
    second: models.Model
    reasons: list[str]
    # What a merge would move: (label, count) for each record's links.
    links: tuple[list[tuple[str, int]], list[tuple[str, int]]]


def _pairs_in(groups: Iterable[list], reason: str) -> Iterable[tuple[models.Model, models.Model, str]]:
    for group in groups:
        for first, second in itertools.combinations(sorted(group, key=lambda r: r.pk), 2):
            yield first, second, reason


def _meeting_pairs() -> Iterable[tuple[models.Model, models.Model, str]]:
    meetings = list(Meeting.objects.only("pk", "name", "date", "place", "origin", "kind", "format"))
    by_day: dict = defaultdict(list)
    undated: dict = defaultdict(list)
    for meeting in meetings:
        if meeting.date is not None:
            by_day[meeting.date].append(meeting)
        else:
            undated[text.key(meeting.name)].append(meeting)
    for first, second, reason in _pairs_in(by_day.values(), "اليوم نفسه"):
        both_calendar = first.origin == second.origin == Meeting.Origin.CALENDAR
        if not both_calendar and _places_agree(first.place, second.place):
            yield first, second, reason + (f" والمكان نفسه ({first.place})" if first.place and second.place else "")
    for first, second, _ in _pairs_in(undated.values(), ""):
        if _places_agree(first.place, second.place):
            yield first, second, "بلا تاريخ وبالاسم نفسه"
    yield from _same_chairs(meetings)


def _same_chairs(meetings: list[Meeting]) -> Iterable[tuple[models.Model, models.Model, str]]:
    """An undated meeting whose chairs are a dated meeting's, the places
    agreeing: one ministerial, the undated copy made from a page that gave
    no date (Washington 2024, Blinken chairing, twice)."""
    chairs: dict[int, frozenset[int]] = defaultdict(frozenset)
    for meeting_id, person_id in Participation.objects.filter(is_chair=True).values_list("meeting_id", "person_id"):
        chairs[meeting_id] |= {person_id}
    by_chairs: dict[frozenset[int], list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        if chairs[meeting.pk]:
            by_chairs[chairs[meeting.pk]].append(meeting)
    for first, second, _ in _pairs_in(by_chairs.values(), ""):
        one_undated = (first.date is None) != (second.date is None)
        if one_undated and _places_agree(first.place, second.place):
            yield first, second, "الرئاسة نفسها، وأحدهما بلا تاريخ"


def _places_agree(a: str, b: str) -> bool:
    return not a or not b or text.key(a) == text.key(b)


def _person_pairs() -> Iterable[tuple[models.Model, models.Model, str]]:
    by_skeleton: dict = defaultdict(list)
    for person in Person.objects.only("pk", "name", "reference_key"):
        if key := names.skeleton(person.name):
            by_skeleton[key].append(person)
    for first, second, _ in _pairs_in(by_skeleton.values(), ""):
        if names.compare(first.name, second.name, foreign=True) != names.Likeness.DIFFERENT:
            if not (first.reference_key and second.reference_key):  # two known officials are two people
                yield first, second, "الاسم نفسه بتهجئة أخرى"


def _outlet_pairs() -> Iterable[tuple[models.Model, models.Model, str]]:
    by_site: dict = defaultdict(list)
    by_name: dict = defaultdict(list)
    for outlet in Outlet.objects.only("pk", "name", "website"):
        if host := outlets.gazetteer().site(outlet.website):
            by_site[host].append(outlet)
        by_name[text.key(outlet.name)].append(outlet)
    seen = set()
    for first, second, reason in [*_pairs_in(by_site.values(), "الموقع نفسه"), *_pairs_in(by_name.values(), "الاسم نفسه")]:
        if (first.pk, second.pk) not in seen:
            seen.add((first.pk, second.pk))
            yield first, second, reason


FINDERS: dict[str, Callable[[], Iterable[tuple[models.Model, models.Model, str]]]] = {
    Merge.Kind.MEETING: _meeting_pairs,
    Merge.Kind.PERSON: _person_pairs,
    Merge.Kind.OUTLET: _outlet_pairs,
}


def pairs(kind: str, limit: int = LIMIT) -> list[Pair]:
    """The pairs of one kind of record that look like one, with what a
    merge of each would move; not those an editor said are two."""
    refused = set(DistinctPair.objects.filter(kind=kind).values_list("first_id", "second_id"))
    offered = (pair for pair in FINDERS[kind]() if (pair[0].pk, pair[1].pk) not in refused)
    found = list(itertools.islice(offered, limit))
    links = merging.links_of_many(merging.MERGEABLE[kind], list({r.pk for pair in found for r in pair[:2]}))
    return [Pair(kind, first, second, [reason], (links[first.pk], links[second.pk])) for first, second, reason in found]


@dataclass(frozen=True)
class Proposal:
    """A pair as the editor is offered it: which record stays, which goes
    into it, and what each holds."""

    pair: Pair
    kept: models.Model
    other: models.Model
    kept_links: list[tuple[str, int]]
    other_links: list[tuple[str, int]]


def proposal(pair: Pair) -> Proposal:
    """The calendar's meeting or a known official stays, else the record
    with more links, else the older."""
    def weight(index: int) -> tuple:
        record = (pair.first, pair.second)[index]
        return (
            getattr(record, "origin", "") == Meeting.Origin.CALENDAR,
            bool(getattr(record, "reference_key", "")),
            sum(count for _, count in pair.links[index]),
            -record.pk,
        )

    kept = max((0, 1), key=weight)
    records = (pair.first, pair.second)
    return Proposal(pair, records[kept], records[1 - kept], pair.links[kept], pair.links[1 - kept])


def mark_distinct(kind: str, a: int, b: int, user=None) -> None:
    first, second = sorted((a, b))
    DistinctPair.objects.get_or_create(
        kind=kind, first_id=first, second_id=second,
        defaults={"created_by": user if getattr(user, "is_authenticated", False) else None},
    )
