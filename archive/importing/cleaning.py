"""Turning a decoded press page into an article: title, body, outlet, date.

Press pages copied as text carry the site around the article. Above it:
the site's name, breadcrumbs, a section label, the title (sometimes twice),
date stamps in every format ("آخر تحديث", "13.02.2018 | 18:52"), view
counters, and a dateline with the outlet's name or a wire tag, on its own
line or glued to the lead. The header ends at the lead, the first line that
reads as article text. After the article: its source line, tags, comment
forms, newsletter prompts, share buttons, copyright lines, wire codes and
"اقرأ أيضاً" links, sometimes with a whole unrelated article appended. None of that may reach the body,
the search index or the extracted facts; what was cut is reported so the
editor can see it.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources

from archive import text as arabic
from archive.importing import dates, extraction, lexicons, meetings, outlets

TITLE_MAX_LENGTH = 500
NOTE_NO_DATE = "لم يُعرف تاريخ النشر"
NOTE_NO_HEADLINE = "لا عنوان في الملف: العنوان هو الجملة الأولى"
# A first line longer than this, or ending like a sentence, is the article's
# lead paragraph rather than a headline.
HEADLINE_MAX_LENGTH = 160

# Lines that end the article: everything from the first of them on is site
# furniture or another article. Strong markers end it wherever they stand;
# weak ones are ordinary words too, so they count only as a short line of
# their own ("التعليقات", not "التعليقات التي أدلى بها الوزير …"). «ذات
# صلة» is also written «ذات صله» (dev13/a11).
_TAIL_STRONG = re.compile(
    r"^(?:[إا]قرأ\s+[أا]يضا|مقالات\s+ذات\s+صل[ةه]|[أا]خبار\s+ذات\s+صل[ةه]|مواضيع\s+ذات\s+صل[ةه]|كلمات\s+دلالية"
    r"|الكلمات\s+الدلالية|المصدر\s*:|لن\s+يتم\s+نشر\s+عنوان\s+بريدك|[إا]ضغط\s+على\s+الصورة"
    r"|زر\s+الذهاب\s+[إا]لى\s+الأعلى|اشترك\s+الآن\s+بالنشرة|/*\s*انتهى\s*/+|جميع\s+الحقوق\s+محفوظة|©"
    r"|الكلمات\s+المتعلقة|الأكثر\s+قراءة|المزيد\s+من\s+[أا]خبار|لمزيد\s+من\s+[أا]خبار|تابعوا\s+آخر\s+الأخبار"
    r"|الأخبار\s+المنشورة\s+على\s+الصفحة\s+الرسمية|ملاحظة\s*:\s*التعليقات|شارك\s+(?:الخبر|المقال|هذا\s+المقال)\s*:"
    r"|طباعة\s*(?:\||\s{2,})|كونا\d{4,}|الكلمات\s+الدالة|شارك\s+الخبر(?:\s|:|$))"
)
_TAIL_WEAK = re.compile(
    r"^(?:التعليقات|تعليقات|[أا]ضف\s+تعليق|اترك\s+تعليق|شاركنا\s+رأيك|اشترك\s+الآن|اشترك\s+في\s+النشرة"
    r"|[أا]خبار\s+من\s+القسم|المزيد\s+من\s+الأخبار|تابعونا\s+على|وسوم|[أا]ضف\s+تعليقك|النشرة\s+الإخبارية"
    r"|اقرأ\s+المزيد|مواضيع\s+ذات\s+صل[ةه])"
)
WEAK_MARKER_MAX_LENGTH = 40
_READ_ALSO = re.compile(
    r"^(?:[إا]قرأ\s+[أا]يضا|[إا]قرأ\s+المزيد|مقالات\s+ذات\s+صل[ةه]|[أا]خبار\s+ذات\s+صل[ةه]|مواضيع\s+ذات\s+صل[ةه])"
)
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
# An aggregator's note on the story it copied: "هذا الخبر بعنوان "…" نشر
# أولاً على موقع enabbaladi.net وتم جلبه من مصدره الأصلي بتاريخ ٩ شباط ٢٠٢٦."
# The date it was copied on is the copy's publication date.
_REPUBLISHED = re.compile(
    r"^هذا\s+الخبر\s+بعنوان\s.{0,300}?نُ?شر\s+أولاً?\s+على\s+موقع\s+(?P<site>\S+)"
    r"\s+وتم\s+جلبه\s+من\s+مصدره\s+الأصلي\s+بتاريخ\s+(?P<date>[^.]{4,40})\.?\s*$"
)
# The time that closes a date line ("- 1:54 م", "10:30 AM GMT").
_TIME = re.compile(
    r"\s*[-–|،,]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|AM|PM|am|pm)?(?:\s*(?:GMT|UTC)(?:\s*[+-]\d+)?)?"
    # "(توقيت مكة المكرمة)", "بتوقيت أبوظبي": the zone a site dates in.
    r"(?:\s*\(?\s*ب?توقيت\s+[^)\n]{2,30}?(?:\)|$))?"
)
_ZONE = re.compile(r"\s*(?:GMT|UTC)(?:\s*[+-]\d+)?")

# A dateline's city: one or two Arabic words.
_CITY = r"(?P<city>[\u0621-\u064a]{2,15}(?:\s[\u0621-\u064a]{2,15})?)"
# "بغداد/ شبكة أخبار العراق-" and "الرياض - واس:" at the head of the body.
_DATELINE = re.compile(
    r"^" + _CITY + r"\s*/\s*(?P<outlet>[^-–—:/\n]{2,40}?)\s*[-–—:]\s*"
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
    "و م ع": "وكالة المغرب العربي للأنباء",
    "واج": "وكالة الأنباء الجزائرية",
    "أ ف ب": "وكالة فرانس برس",
    "أ.ف.ب": "وكالة فرانس برس",
    "رويترز": "رويترز",
    "د ب أ": "وكالة الأنباء الألمانية",
    "الأناضول": "وكالة الأناضول",
}
_WIRE_TAG = "|".join(re.escape(tag) for tag in sorted(_WIRE_TAGS, key=len, reverse=True))
# "الرياض - واس:", "باريس (أ ف ب) -", "الكويت - 13 - 2 (كونا) --": a city,
# sometimes a day and month, the agency's tag.
_WIRE = re.compile(
    r"^" + _CITY + r"?\s*[-–—]?"
    r"(?:\s*(?P<day>\d{1,2})\s*[-–—/]\s*(?P<month>\d{1,2})\s*[-–—]?)?\s*\(?(?P<tag>"
    + _WIRE_TAG
    + r")\)?\s*[-–—:]+\s*"
)
# A dateline on a line of its own: "بغداد – واع", "واشنطن/ الأناضول",
# "الرياض (أ ش أ)", "لندن: «الشرق الأوسط»", "السومرية نيوز/ بغداد",
# "بروكسل - "النهار"، (أ ف ب، رويترز)", "واشنطن ـ العرب اليوم" (a spaced
# tatweel for a dash).
_DATELINE_LINE = re.compile(
    r"^(?P<a>[^\W\d][^-–—/:(«\"“\n]{1,30}?)(?:\s*[-–—/:]|\s+ـ(?=\s)|\s*(?=\())\s*[(«\"“]?(?P<b>[^)»\"”\n]{2,40}?)[)»\"”]?"
    r"(?:\s*،?\s*\([^)\n]{1,30}\))?\s*[-–—:]*\s*$"
)
DATELINE_MAX_WORDS = 7
# 'حصلت "العين الإخبارية"، على نسخة منه': the outlet naming itself.
_SELF_NAMED = re.compile(r"حصلت\s+[\"“«](?P<outlet>[^\"”»\n]{3,40})[\"”»]\s*،?\s*على\s+نسخة")
_SECTION_KEYS = lexicons.words("sections")
_SENTENCE_END = re.compile(r"[.!؟?…]\W*$")
# A statement's end: headlines end on "!" or "؟" too ("وزراء دول التحالف ضد
# داعش سيتخذون هذا الموقف!", dev6/21), a lead paragraph on a full stop.
_STATEMENT_END = re.compile(r"[.…]\W*$")


@dataclass(frozen=True)
class Cleaned:
    title: str
    body: str
    outlet: str = ""
    published_on: datetime.date | None = None
    dateline_city: str = ""
    byline: str = ""  # the author the page credits ("كتب: فلان"), as written
    # The outlet's key in the gazetteer (archive.importing.outlets), when
    # the page's address or a name on it is one the gazetteer knows.
    outlet_key: str = ""
    # How title, date and outlet were found: the evidence their confidence
    # is scored by (archive.importing.confidence).
    title_from: str = "headline"
    date_from: str = "none"
    outlet_from: str = "none"
    removed: tuple[str, ...] = field(default=(), compare=False)
    flags: tuple[str, ...] = ()
    # The page's address: its "المصدر: https://…" line, or the first address on it.
    source_url: str = ""
    # Only a "last updated" stamp dated the page: it may be years after the
    # news, so relative dates ("اليوم") are not read against it.
    updated_only: bool = False


def content_hash(text: str) -> str:
    """The identity of an article file: the same text in another encoding or
    with other line endings is the same article."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


