"""Scoring who-said-what on labelled real pages (tests/data/real/STATEMENTS.md).

A labelled statement is found when a statement read from the page covers
it: the first words of its labelled text (up to COVER_WORDS, after
archive.text's normalization) lie, in order, within the span the reader gave
(from its verb to the end of what was said). Spans rather than the text's
start are compared because labellers started the text at different places
(«إن …», the preposition, inside the quotation mark); the span holds them all.

Its speaker is right when:
- for a person the page names: the reader's speaker is a person whose name
  and the label's share the shorter one's words, or their last word
  («فيصل بن فرحان» and «فيصل بن فرحان آل سعود»);
- for a person the page does not name («وزير الخارجية العراقي», «مسؤول
  أمريكي») or an "other" collective («مصادر»): the reader's speaker is a
  person it could not link to the article's people, or an "other"
  collective (the labellers wrote an unnamed official both ways);
- for a collective speaker: the same kind (ministers, statement, coalition,
  government, organization, other), and for a government the same state
  when the label gives one.

Figures: precision, of the statements read, the share that cover a
labelled statement with its right speaker (a statement covering none is
wrong); recall, of the labelled statements, the share covered by a
statement with its right speaker; attribution, of the labelled statements
found at all, the share whose speaker is right.

Developer tooling (the `evaluate_statements` command), not the product.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from archive import text
from archive.importing import cleaning, extraction, people, statements

COVER_WORDS = 5
_PARTICLES = frozenset(map(text.key, ("بن", "ابن", "آل", "ال", "دي", "فون", "عبد")))


@dataclass
class PageScore:
    name: str
    labelled: list[dict]
    found: list[statements.StatementFact]
    right: set[int] = field(default_factory=set)  # indexes of `found` right
    covered: set[int] = field(default_factory=set)  # indexes of `labelled` covered with the right speaker
    detected: set[int] = field(default_factory=set)  # indexes of `labelled` covered at all
    wrong: list[tuple[dict, statements.StatementFact]] = field(default_factory=list)


@dataclass
class Score:
    pages: list[PageScore]

    def totals(self) -> dict[str, float | int]:
        found = sum(len(p.found) for p in self.pages)
        labelled = sum(len(p.labelled) for p in self.pages)
        right = sum(len(p.right) for p in self.pages)
        covered = sum(len(p.covered) for p in self.pages)
        detected = sum(len(p.detected) for p in self.pages)
        return {
            "pages": len(self.pages), "labelled": labelled, "read": found, "right": right, "covered": covered,
            "detected": detected,
            "precision": right / found if found else 0.0,
            "recall": covered / labelled if labelled else 0.0,
            "attribution": covered / detected if detected else 0.0,
        }


def read_page(path: Path, known: people.KnownNames | None = None) -> tuple[str, tuple[statements.StatementFact, ...]]:
    """The cleaned body of a page and the statements read from it, as the
    import reads them (with the archive's known officials, when given)."""
    cleaned = cleaning.clean(path.read_text(encoding="utf-8"))
    if not cleaned.title:
        return cleaned.body, ()
    facts = extraction.extract(
        cleaned.body, cleaned.published_on, title=cleaned.title, known=known, dateline=cleaned.dateline_city
    )
    return cleaned.body, facts.statements


def score_folder(folder: Path, known: people.KnownNames | None = None) -> Score:
    scored = []
    for path in sorted(folder.glob("*.txt")):
        label_path = path.with_suffix(".json")
        if not label_path.exists():
            continue
        label = json.loads(label_path.read_text(encoding="utf-8"))
        if "statements" not in label:
            continue
        body, found = read_page(path, known)
        scored.append(score_page(path.name, body, label["statements"], list(found)))
    return Score(scored)


def score_page(name: str, body: str, labelled: list[dict], found: list[statements.StatementFact]) -> PageScore:
    page = PageScore(name, labelled, found)
    spans = [text.words(body[fact.start:fact.end]) for fact in found]
    for n, label in enumerate(labelled):
        head = text.words(label.get("text", ""))[:COVER_WORDS]
        covering = [k for k, words in enumerate(spans) if head and _within(head, words)]
        if not covering:
            continue
        page.detected.add(n)
        best = min(covering, key=lambda k: len(spans[k]))
        right = [k for k in covering if speaker_right(label, found[k])]
        if right:
            page.covered.add(n)
            page.right.update(right)
        else:
            page.wrong.append((label, found[best]))
    return page


def _within(head: list[str], words: list[str]) -> bool:
    size = len(head)
    return any(words[i:i + size] == head for i in range(len(words) - size + 1))


def speaker_right(label: dict, fact: statements.StatementFact) -> bool:
    if _unnamed(label):
        # The labellers wrote one unnamed official («مسؤول أمريكي») as a
        # person not named or as an "other" collective, both ways.
        return (fact.speaker_kind == statements.SPEAKER_PERSON and not fact.named) or fact.collective == "other"
    if label.get("speaker_kind") == "person":
        if fact.speaker_kind != statements.SPEAKER_PERSON:
            return False
        return same_name(label.get("speaker", ""), fact.speaker)
    if fact.speaker_kind != statements.SPEAKER_COLLECTIVE or fact.collective != label.get("collective"):
        return False
    country = label.get("country")
    if fact.collective != "government" or not country or not fact.country:
        return True
    return extraction.gazetteer_matcher().lookup(country) in (None, fact.country)


def _unnamed(label: dict) -> bool:
    return label.get("named") is False or label.get("collective") == "other"


def same_name(a: str, b: str) -> bool:
    first = [w for w in text.words(a) if w not in _PARTICLES]
    second = [w for w in text.words(b) if w not in _PARTICLES]
    if not first or not second:
        return False
    shorter, longer = sorted((first, second), key=len)
    return set(shorter) <= set(longer) or first[-1] == second[-1]
