"""The UN Security Council resolutions an article cites.

Coalition statements anchor their politics in Council resolutions ("a
political solution in line with Security Council resolution 2254", "foreign
terrorist fighters, as resolutions 2178, 2396 and 2462 require"). A press
article is also full of four-digit numbers that are years, sums and counts,
and of resolutions by parliaments, cabinets, the Arab League and NATO, so a
number counts only inside a citation:

- a word for resolution (قرار, قرارات, قراري, القرارين …), then within a few
  words the Security Council or the UN (الأممي, الأمم المتحدة), then the
  numbers: "قرار مجلس الأمن الدولي رقم 2254", "قرارات مجلس الأمن 2178 و2396";
- or the resolution word and the numbers, with the Council named right after
  ("القرار 2254 الصادر عن مجلس الأمن") or a little before ("تبنى مجلس الأمن
  القرار 2254");
- or the document symbol "S/RES/2254 (2015)".

"القرار 2254" with no body named at all is only a candidate: it counts when
its year fits the Council's numbering ("القرار 2254 (2015)") or when the
same number is cited with the Council elsewhere in the article.

Matching runs on archive.text.normalize'd text (so ٢٢٥٤, ۲۲۵۴ and 2254,
الأمن and الامن meet) folded one character at a time, which keeps a map back
to the offsets of the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.importing.sentences import SentenceIndex
from archive.reference import resolutions as unsc
from archive.text import fold_with_origin, normalize

# Council resolutions are numbered from 1 (1946); the numbering passed 2790
# in 2025. Anything above this is a law, a decree or another body's number.
MAX_RESOLUTION = 3000
MIN_YEAR = 1946
MAX_YEAR = 2100

# How far, in tokens, a citation may stretch. Arabic names the body between
# the word and the number ("قرار مجلس الأمن الدولي رقم"), so the window before
# the number is the widest; free words are those that are neither the body,
# nor "رقم", nor a linking word ("قرار مجلس الأمن الخاص بسوريا رقم 2254").
_BEFORE_NUMBER = 12
_MAX_FREE_WORDS = 3
_AFTER_NUMBERS = 8
_BEFORE_WORD = 10


@dataclass(frozen=True)
class FoundResolution:
    number: int
    year: int | None
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "number", "mark" (punctuation) or "stop" (ends a sentence)
    text: str  # normalized
    start: int  # offsets in the normalized text
    end: int


@dataclass(frozen=True)
class _Candidate:
    number: int
    year: int | None
    start: int  # offsets in the normalized text
    end: int
    confirmed: bool  # False: "القرار 2254" naming no body, counted only if confirmed elsewhere


def _n(*words: str) -> frozenset[str]:
    return frozenset(normalize(word) for word in words)


# و/ف, then a preposition ب/ل/ك, then the article: "وبالقرار", "للقرار" (ل +
# القرار loses its alef), "لقرار", "فالقرار".
_PREFIX = r"[وف]?(?:[بك]?ال|لل|[بلك])?"
_RESOLUTION_WORD = re.compile(_PREFIX + r"قرار(?:ات|ين|ان|ي|ا)?(?:ه|ها|هم)?")
_NUMBER_WORD = re.compile(_PREFIX + r"(?:رقم|رقمي|رقما|ارقام|مرقم|مرقمه|مرقمين|مرقمان|مرقمات)")
# Words between the resolution word and its number that neither name a body
# nor weaken the link: "قرار مجلس الأمن ذي الرقم", "القرار الصادر عن مجلس الأمن
# رقم", "القرار الـ2254" (tatweel gone, "ال" stands alone).
_LINKS = _n("ذي", "ذو", "ذا", "ذات", "التابع", "التابعة", "الدولي", "الدولية", "الصادر", "الصادرة",
            "الصادرين", "الصادران", "عن", "ال")
# After the numbers more may stand before the Council or the year: "القرار
# 2254 الذي أصدره مجلس الأمن في عام 2015".
_TRAILING_LINKS = _LINKS | _n("في", "خلال", "الذي", "التي", "اللذين", "اللذان", "أصدره", "أصدرها",
                              "تبناه", "تبناها", "اعتمده", "اعتمدها", "اتخذه", "اتخذها", "بالإجماع")
# "القرار الدولي 2254" means the UN, but only as the word's own adjective.
_INTERNATIONAL = _n("الدولي", "الدولية")
_CONJUNCTIONS = _n("و", "أو", "ثم")
_LIST_MARKS = frozenset({",", "،", "؛"})
_YEAR_WORDS = _n("عام", "لعام", "العام", "للعام", "سنة", "لسنة", "السنة", "للسنة", "بعام")
_ISSUED = _n("الصادر", "الصادرة", "الصادرين", "الصادران", "المعتمد", "المتخذ")
_IN = _n("في", "خلال")
_MONTHS = _n(
    "يناير", "فبراير", "مارس", "أبريل", "إبريل", "ابريل", "مايو", "يونيو", "يونيه", "يوليو", "يوليه",
    "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار",
    "حزيران", "تموز", "آب", "أيلول", "تشرين",
)
_MONTH_ORDINALS = _n("الأول", "الثاني")
# What a counted number is followed by: "394 مليون دولار", "87 عضوا", "29 دولة".
_UNITS = _n(
    "شخص", "شخصا", "أشخاص", "دولة", "دول", "بلدا", "بلدان", "عضو", "عضوا", "أعضاء", "مليون", "ملايين",
    "مليار", "ألف", "آلاف", "دولار", "دولارا", "يورو", "جندي", "جنديا", "جنود", "مقاتل", "مقاتلا",
    "مقاتلين", "عنصر", "عنصرا", "عناصر", "قتيل", "قتيلا", "قتلى", "مدني", "مدنيا", "مدنيين", "طن",
    "كيلومتر", "كلم", "كم", "متر", "يوم", "يوما", "أيام", "أسبوع", "أسابيع", "شهر", "شهرا", "أشهر",
    "سنة", "سنوات", "عاما", "أعوام", "ساعة", "ساعات", "مرة", "مرات", "غارة", "غارات", "ضربة", "ضربات",
    "عملية", "عمليات", "نازح", "نازحا", "لاجئ", "لاجئا", "عائلة", "أسرة", "طفل", "طفلا", "أطفال",
    "امرأة", "معتقل", "معتقلا", "سجين", "سجينا", "هجوم", "هجوما", "هجمات", "شريك", "شريكا", "موقع",
    "موقعا", "هدف", "هدفا", "مواطن", "مواطنا", "مواطنين", "بالمئة", "بالمائة", "سيناتورا",
)


@dataclass(frozen=True)
class _Phrase:
    kind: str  # "council", "un" or "other"
    first: re.Pattern[str]
    rest: tuple[str, ...]


def _phrase(kind: str, words: str) -> _Phrase:
    first, *rest = normalize(words).split()
    stem = first[2:] if first.startswith("ال") else first
    return _Phrase(kind, re.compile(_PREFIX + re.escape(stem)), tuple(rest))


_COUNCIL = ("مجلس الأمن",)
_UN = ("الأممي", "الأممية", "الأمم المتحدة", "المنظمة الأممية")
# Bodies whose resolutions are not the Security Council's, and words that put
# another actor between the resolution word and its number. The national
# security councils share the Council's first two words, so the longest
# phrase wins.
_OTHER = (
    "مجلس الأمن الوطني", "مجلس الأمن القومي", "مجلس الأمن الإقليمي", "الجمعية العامة",
    "الجامعة العربية", "جامعة الدول العربية", "مجلس الوزراء", "مجلس النواب", "مجلس الشيوخ",
    "مجلس الشعب", "مجلس الشورى", "مجلس القضاء", "مجلس حقوق الإنسان", "مجلس المحافظة",
    "مجلس المحافظين", "مجلس التعاون", "مجلس السلم", "مجلس الدفاع", "مجلس الرئاسة", "المجلس الوزاري",
    "المجلس الوطني", "المجلس الأعلى", "المجلس التنفيذي", "البرلمان", "الكونغرس", "الكونجرس",
    "الكنيست", "الحكومة", "الوزارة", "الوزير", "الوزيرة", "الرئيس", "الرئاسة", "المحكمة", "الحلف",
    "الناتو", "الاتحاد", "المنظمة", "الهيئة", "الاجتماع", "المؤتمر", "القمة", "الإدارة", "البنك",
    "المحافظ", "الإقليم",
)
_PHRASES: tuple[_Phrase, ...] = (
    *(_phrase("council", words) for words in _COUNCIL),
    *(_phrase("un", words) for words in _UN),
    *(_phrase("other", words) for words in _OTHER),
)

_TOKEN = re.compile(
    r"(?P<number>\d+(?:[.,\u066b\u066c]\d+)*)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<stop>(?<!\d)\.|\.(?!\d)|[!?؟…]|\n)"
    r"|(?P<mark>[^\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff])"
)
# The document symbol, and the English abbreviation some outlets keep.
_SYMBOL = re.compile(
    r"(?:(?<![A-Za-z])S\s*/\s*RES\s*/\s*|\bUNSCR\s*)(?P<number>\d{1,4})(?!\d)(?:\s*\(\s*(?P<year>\d{4})\s*\))?",
    re.IGNORECASE,
)


def find_resolutions(text: str) -> list[FoundResolution]:
    """Every Security Council resolution cited, once per number (first
    citation wins), in order of first appearance."""
    folded, origin = fold_with_origin(text)
    tokens = _tokenize(folded)
    candidates = _symbol_citations(folded)
    for i, token in enumerate(tokens):
        if token.kind == "word" and _RESOLUTION_WORD.fullmatch(token.text):
            candidates.extend(_read_citation(tokens, i))
    candidates.sort(key=lambda c: c.start)

    confirmed = {c.number for c in candidates if c.confirmed}
    # A resolution's year is the same wherever the article gives it.
    years: dict[int, int] = {}
    for c in candidates:
        if c.year is not None:
            years.setdefault(c.number, c.year)

    sentences = SentenceIndex(text)
    found: dict[int, FoundResolution] = {}
    for c in candidates:
        if c.number not in confirmed or c.number in found:
            continue
        start, end = origin[c.start], origin[c.end - 1] + 1
        sentence = sentences.at(start)
        found[c.number] = FoundResolution(
            number=c.number,
            year=c.year if c.year is not None else years.get(c.number),
            start=start,
            end=end,
            sentence=sentence.text if sentence else "",
        )
    return list(found.values())


def _tokenize(folded: str) -> list[_Token]:
    return [_Token(m.lastgroup or "mark", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


def _symbol_citations(folded: str) -> list[_Candidate]:
    candidates: list[_Candidate] = []
    for m in _SYMBOL.finditer(folded):
        number = int(m["number"])
        if not 1 <= number <= MAX_RESOLUTION:
            continue
        year = int(m["year"]) if m["year"] and MIN_YEAR <= int(m["year"]) <= MAX_YEAR else None
        candidates.append(_Candidate(number, year, m.start("number"), m.end("number"), True))
    return candidates


@dataclass
class _Approach:
    """What stands between a resolution word and its number."""

    at: int  # the number's token
    context: str | None = None
    free_words: int = 0
    numbered: bool = False  # "رقم" stands right before the number
    phrase_year: int | None = None


def _read_citation(tokens: list[_Token], i: int) -> list[_Candidate]:
    """The resolutions cited by the resolution word at tokens[i], if any."""
    approach = _approach(tokens, i)
    if approach is None:
        return []
    # Unknown words between the resolution word and a bare number are most
    # often a date or another body: "القرار الصادر في 18 فبراير".
    if approach.free_words and (approach.context is None or not approach.numbered):
        return []
    items, after = _read_numbers(tokens, approach.at)
    if not items:
        return []
    if len(items) == 1 and items[0][1] is None:
        year = approach.phrase_year if approach.phrase_year is not None else _year_after(tokens, after)
        items = [(items[0][0], year)]
    context = approach.context
    if context is None:
        context = _context_after(tokens, after)
        if context == "other":
            return []
    if context is None and _context_before(tokens, i) == "council":
        context = "council"
    candidates: list[_Candidate] = []
    for token, year in items:
        number = int(token.text)
        confirmed = context is not None or (year is not None and _fits_numbering(number, year))
        candidates.append(_Candidate(number, year, token.start, token.end, confirmed))
    return candidates


def _approach(tokens: list[_Token], i: int) -> _Approach | None:
    """The words from the resolution word at tokens[i] to its number, or
    None when they say it cites nothing."""
    found = _Approach(at=i + 1)
    while True:
        j = found.at
        if j >= len(tokens) or j > i + _BEFORE_NUMBER or tokens[j].kind == "stop":
            return None
        token = tokens[j]
        if token.kind == "number":
            return found
        if token.kind == "mark":
            found.at += 1
            continue
        body = _body_at(tokens, j)
        if body is not None:
            kind, found.at = body
            if kind == "other":
                return None
            found.context, found.numbered = _stronger(found.context, kind), False
            continue
        if not _read_approach_word(tokens, i, found):
            return None


def _read_approach_word(tokens: list[_Token], i: int, found: _Approach) -> bool:
    """One word on the way to the number: False when it ends the citation."""
    j = found.at
    word = tokens[j].text
    if _RESOLUTION_WORD.fullmatch(word):
        return False  # the next resolution word reads its own citation
    if word in _YEAR_WORDS:
        # "قرار مجلس الأمن لعام 2015": the number after it is a year.
        if j + 1 < len(tokens) and _year_value(tokens[j + 1]) is not None:
            found.phrase_year, found.numbered, found.at = _year_value(tokens[j + 1]), False, j + 2
            return True
        return False
    if j == i + 1 and word in _INTERNATIONAL:
        found.context = _stronger(found.context, "un")
    elif _NUMBER_WORD.fullmatch(word):
        found.numbered = True
    elif word not in _LINKS:
        found.free_words += 1
        found.numbered = False
        if found.free_words > _MAX_FREE_WORDS:
            return False
    found.at += 1
    return True


def _read_numbers(tokens: list[_Token], j: int) -> tuple[list[tuple[_Token, int | None]], int]:
    """The list of numbers starting at tokens[j] ("2170 و2178، 2199 والقرار
    2253"), each with its year, and the index after the list."""
    items: list[tuple[_Token, int | None]] = []
    while True:
        read = _read_number(tokens, j)
        if read is None:
            break
        token, year, j = read
        items.append((token, year))
        following = _next_in_list(tokens, j)
        if following is None:
            break
        if _read_number(tokens, following) is None:
            break
        j = following
    return items, j


def _read_number(tokens: list[_Token], j: int) -> tuple[_Token, int | None, int] | None:
    if j >= len(tokens):
        return None
    token = tokens[j]
    if token.kind != "number" or not token.text.isdigit():
        return None  # "10,000", "13.02.2018"
    if not 1 <= int(token.text) <= MAX_RESOLUTION:
        return None
    before = tokens[j - 1] if j > 0 else None
    if before is not None and before.text == "/":
        return None  # the session half of "67/19", or a symbol read elsewhere
    after = j + 1
    if after < len(tokens) and tokens[after].text == ")" and before is not None and before.text == "(":
        after += 1
    following = tokens[after] if after < len(tokens) else None
    if following is not None:
        if following.kind == "word" and (following.text in _UNITS or following.text in _MONTHS):
            return None
        if following.text in {"%", "٪", ":"}:
            return None
        if following.text == "/":
            slash_year = _year_value(tokens[after + 1]) if after + 1 < len(tokens) else None
            if slash_year is None:
                return None  # "67/19": the General Assembly's session/number
            return token, slash_year, after + 2
    read = _read_year(tokens, after)
    if read is not None:
        return token, read[0], read[1]
    return token, None, after


def _next_in_list(tokens: list[_Token], j: int) -> int | None:
    """Where the next number of a list stands, if tokens[j] continues one:
    "، 2178", "و 2178", "و2178", "، و2199", "والقرار 2178", "ورقم 2178"."""
    joined = False
    while j < len(tokens) and tokens[j].kind == "mark" and tokens[j].text in _LIST_MARKS:
        joined = True
        j += 1
    if j < len(tokens) and tokens[j].kind == "word" and tokens[j].text in _CONJUNCTIONS:
        joined = True
        j += 1
    if j < len(tokens) and tokens[j].kind == "word" and _RESOLUTION_WORD.fullmatch(tokens[j].text):
        joined = joined or tokens[j].text.startswith("و")
        j += 1
    if j < len(tokens) and tokens[j].kind == "word" and _NUMBER_WORD.fullmatch(tokens[j].text):
        joined = joined or tokens[j].text.startswith("و")
        j += 1
    if joined and j < len(tokens) and tokens[j].kind == "number":
        return j
    return None


def _read_year(tokens: list[_Token], j: int) -> tuple[int, int] | None:
    """A year right after a number: "(2015)", "لعام 2015", "الصادر عام
    2015", "الصادر في 18 ديسمبر 2015"; the year and the index after it."""
    def at(k: int) -> _Token | None:
        return tokens[k] if k < len(tokens) else None

    first = at(j)
    if first is None:
        return None
    if first.text == "(":
        year, close = at(j + 1), at(j + 2)
        if year is not None and close is not None and close.text == ")" and _year_value(year) is not None:
            return _year_value(year), j + 3
        return None
    k = j
    if (token := at(k)) is not None and token.text in _ISSUED:
        k += 1
    if (token := at(k)) is not None and token.text in _IN:
        k += 1
    if (token := at(k)) is not None and token.text in _YEAR_WORDS:
        year = at(k + 1)
        if year is not None and _year_value(year) is not None:
            return _year_value(year), k + 2
        return None
    if (token := at(k)) is not None and token.kind == "number" and token.text.isdigit() and int(token.text) <= 31:
        k += 1
    if (token := at(k)) is None or token.text not in _MONTHS:
        return None
    k = _past_month_name(tokens, k)
    # "18 ديسمبر/كانون الأول 2015"
    if (token := at(k)) is not None and token.text == "/" and (month := at(k + 1)) is not None and month.text in _MONTHS:
        k = _past_month_name(tokens, k + 1)
    year = at(k)
    if year is not None and _year_value(year) is not None:
        return _year_value(year), k + 1
    return None


def _past_month_name(tokens: list[_Token], k: int) -> int:
    """The index after the month name at tokens[k], two words for the
    Levantine "كانون الأول", "تشرين الثاني"."""
    k += 1
    if k < len(tokens) and tokens[k].text in _MONTH_ORDINALS:
        k += 1
    return k


def _year_after(tokens: list[_Token], j: int) -> int | None:
    """A year given a few words after the numbers, past the Council's name
    and linking words only: "القرار 2254 الصادر عن مجلس الأمن الدولي عام 2015"."""
    limit = j + _AFTER_NUMBERS
    while j < len(tokens) and j < limit:
        read = _read_year(tokens, j)
        if read is not None:
            return read[0]
        token = tokens[j]
        if token.kind == "mark" and token.text in _LIST_MARKS:
            j += 1
            continue
        if token.kind != "word":
            return None
        body = _body_at(tokens, j)
        if body is not None and body[0] != "other":
            j = body[1]
        elif token.text in _TRAILING_LINKS:
            j += 1
        else:
            return None
    return None


def _context_after(tokens: list[_Token], j: int) -> str | None:
    """The first body named after the numbers, within the same sentence and
    before another resolution word."""
    for k in range(j, min(len(tokens), j + _AFTER_NUMBERS)):
        token = tokens[k]
        if token.kind == "stop":
            return None
        if token.kind != "word":
            continue
        if _RESOLUTION_WORD.fullmatch(token.text):
            return None
        body = _body_at(tokens, k)
        if body is not None:
            return body[0]
    return None


def _context_before(tokens: list[_Token], i: int) -> str | None:
    """The nearest body named just before the resolution word: "تبنى مجلس
    الأمن بالإجماع القرار 2254". Only the Council or another body decide;
    "الأمم المتحدة" here is as often the General Assembly."""
    for k in range(i - 1, max(-1, i - 1 - _BEFORE_WORD), -1):
        token = tokens[k]
        if token.kind == "stop":
            return None
        if token.kind != "word":
            continue
        body = _body_at(tokens, k)
        if body is not None and body[0] != "un":
            return body[0]
    return None


def _body_at(tokens: list[_Token], j: int) -> tuple[str, int] | None:
    """The body named by the phrase starting at tokens[j] (the longest one
    matching) and the index after it."""
    best: tuple[str, int] | None = None
    for phrase in _PHRASES:
        if not phrase.first.fullmatch(tokens[j].text):
            continue
        end = j + 1 + len(phrase.rest)
        if end > len(tokens):
            continue
        if all(tokens[j + 1 + n].kind == "word" and tokens[j + 1 + n].text == word
               for n, word in enumerate(phrase.rest)):
            if best is None or end > best[1]:
                best = (phrase.kind, end)
    return best


def _stronger(context: str | None, kind: str) -> str:
    return "council" if "council" in (context, kind) else kind


def _year_value(token: _Token) -> int | None:
    if token.kind == "number" and len(token.text) == 4 and token.text.isdigit():
        year = int(token.text)
        if MIN_YEAR <= year <= MAX_YEAR:
            return year
    return None


def _fits_numbering(number: int, year: int) -> bool:
    """Whether a resolution with this number could have been adopted in this
    year (the Council's numbering, archive.reference.resolutions), a year
    either way: the press misdates a resolution it cites at times. A number
    and a year that do not fit are not a Council citation: "القرار رقم 45
    لسنة 2019" is a ministry's decree."""
    bounds = unsc.year_bounds(number)
    if bounds is None:
        return False
    earliest, latest = bounds
    return earliest - 1 <= year and (latest is None or year <= latest + 1)