# WordPress shortcodes copied as text with the page: «أعلن [bctt tweet=”وزير
# الخارجية … أن اللقاء …” via=”no”] ، سيبحث …» (dev12/26) is the sentence
# «أعلن وزير الخارجية … أن اللقاء … ، سيبحث …»; the tags of the others go,
# their words stay.
_QUOTE_MARK = "[\"“”'‘’]"
_TWEETABLE = re.compile(rf"\[bctt\s+tweet\s*=\s*{_QUOTE_MARK}(?P<said>.*?){_QUOTE_MARK}(?:\s+\w+\s*=\s*{_QUOTE_MARK}[^\]]*?{_QUOTE_MARK})*\s*/?\]")
_SHORTCODE_NAMES = ("bctt", "caption", "embed", "video", "audio", "gallery", "tweet", "su_quote", "blockquote", "pullquote")
_SHORTCODE = re.compile(rf"\[/?(?:{'|'.join(_SHORTCODE_NAMES)})(?:\s[^\]]*)?\]", re.IGNORECASE)


def _without_shortcodes(text: str) -> str:
    return _SHORTCODE.sub("", _TWEETABLE.sub(lambda found: found["said"], text))


def clean(text: str, source_url: str = "") -> Cleaned:
    """The article in a page; `source_url`, when the editor gives it, is the
    page's address (a date in it dates an undated page)."""
    lines = _unwrap([line.strip() for line in _without_shortcodes(text).strip().split("\n")])
    removed: list[str] = []
    flags: list[str] = []

    source_url = source_url or _page_address(lines)
    lines = _drop_addresses(lines, removed)
    lines, outlet, tail_date = _cut_tail(lines, removed)
    lines, stored_on = _take_stored_date(lines, removed)
    lines, published_on, updated_only = _take_date_lines(lines, removed)
    if published_on is None and stored_on is not None:
        published_on, updated_only = stored_on, False
    lines = _drop_buttons(lines, removed)
    lines = _drop_tag_lists(lines, removed)
    content = [line for line in lines if line]
    if not content:
        return Cleaned(title=_first_line(text), body="", outlet=outlet, published_on=published_on,
                       removed=tuple(removed), flags=("لم يبق نص بعد إزالة عناصر الموقع",), source_url=source_url)

    header = _read_header(content, removed, flags)
    if header.published_on and (published_on is None or updated_only):
        published_on, updated_only = header.published_on, False
    date_from = "page"
    if published_on is None and (found := tail_date or _url_date(source_url)):
        published_on, date_from = found, "tail" if tail_date else "address"
    # After the header: a caption under the headline marks where it ends.
    title, body_lines = header.title, _drop_foreign_captions(header.body_lines, removed)
    body_lines, glued = _take_glued_stamp(body_lines, removed)
    if glued and (published_on is None or updated_only):
        published_on, updated_only = glued, False
    published_on, updated_only, date_from, wire_outlet = _wire_dating(body_lines, published_on, updated_only, date_from)
    body_lines, dateline_outlet, city, byline = _take_datelines(body_lines, removed, wire_outlet, header.dateline_city)
    body = "\n\n".join(body_lines)
    named = _named_outlet(header, outlet, dateline_outlet, body)
    outlet, outlet_key, outlet_from = _outlet(source_url, named, flags)
    if published_on is None:
        flags.append(NOTE_NO_DATE)
    return Cleaned(
        title=title, body=body, outlet=outlet, published_on=published_on, dateline_city=city,
        byline=header.byline or byline,
        removed=tuple(removed), flags=tuple(flags), source_url=source_url, updated_only=updated_only,
        outlet_key=outlet_key, outlet_from=outlet_from,
        date_from="none" if published_on is None else "updated" if updated_only else date_from,
        title_from=header.title_from,
    )


def _wire_dating(
    body_lines: list[str], published_on: datetime.date | None, updated_only: bool, date_from: str,
) -> tuple[datetime.date | None, bool, str, str]:
    """What a wire's dateline says of the date: "الكويت - 13 - 2 (كونا)"
    agreeing with the only stamp dates the news; the Saudi agency's dated
    dateline dates an undated page. Also the agency it names."""
    dated = _WIRE.match(body_lines[0]) if body_lines else None
    if dated and dated["day"] and published_on and updated_only:
        updated_only = (published_on.day, published_on.month) != (int(dated["day"]), int(dated["month"]))
    wire_date, wire_outlet = _dated_wire(body_lines)
    if wire_date and published_on is None:
        published_on, date_from = wire_date, "page"
    return published_on, updated_only, date_from, wire_outlet


