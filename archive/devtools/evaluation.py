"""Scoring the import on labelled real pages: do the pages of one event
share one meeting, does that meeting carry the event's date, and are the
page's people, outlet and title the ones its label gives?

A labelled set is a folder of page excerpts (NN_slug.txt) each beside its
label (NN_slug.json: url, event, meeting_date, …), gathered from stored
press pages and labelled before the import ever ran on them. The pages are
imported with --publish into the archive as it is (the sample archive, in
the measurements the README reports), inside a transaction that is rolled
back: scoring never changes the archive.

Figures:
- pairwise precision: of the pairs of pages the import put on one meeting,
  the share that report one event; recall: of the pairs of pages that
  report one event, the share the import put on one meeting. Pages that
  report no meeting (event null) belong to no true pair.
- date: of the pages that report an event, the share whose meeting has the
  event's first day as its date.
- people: every person the import linked to a page, and the author it read
  from the page's byline, is right when one of the
  label's names equals, after normalization (archive.text.key), the name as
  the page wrote it, or the person's name or a spelling of theirs the
  archive holds (a known official linked from "الوزير بومبيو"); precision is the
  right share of the people linked, recall the share of the label's names
  found. Exact full names only: "جون" for "جون كيري" is a miss and a wrong
  person both.
- outlet: right when the article's outlet, by its name, an alias or its
  English name, is the label's.
- published: the pages --publish published (every fact at or above
  archive.importing.confidence.PUBLISH_MIN), and the wrong people on them.
- title: right when it equals the label's headline after normalization; for
  a page whose label says it has no headline, right when the import says so
  (its flag) instead of passing the lead sentence off as one.

Developer tooling (the `evaluate_import` command), not part of the product.
"""

from __future__ import annotations

import datetime
import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from archive import text
from archive.importing import cleaning, outlets, pipeline, understanding
from archive.models import Article


@dataclass(frozen=True)
class Page:
    path: Path
    label: dict

    @property
    def event(self) -> str | None:
        return self.label.get("event")

    @property
    def meeting_date(self) -> datetime.date | None:
        value = self.label.get("meeting_date")
        return datetime.date.fromisoformat(value) if value and self.event else None

    @property
    def person_keys(self) -> set[str]:
        return {text.key(name) for name in self.label.get("persons") or ()}


@dataclass
class Outcome:
    page: Page
    meeting_id: int | None = None
    meeting_name: str = ""
    meeting_date: datetime.date | None = None
    calendar: bool = False
    flags: list[str] = field(default_factory=list)
    # Each person linked to the page: how the page wrote them, their name in
    # the archive, then the archive's other spellings of them.
    people: list[tuple[str, ...]] = field(default_factory=list)
    outlet_names: tuple[str, ...] = ()  # the outlet's name, aliases and English name
    outlet_website: str = ""
    title: str = ""
    published: bool = False  # published by --publish, every fact confident

    @property
    def people_right(self) -> list[tuple[str, str]]:
        wanted = self.page.person_keys
        return [p for p in self.people if {text.key(name) for name in p} & wanted]

    @property
    def people_wrong(self) -> list[tuple[str, str]]:
        right = self.people_right
        return [p for p in self.people if p not in right]

    @property
    def people_missed(self) -> list[str]:
        found = {text.key(name) for p in self.people for name in p}
        return [name for name in self.page.label.get("persons") or () if text.key(name) not in found]

    @property
    def outlet_right(self) -> bool:
        label = self.page.label
        names = [label.get("outlet"), label.get("outlet_en")]
        wanted = {_plain(form(name)) for name in names for form in (_unannotated, _without_mirror)} - {""}
        return bool(wanted & {_plain(name) for name in self.outlet_names})

    @property
    def outlet_left_as_site(self) -> bool:
        """Not named right, but known by the page's own site and flagged for
        the editor to name (cleaning.NOTE_OUTLET_SITE_ONLY): the page never
        shows the name, and the labeller read it off the address."""
        if self.outlet_right or not self.outlet_website:
            return False
        site = outlets.gazetteer().site(self.page.label.get("url") or "")
        return bool(site) and outlets.gazetteer().site(self.outlet_website) == site

    @property
    def title_right(self) -> bool:
        wanted = self.page.label.get("title")
        if not wanted:
            return NOTE_NO_HEADLINE in self.flags
        return text.key(wanted) == text.key(self.title) and NOTE_NO_HEADLINE not in self.flags


NOTE_NO_HEADLINE = cleaning.NOTE_NO_HEADLINE


def _unannotated(name: str | None) -> str:
    """A label's outlet without the labeller's note in brackets: "الأهرام
    (عبر مصرس)" is al-Ahram, read on a mirror."""
    return re.sub(r"\s*\([^)]*\)", "", name or "").strip()


# "(عبر مصرس)", "، عبر سعورس", "(via Turess)", ", via Sauress".
_MIRROR_NOTE = re.compile(r"\s*\((?:عبر|via)\s[^)]*\)|[،,]\s*(?:عبر|via)\s[^)]*(?=\))", re.IGNORECASE)


