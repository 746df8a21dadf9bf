"""What the review page shows: an article's facts beside the text they came from.

The body is shown with every evidence sentence marked, each mark numbered
like the fact it supports; the raw file is shown line by line, with the
lines cleaning cut set apart. Archive text is untrusted: it is escaped
before any mark is added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.models import Article


@dataclass
class Fact:
    number: int
    kind: str  # "الاجتماع"، "شخص"، "دولة"، "قرار"، "تصريح"
    label: str
    sentence: str
    found: bool = False  # whether the sentence was found in the body


@dataclass
class Review:
    facts: list[Fact]
    body: SafeString
    raw_lines: list[tuple[str, bool]]  # (line, kept in the body)
    cut_count: int = 0
    flags: list[str] = field(default_factory=list)


def facts_of(article: Article) -> list[Fact]:
    facts: list[Fact] = []

    def add(kind: str, label: str, sentence: str) -> None:
        if sentence:
            facts.append(Fact(len(facts) + 1, kind, label, sentence))

    report = getattr(article, "meeting_report", None)
    if report is not None:
        add("الاجتماع", "ذكر الاجتماع", report.sentence)
        for name, label in (
            ("date", "التاريخ"),
            ("place", "المكان"),
            ("format", "الصيغة"),
            ("kind", "النوع"),
            ("member_count", "عدد أعضاء التحالف"),
            ("participant_count", "عدد الدول المشاركة"),
        ):
            value = getattr(report, name)
            if value not in (None, ""):
                shown = getattr(report, f"get_{name}_display")() if name in ("format", "kind") else value
                add("الاجتماع", f"{label}: {shown}", getattr(report, f"{name}_sentence"))
    for mention in article.person_mentions.select_related("person", "country"):
        details = "، ".join(
            part for part in (mention.role, mention.country.name if mention.country else "",
                              "رئيس الاجتماع أو مضيفه" if mention.is_chair else "") if part
        )
        add("شخص", f"{mention.person.name}" + (f" ({details})" if details else ""), mention.sentence)
    for mention in article.country_mentions.select_related("country"):
        add("دولة", mention.country.name, mention.sentence)
    for citation in article.citations.select_related("resolution"):
        add("قرار", str(citation.resolution), citation.sentence)
    for statement in article.statements.select_related("person").order_by("position"):
        verb = f" ({statement.verb})" if statement.verb else ""
        add("تصريح", f"{statement.speaker}{verb} · الثقة {statement.confidence:.2f}", article.body[statement.start:statement.end])
    return facts


def review(article: Article) -> Review:
    facts = facts_of(article)
    body = article.body
    marks: dict[tuple[int, int], list[Fact]] = {}
    for fact in facts:
        start = body.find(fact.sentence)
        if start < 0:
            continue
        fact.found = True
        marks.setdefault((start, start + len(fact.sentence)), []).append(fact)
    raw_lines = _raw_lines(article.raw_text, body, article.title)
    return Review(
        facts=facts,
        body=_marked(body, marks),
        raw_lines=raw_lines,
        cut_count=sum(1 for line, kept in raw_lines if line.strip() and not kept),
        flags=list(article.flags or []),
    )


def _marked(body: str, marks: dict[tuple[int, int], list[Fact]]) -> SafeString:
    """The body, escaped, with each evidence sentence in a numbered mark.
    Overlapping sentences keep the first mark."""
    parts: list[str] = []
    done = 0
    for (start, end), facts in sorted(marks.items()):
        if start < done:
            continue
        numbers = " ".join(str(fact.number) for fact in facts)
        title = "؛ ".join(f"{fact.number}. {fact.label}" for fact in facts)
        parts.append(escape(body[done:start]))
        parts.append(
            f'<mark class="evidence" id="evidence-{facts[0].number}" data-facts="{escape(numbers)}" '
            f'title="{escape(title)}">{escape(body[start:end])}<sup>{escape(numbers)}</sup></mark>'
        )
        done = end
    parts.append(escape(body[done:]))
    paragraphs = "".join(parts).split("\n\n")
    return mark_safe("".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))  # noqa: S308 - escaped above


def _raw_lines(raw: str, body: str, title: str = "") -> list[tuple[str, bool]]:
    """Each line of the raw file, and whether (some of) it reached the body
    or the title. A repeated title's second copy counts as cut."""
    lines = []
    title_seen = False
    for line in raw.split("\n"):
        stripped = line.strip()
        is_title = bool(title) and stripped == title and not title_seen
        title_seen = title_seen or is_title
        kept = bool(stripped) and (is_title or stripped in body or _tail_kept(stripped, body))
        lines.append((line, kept or not stripped))
    return lines


def _tail_kept(line: str, body: str) -> bool:
    # A stamp or dateline glued to the lead: the line's end is in the body.
    return len(line) > 80 and line[-60:] in body