def _take_datelines(
    body_lines: list[str], removed: list[str], wire_outlet: str, header_city: str,
) -> tuple[list[str], str, str, str]:
    """The body without its datelines, and what they tell: the outlet or
    agency, the city, the author."""
    body_lines, outlet, city = _take_dateline(body_lines, removed)
    body_lines, closing_outlet, closing_city = _take_closing_dateline(body_lines, removed)
    body_lines, author_city, byline = _take_person_dateline(body_lines, removed)
    return body_lines, outlet or wire_outlet or closing_outlet, city or header_city or closing_city or author_city, byline


def _named_outlet(header: _Header, tail_outlet: str, dateline_outlet: str, body: str) -> str:
    """The outlet's name as the page gives it. The site's own name first: a
    source line often adds "+ وكالات". A candidate that reads as a date or
    as places only is passed over for the next."""
    candidates = (header.site, tail_outlet, header.dateline_outlet, dateline_outlet)
    named = next((name for name in map(_plain_outlet, candidates) if name and _may_name_outlet(name)), "")
    if not named and (match := _SELF_NAMED.search(body)):
        named = match["outlet"].strip()
    return named


# "يناير/2019 - 12:36 م" (dev10/16) read as a dateline's outlet: a clock
# time or a date is never an outlet's name.
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def _may_name_outlet(name: str) -> bool:
    """Whether a would-be outlet could be a name: no clock, no date, not
    places alone ("تركيا - غازي عنتاب", dev9/03)."""
    if _CLOCK.search(name) or any(d.date for d in dates.find_dates(name) if not d.relative):
        return False
    return not _is_place_line(name)


NOTE_NO_OUTLET = "لم يُعرف المصدر الإخباري"
NOTE_OUTLET_NOT_LISTED = "المصدر «{name}» ليس في قائمة المصادر المعروفة؛ تحقق منه"
NOTE_OUTLET_SITE_ONLY = "لم يُعرف من المصدر إلا عنوان موقعه «{site}»؛ سمّه"


def _outlet(source_url: str, named: str, flags: list[str]) -> tuple[str, str, str]:
    """(name, gazetteer key, evidence) of the page's outlet: its address decides
    first, then a name the page shows; a name the gazetteer lacks is kept
    with a flag, so the editor checks it (a breadcrumb is no outlet), and
    failing any name, the site's address stands in (outlets.Gazetteer.site)."""
    gazetteer = outlets.gazetteer()
    if not any(ch.isalpha() for ch in named):
        named = ""  # "-" left of a dateline (dev7/04) names nothing
    # "وكالة الأنباء السعودية (واس)": the name, or the tag in brackets.
    forms = [named, *re.findall(r"\(([^)]+)\)", named), re.sub(r"\s*\([^)]*\)", "", named)]
    shown = next(filter(None, map(gazetteer.by_name, forms)), None) if named else None
    by_address = gazetteer.by_address(source_url)
    known = by_address or shown
    if known is not None:
        # The page's own spelling when it names this outlet; the importer
        # finds the outlet under any of its names (archive.importing.pipeline).
        return (named if known is shown else known.name_ar), known.key, "address" if by_address else "name"
    if named and not _is_section_trail(named):
        flags.append(NOTE_OUTLET_NOT_LISTED.format(name=named))
        return named, "", "unlisted"
    # «اخبار العالمسلايد رئيسي»: a breadcrumb of section labels is no outlet.
    if site := gazetteer.site(source_url):
        flags.append(NOTE_OUTLET_SITE_ONLY.format(site=site))
        return site, "", "site"
    flags.append(NOTE_NO_OUTLET)
    return "", "", "none"


def outlet_notes(cleaned: Cleaned) -> tuple[str, ...]:
    """The flags that ask the editor to check or name the page's outlet: moot
    once the archive knows its site by a name an editor gave it."""
    return tuple(
        flag for flag in cleaned.flags
        if flag == NOTE_NO_OUTLET or flag == NOTE_OUTLET_NOT_LISTED.format(name=cleaned.outlet)
        or flag == NOTE_OUTLET_SITE_ONLY.format(site=cleaned.outlet)
    )


_TRAIL_WORDS = frozenset(arabic.key(word) for word in ("سلايد", "رئيسي", "الرئيسية", "عاجل", "مميز", "slider"))


def _is_section_trail(name: str) -> bool:
    """Whether a would-be outlet is section labels run together: it starts
    with one («اخبار العالم…», «سياسة …») or holds a slider's label."""
    key = arabic.key(name)
    words = set(key.split())
    return bool(words & _TRAIL_WORDS) or any(
        key == section or key.startswith(section + " ") for section in _SECTION_KEYS
    ) or bool(_SECTION_NEWS.match(name) and len(name.split()) > 1 and outlets.gazetteer().by_name(name) is None)


# A page copied with its lines wrapped (every few words, or at each link):
# at least this many lines end on a word prose never ends on.
UNWRAP_MIN_LINES = 3
_DANGLING = lexicons.words("dangling")
# A wrapped line stops being continued at what closes a sentence or a quote.
_LINE_CLOSED = re.compile(r"[.!?؟:»\"”)]\s*$")


def _dangles(line: str) -> bool:
    """"… المخصصة لعوائل تنظيم الدولة في", or "وتعهدت" alone on its line."""
    words = line.split()
    if not words or _LINE_CLOSED.search(line):
        return False
    last = words[-1]
    return arabic.key(last) in _DANGLING or (len(words) == 1 and last[0] in "وف" and len(last) > 3)


def _unwrap(lines: list[str]) -> list[str]:
    """Lines wrapped inside their paragraphs joined again, up to the line
    that ends a sentence or a blank line; a page with fewer than
    UNWRAP_MIN_LINES dangling lines is left as it is (headlines, bylines and
    menu entries end without a full stop too)."""
    if sum(map(_dangles, lines)) < UNWRAP_MIN_LINES:
        return lines
    joined: list[str] = []
    open_line = False
    for line in lines:
        if open_line and line:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
        open_line = bool(line) and not _LINE_CLOSED.search(line)
    return joined


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")[:TITLE_MAX_LENGTH]


