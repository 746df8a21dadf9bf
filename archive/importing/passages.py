"""The passages two pages share: the fingerprint of a page's wording.

Press pages of one event copy the same agency wire. Of the labelled real
pages of tests/data/real/dev to dev12 (356 pages of events: 2,466 pairs of
pages of one event, 60,724 pairs of pages of two), the pairs sharing
SAME_STORY or more fingerprints made this way were 79 pairs of one event
and none of two. Of the 40 pages the matcher left off their event's
meeting, 8 share that much with a page of their own event and none with
a page of another.

Choices:
- A passage is WORDS words in a row of the normalized text
  (archive.text.normalize, so spelling variants of one wire agree).
  Eight words: at five, the pairs of two events sharing three or more
  passages were 52, mostly a Saudi prince's full title or the coalition's
  own boilerplate ("ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع").
- Only the passages whose hash is a multiple of KEEP_ONE_IN are kept
  (Broder's "0 mod p" sampling): any page keeps the same ones of a shared
  passage, and a page of 500 words keeps about 35 numbers instead of 140.
  At 1 in 4 and three shared, the count above; at 1 in 8, 46 pairs of one
  event and none of two; keeping all and asking for four, 137 and 3.
- The hash is CRC-32 (zlib), the same in every process and release, as a
  signed 32-bit number for a PostgreSQL integer[] with a GIN index.
- Kept as our own few lines: datasketch's MinHash estimates a resemblance
  of whole pages, while a shared wire is often one paragraph of a longer
  page; the count of shared passages is what tells.

Entry points: fingerprints(), and of_article() for what an article's are
made of.
"""

from __future__ import annotations

import re
import zlib

from archive import text as arabic

WORDS = 8
KEEP_ONE_IN = 4
# Shared fingerprints that make two pages one story (matching.story_signal).
SAME_STORY = 3

_WORD = re.compile(r"\w+")


def fingerprints(text: str) -> list[int]:
    """The sorted kept hashes of a text's passages of WORDS words."""
    words = _WORD.findall(arabic.normalize(text))
    kept = set()
    for start in range(len(words) - WORDS + 1):
        digest = zlib.crc32(" ".join(words[start:start + WORDS]).encode("utf-8"))
        if digest % KEEP_ONE_IN == 0:
            kept.add(digest - (1 << 32) if digest >= 1 << 31 else digest)
    return sorted(kept)


def of_article(title: str, body: str) -> list[int]:
    """An article's fingerprints: its title and its body."""
    return fingerprints(f"{title}\n{body}")


def shared(first: list[int] | frozenset[int], second: list[int] | frozenset[int]) -> int:
    return len(set(first) & set(second))
