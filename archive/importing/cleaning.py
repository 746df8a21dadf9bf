"""Turning a decoded file into an article's title and body.

First version: the title is the first non-empty line and the body the rest.
The import pipeline issue replaces this with boilerplate removal; the
contract stays the same: a Cleaned with a non-empty title.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")

TITLE_MAX_LENGTH = 500


@dataclass(frozen=True)
class Cleaned:
    title: str
    body: str


def content_hash(text: str) -> str:
    """The identity of an article file: the same text in another encoding or
    with other line endings is the same article."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def clean(text: str) -> Cleaned:
    lines = text.strip().split("\n")
    title = lines[0].strip()
    if len(title) > TITLE_MAX_LENGTH:
        # A file with no line breaks: cut the title at a word boundary and
        # keep the whole text as the body.
        cut = title.rfind(" ", 0, TITLE_MAX_LENGTH)
        title, rest = title[: cut if cut > 0 else TITLE_MAX_LENGTH].strip(), lines
    else:
        rest = lines[1:]
    body = _TRAILING_SPACE.sub("\n", "\n".join(rest))
    body = _BLANK_LINES.sub("\n\n", body).strip()
    return Cleaned(title=title, body=body)