def _cut_tail(lines: list[str], removed: list[str]) -> tuple[list[str], str, datetime.date | None]:
    first_content = next((i for i, line in enumerate(lines) if line), 0)
    lines = list(lines)
    i = first_content
    while i + 1 < len(lines):
        i += 1
        line = lines[i]
        if _READ_ALSO.match(line) and (end := _inline_links_end(lines, i)) is not None:
            # A box of links inside the article: only the box goes.
            removed.append(f"روابط داخل المقال «{line[:40]}» ({end - i - 1} روابط)")
            del lines[i:end]
            i -= 1
            continue
        if _TAIL_STRONG.match(line) or (len(line) <= WEAK_MARKER_MAX_LENGTH and _TAIL_WEAK.match(line)):
            if _above_the_article(lines[first_content:i], lines[i + 1:]):
                # Youm7 puts "اضف تعليقاً واقرأ تعليقات القراء" under the
                # headline (dev4/21): only that line goes.
                removed.append(f"سطر فوق المقال «{line[:40]}»")
                del lines[i]
                i -= 1
                continue
            tail = lines[i:]
            outlet = ""
            stamp = None
            for line in tail:
                if _READ_ALSO.match(line):
                    break  # what follows belongs to other articles
                source = _SOURCE_LINE.match(line)
                if source:
                    outlet = source["outlet"]
                # A site that dates its articles at their foot ("نشر في 13/02/2018").
                stamp = stamp or _stamp_of(line)
            removed.append(f"ذيل الصفحة من «{lines[i][:40]}» ({len([t for t in tail if t])} سطراً)")
            return lines[:i], outlet, stamp
    return lines, "", None


# A paragraph of the article, not a headline, stamp, byline or button: a
# long line, or a whole sentence, as wire pages write a paragraph of one
# (dev13/a11: «شارك الخبر» under the headline, then five short paragraphs,
# all cut as the page's tail).
PROSE_MIN_LENGTH = 200
SENTENCE_MIN_LENGTH = 80
_SENTENCE_END = re.compile(r"[.!؟?][\"”»]?\s*$")


def _is_prose(line: str) -> bool:
    return len(line) >= PROSE_MIN_LENGTH or (len(line) >= SENTENCE_MIN_LENGTH and bool(_SENTENCE_END.search(line)))


def _above_the_article(before: list[str], after: list[str]) -> bool:
    """A tail marker with nothing but the page's header above it and the
    article's paragraphs below."""
    return not any(_is_prose(line) for line in before) and any(_is_prose(line) for line in after)


_BULLET = re.compile(r"^[-–•*·▪◦]\s*\S")
# How an article's own next paragraph begins after a box of links.
_CONTINUATION = re.compile(r"^(?:و|ف|كما\s|فيما\s|من\s+جهة|من\s+جانب|في\s+(?:غضون|الأثناء|سياق))")
INLINE_LINKS_MAX = 8
CONTINUATION_MIN_LENGTH = 100


def _inline_links_end(lines: list[str], marker: int) -> int | None:
    """The end of a box of bulleted links that interrupts the article
    ("اقرأ المزيد" and a few "- …" lines, then the article goes on with
    "كما…" or "و…"), or None when what follows the marker is the page's tail
    or another article (seed 001 appends one after "إقرأ أيضاً:")."""
    j = marker + 1
    bullets = 0
    while j < len(lines) and (not lines[j] or _BULLET.match(lines[j])):
        bullets += bool(lines[j])
        j += 1
    if not 1 <= bullets <= INLINE_LINKS_MAX or j >= len(lines):
        return None
    following = lines[j]
    if len(following) >= CONTINUATION_MIN_LENGTH and _CONTINUATION.match(following):
        return j
    return None


def _take_date_lines(lines: list[str], removed: list[str]) -> tuple[list[str], datetime.date | None, bool]:
    """Read and remove "تاريخ النشر" / "آخر تحديث" stamps; text glued after
    the stamp (the article itself, on some sites) stays."""
    published: datetime.date | None = None
    updated: datetime.date | None = None
    kept = []
    for line in lines:
        label = _DATE_LABEL.match(line)
        if not label:
            if (note := _REPUBLISHED.match(line)) and (copied := dates.parse_date(note["date"].strip())):
                published = published or copied
                removed.append(f"ملاحظة الناشر «{line[:120]}»")
                continue
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
    return kept, published or updated, published is None and updated is not None


def _stamp_of(line: str) -> datetime.date | None:
    """The date of a line that is only a stamp, labelled or not."""
    label = _DATE_LABEL.match(line)
    if label:
        value, _ = _split_stamp(line[label.end():])
        return dates.parse_date(value) if value else None
    return _header_date(line)


# "…/2018/02/13/…", "…/2018-02-13-…", "…/20180213…": a date in the page's address.
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>20[0-3]\d)(?P<sep>[_-]?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?!\d)"
    r"|/(?P<y2>20[0-3]\d)/(?P<m2>[01]?\d)/(?P<d2>[0-3]?\d)(?=[/?#]|$)"
)
_ADDRESS = re.compile(r"https?://[^\s<>\"'«»]+", re.IGNORECASE)
_ADDRESS_LINE = re.compile(
    r"^(?:(?:المصدر|الرابط|رابط\s+(?:الخبر|المقال|المصدر)|رابط\s+مختصر|المصدر\s+الأصلي|Source|URL|Link)\s*:?\s*)?"
    r"(?P<url>https?://\S+)\s*$",
    re.IGNORECASE,
)


def _url_date(url: str) -> datetime.date | None:
    for match in _URL_DATE.finditer(url):
        year, month, day = (match["y"], match["m"], match["d"]) if match["y"] else (match["y2"], match["m2"], match["d2"])
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None


# "elaph.com/Web/News/2016/10/1114864.html", "almowaten.net/2014/10/…":
# the year and month a site files its page under, with no day.
_URL_MONTH = re.compile(r"/(?P<y>20[0-3]\d)/(?P<m>0?[1-9]|1[0-2])/(?!\d{1,2}/)")


def url_month(url: str) -> tuple[int, int] | None:
    """The (year, month) a page's address files it under, when it gives no
    day (a full date is the publication date: _url_date)."""
    if not url or _url_date(url) is not None:
        return None
    match = _URL_MONTH.search(url)
    return (int(match["y"]), int(match["m"])) if match else None


def _page_address(lines: list[str]) -> str:
    """A "المصدر: https://…" line's address, else the first on the page."""
    for line in lines:
        match = _ADDRESS_LINE.match(line)
        if match and not line.lower().startswith(("http", "https")):
            return _plain_address(match["url"])
    for line in lines:
        match = _ADDRESS.search(line)
        if match:
            return _plain_address(match.group())
    return ""


def _plain_address(url: str) -> str:
    return url.rstrip(".,;:)]}،؛")[:1000]


def _drop_addresses(lines: list[str], removed: list[str]) -> list[str]:
    """A line that is only an address (or "المصدر: https://…") is the page's
    furniture, not the article's text."""
    kept = []
    for line in lines:
        if _ADDRESS_LINE.match(line):
            removed.append(f"سطر الرابط «{line[:80]}»")
            continue
        kept.append(line)
    return kept


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


# An agency's signature of initials: "ع ح ع / م ع ح", "/ وام / ع ص م / ر م ح".
_SIGNATURE = re.compile(r"^[/\s]*(?:(?:[\u0621-\u064a]{1,3}|وام|واس|كونا|قنا|بنا)[\s/]+)+[\u0621-\u064a]{0,3}[/\s]*$")


