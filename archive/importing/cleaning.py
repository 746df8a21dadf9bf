"""Turning a decoded press page into an article: title, body, outlet, date.

Press pages copied as text carry the site around the article: a section
label above the title, the title twice, "آخر تحديث" lines, a dateline with
the outlet's name, and after the article its source line, tags, comment
forms, newsletter prompts, share buttons and "اقرأ أيضاً" links, sometimes
with a whole unrelated article appended. None of that may reach the body,
the search index or the extracted facts; what was cut is reported so the
editor can see it.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from archive import text as arabic
from archive.importing import dates

TITLE_MAX_LENGTH = 500
# A first line longer than this, or ending like a sentence, is the article's
# lead paragraph rather than a headline.
HEADLINE_MAX_LENGTH = 160

# Lines that end the article: everything from the first of them on is site
# furniture or another article. Strong markers end it wherever they stand;
# weak ones are ordinary words too, so they count only as a short line of
# their own ("التعليقات", not "التعليقات التي أدلى بها الوزير …").
_TAIL_STRONG = re.compile(
    r"^(?:[إا]قرأ\s+[أا]يضا|مقالات\s+ذات\s+صلة|[أا]خبار\s+ذات\s+صلة|مواضيع\s+ذات\s+صلة|كلمات\s+دلالية"
    r"|الكلمات\s+الدلالية|المصدر\s*:|لن\s+يتم\s+نشر\s+عنوان\s+بريدك|[إا]ضغط\s+على\s+الصورة"
    r"|زر\s+الذهاب\s+[إا]لى\s+الأعلى|اشترك\s+الآن\s+بالنشرة)"
)
_TAIL_WEAK = re.compile(
    r"^(?:التعليقات|تعليقات|[أا]ضف\s+تعليق|اترك\s+تعليق|شاركنا\s+رأيك|اشترك\s+الآن|اشترك\s+في\s+النشرة"
    r"|[أا]خبار\s+من\s+القسم|المزيد\s+من\s+الأخبار|تابعونا\s+على|وسوم)"
)
WEAK_MARKER_MAX_LENGTH = 40
_READ_ALSO = re.compile(r"^(?:[إا]قرأ\s+[أا]يضا|مقالات\s+ذات\s+صلة|[أا]خبار\s+ذات\s+صلة|مواضيع\s+ذات\s+صلة)")
_SOURCE_LINE = re.compile(r"^المصدر\s*:\s*(?P<outlet>.{2,80}?)\s*$")

# A line made only of sharing and printing buttons.
_BUTTON_WORDS = {
    "شارك", "مشاركة", "فيسبوك", "فيس", "بوك", "تويتر", "واتساب", "تلغرام", "تيليجرام", "لينكدإن", "طباعة",
    "حجم", "الخط", "نسخ", "الرابط", "البريد", "الإلكتروني", "ماسنجر", "x", "facebook", "twitter", "whatsapp",
    "telegram", "print", "share", "email",
}
_WORD = re.compile(r"\w+")

_DATE_LABEL = re.compile(
    r"^(?P<label>آخر\s+تحديث|تاريخ\s+النشر|تاريخ\s+التحديث|تم\s+النشر|نُ?شر\s+في|نشر\s+بتاريخ|Published|Updated)\s*:?\s*",
    re.IGNORECASE,
)
# The time that closes a date line ("- 1:54 م", "10:30 AM GMT").
_TIME = re.compile(r"\s*[-–|،,]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|AM|PM|am|pm)?(?:\s*(?:GMT|UTC)(?:\s*[+-]\d+)?)?")
_ZONE = re.compile(r"\s*(?:GMT|UTC)(?:\s*[+-]\d+)?")

# "بغداد/ شبكة أخبار العراق-" and "الرياض - واس:" at the head of the body.
_DATELINE = re.compile(
    r"^(?P<city>[\u0621-\u064a]{2,15}(?:\s[\u0621-\u064a]{2,15})?)\s*/\s*(?P<outlet>[^-–—:/\n]{2,40}?)\s*[-–—:]\s*"
)
_WIRE_TAGS = {
    "واس": "وكالة الأنباء السعودية (واس)",
    "كونا": "وكالة الأنباء الكويتية (كونا)",
    "أ ش أ": "وكالة أنباء الشرق الأوسط",
    "أ.ش.أ": "وكالة أنباء الشرق الأوسط",
    "قنا": "وكالة الأنباء القطرية (قنا)",
    "وام": "وكالة أنباء الإمارات (وام)",
    "بنا": "وكالة أنباء البحرين (بنا)",
    "بترا": "وكالة الأنباء الأردنية (بترا)",
    "واع": "وكالة الأنباء العراقية (واع)",
    "سانا": "الوكالة العربية السورية للأنباء (سانا)",
    "العمانية": "وكالة الأنباء العمانية",
    "وال": "وكالة الأنباء الليبية (وال)",
    "ومع": "وكالة المغرب العربي للأنباء",
    "واج": "وكالة الأنباء الجزائرية",
    "أ ف ب": "وكالة فرانس برس",
    "أ.ف.ب": "وكالة فرانس برس",
    "رويترز": "رويترز",
    "د ب أ": "وكالة الأنباء الألمانية",
    "الأناضول": "وكالة الأناضول",
}
_WIRE = re.compile(
    r"^(?P<city>[\u0621-\u064a]{2,15}(?:\s[\u0621-\u064a]{2,15})?)?\s*[-–—]?\s*\(?(?P<tag>"
    + "|".join(re.escape(tag) for tag in sorted(_WIRE_TAGS, key=len, reverse=True))
    + r")\)?\s*[-–—:]\s*"
)
# 'حصلت "العين الإخبارية"، على نسخة منه': the outlet naming itself.
_SELF_NAMED = re.compile(r"حصلت\s+[\"“«](?P<outlet>[^\"”»\n]{3,40})[\"”»]\s*،?\s*على\s+نسخة")
_SECTIONS = [
    "السياسية", "سياسة", "سياسية", "الأخبار", "أخبار", "آخر الأخبار", "محليات", "محلي", "عربي ودولي", "عرب وعالم",
    "عربي", "دولي", "دوليات", "العالم", "الرئيسية", "اقتصاد", "أمن", "تقارير", "تقارير وتحقيقات", "شؤون عربية",
    "الشرق الأوسط", "أخبار العراق", "العراق", "سوريا", "الخليج", "منوعات", "رأي", "مقالات", "متابعات", "عاجل",
]
_SECTION_KEYS = frozenset(arabic.key(name) for name in _SECTIONS)
_SENTENCE_END = re.compile(r"[.!؟?…]\W*$")


@dataclass(frozen=True)
class Cleaned:
    title: str
    body: str
    outlet: str = ""
    published_on: datetime.date | None = None
    dateline_city: str = ""
    removed: tuple[str, ...] = field(default=(), compare=False)
    flags: tuple[str, ...] = ()


def content_hash(text: str) -> str:
    """The identity of an article file: the same text in another encoding or
    with other line endings is the same article."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def clean(text: str) -> Cleaned:
    lines = [line.strip() for line in text.strip().split("\n")]
    removed: list[str] = []
    flags: list[str] = []

    lines, outlet = _cut_tail(lines, removed)
    lines, published_on = _take_date_lines(lines, removed)
    lines = _drop_buttons(lines, removed)
    content = [line for line in lines if line]
    if not content:
        return Cleaned(title=_first_line(text), body="", outlet=outlet, published_on=published_on,
                       removed=tuple(removed), flags=("لم يبق نص بعد إزالة عناصر الموقع",))

    content = _drop_section_label(content, removed)
    title, body_lines = _split_title(content, removed, flags)
    body_lines, dateline_outlet, city = _take_dateline(body_lines, removed)
    outlet = outlet or dateline_outlet
    body = "\n\n".join(body_lines)
    if not outlet:
        match = _SELF_NAMED.search(body)
        outlet = match["outlet"].strip() if match else ""
    if not outlet:
        flags.append("لم يُعرف المصدر الإخباري")
    if published_on is None:
        flags.append("لم يُعرف تاريخ النشر")
    return Cleaned(
        title=title, body=body, outlet=outlet, published_on=published_on, dateline_city=city,
        removed=tuple(removed), flags=tuple(flags),
    )


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")[:TITLE_MAX_LENGTH]


