"""An article's body as HTML with its statements marked: each statement's
span (Statement.start, .end) a <mark> with an anchor, so that a statement
anywhere in the archive links to its words in the article, highlighted.

Pure: text in, escaped HTML out. The body is archive text (untrusted):
every piece of it is escaped here, and the marks are the only markup added
besides the paragraphs Django's |linebreaks would make (a blank line a new
paragraph, a line break a <br>). A statement that runs over a paragraph
break is marked in each paragraph, its anchor on the first part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Span:
    anchor: str  # the id of the first part ("statement-12")
    start: int
    end: int


def marked(body: str, spans: Iterable[Span]) -> SafeString:
    ordered = _without_overlaps(sorted(spans, key=lambda span: (span.start, span.end)), len(body))
    anchored: set[str] = set()
    paragraphs = []
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(body), None]:
        end = match.start() if match else len(body)
        html = _paragraph(body, start, end, ordered, anchored)
        if html.strip():
            paragraphs.append(f"<p>{html}</p>")
        start = match.end() if match else len(body)
    return mark_safe("\n\n".join(paragraphs))


def _without_overlaps(spans: Sequence[Span], length: int) -> list[Span]:
    kept: list[Span] = []
    for span in spans:
        start, end = max(span.start, kept[-1].end if kept else 0), min(span.end, length)
        if start < end:
            kept.append(Span(span.anchor, start, end))
    return kept


def _paragraph(body: str, start: int, end: int, spans: Sequence[Span], anchored: set[str]) -> str:
    parts = []
    at = start
    for span in spans:
        if span.end <= start or span.start >= end:
            continue
        a, b = max(span.start, start), min(span.end, end)
        parts.append(_text(body[at:a]))
        anchor = "" if span.anchor in anchored else f' id="{escape(span.anchor)}"'
        anchored.add(span.anchor)
        parts.append(f'<mark class="statement"{anchor}>{_text(body[a:b])}</mark>')
        at = b
    parts.append(_text(body[at:end]))
    return "".join(parts)


def _text(piece: str) -> str:
    return escape(piece).replace("\n", "<br>")