@functools.cache
def _furniture() -> tuple[frozenset[str], tuple[str, ...]]:
    """The furniture phrases of data/furniture.txt: whole lines, and prefixes."""
    raw = resources.files("archive.importing").joinpath("data/furniture.txt").read_text(encoding="utf-8")
    entries = [line.split("#", 1)[0].strip().casefold() for line in raw.splitlines()]
    whole = frozenset(e for e in entries if e and not e.endswith("*"))
    prefixes = tuple(e[:-1].strip() for e in entries if e.endswith("*"))
    return whole, prefixes


_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*·])\s*")


def _is_furniture(line: str) -> bool:
    """A menu entry, skip link or cookie banner in any of the languages
    data/furniture.txt holds ("1. Inhalt", "Skip to content")."""
    plain = _LIST_MARK.sub("", line).strip().casefold()
    whole, prefixes = _furniture()
    return plain in whole or (bool(plain) and plain.startswith(prefixes))


def _drop_buttons(lines: list[str], removed: list[str]) -> list[str]:
    kept = []
    for line in lines:
        if _is_furniture(line):
            removed.append(f"قائمة الموقع «{line}»")
            continue
        if "/" in line and _SIGNATURE.match(line):
            removed.append(f"توقيع الوكالة «{line}»")
            continue
        words = _WORD.findall(line.lower())
        if words and len(words) <= 8 and all(word in _BUTTON_WORDS for word in words):
            removed.append(f"أزرار «{line}»")
            continue
        kept.append(line)
    return kept


# A page's tags under its headline: "- ريكس تيلرسون", "- وزير الخارجية
# الأميركي", "- تنظيم داعش", … one short entry a line, at least TAGS_MIN of them.
_TAG = re.compile(r"^[-•·*]\s*(?P<tag>\S.*)$")
TAGS_MIN = 3
TAG_MAX_WORDS = 5


def _is_tag(line: str) -> bool:
    tag = _TAG.match(line)
    return tag is not None and len(tag["tag"].split()) <= TAG_MAX_WORDS and not _SENTENCE_END.search(line)


def _drop_tag_lists(lines: list[str], removed: list[str]) -> list[str]:
    kept: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if _is_tag(line):
            run.append(line)
            continue
        if len(run) >= TAGS_MIN:
            removed.append(f"وسوم الصفحة «{'، '.join(run)[:120]}»")
        else:
            kept.extend(run)
        run = []
        kept.append(line)
    return kept[:-1]


# A line of Latin script alone, as long as a sentence, in an Arabic page: a
# photo agency's caption ("US Secretary of Defense Ashton Carter gives a
# press conference …", dev4/17), not the article. Short Latin lines (a name,
# "Thu - 23 Mar 2017") are left to the other rules.
CAPTION_MIN_WORDS = 8
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _drop_foreign_captions(lines: list[str], removed: list[str]) -> list[str]:
    kept = []
    for line in lines:
        if not _ARABIC_LETTER.search(line) and len(_LATIN_WORD.findall(line)) >= CAPTION_MIN_WORDS:
            removed.append(f"تعليق صورة بلغة أخرى «{line[:80]}»")
        else:
            kept.append(line)
    return kept


@dataclass
class _Header:
    title: str
    body_lines: list[str]
    site: str = ""
    published_on: datetime.date | None = None
    dateline_outlet: str = ""
    dateline_city: str = ""
    tab_title: str = ""  # the headline part of a browser tab's title
    byline: str = ""
    after_masthead: bool = False  # the line above named the paper's editor
    title_from: str = "headline"  # or "tab", "first_sentence"
    stamp_at: int | None = None  # how many kept lines came before the first date stamp


# The first line that reads as article text: long, or a full sentence.
LEAD_MIN_LENGTH = 150
LEAD_MIN_WORDS = 15
_BREADCRUMB = re.compile(r"(?:\s[|>»/›]\s)|^الرئيسية(?:\s|$)")
# "الرئيسية » اخبار عالمية » السعودية تحتضن الاجتماع …" (dev7/02): a trail
# from the home page, however long its last step (the headline again).
_HOME_TRAIL = re.compile(r"^(?:الرئيسية|الصفحة الرئيسية|Home)\s*[»>›|/]\s*\S")
_COUNTER = re.compile(
    r"عدد\s+(?:المشاهدات|القراءات)|\d+\s+(?:مشاهدة|قراءة)|رقم\s+العدد|^\d+$"
    # "منذ 8 سنة03487" (dev8/21): the page's age, glued to a view count.
    r"|^منذ\s+\d+\s*(?:سنة|سنوات|عام|أعوام|شهر|أشهر|شهور|يوم|أيام|ساعة|ساعات|دقيقة|دقائق)"
)
SITE_NAME_MAX_WORDS = 4
# --- Bylines ------------------------------------------------------------------
# The author a page credits: "رسالة بروكسل ــ أحمد مصطفى :", "كتب: فلان",
# "بقلم فلان", "كتب محمد جمال" (a name of two to four words, nothing after
# it), a line with the name alone ("دعاء عبدالنبي" under the headline,
# dev3/30), or between the lead's city and its first word ("دبي - محمود
# عبدالرازق - وصرح", dev4/33). A name under "رئيس التحرير" is the paper's
# editor, not the author (dev/19).
_BYLINE = re.compile(
    r"^(?:(?:رسالة\s+\S+(?:\s+\S+)?\s*[ـ\-–—]+|كتب(?:ت)?\s*:|بقلم\s*:?|إعداد\s*:)\s*(?P<credited>[^\n]{0,40})"
    r"|كتب(?:ت)?\s+(?P<name>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){1,3}))$"
)
# A photo's caption above the article, closed by its credit: "ينعقد
# الاجتماع يومي الأربعاء والخميس (صموئيل كوروم/الأناضول)" (dev4/19).
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()/\n]{2,40}/\s*)?(?:الأناضول|رويترز|أ\s?ف\s?ب|فرانس برس|أسوشيتد برس|غيتي|Getty(?: Images)?|AFP|Reuters|AP|EPA)\)\s*$"
)
_MASTHEAD = re.compile(r"^رئيس\s+(?:مجلس[يى]\s+الإدارة\s+و)?(?:ال)?تحرير\s*:?\s*$")
_PERSON_DATELINE = re.compile(
    r"^" + _CITY + r"\s*[-–—]\s*(?:كتب(?:ت)?\s*:?\s*)?"
    r"(?P<name>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){1,2})\s*[-–—]\s*"
)
BYLINE_WORDS = (2, 4)


def byline_name(candidate: str) -> str:
    """The candidate as an author's name: two to four Arabic words, nothing
    else, the first a given name the lexicon knows; else ""."""
    candidate = re.sub(r"[\s:،,.\-–—]+$", "", candidate.strip())
    words = candidate.split()
    if not BYLINE_WORDS[0] <= len(words) <= BYLINE_WORDS[1] or not all(_ARABIC_WORD.fullmatch(w) for w in words):
        return ""
    return candidate if arabic.key(words[0]) in _GIVEN_NAMES else ""


