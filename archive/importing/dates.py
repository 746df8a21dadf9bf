"""Dates in Arabic press text: absolute ones, and ones relative to publication.

Coalition reporting dates its meetings in several hands at once: Egyptian
and Gulf month names (5 أكتوبر 2024), Levantine and Iraqi ones (4 حزيران
2020), both together (18 فبراير/شباط 2021), English stamps copied from the
site header (5th, October 2024), numeric forms (08-06-2023), Hijri dates
followed by their Gregorian equivalent, and above all the agency habit of
"أكد الوزراء، الثلاثاء، ..." or "مساء أمس الجمعة", which only mean something
against the article's publication date.

Choices an editor should know about:

- A date is absolute only with a day, a month and a four-digit year. "في 18
  شباط" and "أبريل الماضي" are skipped, never completed with a guessed year:
  a wrong year in an archive is worse than a missing one.
- Numeric dates are read day first (08/06/2023 is 8 June), as the Arabic
  press writes them, except in the American default stamp, slashes then a
  twelve-hour clock with seconds ("2/10/2026 7:25:52 PM"), which is month
  first; year-first forms are read as ISO (2023-06-08).
- A Hijri date alone is skipped; with "الموافق" the Gregorian date after it
  is the one returned.
- A weekday (or "اليوم الخميس", "أمس الجمعة") directly before an absolute
  date labels that date: only the absolute date is returned, with a note if
  the weekday does not fall on it.
- Bare weekday names are read as dates unless the words around them make
  them a name ("صلاة الجمعة", "الجمعة العظيمة", "آل الخميس"). الاثنين,
  الأحد and الجمعة are ordinary words too ("the two", "the One", "the
  congregation"), so they count only next to a comma, after "يوم" or a time
  of day, or with "الماضي"/"المقبل".

Matching runs on a folded copy of the text (Latin digits, bare alef, ي for
ى, ه for ة, no tashkeel or tatweel) built character by character with a map
back to the original, so every offset points into the text the caller gave.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from archive.importing import numbers
from archive.text import fold_with_origin


@dataclass(frozen=True)
class FoundDate:
    date: datetime.date | None
    start: int
    end: int
    text: str
    relative: bool
    note: str = ""
    # The weekday a relative expression names ("اليوم الثلاثاء": 1), so a
    # date without a reference can still be checked against a meeting's.
    weekday: int | None = None


NOTE_NO_REFERENCE = "تاريخ نسبي ولا يُعرف تاريخ النشر"

# Years outside these bounds are resolution numbers, amounts or Hijri years
# ("1435 هـ"), not Gregorian years of this archive's world.
MIN_YEAR = 1900
MAX_YEAR = 2100
# Bare numbers like 08-06-2023 carry no word saying they are dates, so they
# must look like a recent year too.
MIN_NUMERIC_YEAR = 1990

# --- Folding ---------------------------------------------------------------

# Tashkeel and tatweel: kept at the end of a span when they follow its last letter.
_MARK = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


# --- Vocabulary (folded spellings) -----------------------------------------

_SP = r"[^\S\n]+"  # dates never run across a line break
_OSP = r"[^\S\n]*"

_ARABIC_MONTHS: list[tuple[str, int]] = [
    # Egyptian and Gulf
    ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("ابريل", 4), ("مايو", 5), ("يونيو|يونيه", 6),
    ("يوليو|يوليه", 7), ("اغسطس", 8), ("سبتمبر", 9), ("اكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
    # Levantine and Iraqi; "كانون ثاني" without the article is common too
    (rf"كانون{_SP}(?:ال)?ثاني", 1), ("شباط", 2), ("اذار", 3), ("نيسان", 4), ("ايار", 5), ("حزيران", 6),
    ("تموز", 7), ("اب", 8), ("ايلول", 9), (rf"تشرين{_SP}(?:ال)?اول", 10), (rf"تشرين{_SP}(?:ال)?ثاني", 11),
    (rf"كانون{_SP}(?:ال)?اول", 12),
    # Maghrebi agencies (واج, ومع, وات) quote coalition statements too
    ("جانفي", 1), ("فيفري", 2), ("افريل", 4), ("ماي", 5), ("جوان", 6), ("جويليه|يوليوز", 7),
    ("اوت|غشت", 8), ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12),
]
_MONTH_NAMES = (
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيو",
    "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
)
_ENGLISH_MONTHS: list[tuple[str, int]] = [
    ("january|jan", 1), ("february|feb", 2), ("march|mar", 3), ("april|apr", 4), ("may", 5),
    ("june|jun", 6), ("july|jul", 7), ("august|aug", 8), ("september|sept|sep", 9),
    ("october|oct", 10), ("november|nov", 11), ("december|dec", 12),
]
_HIJRI_MONTH = (
    rf"محرم|صفر|ربيع{_SP}(?:الاول|الثاني|الاخر|الاخره)"
    rf"|جمادي{_SP}(?:الاولي|الاول|الثانيه|الثاني|الاخره|الاخر)|رجب|شعبان|رمضان|شوال"
    rf"|(?:ذو|ذي){_SP}ال(?:قعده|حجه)"
)

_UNIT = numbers.COMPOUND_UNITS
_ORDINAL = (
    rf"(?:{_UNIT}){_SP}(?:و{_OSP})?(?:{numbers.ordinal_tens(30)})"
    rf"|(?:{_UNIT}){_SP}عشر|{numbers.ordinal_tens(30)}|العاشر|{numbers.ALL_UNITS}"
)

_WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الثلاثاء": 1, "الثلثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}
_WEEKDAY_NAMES = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
# Also ordinary words: "the two", "the One" / "الأحد عشر", "the congregation".
_AMBIGUOUS_WEEKDAYS = {"الاثنين", "الاحد", "الجمعه"}

_TIME_OF_DAY = "صباح|مساء|ظهر|ظهيره|عصر|فجر|ليله|ليل|صبيحه|عشيه"
_PAST = {"الماضي", "الماضيه", "الفائت", "الفائته", "المنصرم", "المنصرمه"}
_NEXT = {"المقبل", "المقبله", "القادم", "القادمه"}
_MODIFIER = "|".join(sorted(_PAST | _NEXT, key=len, reverse=True))
# "الخميس المقبل", "الأسبوع القادم": a day to come (folded form), for
# readers that tell a preview from a report.
NEXT_DAY = rf"(?<!\w)(?:{_WEEKDAY}|الاسبوع)\s+(?:{'|'.join(sorted(_NEXT, key=len, reverse=True))})(?!\w)"

# Words before or after a weekday that make it part of a name or a habit
# ("every Friday") rather than a day of the news.
_NAME_BEFORE = {"صلاه", "خطبه", "خطيب", "مسجد", "كل", "ايام", "ال", "عبد", "بن", "ابن", "ابو", "ام"}
_NAME_AFTER = {"العظيمه", "الحزينه", "السوداء", "الاسود", "الدامي", "الداميه", "المقدس", "عشر"}
_AMBIGUOUS_BEFORE = {"بين", "كلا", "كلتا", "هذين", "هذان", "الواحد", "احد"}


def _alternation(entries: list[tuple[str, int]]) -> str:
    return "|".join(f"(?:{source})" for source, _ in sorted(entries, key=lambda e: len(e[0]), reverse=True))


def _lookup(entries: list[tuple[re.Pattern[str], int]], word: str) -> int:
    for pattern, number in entries:
        if pattern.fullmatch(word):
            return number
    raise ValueError(word)  # unreachable: word was matched by the same alternation


_ARABIC_MONTH_LOOKUP = [(re.compile(source), number) for source, number in _ARABIC_MONTHS]
_ENGLISH_MONTH_LOOKUP = [(re.compile(source, re.IGNORECASE), number) for source, number in _ENGLISH_MONTHS]
_AR_MONTH = rf"(?:{_alternation(_ARABIC_MONTHS)})(?!\w)"
_EN_MONTH = rf"(?:{_alternation(_ENGLISH_MONTHS)})(?![a-z])\.?"

# A word start, allowing the conjunction و glued on ("وأمس", "والخميس").
_START = r"(?:(?<!\w)|(?<=(?<!\w)و))"
_YEAR = r"(?P<year>\d{4})(?!\d)"
# "2014م" / "2014 م": the writer saying the year is Gregorian.
_GREGORIAN_MARK = rf"(?:{_OSP}م(?!\w))?"
_YEAR_WORD = rf"(?:(?:من{_SP})?(?:عام|العام|لعام|سنه|لسنه){_SP})?"
_SECOND_MONTH = rf"(?:{_OSP}[/(\-–]?{_OSP}(?P<month2>{_AR_MONTH}){_OSP}\)?)?"
# "الثالث عشر من شهر شباط الحالي لعام 2018" (dev9/09): "this month" between
# the month and its year.
_THIS_MONTH = rf"(?:{_SP}(?:الحالي|الجاري))?"

# --- Patterns ----------------------------------------------------------------

# "31/يناير/2019" (dev10/16, a stamp): the month's name between slashes.
_ARABIC_DATE = re.compile(
    rf"(?<![\d.,/:])(?P<day>\d{{1,2}})(?!\d){_OSP}(?:/{_OSP})?(?:من{_SP})?(?:شهر{_SP})?(?P<month>{_AR_MONTH})"
    rf"{_SECOND_MONTH}{_THIS_MONTH}{_OSP}[،,/]?{_OSP}{_YEAR_WORD}{_YEAR}{_GREGORIAN_MARK}"
)
_ORDINAL_DATE = re.compile(
    rf"{_START}(?P<ordinal>{_ORDINAL}){_SP}من{_SP}(?:شهر{_SP})?(?P<month>{_AR_MONTH})"
    rf"{_SECOND_MONTH}{_THIS_MONTH}{_OSP}[،,]?{_OSP}{_YEAR_WORD}{_YEAR}{_GREGORIAN_MARK}"
)
_ENGLISH_DAY_MONTH = re.compile(
    rf"(?<![\d.,/:])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:{_OSP},{_OSP}|{_SP})(?:of{_SP})?"
    rf"(?P<month>{_EN_MONTH})(?:{_OSP},{_OSP}|{_SP}){_YEAR}",
    re.IGNORECASE,
)
_ENGLISH_MONTH_DAY = re.compile(
    rf"(?<![a-z])(?P<month>{_EN_MONTH}){_OSP}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
    rf"(?:{_OSP},{_OSP}|{_SP}){_YEAR}",
    re.IGNORECASE,
)
# The same separator twice; a stray space around it is a typing slip
# ("8-06- 2023"). Digits or separators on either side mean a longer number.
_NUMERIC_DAY_FIRST = re.compile(
    rf"(?<![\d.,/:\-])(?P<day>\d{{1,2}}){_OSP}(?P<sep>[-./]){_OSP}(?P<month>\d{{1,2}}){_OSP}(?P=sep){_OSP}"
    rf"{_YEAR}(?![.,/:\-]\d){_GREGORIAN_MARK}"
)
_NUMERIC_YEAR_FIRST = re.compile(
    rf"(?<![\d.,/:\-]){_YEAR}{_OSP}(?P<sep>[-./]){_OSP}(?P<month>\d{{1,2}}){_OSP}(?P=sep){_OSP}"
    rf"(?P<day>\d{{1,2}})(?!\d|[.,/:\-]\d)"
)
# "2/10/2026 7:25:52 PM" (dev7/33): slashes, then a twelve-hour clock with
# seconds in Latin letters, is the American default stamp (.NET's en-US
# "G"), month first. "08-06-2023 10:40 AM" (dev/30, a Jordanian site) is
# day first: neither the dashes nor a clock without seconds say otherwise.
_US_CLOCK = re.compile(rf"{_SP}\d{{1,2}}:\d\d:\d\d{_OSP}(?:am|pm)(?![a-z])", re.IGNORECASE)
# "في 22 آذار الجاري", "في السادس من فبراير المقبل": a day and a month with
# no year. Never a date (no year is guessed), but a meeting's day and month
# all the same, for the matcher (find_days_of_month).
_DAY_MONTH = re.compile(
    rf"(?:(?:(?<![\d.,/:\w])|(?<=ال)|(?<=الـ))(?P<day>\d{{1,2}})(?!\d){_OSP}(?:من{_SP})?|{_START}(?P<ordinal>{_ORDINAL}){_SP}من{_SP})"
    rf"(?:شهر{_SP})?(?P<month>{_AR_MONTH})(?!{_SECOND_MONTH}{_OSP}[،,]?{_OSP}{_YEAR_WORD}\d)"
)
# What may stand between a Hijri date and the Gregorian one it is given with.
_HIJRI_BEFORE = re.compile(
    rf"(?<![\d.,/:])\d{{1,2}}{_OSP}(?:{_HIJRI_MONTH}){_OSP}\d{{3,4}}{_OSP}(?:ه(?!\w))?{_OSP}[،,(\-]?{_OSP}"
    rf"(?:الموافق|يوافق|وافق){_OSP}(?:ل{_OSP})?\Z"
)

_RELATIVE = re.compile(
    rf"{_START}(?:(?P<time>{_TIME_OF_DAY}){_SP})?(?:يوم{_SP})?"
    rf"(?P<word>اول{_SP}من{_SP}امس|اول{_SP}امس|امس{_SP}الاول|امس|اليوم|بعد{_SP}غد|غدا|غد)(?!\w)"
    # "أمس الثلاثاء", "اليوم، الخميس", and the Saudi press's "اليوم (الأربعاء)".
    rf"(?:(?:(?:{_OSP}[،,])?{_SP}|{_OSP}\({_OSP})(?P<weekday>{_WEEKDAY})(?!\w)(?:{_OSP}\))?)?"
)
# Days from the publication date each relative word names ("غداً الثلاثاء": +1).
_RELATIVE_DAYS = {"اليوم": 0, "امس": -1, "غدا": 1, "غد": 1}
_BARE_WEEKDAY = re.compile(
    rf"{_START}(?:(?P<time>{_TIME_OF_DAY}){_SP})?(?:(?P<day_word>يوم){_SP})?(?P<weekday>{_WEEKDAY})(?!\w)"
    rf"(?:{_SP}(?P<modifier>{_MODIFIER})(?!\w))?"
)
# A weekday or "اليوم"/"أمس" right before an absolute date names that date:
# "اليوم الخميس، (4 حزيران 2020)", "الأحد الموافق 15 سبتمبر 2014".
_LABEL = re.compile(
    rf"{_START}(?:(?:{_TIME_OF_DAY}){_SP})?(?:يوم{_SP})?"
    rf"(?:(?:اول{_SP}من{_SP}امس|اول{_SP}امس|امس{_SP}الاول|امس|اليوم)(?:{_SP}(?P<relative_weekday>{_WEEKDAY}))?"
    rf"|(?P<weekday>{_WEEKDAY}))"
    rf"[\s،,(\[\-–—:]*(?:الموافق{_OSP}(?:ل{_OSP})?)?\Z"
)
_LABEL_REACH = 80

_WORD_BEFORE = re.compile(r"(\w+)[^\S\n]*\Z")
_WORD_AFTER = re.compile(r"[^\S\n]*(\w+)")
_CHAR_BEFORE = re.compile(r"(\S)\s*\Z")
_CHAR_AFTER = re.compile(r"\s*(\S)")

# --- Candidates --------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    start: int  # in the folded text
    end: int
    date: datetime.date | None
    relative: bool
    note: str = ""
    weekday: int | None = None  # the weekday the expression names, Monday 0


def _make_date(year: int, month: int, day: int, min_year: int = MIN_YEAR) -> datetime.date | None:
    if not min_year <= year <= MAX_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:  # 31 نيسان, 30 شباط, month 13
        return None


def _month_note(match: re.Match[str]) -> str:
    if not match["month2"]:
        return ""
    first = _lookup(_ARABIC_MONTH_LOOKUP, match["month"])
    second = _lookup(_ARABIC_MONTH_LOOKUP, match["month2"])
    if first == second:
        return ""
    return f"اسما الشهر في النص لشهرين مختلفين ({_MONTH_NAMES[first - 1]} و{_MONTH_NAMES[second - 1]})؛ اعتُمد الأول"


def _ordinal_value(words: str) -> int:
    return numbers.ordinal_value(words) or 0


def _absolute_candidates(folded: str) -> list[_Candidate]:
    found: list[_Candidate] = []

    def add(match: re.Match[str], date: datetime.date | None, note: str = "") -> None:
        if date is not None:
            found.append(_Candidate(match.start(), match.end(), date, False, note))

    for m in _ARABIC_DATE.finditer(folded):
        month = _lookup(_ARABIC_MONTH_LOOKUP, m["month"])
        add(m, _make_date(int(m["year"]), month, int(m["day"])), _month_note(m))
    for m in _ORDINAL_DATE.finditer(folded):
        month = _lookup(_ARABIC_MONTH_LOOKUP, m["month"])
        add(m, _make_date(int(m["year"]), month, _ordinal_value(m["ordinal"])), _month_note(m))
    for pattern in (_ENGLISH_DAY_MONTH, _ENGLISH_MONTH_DAY):
        for m in pattern.finditer(folded):
            month = _lookup(_ENGLISH_MONTH_LOOKUP, m["month"].rstrip("."))
            add(m, _make_date(int(m["year"]), month, int(m["day"])))
    for pattern in (_NUMERIC_DAY_FIRST, _NUMERIC_YEAR_FIRST):
        for m in pattern.finditer(folded):
            day, month = int(m["day"]), int(m["month"])
            if pattern is _NUMERIC_DAY_FIRST and m["sep"] == "/" and _US_CLOCK.match(folded, m.end()):
                day, month = month, day
            add(m, _make_date(int(m["year"]), month, day, MIN_NUMERIC_YEAR))
    return found


def _weekday_note(stated: int, date: datetime.date, computed: bool) -> str:
    if date.weekday() == stated:
        return ""
    how = " المحسوب من تاريخ النشر" if computed else ""
    return (
        f"يوم {_WEEKDAY_NAMES[stated]} المذكور لا يوافق {date.isoformat()}{how}"
        f" (وهو يوم {_WEEKDAY_NAMES[date.weekday()]})"
    )


def _relative_candidates(folded: str, reference: datetime.date | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _RELATIVE.finditer(folded):
        word = m["word"]
        if word == "غد" and not m["weekday"]:
            continue  # "غد" alone is "the future" ("غد أفضل")
        if word == "اليوم" and not m["weekday"]:
            # "اليوم" alone is mostly "nowadays"; "صباح اليوم التالي" counts
            # from some other day.
            after = _WORD_AFTER.match(folded, m.end())
            if not m["time"] or (after and after[1].startswith("ال")):
                continue
        offset = _RELATIVE_DAYS.get(word, 2 if word.startswith("بعد") else -2)
        weekday = _WEEKDAYS[m["weekday"]] if m["weekday"] else None
        if reference is None:
            found.append(_Candidate(m.start(), m.end(), None, True, NOTE_NO_REFERENCE, weekday))
            continue
        date = reference + datetime.timedelta(days=offset)
        note = _weekday_note(weekday, date, computed=True) if weekday is not None else ""
        found.append(_Candidate(m.start(), m.end(), date, True, note, weekday))
    return found


def _reads_as_day(folded: str, m: re.Match[str]) -> bool:
    before = _WORD_BEFORE.search(folded, max(0, m.start() - 30), m.start())
    after = _WORD_AFTER.match(folded, m.end())
    word_before = before[1] if before else ""
    if word_before in _NAME_BEFORE or (after and after[1] in _NAME_AFTER):
        return False
    if m["weekday"] not in _AMBIGUOUS_WEEKDAYS or m["time"] or m["day_word"] or m["modifier"]:
        return True
    if word_before in _AMBIGUOUS_BEFORE:
        return False
    char_before = _CHAR_BEFORE.search(folded, max(0, m.start() - 30), m.start())
    char_after = _CHAR_AFTER.match(folded, m.end())
    return bool((char_before and char_before[1] in "،,") or (char_after and char_after[1] in "،,"))


def _weekday_candidates(folded: str, reference: datetime.date | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _BARE_WEEKDAY.finditer(folded):
        if not _reads_as_day(folded, m):
            continue
        weekday = _WEEKDAYS[m["weekday"]]
        if reference is None:
            found.append(_Candidate(m.start(), m.end(), None, True, NOTE_NO_REFERENCE, weekday))
            continue
        modifier = m["modifier"]
        if modifier in _NEXT:
            date = reference + datetime.timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1)
        elif modifier in _PAST:
            date = reference - datetime.timedelta(days=(reference.weekday() - weekday - 1) % 7 + 1)
        else:
            # Agency copy names the weekday of the news, which is the
            # publication day itself or one of the six before it.
            date = reference - datetime.timedelta(days=(reference.weekday() - weekday) % 7)
        found.append(_Candidate(m.start(), m.end(), date, True, weekday=weekday))
    return found


# --- Public interface --------------------------------------------------------


def find_dates(text: str, reference: datetime.date | None = None) -> list[FoundDate]:
    """All dates in text, in order of appearance.

    Relative expressions are resolved against `reference` (the article's
    publication date) when given; else their .date is None and .note says why.
    """
    folded, origin = fold_with_origin(text)
    taken: list[tuple[int, int]] = []
    accepted: list[_Candidate] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for cand in sorted(_absolute_candidates(folded), key=lambda c: (c.start, c.start - c.end)):
        if not free(cand.start, cand.end):
            continue
        context = cand.start
        hijri = _HIJRI_BEFORE.search(folded, max(0, context - _LABEL_REACH), context)
        if hijri:
            context = hijri.start()
        label = _LABEL.search(folded, max(0, context - _LABEL_REACH), context)
        if label:
            context = label.start()
            stated = label["weekday"] or label["relative_weekday"]
            if stated and cand.date:
                mismatch = _weekday_note(_WEEKDAYS[stated], cand.date, computed=False)
                cand = replace(cand, note="؛ ".join(filter(None, (cand.note, mismatch))))
        taken.append((context, cand.end))
        accepted.append(cand)

    # Longer expressions first, so "أمس الجمعة" wins over its "الجمعة".
    for cand in _relative_candidates(folded, reference) + _weekday_candidates(folded, reference):
        if free(cand.start, cand.end):
            taken.append((cand.start, cand.end))
            accepted.append(cand)

    return [_to_original(text, origin, cand) for cand in sorted(accepted, key=lambda c: c.start)]


@dataclass(frozen=True)
class DayOfMonth:
    day: int
    month: int
    start: int  # in the text given


def find_days_of_month(text: str) -> list[DayOfMonth]:
    """Each date written without its year ("22 آذار الجاري"), in order;
    dates with a year are find_dates's."""
    folded, origin = fold_with_origin(text)
    found = []
    for m in _DAY_MONTH.finditer(folded):
        day = int(m["day"]) if m["day"] else _ordinal_value(m["ordinal"])
        if 1 <= day <= 31:
            found.append(DayOfMonth(day, _lookup(_ARABIC_MONTH_LOOKUP, m["month"]), origin[m.start()]))
    return found


