"""Snippets of a result: the passage around the first match, cut and
highlighted in Python from the index's own normalization (archive.text), so
a match that differs only by hamza, tashkeel or an attached و ب ل is marked
too; the text is escaped before any mark is added.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape as html_escape

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from archive import text
from archive.models import Article
from archive.search.queries import Query, parse

SNIPPET_WORDS = 40
_SNIPPET_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Snippet:
    """Pieces of a body: (text, matched) pairs, in order."""

    pieces: tuple[tuple[str, bool], ...]
    matched: bool

    def html(self) -> SafeString:
        return mark_safe(  # noqa: S308 - each piece is escaped
            # The standard library's escape: Django's asks of each piece
            # whether it is marked safe already, which none is.
            "".join(f"<mark>{html_escape(piece)}</mark>" if hit else html_escape(piece) for piece, hit in self.pieces)
        )

    def plain(self) -> str:
        return "".join(piece for piece, _ in self.pieces)


# A long body is read a piece at a time, and the first piece with a match
# gives the snippet: folding and splitting a whole 1,500-word article for
# each of a page's twenty results cost more than the search itself.
SNIPPET_PIECE = 1500  # characters
SNIPPET_OVERLAP = 600  # read past a piece's end, so a window is never cut short
SNIPPET_AROUND = 200  # characters before the first match, twice that after


def snippet(body: str, query: Query, words: int = SNIPPET_WORDS) -> Snippet:
    """The passage with the most matches, matches marked, in the first part
    of the body that has any; the opening when none has."""
    forms = query.highlight_forms()
    if forms:
        # The forms' occurrences found in the raw body by one regular
        # expression, first to last; the word at each tested until one
        # matches; no folding of the body at all until the window is cut.
        # The pattern misses nothing in text it can read (foldable): that
        # is checked of the stretch read so far only, not the whole body.
        checked = 0
        # Looked for as _needles: a word whose form is العراق may be written
        # للعراق, which holds لعراق and not العراق.
        for occurrence in text.raw_pattern_any(frozenset(_needles(forms))).finditer(body):
            if not text.foldable_by_pattern(body[checked : occurrence.end()]):
                break
            checked = occurrence.end()
            index = occurrence.start()
            start = _space_before(body, index)
            first = _first_form(body[start : _space_after(body, index + 1)], forms)
            if first is not None:
                return _around(body, start + first, 0, len(body), forms, words)
        else:
            if text.foldable_by_pattern(body[checked:]):
                return _opening(body, words)
    start = 0
    while True:
        end = len(body) if len(body) - start <= SNIPPET_PIECE + SNIPPET_OVERLAP else _space_after(body, start + SNIPPET_PIECE)
        segment_end = min(len(body), end + SNIPPET_OVERLAP)
        first = _first_form(body[start:segment_end], forms)
        if first is not None:
            return _around(body, start + first, start, segment_end, forms, words)
        if end >= len(body) or not forms:
            return _opening(body, words)
        start = end


def _around(body: str, position: int, lower: int, upper: int, forms: frozenset[str], words: int) -> Snippet:
    """The snippet cut from the stretch around a match at `position`, kept
    within [lower, upper): only that stretch is split into words, and the
    best window of a piece is almost always there."""
    start = max(lower, _space_before(body, position - SNIPPET_AROUND))
    return _snippet(body, start, min(upper, _space_after(body, position + 2 * SNIPPET_AROUND)), forms, words)


def _opening(body: str, words: int) -> Snippet:
    """The body's first words, nothing marked: the snippet of a body with no match."""
    return _snippet(body, 0, min(len(body), SNIPPET_PIECE + SNIPPET_OVERLAP), frozenset(), words)


def _first_form(segment: str, forms: frozenset[str]) -> int | None:
    """Where in the piece the first matching word starts, or None when there
    is none: a matching word holds one of the forms' needles (_needles), so
    only the words at each occurrence of one are tested, not every word of
    the piece."""
    if not forms:
        return None
    folded, origin = text.fold_with_origin(segment)
    if len(folded.casefold()) == len(folded):
        folded = folded.casefold()
    occurrences = sorted(index for needle in _needles(forms) for index in _occurrences(folded, needle))
    for index in occurrences:
        start = index
        while start > 0 and folded[start - 1].isalnum():
            start -= 1
        word = _SNIPPET_WORD.match(folded, start)
        if word is not None and not forms.isdisjoint(text.word_forms(word.group())):
            return origin[start]
    return None