_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
_GIVEN_NAMES = lexicons.words("given_names")
# "الميادين نت + وكالات": the agencies a site credits are not the outlet.
_CREDITS = re.compile(r"\s*(?:[+،,/&-]|و)\s*(?:ال)?وكالات\s*$")
HEADLINE_MIN_WORDS = 4


def _is_lead(line: str) -> bool:
    words = len(line.split())
    return len(line) >= LEAD_MIN_LENGTH or (words >= LEAD_MIN_WORDS and bool(_STATEMENT_END.search(line)))


def _take_header_furniture(line: str, header: _Header, removed: list[str], first: bool) -> bool:
    """Whether a line above the lead is the site's furniture (breadcrumbs,
    counters, stamps, labels, bylines, datelines, a browser tab's title);
    what it tells (a date, a dateline's outlet and city) goes to header."""
    date = _header_date(line)
    if not any(ch.isalnum() for ch in line):
        removed.append(f"سطر بلا كلمات «{line.strip()}»")  # a lone "-" under the stamp (dev7/04)
    elif (tab := _tab_title(line)) is not None:
        header.tab_title, site = tab
        header.site = header.site or site
        stamps = filter(None, map(_header_date, _TAB_PARTS.split(line)[1:]))
        header.published_on = _earlier(header.published_on, next(stamps, None))
        removed.append(f"عنوان الصفحة في المتصفح «{line}»")
    elif date is None and ((_BREADCRUMB.search(line) and len(line.split()) <= 8) or _HOME_TRAIL.match(line)):
        removed.append(f"مسار الموقع «{line}»")
    elif _COUNTER.search(line) and len(line.split()) <= 8:
        header.published_on = _earlier(header.published_on, date)
        removed.append(f"عداد أو رقم عدد «{line}»")
    elif date is not None:
        header.published_on = _earlier(header.published_on, date)
        header.site = header.site or _site_before_stamp(line)
        removed.append(f"سطر التاريخ «{line}»")
        wire = re.search(rf"(?:^|\s|\()(?P<tag>{_WIRE_TAG})\)?\s*$", line)
        if wire:
            header.dateline_outlet = header.dateline_outlet or _WIRE_TAGS[wire["tag"]]
    else:
        return _take_people_and_places(line, header, removed, first)
    return True


def _take_people_and_places(line: str, header: _Header, removed: list[str], first: bool) -> bool:
    """The furniture lines that name someone or somewhere: a section label,
    a byline, a photo's credit, the masthead, a dateline, a city alone."""
    if arabic.key(line) in _SECTION_KEYS or _SECTION_NEWS.match(line):
        removed.append(f"اسم القسم «{line}»")
    elif site := _self_named(line):
        header.site = header.site or site
        removed.append(f"اسم الموقع «{line}»")
    elif author := _author_with_section(line):
        header.byline = header.byline or author
        removed.append(f"سطر الكاتب «{line}»")
    elif _is_place_line(line):
        city = next((part for part in _PLACE_PARTS.split(line.strip()) if meetings.city_country(part)), "")
        header.dateline_city = header.dateline_city or city
        removed.append(f"سطر المكان «{line}»")
    elif byline := _BYLINE.match(line):
        header.byline = header.byline or byline_name(byline["credited"] or byline["name"] or "")
        removed.append(f"سطر الكاتب «{line}»")
    elif _PHOTO_CREDIT.search(line):
        removed.append(f"تعليق صورة «{line}»")
    elif _MASTHEAD.match(line):
        header.after_masthead = True
        removed.append(f"سطر هيئة التحرير «{line}»")
    elif (name := byline_name(line)) and name == line.strip():
        if header.after_masthead:
            removed.append(f"اسم رئيس التحرير «{line}»")
        else:
            header.byline = header.byline or name
            removed.append(f"سطر الكاتب «{line}»")
    elif (dateline := _dateline_line(line)) is not None and (not first or _known_dateline(*dateline)):
        outlet, city = dateline
        header.dateline_outlet = header.dateline_outlet or outlet
        header.dateline_city = header.dateline_city or city
        removed.append(f"سطر المدينة والمصدر «{line}»")
    elif not first and len(line.split()) <= 2 and meetings.city_country(line.strip()):
        header.dateline_city = header.dateline_city or line.strip()  # "واشنطن" alone over the lead (dev8/21)
        removed.append(f"سطر المدينة «{line}»")
    else:
        return False
    return True


# "أخبار إيطاليا", "اخبار العراق": a section's label.
_SECTION_NEWS = re.compile(r"^[أا]خبار\s+\S+$")
# A browser tab's title: "headline | section | DW | 13.02.2018".
_TAB_PARTS = re.compile(r"\s+[|｜]\s+")
# "الجفر نيوز _متابعات": a site's name with its section after it.
_SITE_WITH_SECTION = re.compile(r"^(?P<site>.+?)\s*[_|/–—-]\s*(?P<section>\S+(?:\s\S+)?)$")


# "خاص ع المكشوف" (dev8/28), "خاص بالعربية نت": the site naming itself
# above its article; "وكالة زيتون – متابعات" (dev9/03): its name, then the
# section the article is filed under (data/lexicons/sections.txt).
_EXCLUSIVE = re.compile(r"^خاص\s*(?:[-–—:|]\s*)?(?:ب(?=ال)|بـ\s*)?(?P<site>[^\W\d][^\d\n:|]{1,30})$")


def _before_section(line: str) -> str:
    """What stands before a known section's label ("وكالة زيتون – متابعات"),
    else ""."""
    found = _SITE_WITH_SECTION.match(line.strip())
    return found["site"] if found and arabic.key(found["section"]) in _SECTION_KEYS else ""


def _self_named(line: str) -> str:
    """The site's name when the line is the site naming itself, else ""."""
    found = _EXCLUSIVE.match(line.strip())
    name = (found["site"] if found else _before_section(line)).strip(" \"'«»“”")
    if not 1 <= len(name.split()) <= SITE_NAME_MAX_WORDS or byline_name(name) or _is_place_line(name):
        return ""
    return name if arabic.key(name) not in _SECTION_KEYS else ""


def _author_with_section(line: str) -> str:
    """"محمد عبده – متابعات": the author's name, then the section."""
    return byline_name(_before_section(line))


# "تركيا - غازي عنتاب", "واشنطن أمريكا" over a headline: places alone, parted
# by dashes or spaces, are a dateline with no outlet in it.
_PLACE_PARTS = re.compile(r"\s*[-–—/،,|]\s*")
PLACE_LINE_MAX_WORDS = 6


def _is_place_line(line: str) -> bool:
    if len(line.split()) > PLACE_LINE_MAX_WORDS:
        return False
    parts = [part for part in _PLACE_PARTS.split(line.strip()) if part]
    return bool(parts) and all(_is_place(part) or all(map(_is_place, part.split())) for part in parts)


