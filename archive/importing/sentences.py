"""Sentences of an article body, with their offsets.

Every extracted fact keeps the sentence it came from, so an editor can check
it at a glance; offsets let the review page highlight it in the body.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A sentence ends at . ! ? ؟ or a line break. Press copy often glues the next
# sentence on without a space ("…العراق.وأضاف"), so no space is required
# after the stop; a stop between digits (10.000, 13.02.2018), inside an
# abbreviation of Latin letters (S.R, U.S.) or after an initial written
# alone («غريغوري د. لوغيرفو», dev5/27) ends nothing.
_BOUNDARY = re.compile(r"(?:(?<!\b[A-Z\u0621-\u064a])(?:(?<!\d)\.|\.(?!\d))|[!?؟])[\"'”»)\]]*|\n+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        _append(sentences, text, start, match.end())
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    begin = start + lead
    sentences.append(Sentence(begin, begin + len(stripped), stripped))


class SentenceIndex:
    """Find the sentence holding a character offset, in O(log n)."""

    def __init__(self, text: str) -> None:
        self.sentences = split(text)
        self._starts = [s.start for s in self.sentences]

    def at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < max(self.sentences[i].end, self.sentences[i].start + 1):
            return self.sentences[i]
        return None
