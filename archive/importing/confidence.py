"""How sure the import is of each fact it read, from 0 to 1, and what
`import_articles --publish` may publish without an editor.

Choices:
- Confidence follows from how a fact was found, not from a statistical
  model: there is no labelled corpus large enough to fit one, and an editor
  can read the reason beside the number. Each kind of fact has a table of
  the ways it can be found (the evidence), each with its score; the tables
  below are the only place the scores live.
- The scores rank the evidence the way the labelled real pages did
  (tests/data/real/dev, dev2; `manage.py evaluate_import`): a known
  official's spelling was never wrong there, a name read after an office
  word whose first word is a known given name was right almost always, one
  whose first word no lexicon knows was the usual junk ("يحذر", "قطاع").
  A title that is the lead's first sentence is no headline at all.
- PUBLISH_MIN is the line: `--publish` publishes an article only when every
  fact of it reaches it, and confirms its meeting only when the meeting's
  does; the rest waits for an editor, flagged with the facts that held it.

Entry points: score(kind, evidence), meeting_score(), held_back(), described().
"""

from __future__ import annotations

PUBLISH_MIN = 0.7
# The first flag of an article `--publish` held back: why it waits.
NOTE_HELD = "لم يُنشر تلقائياً: الثقة دون الحد في {facts}؛ ينتظر مراجعة محرر"

# Each fact kind: the evidence it was found by → confidence.
TABLES: dict[str, dict[str, float]] = {
    "title": {
        "headline": 0.9,  # a headline-like line above the lead
        "tab": 0.8,  # the headline part of a browser tab's title
        "first_sentence": 0.3,  # the page lost its headline: the lead's first sentence stands in
    },
    "date": {
        "editor": 1.0,  # given with --published-on or on the upload form
        "page": 0.9,  # a date stamp, a header line or a dateline on the page
        "address": 0.85,  # a date in the page's address
        "tail": 0.75,  # a stamp below the article
        "updated": 0.6,  # only a "last updated" stamp: maybe years after the news
        "none": 0.0,
    },
    "outlet": {
        "address": 0.95,  # the page's address is an outlet the gazetteer knows
        "name": 0.9,  # a name on the page the gazetteer knows
        "learned": 0.9,  # the page's site, named by an editor for an earlier page
        "unlisted": 0.6,  # a name on the page the gazetteer lacks: maybe a breadcrumb
        "site": 0.5,  # only the site's address: the editor names it
        "none": 0.0,
    },
    "person": {
        "known": 0.95,  # a known official's spelling, or a name the archive already holds
        "given_name": 0.85,  # after an office word, its first word a known given name
        "office": 0.65,  # after an office word, its first word one no lexicon knows
        "surname": 0.6,  # a surname alone, linked to the one person the archive knows by it
        "possible": 0.5,  # a new person who may be one the archive holds (the editor decides)
    },
    "role": {
        "office": 0.85,  # the office words before or after the name
        "counterpart": 0.6,  # "نظيره": the office of the person named before
        "none": 1.0,  # no role was read: nothing to doubt
    },
    "chair": {
        "cue": 0.85,  # "برئاسة", "ترأس" with the name after it
        "relative": 0.75,  # "التي ترأست": the person just before
        "pronoun": 0.5,  # "ترأسه" with no name: the previous sentence's speaker
        "none": 1.0,
    },
    "country": {
        "office": 0.85,  # the country that closes the office's title
        "none": 1.0,
    },
    "speaker": {
        # Who said a statement (archive.importing.statements). A statement
        # never holds its article back from --publish: the editor corrects
        # it in the statements queue, least sure first. Measured on the
        # labelled dev pages (dev to dev11: 379 pages, 6 December 2026;
        # `manage.py evaluate_statements`), right speakers of those read each
        # way, rounded down where the count is small:
        "name": 0.97,  # named right after the verb, in a spelling of the article's people: 404 of 413
        "office": 0.95,  # an office, with the name after it or the one person the article gave it: 53 of 54
        "previous": 0.93,  # no one named after the verb: the latest speaker the verb agrees with, 383 of 409
        "collective": 0.9,  # the ministers, the statement, a government, an outlet…: 330 of 367
        "before": 0.9,  # named at the head of the clause before the verb («وكان مسؤولون قد قالوا»): 46 of 50
        "unlinked": 0.85,  # a name the people reader did not keep, linked to no one: 7 of 7
        "unnamed": 0.8,  # an office alone, naming no one: 12 of 14
    },
    "meeting": {
        # A meeting made from the text, which states its date, place or
        # chairs: at the line, as issue 18 has pages of an uncalendared
        # meeting share one (the next pages then match it, scored above).
        "new": 0.7,
    },
}
# A proposed meeting: confidence from its score (matching.PROPOSE is 4).
MEETING_AT_THRESHOLD = 0.75
MEETING_PER_POINT = 0.03
MEETING_MAX = 0.97


# How the facts are named to an editor: in the flags, on the review page, in the queue.
ARTICLE_FACTS = {
    "title": "العنوان", "date": "تاريخ النشر", "outlet": "المصدر الإخباري", "meeting": "الاجتماع", "people": "الأشخاص",
}
MENTION_FACTS = {"person": "الشخص", "role": "الصفة", "chair": "الرئاسة", "country": "الدولة"}


def described(scores: dict[str, float], labels: dict[str, str]) -> str:
    """"العنوان 0.30 · تاريخ النشر 0.90 …", the least sure first; "—" when not scored."""
    ordered = sorted(scores.items(), key=lambda item: item[1])
    return " · ".join(f"{labels.get(name, name)} {value:.2f}" for name, value in ordered) or "—"


def score(kind: str, evidence: str) -> float:
    """The confidence of a fact of this kind found by this evidence."""
    return TABLES[kind][evidence]


def meeting_score(points: int, threshold: int) -> float:
    """A proposed meeting's confidence: MEETING_AT_THRESHOLD at the matcher's
    threshold, more for each point above it."""
    return round(min(MEETING_MAX, MEETING_AT_THRESHOLD + MEETING_PER_POINT * (points - threshold)), 2)


def held_back(scores: dict[str, float]) -> list[str]:
    """The facts below PUBLISH_MIN, lowest first."""
    return [name for name, value in sorted(scores.items(), key=lambda item: item[1]) if value < PUBLISH_MIN]