def _is_place(name: str) -> bool:
    return bool(meetings.city_country(name)) or extraction.gazetteer_matcher().lookup(name) is not None


def _tab_title(line: str) -> tuple[str, str] | None:
    """(headline, site) of a browser tab's title copied with the page: parts
    parted by "|", one of them an outlet the gazetteer knows."""
    parts = [part.strip() for part in _TAB_PARTS.split(line)]
    if len(parts) < 2 or len(parts[0].split()) < HEADLINE_MIN_WORDS:
        return None  # "سياسة | الخليج" is a breadcrumb
    gazetteer = outlets.gazetteer()
    site = next((part for part in parts[1:] if gazetteer.by_name(part) is not None), None)
    return (parts[0], site) if site else None


def _site_name(line: str) -> str:
    """The outlet's name if the line is only that (maybe with its section
    after it: "الجفر نيوز _متابعات"), else ""."""
    if len(line.split()) > SITE_NAME_MAX_WORDS + 2:
        return ""
    gazetteer = outlets.gazetteer()
    if gazetteer.by_name(line) is not None:
        return line
    match = _SITE_WITH_SECTION.match(line)
    if match and gazetteer.by_name(match["site"]) is not None:
        return match["site"]
    return ""


def _known_dateline(outlet: str, city: str) -> bool:
    """A first line read as a dateline only when it names a known city or
    outlet ("بغداد/ المدى"); otherwise it may be a headline ("روما - …")."""
    return bool(meetings.city_country(city)) or outlets.gazetteer().by_name(outlet) is not None or any(
        arabic.key(outlet) in {arabic.key(tag), arabic.key(name)} for tag, name in _WIRE_TAGS.items()
    )


def _header_text(lines: list[str], header: _Header, removed: list[str]) -> list[str]:
    """The header's lines that are not furniture."""
    kept: list[str] = []
    for line in lines:
        if not _take_header_furniture(line, header, removed, first=not kept):
            kept.append(line)
        elif header.stamp_at is None and _header_date(line) is not None:
            header.stamp_at = len(kept)
    return kept


def _without_site_names(kept: list[str], header: _Header, removed: list[str]) -> list[str]:
    """A site's name is never the headline ("بلدي نيوز" alone above the lead)."""
    names = [line for line in kept if _site_name(line)]
    for line in names:
        header.site = header.site or _site_name(line)
        removed.append(f"اسم الموقع «{line}»")
    if header.stamp_at is not None:  # counted among the lines left
        header.stamp_at = len([line for line in kept[: header.stamp_at] if line not in names])
    return [line for line in kept if line not in names]


def _read_header(content: list[str], removed: list[str], flags: list[str]) -> _Header:
    """The page above the article: the site's name, breadcrumbs, section
    label, headline (maybe twice), date stamp, view counter and a dateline
    line, in whatever order the site puts them. It ends at the lead: the
    first line that reads as article text."""
    lead = next((i for i, line in enumerate(content) if _is_lead(line)), len(content))
    header = _Header(title="", body_lines=[])
    kept = _without_site_names(_header_text(content[:lead], header, removed), header, removed)
    # The headline is the longest headline-like line: a kicker above it
    # ("فى أول اجتماع وزارى للتحالف") and a subtitle below it are shorter.
    headlines = [i for i, line in enumerate(kept) if _is_headline(line) and len(line.split()) >= HEADLINE_MIN_WORDS]
    # The page's headline is often there twice (the tab's and the page's,
    # dev8/22): a line said twice is the headline, not a teaser above it.
    repeated = [i for i in headlines if [arabic.key(line) for line in kept].count(arabic.key(kept[i])) > 1]
    headlines = repeated[:1] or headlines
    # Headline, date stamp, then a longer subtitle (dev7/04): the stamp
    # closes the headline's block.
    if header.stamp_at and any(i < header.stamp_at for i in headlines):
        headlines = [i for i in headlines if i < header.stamp_at]
    titled = max(headlines, key=lambda i: len(kept[i])) if headlines else None
    if titled is None and kept and _is_headline(kept[0]) and (lead < len(content) or len(kept) > 1):
        titled = 0
    if titled is None and header.tab_title:
        kept, titled = [header.tab_title, *kept], 0  # the browser tab's title, the page having no other
        header.title_from = "tab"
    if titled is None:
        # The page lost its headline: the lead paragraph stays in the body
        # and its first sentence stands in as the title.
        flags.append(NOTE_NO_HEADLINE)
        header.title_from = "first_sentence"
        body = kept + content[lead:]
        header.title = _first_sentence(body[0]) if body else ""
        header.body_lines = body
        return header
    for line in kept[:titled]:
        # Short lines above the headline: the site's name first, then labels.
        if not header.site and len(line.split()) <= SITE_NAME_MAX_WORDS:
            header.site = line
            removed.append(f"اسم الموقع «{line}»")
        else:
            removed.append(f"سطر فوق العنوان «{line}»")
    header.title = _without_author_and_city(kept[titled], header, removed)
    rest = kept[titled + 1 :]
    if any(arabic.key(line) == arabic.key(header.title) for line in rest):
        removed.append("العنوان المكرر")
        rest = [line for line in rest if arabic.key(line) != arabic.key(header.title)]
    # Lines left between headline and lead are a subtitle: the article's own words.
    header.body_lines = rest + content[lead:]
    return header


# "أحمد جودة - القاهرة - انضمام سوريا للتحالف …" (dev7/40): the author and
# the city before the headline, on its line.
_AUTHOR_CITY = re.compile(
    r"^(?P<name>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){1,3})\s*[-–—]\s*" + _CITY + r"\s*[-–—]\s*(?=\S)"
)


def _without_author_and_city(title: str, header: _Header, removed: list[str]) -> str:
    found = _AUTHOR_CITY.match(title)
    if found is None or not byline_name(found["name"]) or not meetings.city_country(found["city"]):
        return title
    header.byline = header.byline or byline_name(found["name"])
    removed.append(f"الكاتب والمدينة قبل العنوان «{found.group().strip()}»")
    return title[found.end():]


# How far into the lead a stamp glued to it may end ("٩ سبتمبر ٢٠١٤أكدت …").
_GLUED_STAMP_MAX = 30


# " date 2025-11-12 الرياض - …": stored copies of pages (the press pages
# this archive is measured on, dev/32-36) open with the date they carry.
_STORED_DATE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+")


def _take_stored_date(lines: list[str], removed: list[str]) -> tuple[list[str], datetime.date | None]:
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    found = _STORED_DATE.match(lines[first]) if first is not None else None
    if found is None:
        return lines, None
    try:
        day = datetime.date.fromisoformat(found["date"])
    except ValueError:
        return lines, None
    removed.append(f"تاريخ النسخة المحفوظة «{found['date']}»")
    return [*lines[:first], lines[first][found.end():], *lines[first + 1:]], day