def _occurrences(folded: str, form: str):
    index = folded.find(form)
    while index >= 0:
        yield index
        index = folded.find(form, index + 1)


def _space_before(body: str, index: int) -> int:
    found = body.rfind(" ", 0, max(0, index))
    return 0 if found < 0 else found + 1


def _space_after(body: str, index: int) -> int:
    found = body.find(" ", index)
    return len(body) if found < 0 else found


def _snippet(body: str, segment_start: int, segment_end: int, forms: frozenset[str], words: int) -> Snippet:
    segment = body[segment_start:segment_end]
    folded, origin = text.fold_with_origin(segment)
    folded = folded.casefold() if len(folded.casefold()) == len(folded) else folded
    matches = list(_SNIPPET_WORD.finditer(folded))
    if not matches:
        return Snippet(((body[:300], False),), False)
    hits = _hits(folded, matches, forms) if forms else []
    best = _best_window(hits, words)
    last_index = min(best + words, len(matches)) - 1

    # Where a token of the window is in the body: only the window's ends
    # and its matches are needed, not every word between.
    def bounds(index: int) -> tuple[int, int]:
        match = matches[index]
        token_start = segment_start + origin[match.start()]
        token_end = segment_start + origin[match.end() - 1] + 1
        # Tashkeel and tatweel after the last letter belong to the word.
        while token_end < len(body) and (unicodedata.category(body[token_end]) == "Mn" or body[token_end] == "ـ"):
            token_end += 1
        return token_start, token_end

    opens_body = segment_start == 0 and best == 0
    start = 0 if opens_body else bounds(best)[0]
    closes_body = segment_end >= len(body) and best + words >= len(matches)
    end = len(body) if closes_body else bounds(last_index)[1]
    pieces: list[tuple[str, bool]] = []
    if not opens_body:
        pieces.append(("… ", False))
    position = start
    for index in hits:
        if best <= index <= last_index:
            token_start, token_end = bounds(index)
            pieces.append((body[position:token_start], False))
            pieces.append((body[token_start:token_end], True))
            position = token_end
    pieces.append((body[position:end], False))
    if not closes_body:
        pieces.append((" …", False))
    return Snippet(tuple(piece for piece in pieces if piece[0]), bool(hits))


def _best_window(hits: list[int], words: int) -> int:
    """Where the window of `words` tokens opens, a little before a match,
    that holds the most matches (two pointers over the match positions)."""
    best, best_count, last = 0, -1, 0
    for first_index, first in enumerate(hits):
        start_index = max(0, first - 5)
        last = max(last, first_index)
        while last + 1 < len(hits) and hits[last + 1] < start_index + words:
            last += 1
        count = last - first_index + 1
        if count > best_count:
            best, best_count = start_index, count
    return best


def _hits(folded: str, matches: list[re.Match], forms: frozenset[str]) -> list[int]:
    """The indexes of the words that match, in order. Rather than testing
    each of a stretch's hundred words, each form is looked for in the text
    (str.find), and only the words at its occurrences are tested."""
    starts = [match.start() for match in matches]
    found = set()
    for needle in _needles(forms):
        at = folded.find(needle)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            if index >= 0 and at < matches[index].end() and index not in found:
                if not forms.isdisjoint(text.word_forms(matches[index].group())):
                    found.add(index)
            at = folded.find(needle, at + 1)
    return sorted(found)


@lru_cache(maxsize=1024)
def _needles(forms: frozenset[str]) -> tuple[str, ...]:
    """What every word having one of these forms holds as written: the form
    itself, but for a form with the article the form without its alef
    (للعراق has the form العراق and holds لعراق); a needle holding another
    is left out, since wherever it is, so is the other."""
    needles = {form[1:] if form.startswith("ال") and len(form) > 3 else form for form in forms}
    return tuple(n for n in needles if not any(other != n and other in n for other in needles))


def snippets(articles: Iterable[Article], query: Query | str) -> dict[int, SafeString]:
    """HTML-safe snippets for a page of results: matches highlighted when
    there is a query, else the opening of the body."""
    query = query if isinstance(query, Query) else parse(query)
    result = {}
    for article in articles:
        if query.is_empty:
            result[article.pk] = escape(Truncator(article.body).words(SNIPPET_WORDS))
        else:
            result[article.pk] = snippet(article.body, query).html()
    return result
