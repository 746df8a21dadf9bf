"""Scoring the import on labelled real pages: do the pages of one event
share one meeting, and does that meeting carry the event's date?

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

Developer tooling (the `evaluate_meetings` command), not part of the product.
"""

from __future__ import annotations

import datetime
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from archive.importing import pipeline, understanding
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


@dataclass
class Outcome:
    page: Page
    meeting_id: int | None = None
    meeting_name: str = ""
    meeting_date: datetime.date | None = None
    calendar: bool = False
    flags: list[str] = field(default_factory=list)


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


class _RollBack(Exception):
    pass


def pages(folder: Path) -> list[Page]:
    found = []
    for path in sorted(folder.glob("*.txt")):
        label_path = path.with_suffix(".json")
        if label_path.exists():
            found.append(Page(path, json.loads(label_path.read_text(encoding="utf-8"))))
    return found


def evaluate(folder: Path, with_address: bool = True) -> Score:
    """Import the folder's pages with --publish, score, and roll back."""
    labelled = pages(folder)
    outcomes: list[Outcome] = []
    try:
        with transaction.atomic():
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
    article = Article.objects.select_related("meeting").filter(pk=article_id).first() if article_id else None
    if article is None or article.meeting is None:
        return Outcome(page, flags=list(article.flags) if article else ["not imported"])
    meeting = article.meeting
    return Outcome(
        page, meeting.pk, meeting.name, meeting.date, meeting.origin == meeting.Origin.CALENDAR, list(article.flags)
    )


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