def _take_glued_stamp(body_lines: list[str], removed: list[str]) -> tuple[list[str], datetime.date | None]:
    """A date stamp glued to the start of the lead, as DW's pages copy
    ("٩ سبتمبر ٢٠١٤أكدت"): the publication date, and not part of the
    article's text."""
    if not body_lines:
        return body_lines, None
    head = body_lines[0]
    found = dates.find_dates(head[:_GLUED_STAMP_MAX + 10])
    if not found or found[0].relative or found[0].date is None or head[: found[0].start].strip():
        return body_lines, None
    stamp = found[0]
    if stamp.end > _GLUED_STAMP_MAX:
        return body_lines, None
    removed.append(f"سطر التاريخ «{head[: stamp.end]}»")
    return [head[stamp.end :].lstrip(" -–—|،,")] + body_lines[1:], stamp.date


def _earlier(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    """Of two stamps above an article, the earlier: the other is the site's
    own date of the day the page was copied ("الجمعة 29 نوفمبر 2024" above
    an article stamped 14-11-2019), never before the article."""
    return min(filter(None, (a, b)), default=None)


def _plain_outlet(name: str) -> str:
    return _CREDITS.sub("", name).strip()


def _header_date(line: str) -> datetime.date | None:
    """The date of a stamp line ("13.02.2018 | 18:52", "الخميس، 08 يونيو 2023
    09:15 م", "الجمعة - 3 ربيع الثاني 1436 هـ - 23 يناير 2015 مـ رقم العدد"),
    or None when the line is more than a stamp."""
    if len(line.split()) > 16:
        return None
    found = [d for d in dates.find_dates(line) if d.date is not None and not d.relative]
    if not found:
        return None
    # What is left once the date is taken must be furniture, not a headline.
    rest = (line[: found[0].start] + " " + line[found[0].end :]).strip()
    rest = _TIME.sub(" ", rest)
    rest_words = [w for w in _WORD.findall(rest) if not w.isdigit()]
    return found[0].date if len(rest_words) <= 6 else None


# "لبنانون فايلز - 2/10/2026 7:25:52 PM - GMT (+2 )" (dev7/33): the site's
# name, then its stamp, on one line.
_SITE_THEN_STAMP = re.compile(r"^(?P<site>[^\W\d][^\d\n|:]{1,30}?)\s+[-–—|]\s+\d")
_NOT_A_SITE = frozenset(arabic.key(w) for w in (
    "نشر", "تاريخ", "تحديث", "آخر", "بتاريخ", "اليوم", "الساعة", "منذ", "السبت", "الأحد", "الاثنين", "الإثنين",
    "الثلاثاء", "الأربعاء", "الخميس", "الجمعة",
))


def _site_before_stamp(line: str) -> str:
    found = _SITE_THEN_STAMP.match(line)
    if found is None:
        return ""
    name = found["site"].strip()
    words = [arabic.key(w) for w in name.split()]
    if len(words) > SITE_NAME_MAX_WORDS or any(w in _NOT_A_SITE for w in words) or meetings.city_country(name):
        return ""
    return name


def _dateline_line(line: str) -> tuple[str, str] | None:
    """(outlet, city) of a line that is only a dateline, or None."""
    if len(line.split()) > DATELINE_MAX_WORDS:
        return None
    match = _DATELINE_LINE.match(line)
    if match is None:
        return None
    a, b = match["a"].strip(), match["b"].strip()
    for first, second in ((a, b), (b, a)):
        tag = arabic.key(second)
        for wire, name in _WIRE_TAGS.items():
            if arabic.key(wire) == tag:
                return name, first
    # "السومرية نيوز/ بغداد": the outlet first when the second part is a one-word city.
    if len(b.split()) == 1 and len(a.split()) >= 2:
        return a, b
    return b, a


def _is_headline(line: str) -> bool:
    return len(line) <= HEADLINE_MAX_LENGTH and not _STATEMENT_END.search(line)


def _first_sentence(paragraph: str) -> str:
    match = re.search(r"[.!؟?](?!\d)", paragraph)
    sentence = paragraph[: match.start()] if match else paragraph
    if len(sentence) > TITLE_MAX_LENGTH:
        cut = sentence.rfind(" ", 0, TITLE_MAX_LENGTH)
        sentence = sentence[: cut if cut > 0 else TITLE_MAX_LENGTH]
    return sentence.strip()


# The Saudi agency's dateline, Hijri then Gregorian: "القاهرة 12 شوال 1441 هـ
# الموافق 04 يونيو 2020 م واس". The Gregorian date is the wire's date.
_DATED_WIRE = re.compile(
    r"^" + _CITY + r"(?:\s+في)?\s+\d{1,2}\s+[\u0621-\u064a]+(?:\s[\u0621-\u064a]+)?\s+\d{4}\s*هـ\s+"
    r"الموافق\s+(?P<date>\d{1,2}\s+[\u0621-\u064a]+\s+\d{4})\s*م?\s+"
    r"(?:\(?(?P<tag>" + _WIRE_TAG + r")\)?\s*[-–—:]*\s*)?"
)


def _dated_wire(body_lines: list[str]) -> tuple[datetime.date | None, str]:
    """The date and agency of a dated dateline. The line stays in the body:
    its date is also the date of the news it opens ("… اليوم في الاجتماع")."""
    wire = _DATED_WIRE.match(body_lines[0]) if body_lines else None
    if wire is None:
        return None, ""
    return dates.parse_date(wire["date"]), _WIRE_TAGS[wire["tag"]] if wire["tag"] else ""


def _take_closing_dateline(body_lines: list[str], removed: list[str]) -> tuple[list[str], str, str]:
    """A wire's dateline on the last line ("بروكسل – واس"), as the Saudi
    agency's copies carry it. Only with a known city and agency tag: a
    closing "المصدر: …" or a last short sentence is not a dateline."""
    if len(body_lines) < 2 or (dateline := _dateline_line(body_lines[-1])) is None:
        return body_lines, "", ""
    outlet, city = dateline
    if outlet not in _WIRE_TAGS.values() or not meetings.city_country(city):
        return body_lines, "", ""
    removed.append(f"سطر المدينة والوكالة في آخر المقال «{body_lines[-1]}»")
    return body_lines[:-1], outlet, city


def _take_person_dateline(body_lines: list[str], removed: list[str]) -> tuple[list[str], str, str]:
    """The lead's city and author: "دبي - محمود عبدالرازق - وصرح …"."""
    found = _PERSON_DATELINE.match(body_lines[0]) if body_lines else None
    if found is None or not meetings.city_country(found["city"]) or not (name := byline_name(found["name"])):
        return body_lines, "", ""
    removed.append(f"سطر المدينة والكاتب «{body_lines[0][: found.end()].strip()}»")
    return [body_lines[0][found.end():], *body_lines[1:]], found["city"], name


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