# "منتصف أيلول (سبتمبر) الجاري", "أواخر الشهر … في مايو المقبل": a month with
# no day or year. A month's name alone is too often a word of another sense
# ("آب", "تموز"), so one of these words stands before or after it.
_MONTH_BEFORE = ("منتصف", "مطلع", "اوائل", "اواخر", "نهايه", "بدايه", "اواسط", "شهر")
_MONTH_AFTER = ("الجاري", "الحالي", "المقبل", "القادم")
_MONTH_ALONE = re.compile(
    rf"(?<![\d\w])(?:(?P<before>{'|'.join(_MONTH_BEFORE)}){_SP}(?:شهر{_SP})?)?(?P<month>{_AR_MONTH})"
    rf"{_SECOND_MONTH}(?:{_OSP}(?P<after>{'|'.join(_MONTH_AFTER)})(?!\w))?"
)


_DAY_BEFORE = re.compile(rf"(?:\d|(?<!\w)من|(?<!\w)شهر){_OSP}$")


def find_months(text: str) -> list[tuple[int, int]]:
    """Each month named with no day before it and no year after it, with a
    word that makes it a month (_MONTH_BEFORE, _MONTH_AFTER), and where it
    starts: (month, start)."""
    folded, origin = fold_with_origin(text)
    found = []
    for m in _MONTH_ALONE.finditer(folded):
        if not (m["before"] or m["after"]) or re.match(rf"{_OSP}[،,]?{_OSP}{_YEAR_WORD}\d", folded[m.end():]):
            continue
        if not m["before"] and _DAY_BEFORE.search(folded, 0, m.start()):
            continue  # "22 آذار الجاري", "الخامس عشر من أيلول": find_days_of_month's
        found.append((_lookup(_ARABIC_MONTH_LOOKUP, m["month"]), origin[m.start()]))
    return found


