"""An article's flags: the import's notes to the editor, and when each is
settled by what the editor has since saved.

Each kind of flag is declared once below, by the note it is written from
(its template, with the parts that vary in braces) and a test of the saved
article that says the flag's cause is fixed: a publication date entered, an
outlet named, a meeting linked. curation.settle drops the settled flags
after every save of the review page, so the queue's count of open flags and
the warning before publishing list only what still needs the editor.

Notes that only tell what the import did («الملف صفحة HTML…») are settled
by the editor's first save of the page: they have been read. A note no rule
knows stays open until an editor clears it: a new kind of note is never
dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from archive.importing import cleaning, confidence, dates, extraction, meetings, people, reading, saving
from archive.models import Article, ArticleStatus


@dataclass(frozen=True)
class Kind:
    note: str  # the template the import writes the flag from
    settled: Callable[[Article, dict[str, str]], bool]  # the saved article, the note's parts

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        parts = re.split(r"\{(\w+)\}", self.note)
        body = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
        return re.compile(f"^{body}$", re.S)


def _read(article: Article, parts: dict[str, str]) -> bool:
    return True  # a note of what the import did: read once the editor saves


def _linked(article: Article, parts: dict[str, str]) -> bool:
    return article.meeting_id is not None


def _outlet_named(article: Article, parts: dict[str, str]) -> bool:
    outlet = article.outlet
    return outlet is not None and outlet.name not in (parts.get("name"), parts.get("site"))


def _person_decided(article: Article, parts: dict[str, str]) -> bool:
    return not article.person_mentions.filter(name_as_written=parts["name"], proposed_person__isnull=False).exists()


def _person_added(article: Article, parts: dict[str, str]) -> bool:
    return article.person_mentions.filter(name_as_written=parts["name"]).exists()


def _meeting_chaired(article: Article, parts: dict[str, str]) -> bool:
    return article.meeting_id is not None and article.meeting.participations.filter(is_chair=True).exists()


KINDS: tuple[Kind, ...] = (
    Kind(confidence.NOTE_HELD, lambda article, parts: article.status != ArticleStatus.PENDING),
    Kind(cleaning.NOTE_NO_DATE, lambda article, parts: article.published_on is not None),
    Kind(dates.NOTE_NO_REFERENCE, lambda article, parts: article.published_on is not None),
    Kind(cleaning.NOTE_NO_HEADLINE, lambda article, parts: not article.body.startswith(article.title)),
    Kind(cleaning.NOTE_NO_OUTLET, lambda article, parts: article.outlet_id is not None),
    Kind(cleaning.NOTE_OUTLET_NOT_LISTED, _outlet_named),
    Kind(cleaning.NOTE_OUTLET_SITE_ONLY, _outlet_named),
    Kind(saving.NOTE_POSSIBLE_PERSON, _person_decided),
    Kind(saving.NOTE_UNKNOWN_SURNAME, _person_added),
    Kind(people.NOTE_NOT_A_NAME, _person_added),
    Kind(people.NOTE_PRONOUN_CHAIR, _linked),
    Kind(saving.NOTE_NEW_MEETING, _linked),
    Kind(saving.NOTE_SAME_MEETING, _linked),
    Kind(saving.NOTE_NO_PROPOSAL, _linked),
    Kind(saving.NOTE_TOO_LITTLE, _linked),
    Kind(saving.NOTE_DATE_FROM_MEETING, _linked),
    Kind(extraction.NOTE_NO_MEETING, _linked),
    Kind(extraction.NOTE_NO_MEETING_DATE, lambda article, parts: article.meeting_id is not None and bool(article.meeting.date)),
    Kind(extraction.NOTE_NO_CHAIR, _meeting_chaired),
    Kind(meetings.NOTE_BILATERAL, _linked),
    Kind(meetings.NOTE_WEEKDAY_MISMATCH, _linked),
    Kind(meetings.NOTE_LEAD_WEEKDAY, _linked),
    Kind(reading.NOTE_HTML, _read),
    Kind(reading.NOTE_CONTROL, _read),
)


def kind_of(flag: str) -> tuple[Kind, dict[str, str]] | None:
    for kind in KINDS:
        if match := kind.pattern.match(flag):
            return kind, match.groupdict()
    return None


def is_settled(article: Article, flag: str) -> bool:
    found = kind_of(flag)
    return found is not None and found[0].settled(article, found[1])


def open_flags(article: Article) -> list[str]:
    """The article's flags its saved facts have not settled."""
    return [flag for flag in article.flags or () if not is_settled(article, flag)]