def _cut_tail(lines: list[str], removed: list[str]) -> tuple[list[str], str]:
    first_content = next((i for i, line in enumerate(lines) if line), 0)
    for i in range(first_content + 1, len(lines)):
        line = lines[i]
        if _TAIL_STRONG.match(line) or (len(line) <= WEAK_MARKER_MAX_LENGTH and _TAIL_WEAK.match(line)):
            tail = lines[i:]
            outlet = ""
            for line in tail:
                if _READ_ALSO.match(line):
                    break  # what follows belongs to other articles
                source = _SOURCE_LINE.match(line)
                if source:
                    outlet = source["outlet"]
            removed.append(f"ذيل الصفحة من «{lines[i][:40]}» ({len([t for t in tail if t])} سطراً)")
            return lines[:i], outlet
    return lines, ""


def _take_date_lines(lines: list[str], removed: list[str]) -> tuple[list[str], datetime.date | None]:
    """Read and remove "تاريخ النشر" / "آخر تحديث" stamps; text glued after
    the stamp (the article itself, on some sites) stays."""
    published: datetime.date | None = None
    updated: datetime.date | None = None
    kept = []
    for line in lines:
        label = _DATE_LABEL.match(line)
        if not label:
            kept.append(line)
            continue
        value, rest = _split_stamp(line[label.end():])
        found = dates.parse_date(value) if value else None
        if "نشر" in label["label"] or label["label"].lower() == "published":
            published = published or found
        else:
            updated = updated or found
        removed.append(f"سطر التاريخ «{line[: label.end() + len(value)].strip()}»")
        kept.append(rest)
    return kept, published or updated