# "في 25 الجاري", "يوم الخامس عشر من الشهر الجاري": a day of the month the
# text is written in, which only the publication date names.
_DAY_OF_THIS_MONTH = re.compile(
    rf"(?:(?<![\d.,/:\w])(?P<day>\d{{1,2}})(?!\d)|{_START}(?:يوم{_SP})?(?P<ordinal>{_ORDINAL}))"
    rf"(?:{_SP}من)?(?:{_SP}(?:هذا{_SP})?(?:ال)?شهر)?{_SP}(?:الجاري|الحالي)(?!\w)"
)


def find_days_of_this_month(text: str) -> list[tuple[int, int]]:
    """Each day of "this month" the text names, with where it starts."""
    folded, origin = fold_with_origin(text)
    found = []
    for m in _DAY_OF_THIS_MONTH.finditer(folded):
        day = int(m["day"]) if m["day"] else _ordinal_value(m["ordinal"])
        if day and 1 <= day <= 31:
            found.append((day, origin[m.start()]))
    return found


# "منذ 8 سبتمبر الجاري", "منتصف أيلول (سبتمبر) الجاري": a month said to be
# the current one, whatever the sentence is about. On a page with no date it
# names the month the page was written in.
_MONTH_OF_WRITING = re.compile(
    rf"(?<![\w])(?P<month>{_AR_MONTH}){_SECOND_MONTH}{_OSP}(?:الجاري|الحالي)(?!\w)"
)


def find_months_of_writing(text: str) -> list[int]:
    """The months the text calls the current one, in order."""
    folded, _ = fold_with_origin(text)
    return [_lookup(_ARABIC_MONTH_LOOKUP, m["month"]) for m in _MONTH_OF_WRITING.finditer(folded)]


def parse_date(text: str) -> datetime.date | None:
    """Parse a short string holding one absolute date (e.g. the value of a
    'تاريخ النشر:' line). None if no complete date (day, month and year) is
    in it. Never guesses a year."""
    for found in find_dates(text):
        if not found.relative:
            return found.date
    return None


def _to_original(text: str, origin: Sequence[int], cand: _Candidate) -> FoundDate:
    start = origin[cand.start]
    end = origin[cand.end - 1] + 1
    # Keep the tashkeel on the last letter inside the span.
    while end < len(text) and _MARK.match(text[end]):
        end += 1
    return FoundDate(cand.date, start, end, text[start:end], cand.relative, cand.note, cand.weekday)