def _without_mirror(name: str | None) -> str:
    """The label's outlet with its country kept and only the mirror left
    out: "Al Watan (Saudi Arabia, via Sauress)" is "Al Watan (Saudi
    Arabia)", the name the gazetteer gives the Saudi daily."""
    return _MIRROR_NOTE.sub("", name or "").strip()


def _plain(name: str | None) -> str:
    return text.key(name or "").casefold()


@dataclass
class Score:
    outcomes: list[Outcome]
    true_pairs: int
    found_pairs: int
    right_pairs: int
    dated: int
    dated_right: int

    @property
    def precision(self) -> float:
        return self.right_pairs / self.found_pairs if self.found_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.right_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def date_share(self) -> float:
        return self.dated_right / self.dated if self.dated else 1.0

    @property
    def people_found(self) -> int:
        return sum(len(o.people) for o in self.outcomes)

    @property
    def people_right(self) -> int:
        return sum(len(o.people_right) for o in self.outcomes)

    @property
    def people_labelled(self) -> int:
        return sum(len(o.page.person_keys) for o in self.outcomes)

    @property
    def people_recalled(self) -> int:
        return self.people_labelled - sum(len(o.people_missed) for o in self.outcomes)

    @property
    def people_precision(self) -> float:
        return self.people_right / self.people_found if self.people_found else 1.0

    @property
    def people_recall(self) -> float:
        return self.people_recalled / self.people_labelled if self.people_labelled else 1.0

    @property
    def published(self) -> int:
        return sum(o.published for o in self.outcomes)

    @property
    def people_wrong_published(self) -> int:
        """Wrong people on the pages --publish published: the junk a researcher would see."""
        return sum(len(o.people_wrong) for o in self.outcomes if o.published)

    @property
    def outlets_right(self) -> int:
        return sum(o.outlet_right for o in self.outcomes)

    @property
    def outlets_left_as_site(self) -> int:
        return sum(o.outlet_left_as_site for o in self.outcomes)

    @property
    def titles_right(self) -> int:
        return sum(o.title_right for o in self.outcomes)


class _RollBack(Exception):
    pass


def pages(folder: Path) -> list[Page]:
    found = []
    for path in sorted(folder.glob("*.txt")):
        label_path = path.with_suffix(".json")
        if label_path.exists():
            found.append(Page(path, json.loads(label_path.read_text(encoding="utf-8"))))
    return found


def evaluate(folder: Path, with_address: bool = True, after: Sequence[Path] = ()) -> Score:
    """Import the folder's pages with --publish, score, and roll back.
    With `after`, the pages of those folders are imported first, as earlier
    batches an archive already holds, and only the folder's are scored."""
    labelled = pages(folder)
    outcomes: list[Outcome] = []
    try:
        with transaction.atomic():
            for earlier in after:
                pipeline.import_sources([_source(page, with_address) for page in pages(earlier)], publish=True)
            result = pipeline.import_sources([_source(page, with_address) for page in labelled], publish=True)
            for page, file in zip(labelled, result.files, strict=True):
                outcomes.append(_outcome(page, file.article_id))
            raise _RollBack
    except _RollBack:
        pass
    return score(outcomes)


def _source(page: Page, with_address: bool) -> pipeline.Source:
    given = understanding.Given(source_url=page.label.get("url") or "") if with_address else None
    return pipeline.Source(page.path.name, page.path.read_bytes, given=given)


def _outcome(page: Page, article_id: int | None) -> Outcome:
    article = Article.objects.select_related("meeting", "outlet").filter(pk=article_id).first() if article_id else None
    if article is None:
        return Outcome(page, flags=["not imported"])
    outcome = Outcome(
        page, flags=list(article.flags), title=article.title, published=article.status == Article.Status.PUBLISHED
    )
    outcome.people = [
        (mention.name_as_written, mention.person.name, *mention.person.aliases.values_list("name", flat=True))
        for mention in article.person_mentions.select_related("person").order_by("pk")
    ]
    if article.byline:
        outcome.people.append((article.byline,))  # the labels list the page's author with its people
    if article.outlet is not None:
        outlet = article.outlet
        outcome.outlet_names = (outlet.name, outlet.name_en, *outlet.aliases.values_list("name", flat=True))
        outcome.outlet_website = outlet.website
    if article.meeting is not None:
        meeting = article.meeting
        outcome.meeting_id, outcome.meeting_name, outcome.meeting_date = meeting.pk, meeting.name, meeting.date
        outcome.calendar = meeting.origin == meeting.Origin.CALENDAR
    return outcome


def score(outcomes: list[Outcome]) -> Score:
    true_pairs = found_pairs = right_pairs = 0
    for a, b in itertools.combinations(outcomes, 2):
        same_event = a.page.event is not None and a.page.event == b.page.event
        same_meeting = a.meeting_id is not None and a.meeting_id == b.meeting_id
        true_pairs += same_event
        found_pairs += same_meeting
        right_pairs += same_event and same_meeting
    dated = [o for o in outcomes if o.page.event and o.page.meeting_date]
    return Score(
        outcomes, true_pairs, found_pairs, right_pairs, len(dated),
        sum(1 for o in dated if o.meeting_date == o.page.meeting_date),
    )