def _split_stamp(after_label: str) -> tuple[str, str]:
    """Split "5 أكتوبر 2024 - 1:54 م بغداد/ …" into the stamp and the rest."""
    time = _TIME.search(after_label)
    if time and time.start() <= 40:
        end = time.end()
    else:
        zone = _ZONE.search(after_label)
        if zone and zone.start() <= 40:
            end = zone.end()
        elif len(after_label) <= 40:
            end = len(after_label)
        else:
            found = dates.find_dates(after_label[:60])
            end = found[0].end if found and found[0].start <= 5 else 0
    return after_label[:end].strip(), after_label[end:].strip()


def _drop_buttons(lines: list[str], removed: list[str]) -> list[str]:
    kept = []
    for line in lines:
        words = _WORD.findall(line.lower())
        if words and len(words) <= 8 and all(word in _BUTTON_WORDS for word in words):
            removed.append(f"أزرار «{line}»")
            continue
        kept.append(line)
    return kept


def _drop_section_label(content: list[str], removed: list[str]) -> list[str]:
    """A site's section name above the headline ("السياسية"): a known name,
    or one or two words over a headline several times their length."""
    if len(content) < 3:
        return content
    first, second = content[0], content[1]
    known = arabic.key(first) in _SECTION_KEYS
    looks_like_label = (
        len(first.split()) <= 2
        and not re.search(r"[.،:؟!]", first)
        and _is_headline(second)
        and len(second) >= 3 * len(first)
    )
    if known or looks_like_label:
        removed.append(f"اسم القسم «{first}»")
        return content[1:]
    return content


def _is_headline(line: str) -> bool:
    return len(line) <= HEADLINE_MAX_LENGTH and not _SENTENCE_END.search(line)


def _split_title(content: list[str], removed: list[str], flags: list[str]) -> tuple[str, list[str]]:
    first = content[0]
    if not _is_headline(first) or len(content) == 1:
        # The page lost its headline: the lead paragraph stays in the body
        # and its first sentence stands in as the title.
        flags.append("لا عنوان في الملف: العنوان هو الجملة الأولى")
        return _first_sentence(first), content
    rest = content[1:]
    if rest and arabic.key(rest[0]) == arabic.key(first):
        removed.append("العنوان المكرر")
        rest = rest[1:]
    return first, rest


def _first_sentence(paragraph: str) -> str:
    match = re.search(r"[.!؟?](?!\d)", paragraph)
    sentence = paragraph[: match.start()] if match else paragraph
    if len(sentence) > TITLE_MAX_LENGTH:
        cut = sentence.rfind(" ", 0, TITLE_MAX_LENGTH)
        sentence = sentence[: cut if cut > 0 else TITLE_MAX_LENGTH]
    return sentence.strip()


def _take_dateline(body_lines: list[str], removed: list[str]) -> tuple[list[str], str, str]:
    if not body_lines:
        return body_lines, "", ""
    head = body_lines[0]
    wire = _WIRE.match(head)
    if wire:
        removed.append(f"سطر الوكالة «{head[: wire.end()].strip()}»")
        return [head[wire.end():]] + body_lines[1:], _WIRE_TAGS[wire["tag"]], wire["city"] or ""
    dateline = _DATELINE.match(head)
    if dateline:
        removed.append(f"سطر المدينة والمصدر «{head[: dateline.end()].strip()}»")
        return [head[dateline.end():]] + body_lines[1:], dateline["outlet"].strip(), dateline["city"]
    return body_lines, "", ""
