"""The meeting an article reports: when, where, how, what kind, how many.

Each fact comes with the sentence that states it, or stays empty: an
article that does not say where a meeting was held has no place, whatever
the dateline says (cleaning has already taken the dateline off the body).

- Place: a city from data/cities.json in a sentence about the meeting, after
  "في" or an attached "ب" ("اجتماع عقده الوزراء بالعاصمة الأمريكية
  واشنطن", "اجتمع … في واشنطن العاصمة"), or right after the word
  "اجتماع" ("اجتماع واشنطن"). A country is not a place ("استضافة الجلسة
  العامة … في إيطاليا" names no city, and is a future meeting anyway).
- Format: virtual on any of the press's phrases for it (افتراضي، عبر
  الفيديو، دائرة تلفزيونية مغلقة، التواصل المرئي…); in person when the text
  says the meeting was held in a city and nothing says virtual; otherwise
  unknown.
- Kind: small group (المصغر), political directors (المديرين السياسيين),
  ministerial (وزراء الخارجية/الدفاع، الاجتماع الوزاري); other meetings are
  left for the editor.
- Ministers: whose ministers met, foreign, defence or both, from the
  meeting's sentences ("وزراء دفاع التحالف"); one "وزير الدفاع" may be a guest.
- Counts: coalition members ("87 عضوا", "أعضاء التحالف الـ 82", "العضو
  السابع والثمانين") and participating countries ("وشاركت 29 دولة", "وزراء
  … من 40 دولة"). Numbers of partners, donors or attacks are neither.
- Date: the first date in a sentence about the meeting, relative dates
  resolved against the publication date by archive.importing.dates.

Pure Python, no Django.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from archive import text as arabic
from archive.importing import countries, dates, numbers
from archive.importing.sentences import SentenceIndex

FORMAT_VIRTUAL = "virtual"
FORMAT_IN_PERSON = "in_person"
KIND_MINISTERIAL = "ministerial"
KIND_SMALL_GROUP = "small_group"
KIND_POLITICAL_DIRECTORS = "political_directors"
KIND_OTHER = "other"
MINISTERS_FOREIGN = "foreign"
MINISTERS_DEFENCE = "defence"
MINISTERS_BOTH = "foreign_and_defence"


@dataclass(frozen=True)
class Fact:
    value: object
    sentence: str


@dataclass
class MeetingFacts:
    reported: bool = False  # the article reports a meeting at all
    date: Fact | None = None
    place: Fact | None = None
    format: Fact | None = None
    kind: Fact | None = None
    ministers: Fact | None = None  # whose ministers met: foreign, defence or both
    member_count: Fact | None = None
    participant_count: Fact | None = None
    ordinal: Fact | None = None  # "الاجتماع الوزاري الحادي عشر": 11
    # "مؤتمر إقليمي في السعودية": the country it was held in (ISO code), when no city is named.
    country: Fact | None = None
    # A relative date that could not be resolved (no publication date): the
    # weekday it names, for the matcher to check against a meeting's date.
    weekday: int | None = None
    # … read from the lead, or from a sentence in the future tense, not from
    # the meeting's own report of itself: a weaker signal.
    weekday_weak: bool = False
    date_is_relative: bool = False  # read from "اليوم"/"الثلاثاء" against the publication date
    # "في 22 آذار الجاري": a day and month without their year, when no date is read.
    day_month: Fact | None = None
    # "في 25 الجاري" with no publication date to name the month: the day.
    day_of_month: Fact | None = None
    # "تستضيف واشنطن الشهر المقبل اجتماعا": held in the month after the page's.
    next_month: bool = False
    # "سيعقد في باريس منتصف أيلول (سبتمبر) الجاري": the month alone, with no
    # day and no year, when nothing more precise is read.
    month: Fact | None = None
    # "منذ 8 سبتمبر الجاري" anywhere on a page with no date: the month it
    # was written in, when every such phrase names the same one.
    written_month: Fact | None = None
    # "بدعوة مشتركة من إيطاليا والولايات المتحدة": the states that called or
    # co-chaired it (ISO codes), for the matcher to check against its chairs.
    hosts: Fact | None = None
    sentence: str = ""  # the sentence that reports the meeting
    # The city of the wire's dateline ("بروكسل – واس"): where the report
    # was filed, most often but not always where the meeting was.
    dateline: str = ""
    notes: list[str] = field(default_factory=list)

    def value(self, name: str):
        fact = getattr(self, name)
        return fact.value if fact is not None else None


def _f(pattern: str) -> str:
    """A pattern written in ordinary Arabic, in the folded form it runs on."""
    return arabic.normalize(pattern)


# Words that make a sentence about a meeting being held.
_MEETING = re.compile(
    _f(
        r"(?<!\w)(?:[وف]?(?:بال|لل|ال|ب|ل)?اجتماع(?:ا|ه|هم|ها|ات)?|[وف]?اجتمع(?:وا|ت)?|[وف]?س?[تي]جتمع(?:ون|ان)?|[وف]?س?[تي]لتقي(?:ون|ان)?|[وف]?(?:بال|لل|ال|ب|ل)?مؤتمر(?:ا|ات)?(?! صحفي| صحافي| صحفيا| صحافيا)|[وف]?(?:ال)?جلسة"
        r"|[وف]?عقد(?:ت|وا|ه)?|[وف]?انعقد(?:ت)?|المنعقد(?:ة)?|[وف]?اختتم(?:ت|وا)?|[وف]?ترأس(?:ه|ها)?|[وف]?يرأس(?:ه)?"
        r"|بدعوة"
        # "بدأت ظهر اليوم الثلاثاء قمة وزارية مصغرة في روما" (dev8/07): a
        # summit of ministers or of the small group, not a heads' summit.
        r"|[وف]?(?:بال|لل|ال|ب|ل)?قمة (?:ال)?(?:وزارية|مصغرة)"
        # "نحو 79 من شركاء التحالف، تجمعوا في واشنطن" (dev8/26).
        r"|[وف]?تجمعوا"
        # "سنجمع في 14 نوفمبر في واشنطن أكثر من 35 دولة عضو" (dev13/b01): a
        # gathering of states or ministers, not "يجمع بين" anything else.
        r"|[وف]?س?[نيت]جمع(?=(?:\s+\S+){0,9}?\s+(?:دولة|دول|وزراء|وزير|وزيرا)(?!\w))"
        # "مطمئنا الحلفاء المجتمعين في واشنطن", "التقوا في كندا", "يستضيف … وزراء خارجية دول التحالف".
        r"|(?:ال)?مجتمع(?:ين|ون)|[وف]?التقوا|[وف]?س?[يت]ستضيف(?:ه|ها|ان)?|[وف]?استضاف(?:ت|ه|ها)?"
        # "عقب لقائه بنظرائه العشر": a meeting with counterparts (not an interview).
        r"|[وف]?(?:ب|ل)?(?:ال)?لقا[ءئي]?(?:ه|هم|ها)?(?=\s+(?:ب(?:ال)?|مع\s+(?:ال)?)(?:نظرائ|نظير|وزراء))"
        # "لقاء روما للمجموعة المصغرة" (dev5/11), "محادثات باريس حول مكافحة
        # التنظيم" (dev5/01): a place's meeting of a group, talks on a subject.
        r"|[وف]?(?:في\s+)?(?:ال)?لقاء(?=\s+\S+\s+(?:لل|ل)(?:مجموعة|تحالف|دول))"
        r"|[وف]?(?:ال)?محادثات(?=\s+\S+\s+(?:حول|بشان|لمكافحة|لبحث))"
        # "يجري … محادثات في باريس مع نظيره و13 وزير دفاع" (dev6/08): talks in a city with counterparts.
        r"|[وف]?(?:ال)?محادثات(?=\s+في\s+\S+\s+مع\s+(?:نظير|نظرائ|وزراء|\S+\s+وزراء))"
        # "وكان تيلرسون يتحدث أمام مسؤولين كبار من تحالف دولي يضم 68 بلداً"
        # (dev6/10): an address to the coalition's members.
        r"|[وف]?(?:[يت]?تحدث|متحدثا|(?:ال)?كلمة|كلمته|كلمتها|(?:ال)?خطاب|خطابه)"
        # "خلال كلمته التى ألقاها أمام أعضاء التحالف الدولي بواشنطن" (dev12/32).
        r"(?=(?:\s+(?:التي|الذي)\s+(?:القاها|القتها|القاه|القته|وجهها|وجهه))?"
        r"\s+امام(?:\s+\S+){0,4}?\s+(?:من\s+)?(?:ال)?(?:تحالف|ائتلاف)(?!\w))"
        r")(?!\w)"
    )
)
_HELD = re.compile(
    _f(r"(?<!\w)(?:(?:ال)?مجتمع(?:ين|ون)|[وف]?التقوا|[وف]?تجمعوا|[وف]?اجتمع(?:وا|ت)?|[وف]?س?[تي]جتمع(?:ون|ان)?|[وف]?س?[تي]لتقي(?:ون|ان)?|[وف]?عقد(?:ت|وا|ه)?|[وف]?انعقد(?:ت)?|المنعقد(?:ة)?|يعقد|تعقد|[وف]?اختتم(?:ت|وا)?|[وف]?استضاف(?:ت|ه|ها)?|اجتماع(?:ا|هم)?|بدعوة)(?!\w)")
)
_VIRTUAL = re.compile(
    _f(
        r"افتراضي|افتراضيا|افتراضية|عبر (?:تقنية |دائرة |خاصية |تطبيق )?(?:ال)?فيديو|دائرة تلفزيونية مغلقة"
        r"|(?:ال)?تواصل المرئي|(?:ال)?اتصال المرئي|عن بعد|فيديو كونفرانس|الفيديو كونفرانس|بالفيديو|المتلفز"
    )
)
_REMOTE_PARTICIPANT = re.compile(_f(r"(?<!\w)[وف]?(?:شارك|انضم|تحدث|القى|س?يشارك|س?ينضم|س?يتحدث|[لف]?يكتفي|بمتابعة|يتابع)(?!\w)"))
# A virtual cue counts for the meeting only this close to a word of it:
# "أجرى بوريطة منذ يومين مباحثات عبر تقنية الاتصال المرئي" in a report of
# the Marrakech meeting is another conversation.
_VIRTUAL_REACH = 80
# Conferences and working groups: meetings of another kind.
_OTHER_MEETINGS = re.compile(
    _f(
        r"(?<!\w)[وف]?(?:بال|لل|ال|ب|ل)?مؤتمر(?! صحفي| صحافي| صحفيا| صحافيا)(?!\w)"
        r"|مجموع(?:ة|ات) (?:ال)?عمل(?! المالي)|مجموعة مكافحة|فريق (?:ال)?عمل"
    )
)
_IN_PERSON_WORDS = re.compile(_f(r"حضوري|حضوريا|وجها لوجه"))
# Political directors of the small group meet as political directors: that
# kind is looked for first.
_KINDS = (
    (
        KIND_POLITICAL_DIRECTORS,
        re.compile(_f(r"(?:ال)?(?:مدير(?:ين|ون|و|ي)?|مدراء) (?:ال)?سياسي(?:ين|ون)|مديري الشؤون السياسية")),
    ),
    (KIND_SMALL_GROUP, re.compile(_f(r"(?:ال)?مصغر(?:ة|ا)?(?!\w)|المجموعة المصغرة|المجموعة الصغيرة"))),
    (
        KIND_MINISTERIAL,
        re.compile(
            _f(
                r"(?:ال)?اجتماع(?:ات)? (?:ال)?وزاري|(?:ال)?مؤتمر (?:ال)?وزاري|(?:ال)?وزاري(?:ة)? (?:ل|الموسع)"
                r"|وزراء (?:ال)?(?:خارجية|دفاع)|وزراء الخارجية|وزراء الدفاع"
                # "اجتماع على مستوى وزراء دول التحالف" (dev6/01), "على المستوى الوزاري"
                r"|على (?:ال)?مستوى (?:ال)?وزراء|على المستوى الوزاري"
            )
        ),
    ),
)

# Whose ministers met, as the meeting's sentences name them ("وزراء دفاع
# التحالف", "وزراء خارجية ودفاع"); "وزير الدفاع" alone may be one guest.
_MINISTERS_OF = (
    (MINISTERS_BOTH, re.compile(_f(r"وزراء (?:ال)?خارجية و(?:ال)?دفاع|وزراء (?:ال)?دفاع و(?:ال)?خارجية"))),
    # "15 وزير دفاع", "23 وزيرا للخارجية": counted, in the singular.
    (MINISTERS_DEFENCE, re.compile(_f(r"(?<!\w)[وفل]?(?:ل|ال)?وزراء (?:ال)?دفاع(?!\w)|\d{1,3}\s+وزير(?:ا)?\s+(?:لل|ال)?دفاع(?!\w)"))),
    (MINISTERS_FOREIGN, re.compile(_f(r"(?<!\w)[وفل]?(?:ل|ال)?وزراء (?:ال)?خارجية(?!\w)|\d{1,3}\s+وزير(?:ا)?\s+(?:لل|ال)?خارجية(?!\w)"))),
)
_OTHER_BODY = re.compile(
    _f(r"\s*(?:لل|ل|ال|في )?(?:حلف|الناتو|ناتو|جامعة|الجامعة|مجلس|المجلس|الاتحاد|اتحاد|منظمة|الامم|مجموعة العشرين|مجموعة السبع)")
)
_MINISTERIAL_WORD = re.compile(_f(r"^\s*(?:ال)?وزاري(?:ة)?(?!\w)"))
_TODAY = re.compile(_f(r"(?<!\w)اليوم(?!\w)"))
_MINISTERS = re.compile(_f(r"(?<!\w)[وف]?وزراء(?!\w)"))
_NUMBER = r"(?P<number>\d{1,3})"
_WORD_NUMBER = (
    r"(?P<words>(?:"
    + numbers.alternatives(numbers.ONES)
    + r")(?: ?و ?(?:"
    + numbers.alternatives(numbers.TENS)
    + r"))?|(?:"
    + numbers.alternatives(numbers.TENS)
    + r"))"
)
_COUNT = rf"(?:{_NUMBER}|{_WORD_NUMBER})"
_STATES = _f(r"(?:دولة|دول|بلدا|بلدان|دولا)(?!\w)")
_MEMBERS = [
    # "انضمام المالديف إلى التحالف ليصبح عدد الأعضاء 87 دولة" (dev12/45).
    re.compile(_f(rf"(?:يصل|ليصل|وصل|بلغ|ليبلغ|يبلغ|يصبح|ليصبح|اصبح|يرتفع|ليرتفع|ارتفع)\s+(?:العدد الاجمالي للاعضاء|عدد (?:ال)?اعضاء(?: التحالف)?(?: الدولي)?|العدد)\s+(?:الى\s+)?{_COUNT}")),
    re.compile(_f(rf"(?:ال)?اعضاء (?:في )?التحالف(?: الدولي)?(?: ضد داعش| لهزيمة داعش)?\s+(?:الـ|ال)\s?{_COUNT}(?!\d)")),
    re.compile(_f(rf"(?:يضم|يتالف من|المكون من|المؤلف من|الذي يضم|المؤلف|المكون)\s+{_COUNT}\s+(?:{_STATES}|عضوا|عضو)")),
    # "المجموعة التي تمثل تحالفا من 66 بلدا" (dev4/15)
    re.compile(_f(rf"(?<!\w)(?:ال)?تحالفا?\s+(?:من|يضم)\s+{_COUNT}\s+{_STATES}")),
    re.compile(_f(rf"{_COUNT}\s+(?:عضوا|عضو)(?!\w)")),
    re.compile(_f(rf"(?:ال)?اعضاء\s+(?:الـ|ال)\s?{_COUNT}(?!\d)")),
    re.compile(_f(rf"(?:ال)?تحالف\s+(?:ال)?بالغ(?:ة)?\s+عدد(?:ها|هم|ه)\s+{_COUNT}(?!\d)")),
    re.compile(_f(rf"(?:ال)?اعضاء\s+(?:في\s+)?(?:ال)?تحالف(?:\s+\S+){{0,2}}?\s+(?:ال)?بالغ(?:ة)?\s+عدد(?:ها|هم|ه)\s+{_COUNT}(?!\d)")),
    re.compile(_f(rf"(?:ال)?بالغ(?:ة)?\s+عدد(?:ها|هم|ه)\s+{_COUNT}(?!\d)")),
    re.compile(_f(rf"(?:ال)?تحالف(?: الدولي)? (?:الـ|ال)\s?{_COUNT}(?!\d)")),
    # "نشأ التحالف … من 12 دولة، واليوم بلغ عدد الدول المشاركة 79 دولة"
    # (dev6/16): the coalition's growth; the states at one meeting are
    # counted "في الاجتماع".
    re.compile(_f(rf"(?:يصل|ليصل|وصل|بلغ|ليبلغ|يبلغ)\s+عدد\s+(?:ال)?دول\s+(?:ال)?(?:مشاركة|اعضاء)\s+(?:الى\s+)?{_COUNT}\s+{_STATES}")),
    # "وخاطب بومبيو نحو 79 من شركاء التحالف" (dev8/26).
    re.compile(_f(rf"(?<![\d.]){_COUNT}\s+من\s+(?:شركاء|اعضاء|الدول\s+(?:الاعضاء|الشريكة)\s+في)\s+(?:ال)?تحالف")),
    # "للدول الـ68 الأعضاء في التحالف"
    re.compile(_f(rf"(?:لل|ال)?دول\s+(?:الـ|ال)\s?{_COUNT}\s+(?:ال)?(?:اعضاء|شريكة|شركاء)(?!\w)")),
]
_MEMBER_ORDINAL = re.compile(
    _f(
        rf"(?:ال)?عضو (?:رقم )?(?P<ordinal>(?:(?:{numbers.ALL_UNITS}) ?و ?)?(?:{numbers.ordinal_tens(90)}))(?!\w)"
    )
)
# "24 دولة ومنظمة" counts states and organizations together: no count of states.
_NOT_ONLY_STATES = r"(?!\s*و\s*(?:ال)?منظم)"
# "بمشاركة سبع دول عربية هي العراق والبحرين …" (dev10/08): the states of one
# region among those taking part, not all of them.
_REGIONS = ("عربية", "اوروبية", "خليجية", "افريقية", "اسلامية", "اسيوية", "غربية", "اجنبية")
_NOT_A_REGION = r"(?!\s+(?:" + "|".join(_REGIONS) + r")(?!\w))"
_WHOLE = _NOT_ONLY_STATES + _NOT_A_REGION
_PARTICIPANTS = [
    re.compile(_f(rf"وزراء (?:ال)?(?:خارجية|دفاع)(?: و(?:ال)?(?:خارجية|دفاع))?\s+{_COUNT}\s+{_STATES}{_WHOLE}")),
    re.compile(_f(rf"(?:شارك|شاركت|يشارك|تشارك|بمشاركة|وبمشاركة|حضر|حضره|حضرها|حضور)(?:ت)?(?:\s+(?:فيه|فيها|في الاجتماع|ممثلو|ممثلون|ممثلين عن|وزراء|وزراء خارجية|مسؤولون من))*\s+{_COUNT}\s+{_STATES}{_WHOLE}")),
    re.compile(_f(rf"(?:وزراء|ممثلو|ممثلي|ممثلين|مسؤولون|مسؤولين|وفود|المديرين|مديري)(?:\s+\S+){{0,4}}?\s+(?:(?:من|عن)\s+|ل)?{_COUNT}\s+{_STATES}{_WHOLE}")),
    # "نحو 30 دولة ومنظمة متعددة الأطراف مشاركة في محادثات باريس" (dev5/01)
    re.compile(_f(rf"{_COUNT}\s+{_STATES}{_NOT_A_REGION}(?:\s+\S+){{0,3}}?\s+(?:شاركت|تشارك|مشاركة|حضرت)")),
]


def _count(match: re.Match[str]) -> int | None:
    if match.group("number"):
        return int(match.group("number"))
    return numbers.count_value(match.group("words"))


def _ordinal(words: str) -> int | None:
    return numbers.ordinal_value(words)


# "الاجتماع الوزاري الحادي عشر", "الاجتماع الـ19 للتحالف", "المؤتمر الوزاري
# الثالث": a meeting word, at most two describing words, then the ordinal.
# "الاجتماع الثاني": a unit alone; "الأول" and "الحادي" alone are too common to count.
_LONE_UNITS = numbers.alternatives(w for w in numbers.ORDINAL_UNITS if w not in {"الاول", "الحادي"})
_ORDINAL_WORDS = (
    rf"(?:(?:{numbers.COMPOUND_UNITS})\s+عشر"
    rf"|(?:(?:{numbers.ALL_UNITS})\s+و\s?)?(?:{numbers.ordinal_tens(40)})|العاشر|{_LONE_UNITS})"
)
_ORDINAL_MEETING = re.compile(
    _f(
        r"(?<!\w)(?:ال|لل|بال|و?ال)?(?:اجتماع|مؤتمر)(?:\s+(?:ال)?(?:وزاري|سنوي|عام|موسع|رفيع|مصغر|عادي))?"
        rf"\s+(?P<ordinal>{_ORDINAL_WORDS}|(?:الـ|ال|رقم)\s?\d{{1,2}})(?!\w)(?!\s+(?:من|لل?ازمة))"
    )
)

# The number words as they look in folded text, for _count and _ordinal.


@dataclass(frozen=True)
class City:
    name: str
    name_en: str
    iso: str
    ambiguous: bool


@cache
def _cities() -> tuple[dict[str, City], int]:
    raw = resources.files("archive.importing").joinpath("data/cities.json").read_text(encoding="utf-8")
    forms: dict[str, City] = {}
    for item in json.loads(raw):
        city = City(item["name"], item["name_en"], item.get("iso", ""), bool(item.get("ambiguous")))
        for form in (item["name"], *item.get("aliases", ())):
            forms.setdefault(arabic.key(form), city)
    longest = max(len(form.split()) for form in forms)
    return forms, longest


# Before a city: "في", or "ب" glued to it, or a description of it.
_CITY_LEAD = re.compile(_f(r"(?:(?<!\w)في\s+|(?<!\w)[وف]?ب)(?:(?:ال)?عاصمة(?:\s+\S+ي(?:ة)?)?،?\s+|مدينة\s+)?$"))
_CITY_DESCRIBED = re.compile(_f(r"(?:عاصمة|مدينة)(?:\s+\S+ي(?:ة)?)?،?\s+$"))
# "في العاصمة الأمريكية (واشنطن)", "في «روما»": the city in brackets or quotes.
_OPENING_MARKS = re.compile(r"[\s(«\"“]+$")
_MEETING_OF = re.compile(_f(r"(?:ال)?(?:اجتماع|مؤتمر|لقاء|محادثات)\s+$"))
_HOSTED_BY = re.compile(
    _f(
        r"(?<!\w)[وف]?س?(?:استضافت|استضاف|تستضيف|يستضيف|تستضيفه|يستضيفه|استضافته|استضافه|احتضنت|احتضن|تحتضن|يحتضن|تحتضنه)"
        r"\s+(?:في\s+)?(?:(?:ال)?عاصمة(?:\s+\S+ي(?:ة)?)?،?\s+|مدينة\s+|دولة\s+)?$"
    )
)
_HOSTS = re.compile(_f(r"\s+(?:[وف]?س?(?:تستضيف|يستضيف|استضافت|استضاف|احتضنت|تحتضن))(?!\w)"))
_MAX_WORDS_TO_CITY = 16
# "مؤتمر للدول الـ60 … وذلك في مقر حلف شمال الأطلسي بالعاصمة البلجيكية
# بروكسل": "وذلك" takes the sentence's event up again, so the distance to
# the city counts from it.
_TAKEN_UP = re.compile(_f(r"(?<!\w)وذلك(?!\w)"))
# "أن فرنسا والولايات المتحدة تنظمان الأربعاء في باريس اجتماعاً": a verb of
# organizing, at most two words (a weekday, "اليوم"), then the city, with
# the meeting named right after it.
_ORGANIZED_IN = re.compile(
    _f(r"(?<!\w)[وف]?(?:[تي]?نظم|نظمت|[تي]عقد|عقدت|[تي]ستضيف|استضافت)(?:ان|ون|وا)?(?:\s+\S+){0,2}?(?:\s+في\s+|\s+[وف]?ب)$")
)

# "ويعقد الاجتماع بينما بدأت في جنيف محادثات" (dev12/12): a clause of
# something else happening meanwhile, with its own place.
_OTHER_CLAUSE = re.compile(_f(r"(?<!\w)(?:بينما|وبينما|في حين|فيما)\s+(?:[تي]|بدا|بدات|كان|كانت|انطلق|انطلقت|جر)"))
# … but "في بيان صدر بعد اجتماع في واشنطن" (dev12/45): the statement the
# article reports was issued after its own meeting.
_WITH_ANOTHER = re.compile(_f(r"(?<!\w)(?:مع|ومع|(?<!صدر )(?<!الصادر )بعد|قبل|غرار)\s+$"))
_OTHER_EVENT = re.compile(
    _f(
        r"هجم|هجوم|تفجير|انفجار|معارك|معركة|ضربات|غارات|غارة|قتال|عمليات|مخيم|سجن|سجون|اعتداء|حادث|مقتل|قتلى"
        r"|ضحايا|سيطرة|تحرير|احتلال|النازحين|اللاجئين|المعارضة|الحدود|سفارة|السفارة"
        # "أن استعادة مدينة الموصل ستكون لها دورا" (dev12/18): the war's city.
        r"|استعادة|استرداد"
        # "والاول منذ هزيمة (داعش) في الرقة" (dev9/11): the war's city, not
        # the coalition's own name ("التحالف الدولي لهزيمة داعش في واشنطن").
        r"|(?<!ل)هزيمة|(?<!ل)دحر"
        # "تناولت عدة قضايا من بينها تطورات الأوضاع في إدلب" (dev6/33): a topic's city.
        r"|الاوضاع|الوضع|تطورات|الازمة"
    )
)
# The article's first meeting sentence in the future tense: a preview.
# The stems that follow the future's سـ in what the press says of a meeting
# to come ("سيعقد", "ستستضيف", "سيترأسان"). A list, not "any word after
# سي/ست": that read "ستين دولة" and "السياسيين" as the future.
_FUTURE_STEMS = (
    "عقد", "نعقد", "جتمع", "ترا?س", "شارك", "ستضيف", "حتضن", "بحث", "ناقش", "لتقي", "نطلق", "بدا", "ختتم",
    "كون", "حضر", "ضم", "تناول", "ركز", "سعى", "ستعرض", "قدم", "صدر", "علن", "توجه", "جمع", "لقي", "طرح",
)
_FUTURE_VERB = r"[وف]?(?:سي|ست|سن)(?:" + "|".join(_FUTURE_STEMS) + r")\w*"
# The article's first meeting sentence in the future tense: a preview.
# "اجتماعا … من المقرر عقده يوم الخامس عشر" (dev5/18) is one too.
_PREVIEW = re.compile(_f(rf"(?<!\w)(?:{_FUTURE_VERB}|سوف|من المقرر|المقرر عقده|المقرر عقدها)(?!\w)"))
# … or a day to come named in it: "ينعقد اجتماع … يوم الخميس المقبل".
_PREVIEW_DAY = re.compile(dates.NEXT_DAY)
# A meeting the lead says was held: "عقب اجتماعها أمس", "انطلقت … أعمال الاجتماع".
_HELD_PAST = re.compile(
    _f(r"(?<!\w)(?:امس|الماضي|الماضية|عقب|[وف]?(?:انطلقت|انطلق|اختتم|اختتمت|عقد|عقدت|انعقد|انعقدت|اجتمع|اجتمعت|اجتمعوا|التقوا))(?!\w)")
)
_FUTURE = re.compile(_f(rf"(?<!\w)(?:{_FUTURE_VERB}|سوف|المقبل|المقبلة|القادم|القادمة|ترقب|مرتقب|مرتقبة|امكانية|استضافة)(?!\w)"))


def find_place(sentences: Sequence[str], preview: bool = False) -> tuple[City, int] | None:
    """The first city a meeting sentence says it was held in, with the
    number of its sentence. Sentences are in folded form. In a `preview`
    (an article about a meeting to come), a city said in the future tense is
    that meeting's."""
    forms, longest = _cities()
    for number, chunk in enumerate(sentences):
        # Agency copy puts the meeting in its lead: "بحث وزراء دفاع التحالف،
        # أمس الخميس، في العاصمة البلجيكية بروكسل، …".
        anchors = (_MEETING, _HELD, _MINISTERS, _COUNTED_MINISTERS) if number == 0 else (_MEETING, _HELD, _TO_ATTEND, _FLIGHT)
        if not any(anchor.search(chunk) for anchor in anchors):
            continue
        words = list(re.finditer(r"\w+", chunk))
        for n, word in enumerate(words):
            for size in range(min(longest, len(words) - n), 0, -1):
                phrase = " ".join(w.group() for w in words[n : n + size])
                # "بواشنطن", "وبغداد": a clitic glued to the first word.
                readings = [(phrase, 0)] + [(phrase[len(c) :], len(c)) for c in ("وب", "فب", "ب", "و") if phrase.startswith(c)]
                for reading, clitic in readings:
                    city = forms.get(reading)
                    if city is None or not _placed(chunk, word.start(), clitic, city, anchors, lead=preview or number == 0, end=words[n + size - 1].end()):
                        continue
                    return city, number
    return None


# "بدأ في العاصمة باريس اليوم الثلاثاء اجتماعا مصغرا", "انطلقت، اليوم
# الاثنين بواشنطن، أشغال الاجتماع": a sentence that opens on the city, the
# meeting named right after it.
_OPENING_WORDS = 5
# "التقى، أمس، في روما 15 وزير دفاع" (dev4/26): the ministers who met, counted.
_COUNTED_MINISTERS = re.compile(_f(r"(?<!\w)\d{1,3}\s+وزير(?:ا)?\s+(?:دفاع|خارجية)(?!\w)"))
_MEETING_AFTER_CHARS = 60


# "انطلقت، اليوم الخميس بمقر وزارة الخارجية الأمريكية بواشنطن، أشغال
# اجتماع" (dev5/22): the venue before the city is not the sentence's opening.
_VENUE = re.compile(_f(r"(?<!\w)(?:ب|في\s+)(?:مقر|قصر|فندق|قاعة|مبنى)(?:\s+\S+){0,4}\s*$"))


def _opens_with_city(chunk: str, before: str, start: int) -> bool:
    opening = _VENUE.sub("", _CITY_LEAD.sub("", before))
    if _WITH_ANOTHER.search(before) or _OTHER_EVENT.search(before):
        return False
    if len(opening.split()) > _OPENING_WORDS and not _ORGANIZED_IN.search(before):
        return False
    after = chunk[start : start + _MEETING_AFTER_CHARS]
    return _MEETING.search(after) is not None or _COUNTED_MINISTERS.search(after) is not None


# "في مؤتمر صحفي … في لندن بعد الاجتماع الدولي حول داعش" (dev5/06): what
# was said in a city right after, or on the sidelines of, the meeting was
# said where the meeting was held.
_AFTER_THE_MEETING = re.compile(
    _f(r"\s*،?\s*(?:بعد|عقب|في ختام|ختام|على هامش)\s+(?:ال)?(?:اجتماع|اجتماعات|مؤتمر|اعمال)(?!\w)")
)


# "محادثات في باريس مع نظيره … و13 وزير دفاع" (dev6/08).
_TALKS_IN = re.compile(_f(r"(?<!\w)[وف]?(?:ال)?محادثات\s+في\s+$"))
_WITH_COUNTERPARTS = re.compile(_f(r"\s+مع\s+(?:نظير|نظرائ|وزراء|\S+\s+وزراء)"))
# "الذي وصل كوبنهاغن، الأحد، لحضور مؤتمر وزراء الدفاع" (dev10/13): arrived in
# a city, with no "إلى".
_TRAVELLED_TO = re.compile(
    _f(r"(?<!\w)(?:الى|وصل|وصلت|يصل|تصل)\s+(?:(?:ال)?عاصمة(?:\s+\S+ي(?:ة)?)?،?\s+|مدينة\s+)?$")
)
# "زيارته إلى روما تأتي في إطار المشاركة في الائتلاف المصغر" (dev7/18).
_TO_ATTEND = re.compile(
    _f(r"[\"”»']?\s*،?\s*(?:(?:الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعة|السبت|الاحد|امس|اليوم|غدا)\s*،?\s*)?"
       r"(?:وذلك\s+)?(?:للمشاركة|لحضور|ليشارك|ليترأس|لترؤس|لترأس|للمشاركه|[تي]اتي\s+في\s+اطار\s+(?:ال)?مشارك(?:ة|ته))"
       # "لترأس وفد مصر المشارك في اجتماع" (dev10/08)
       r"(?:\s+وفد(?:\s+\S+){0,2}?(?:\s+(?:ال)?مشارك)?)?"
       r"\s+(?:في\s+)?(?:ال)?(?:اجتماع|اجتماعات|مؤتمر|اعمال|(?:ائتلاف|تحالف|مجموعة)\s+(?:ال)?مصغر(?:ة)?)(?!\w)")
)


# "وقال وزير الدفاع الأمريكي جيم ماتيس في الطائرة التي أقلته إلى روما"
# (dev8/19): agency copy quotes a minister on the flight to the meeting.
_FLIGHT = re.compile(_f(r"(?<!\w)(?:ال)?طائرة(?:\s+\S+){0,2}?\s+التي\s+(?:اقلته|اقلتها|تقله|تقلها|نقلته|نقلتها)\s+الى\s+"))
_FLIGHT_TO = re.compile(_FLIGHT.pattern + "$")


def _placed_by_what_follows(chunk: str, before: str, end: int, city: City, clitic: int) -> bool | None:
    """A city placed by the words after it: said right after the meeting,
    travelled to to attend it ("إلى العاصمة الأمريكية واشنطن، وذلك للمشاركة
    في اجتماع", dev6/19), talks held there with counterparts; None when
    those words say nothing."""
    if _CITY_LEAD.search(before) and _AFTER_THE_MEETING.match(chunk, end):
        return not city.ambiguous or before.rstrip().endswith("في") or clitic > 0
    if (_TRAVELLED_TO.search(before) and _TO_ATTEND.match(chunk, end)) or _FLIGHT_TO.search(before):
        return True
    if _TALKS_IN.search(before) and _WITH_COUNTERPARTS.match(chunk, end):
        return True
    return None


def _placed(chunk: str, start: int, clitic: int, city: City, anchors=(), lead: bool = False, end: int = -1) -> bool:
    """Whether the words before a city make it where the meeting was held."""
    before = _OPENING_MARKS.sub(" ", chunk[: start + clitic]) if clitic == 0 else chunk[: start + clitic]
    if _HOSTED_BY.search(before):
        return True
    # "أن واشنطن ستستضيف … اجتماعاً": the city hosts it.
    if end >= 0 and _HOSTS.match(chunk, end):
        return True
    if end >= 0 and (followed := _placed_by_what_follows(chunk, before, end, city, clitic)) is not None:
        return followed
    described = _CITY_DESCRIBED.search(before) or _MEETING_OF.search(before)
    if not (described or _CITY_LEAD.search(before)):
        return False
    held = [match for anchor in (_MEETING, _HELD) for match in anchor.finditer(before)]
    # "لقاء روما للمجموعة", "محادثات باريس حول …": the construct names the
    # meeting (those words are meeting words only with what follows the city).
    held = held or list(_MEETING_OF.finditer(before))
    if not held and _opens_with_city(chunk, before, start):
        return not city.ambiguous or bool(described) or clitic > 0 or before.rstrip().endswith("في")
    if not held and _MINISTERS in anchors:
        # Ministers in a lead without a meeting word: only "في العاصمة
        # البلجيكية بروكسل" places them, not any city the lead mentions.
        if not _CITY_DESCRIBED.search(before):
            return False
        held = list(_MINISTERS.finditer(before))
    if not held:
        return False
    nearest = max(held, key=lambda match: match.end())
    if _WITH_ANOTHER.search(before[: nearest.start()]):
        return False  # "تزامن الاجتماع مع اجتماع … في ميونيخ": another meeting's city
    # The city belongs to the meeting only if nothing else stands between
    # them: "ندد الاجتماع بالهجمات في الرقة" places the attacks, not the meeting.
    between = before[nearest.end() :]
    if _OTHER_BODY.match(_MINISTERIAL_WORD.sub("", between, count=1)):
        return False  # "اجتماع وزاري للحلف في بروكسل": NATO's meeting, NATO's city
    if (taken_up := list(_TAKEN_UP.finditer(between))):
        between = between[taken_up[-1].end() :]
    if len(between.split()) > _MAX_WORDS_TO_CITY or _OTHER_EVENT.search(between) or _OTHER_CLAUSE.search(between):
        return False
    # A meeting to come is another story's aside, except in the lead, where
    # it is the meeting a preview reports ("سيعقد الاجتماع في روما").
    window = chunk[max(0, start - 60) : start]
    if _FUTURE.search(window) and not (lead and _PREVIEW.search(window)):
        return False
    # "الكويت", "الجزائر": the city only where a city is meant.
    return not city.ambiguous or bool(described) or before.rstrip().endswith("في") or clitic > 0


# "استقبل وزير الخارجية الفرنسي … الجنرال جون ألان … وعقب الاجتماع الذي
# عقد في باريس" (dev3/38): a lead that receives or meets one person, and
# "the meeting" after it is that one, not the coalition's.
_RECEIVES = re.compile(_f(r"^[وف]?(?:استقبل|استقبلت|التقى|التقت|يستقبل|يلتقي)(?!\w)"))
# "اجتمع وزير الخارجية البريطاني فيليب هاموند في لندن اليوم بالجنرال
# الأمريكي جون آلن" (dev5/30): one minister met one person.
_MET_ONE = re.compile(
    _f(r"^[وف]?(?:اجتمع|اجتمعت)\s[^.]*?(?<!\w)(?:ب|مع\s+)(?:ال)?(?:جنرال|وزير|وزيرة|نظيره|نظيرته|مبعوث|رئيس|سفير|امين|مستشار)(?!\w)")
)
_COUNTERPARTS_MET = re.compile(_f(r"(?<!\w)(?:نظراء|نظرائه|نظرائها|وزراء|الوزراء|ممثلي|ممثلين)(?!\w)"))
_THAT_MEETING = re.compile(
    _f(r"(?<!\w)[وف]?(?:بعد|عقب|خلال|في)?\s*(?:ال)?(?:اجتماع|لقاء)(?:\s+(?:الذي|الذى|التي)|[،,.]|$)")
)
NOTE_BILATERAL = "يذكر المقال لقاء ثنائيا، لا اجتماعا للتحالف"


def _bilateral(folded: Sequence[str], about: Sequence[int]) -> bool:
    lead = folded[0].strip()
    if _COUNTERPARTS_MET.search(lead):
        return False
    if _MET_ONE.match(lead):
        return not _MEETING_NOUN.search(lead)
    if not _RECEIVES.match(lead) or _MEETING.search(lead) or _MINISTERS.search(lead):
        return False
    return bool(_THAT_MEETING.search(folded[about[0]]) or _ONE_TO_ONE.search(folded[about[0]]))


# "يستقبل وزير الخارجية … الجنرال جون ألن …" then "كما يلتقي وزير الخارجية
# اليوم أيضا مع الأمير بندر" (dev7/36): one more person received.
_ONE_TO_ONE = re.compile(
    _f(r"(?<!\w)[وف]?(?:اجتمع|اجتمعت|يجتمع|تجتمع|التقى|التقت|يلتقي|تلتقي)\s[^.]*?(?<!\w)(?:ب|مع\s+)"
       r"(?:ال)?(?:جنرال|وزير|وزيرة|نظيره|نظيرته|مبعوث|رئيس|سفير|امين|مستشار|امير|ملك)(?!\w)")
)


_MEETING_NOUN = re.compile(_f(r"(?<!\w)[وف]?(?:بال|لل|ال|ب|ل)?(?:اجتماع|مؤتمر)(?:ا|ات)?(?!\w)"))


# "لدى استقباله في واشنطن مسؤولي الدول الـ68 الأعضاء في التحالف" (dev7/20):
# the coalition's members gathered, a meeting even before the word comes.
_GATHERED = re.compile(
    _f(r"(?<!\w)(?:مسؤولي|ممثلي|وزراء|وفود|مندوبي)\s+(?:ال)?دول(?:\s+(?:الـ|ال)\s?\d{1,3})?"
       r"\s+(?:ال)?(?:اعضاء|مشاركة|شريكة)\s+(?:في\s+)?(?:ال)?(?:تحالف|ائتلاف)(?!\w)")
)
# An article reports a meeting when its title or its opening sentences do;
# a meeting recalled further down ("وكان الوزراء قد اجتمعوا في مارس") is
# background to another story. The last of them counts only when it recalls
# nothing: a coalition's statement may name its meeting fourth, after three
# sentences of what it announced ("وفي بيان صدر بعد اجتماع في واشنطن", dev12/45).
OPENING_SENTENCES = 4
_RECALLED = re.compile(_f(r"(?<!\w)[وف]?(?:كان|كانت|كانوا)\s+(?:\S+\s+){0,5}?قد(?!\w)"))


def _opens_on_meeting(folded: Sequence[str]) -> bool:
    for n, chunk in enumerate(folded[:OPENING_SENTENCES]):
        if n == OPENING_SENTENCES - 1 and _RECALLED.search(chunk):
            break
        if _MEETING.search(chunk) or _HELD.search(chunk) or _GATHERED.search(chunk):
            return True
    return False


@dataclass
class _Text:
    """An article's sentences, as written and folded, and which of them are
    about the meeting (first) and the rest (after)."""

    sentences: list[str]
    folded: list[str]
    about: list[int]

    @property
    def in_order(self) -> list[int]:
        return self.about + [n for n in range(len(self.folded)) if n not in self.about]

    @cached_property
    def preview(self) -> bool:
        """The first meeting sentence speaks of a meeting to come."""
        lead = self.folded[self.about[0]]
        return bool(_PREVIEW.search(lead) or _PREVIEW_DAY.search(lead))

    @cached_property
    def reported(self) -> list[int]:
        """The meeting's sentences without a report's aside on a meeting to
        come ("اجتماع يعقده وزراء دفاع التحالف الأسبوع المقبل", dev4/15),
        which names that other meeting's ministers and kind. Only when the
        lead says the meeting was held: "يبدأ ماتيس اليوم … ويرأس الخميس
        المقبل اجتماعات وزراء دفاع التحالف" (dev2/15) is all to come."""
        if self.preview or not _HELD_PAST.search(self.folded[self.about[0]]):
            return self.about
        return [n for n in self.about if n == self.about[0] or not _FUTURE.search(self.folded[n])]

    def first(self, pattern: re.Pattern[str], numbers: Sequence[int]) -> tuple[re.Match[str], int] | None:
        for n in numbers:
            match = pattern.search(self.folded[n])
            if match:
                return match, n
        return None


def read(body: str, published_on: datetime.date | None = None, title: str = "", dateline: str = "") -> MeetingFacts:
    sentences = [s.text for s in SentenceIndex(body).sentences]
    # Folding is character by character, so each sentence folds on its own.
    folded = [arabic.fold_with_origin(s)[0] for s in sentences]
    facts = MeetingFacts()
    text = _Text(sentences, folded, [n for n, chunk in enumerate(folded) if _MEETING.search(chunk)])
    opening = _opens_on_meeting(folded)
    in_title = bool(title) and bool(_MEETING.search(arabic.fold_with_origin(title)[0]))
    if not text.about or not (in_title or opening):
        return facts
    if _bilateral(folded, text.about):
        facts.notes.append(NOTE_BILATERAL)
        return facts
    facts.reported = True
    facts.sentence = sentences[text.about[0]]
    facts.dateline = dateline if city_country(dateline) else ""
    _read_kind(facts, text)
    _read_ministers(facts, text)
    _read_format_and_place(facts, text)
    _read_counts(facts, text)
    if facts.place is None:
        _read_country(facts, text)
    facts.hosts = _read_hosts(text)
    _read_date(facts, sentences, folded, text.about, published_on, text.preview)
    if facts.date is None and facts.weekday is None and published_on is None:
        _read_lead_weekday(facts, sentences, folded)
    if facts.date is None and facts.day_month is None and facts.day_of_month is None:
        for n in text.about:
            if found := _meeting_days_of_month(sentences[n], text.preview):
                facts.day_month = Fact((found[0].day, found[0].month), sentences[n])
                break
    if facts.date is None and facts.day_month is None and facts.day_of_month is None:
        facts.month = _meeting_month(sentences, text.about)
    if (found := text.first(_ORDINAL_MEETING, text.about)) and (value := _ordinal(found[0].group("ordinal"))):
        facts.ordinal = Fact(value, sentences[found[1]])
    if published_on is None:
        facts.written_month = _written_month(sentences)
    return facts


def _written_month(sentences: Sequence[str]) -> Fact | None:
    """The one month the page calls the current one, with the first
    sentence that does; None when it names none, or two."""
    found = [(month, sentence) for sentence in sentences for month in dates.find_months_of_writing(sentence)]
    if not found or len({month for month, _ in found}) > 1:
        return None
    return Fact(found[0][0], found[0][1])


def _read_kind(facts: MeetingFacts, text: _Text) -> None:
    for kind, pattern in _KINDS:
        # "Ministerial" needs a meeting sentence: the article may quote a
        # ministers' statement about something else entirely.
        found = _first_own(pattern, text.folded, text.reported if kind == KIND_MINISTERIAL else text.in_order)
        if found is not None:
            facts.kind = Fact(kind, text.sentences[found])
            return
    if (n := _first_own(_OTHER_MEETINGS, text.folded, text.about)) is not None:
        facts.kind = Fact(KIND_OTHER, text.sentences[n])


def _read_ministers(facts: MeetingFacts, text: _Text) -> None:
    """Foreign or defence ministers, from the meeting's sentences; both
    named apart ("وزراء الخارجية … ووزراء الدفاع") is a joint meeting."""
    # The lead names them even without a meeting word: "التقى، أمس، في روما
    # 15 وزير دفاع" (dev4/26).
    numbers = text.reported if 0 in text.about else [0, *text.reported]
    found = {kind: n for kind, pattern in _MINISTERS_OF if (n := _first_own(pattern, text.folded, numbers)) is not None}
    if MINISTERS_BOTH not in found and {MINISTERS_FOREIGN, MINISTERS_DEFENCE} <= found.keys():
        found[MINISTERS_BOTH] = min(found[MINISTERS_FOREIGN], found[MINISTERS_DEFENCE])
    for kind, _ in _MINISTERS_OF:
        if kind in found:
            facts.ministers = Fact(kind, text.sentences[found[kind]])
            return
    # No ministers in the plural: one who took part says whose meeting it
    # was ("شارك … وزير الخارجية ديدييه رايندرس في لقاء روما", dev5/11);
    # one named otherwise may be a guest or a host.
    for n in numbers:
        if found := _MINISTER_TOOK_PART.search(text.folded[n]):
            facts.ministers = Fact(MINISTERS_DEFENCE if "دفاع" in found["office"] else MINISTERS_FOREIGN, text.sentences[n])
            return


_MINISTER_TOOK_PART = re.compile(
    _f(r"(?<!\w)[وف]?(?:شارك|شاركت|يشارك|تشارك|سيشارك|ستشارك)\s+(?:\S+\s+){0,6}?وزير(?:ة)?\s+(?P<office>(?:ال)?(?:خارجية|دفاع))(?!\w)")
)


def _read_format_and_place(facts: MeetingFacts, text: _Text) -> None:
    sentences, folded = text.sentences, text.folded
    virtual = next((n for n in text.in_order if _virtual_meeting(folded[n])), None)
    if virtual is not None:
        facts.format = Fact(FORMAT_VIRTUAL, sentences[virtual])
    place = find_place(folded, preview=text.preview)
    if place is not None:
        city, n = place
        facts.place = Fact(city.name, sentences[n])
        if facts.format is None:
            facts.format = Fact(FORMAT_IN_PERSON, sentences[n])
    if facts.place is not None and facts.format is not None and facts.format.value == FORMAT_VIRTUAL:
        # "شارك كيري … عبر الفيديو من بوسطن": one participant joined from
        # afar; the meeting itself was held in its city.
        if _REMOTE_PARTICIPANT.search(arabic.fold_with_origin(facts.format.sentence)[0]):
            facts.format = Fact(FORMAT_IN_PERSON, facts.place.sentence)
    if facts.format is None and (found := text.first(_IN_PERSON_WORDS, text.in_order)):
        facts.format = Fact(FORMAT_IN_PERSON, sentences[found[1]])


@cache
def _country_matcher() -> countries.CountryMatcher:
    return countries.CountryMatcher(countries.load_gazetteer())


# "في السعودية", "بالمغرب": a country a meeting is held in, by name (not an
# adjective: "وزير الخارجية السعودي" places nothing).
_IN_COUNTRY = re.compile(_f(r"(?:(?<!\w)في\s+|(?<!\w)[وف]?ب)$"))
# A country is a meeting's topic more often than a city is: after "عن",
# "حول" or "بشأن" it is what was discussed ("أعربت عقب اجتماعها عن القلق
# من تنامي نفوذه في ليبيا", dev4/15; "مؤتمر حول الأمن في العراق").
_ABOUT_TOPIC = re.compile(_f(r"(?<!\w)(?:عن|حول|بشان|ازاء|تجاه)(?!\w)"))
# "خطط لمعركتها ضد تنظيم الدولة الإسلامية المتشدد "داعش" في سوريا" (dev12/12):
# the country the war is in, named right after the enemy.
_WAR_IN = re.compile(_f(r"(?<!\w)(?:داعش|التنظيم|الارهابي|المتشدد|المتطرف)[\"”»']?\s*في\s*$"))


# The countries the war is fought in are what a coalition meeting talks
# about, never where it sits: of the 24 countries the reader below took for
# a meeting's on the dev pages (dev to dev12), the 11 of Iraq or Syria were
# all wrong («التنظيم في المناطق التي يسيطر عليها في العراق», «الحرب التي
# تعصف بسوريا», «تنظيم الدولة الإسلامية في العراق والشام»), and so were 2 of
# the 13 others (an attack's country, a member in a list); with these rules
# it reads 11, all right. A meeting in Baghdad or Erbil is still read by its city.
WAR_COUNTRIES = frozenset({"IQ", "SY"})


@cache
def _named_with_ba() -> frozenset[str]:
    """The countries whose own name starts with «ب» (بريطانيا، بلجيكا)."""
    return frozenset(
        entry.iso for entry in countries.load_gazetteer()
        if any(arabic.fold_with_origin(name)[0].startswith("ب") for name in (entry.name, *entry.aliases))
    )


def _with_clitic_ba(found: countries.FoundCountry) -> bool:
    """«بالمغرب», «ببريطانيا»: the country after «ب» (in); not «وبريطانيا»
    of a list of members (dev9/03), whose «ب» is the name's own."""
    folded = arabic.fold_with_origin(found.surface)[0].lstrip("وف")
    if not folded.startswith("ب"):
        return False
    return folded.startswith("بب") or found.iso not in _named_with_ba()


def _read_country(facts: MeetingFacts, text: _Text) -> None:
    for n in text.about:
        sentence = text.sentences[n]
        for found in _country_matcher().find(sentence):
            if found.via == "adjective" or found.iso in WAR_COUNTRIES:
                continue
            before = arabic.fold_with_origin(sentence[: found.start])[0]
            held = [m.end() for pattern in (_MEETING, _HELD) for m in pattern.finditer(before)]
            clitic = _with_clitic_ba(found)
            if _HOSTED_BY.search(before):
                facts.country = Fact(found.iso, sentence)  # "احتضن المغرب، اليوم، الاجتماع الوزاري"
                return
            between = before[max(held):] if held else ""
            if held and (_IN_COUNTRY.search(before) or clitic) and len(between.split()) <= _MAX_WORDS_TO_CITY \
                    and not _ABOUT_TOPIC.search(between) and not _WAR_IN.search(before) and not _OTHER_EVENT.search(between):
                facts.country = Fact(found.iso, sentence)
                return


# "بدعوة مشتركة من قبل كل من الولايات المتحدة وإيطاليا" (dev13/b18),
# "بدعوة اليوم من إيطاليا والولايات المتحدة" (dev13/b14), "برئاسة مشتركة
# بين المغرب والولايات المتحدة": the states named within a few words after
# the invitation or the co-chairing. A bare "برئاسة" is a delegation's
# leader far more often ("وفد برئاسة وزير الخارجية"), so only "مشتركة" counts.
_HOSTS_CUE = re.compile(_f(r"(?<!\w)(?:بدعوة|بدعوات|برئاسة مشتركة|بالرئاسة المشتركة)(?!\w)"))
_HOSTS_WORDS = 9


def _read_hosts(text: _Text) -> Fact | None:
    """The states a meeting sentence says invited or co-chaired it."""
    for n in text.about:
        sentence = text.sentences[n]
        folded, origin = arabic.fold_with_origin(sentence)
        for cue in _HOSTS_CUE.finditer(folded):
            start = origin[cue.end()] if cue.end() < len(origin) else len(sentence)
            window = " ".join(sentence[start:].split()[:_HOSTS_WORDS])
            found = frozenset(c.iso for c in _country_matcher().find(window))
            if found:
                return Fact(found, sentence)
    return None


def _read_counts(facts: MeetingFacts, text: _Text) -> None:
    for pattern in _PARTICIPANTS:
        found = text.first(pattern, text.in_order)
        if found and (value := _count(found[0])):
            facts.participant_count = Fact(value, text.sentences[found[1]])
            break
    # Of two counts the larger is the later ("الدول الـ79 الشريكة" beside an
    # old "الدول الـ74 الأعضاء", dev7/25): the press lags, never leads.
    # Below ten is no coalition's membership ("3 أعضاء" of a delegation).
    counts = [(value, found[1]) for pattern in _MEMBERS if (found := text.first(pattern, text.in_order))
              and (value := _count(found[0])) and value >= 10]
    if counts:
        value, n = max(counts)
        facts.member_count = Fact(value, text.sentences[n])
    if facts.member_count is None and (found := text.first(_MEMBER_ORDINAL, text.in_order)):
        value = _ordinal(found[0].group("ordinal"))
        if value and value >= 10:
            facts.member_count = Fact(value, text.sentences[found[1]])


NOTE_WEEKDAY_MISMATCH = "يوم الأسبوع الذي يذكره المقال لا يوافق تاريخ النشر؛ لم يؤخذ منه تاريخ للاجتماع"


def _read_date(
    facts: MeetingFacts, sentences: Sequence[str], folded: Sequence[str], about: Sequence[int],
    published_on: datetime.date | None, preview: bool = False,
) -> None:
    """The meeting's date from the first meeting sentence that dates it.

    A relative date ("اليوم الثلاثاء") whose weekday does not fall on the
    publication date says the page's stamp is not the news day (a later
    update, a republication): no date is taken from it."""
    # Agency copy dates the meeting in its lead: "أكد وزراء …، الثلاثاء، …".
    lead = [0] if 0 not in about and _MINISTERS.search(folded[0]) else []
    for n in lead + list(about):
        found_dates = _meeting_dates(sentences[n], published_on)
        if not found_dates and published_on is not None and _HELD.search(folded[n]) and _today_of_meeting(folded[n]):
            # "استضاف … بجدة اليوم، اجتماعا": agency copy's "today" is its date.
            facts.date = Fact(published_on, sentences[n])
            facts.date_is_relative = True
            return
        # "يلتقي الوزراء في 15 شباط": the first meeting sentence to date the
        # meeting does so without a year; a weekday further on is another day's.
        yearless = not any(d.date or not d.relative for d in found_dates)
        if yearless and (days := _meeting_days_of_month(sentences[n], preview)):
            facts.day_month = Fact((days[0].day, days[0].month), sentences[n])
            return
        if yearless and (day := _day_of_this_month(sentences[n])):
            _date_this_month(facts, day, sentences[n], published_on)
            return
        if not found_dates:
            if ahead := _PERIOD_AHEAD.search(folded[n]):
                # "تستضيف واشنطن الشهر المقبل اجتماعا" (dev8/11): no day of it in what follows.
                facts.next_month = ahead.group().startswith(arabic.key("الشهر"))
                return
            continue
        date = found_dates[0]
        if date.date is None:
            # "سيستضيفان اليوم الخميس الاجتماع الوزاري المشترك" (dev3/15): the
            # day of a meeting to come, maybe the next day's other meeting.
            facts.weekday, facts.weekday_weak = date.weekday, bool(_FUTURE.search(folded[n]))
            facts.notes.append(f"تاريخ الاجتماع «{date.text}» نسبي ولا يُعرف تاريخ النشر")
        elif date.relative and date.weekday is not None and date.date.weekday() != date.weekday:
            facts.notes.append(NOTE_WEEKDAY_MISMATCH)
        else:
            facts.date = Fact(date.date, sentences[n])
            facts.date_is_relative = date.relative
        return


_PERIOD_AHEAD = re.compile(_f(r"(?<!\w)(?:الشهر|الاسبوع|الشهور|الاسابيع) (?:المقبل|القادم|المقبلة|القادمة)(?!\w)"))


def _today_of_meeting(folded: str) -> bool:
    """"اليوم" in a meeting sentence, and not the day a meeting to come was
    announced ("أعلنت فرنسا اليوم الأربعاء أنها ستحتضن في 2 يونيو … اجتماعا",
    dev7/13)."""
    today = _TODAY.search(folded)
    future = _PREVIEW.search(folded)
    return today is not None and (future is None or today.start() > future.start())


def _day_of_this_month(sentence: str) -> int | None:
    found = [day for day, start in dates.find_days_of_this_month(sentence) if not _said_on(sentence, start)]
    return found[0] if found else None


def _date_this_month(facts: MeetingFacts, day: int, sentence: str, published_on: datetime.date | None) -> None:
    """"في 25 الجاري": the publication date names the month; without one,
    the day alone is kept for the matcher."""
    if published_on is not None:
        try:
            facts.date, facts.date_is_relative = Fact(published_on.replace(day=day), sentence), True
            return
        except ValueError:  # the 31st of a month of thirty days: the stamp is not the news day
            pass
    facts.day_of_month = Fact(day, sentence)


NOTE_LEAD_WEEKDAY = "يوم الأسبوع مأخوذ من مطلع الخبر، لا من جملة الاجتماع"


def _read_lead_weekday(facts: MeetingFacts, sentences: Sequence[str], folded: Sequence[str]) -> None:
    """"أكد بومبيو اليوم الأربعاء أن …", then "وأكد بومبيو خلال اجتماع
    وزراء خارجية التحالف في واشنطن": a report's lead is dated by the news
    day, which is the meeting's when the next sentences report it. Only the
    weekday is kept (a weak signal, and only with no publication date to
    resolve it: with one, the publication date already says as much), and
    never from a preview's lead, whose day is the announcement's."""
    if _PREVIEW.search(folded[0]):
        return
    for found in dates.find_dates(sentences[0]):
        before = arabic.fold_with_origin(sentences[0][: found.start])[0]
        if _TOLD_ON.search(before) or _TRAVELS_ON.search(before):
            continue
        if found.relative and found.weekday is not None and found.date is None:
            facts.weekday, facts.weekday_weak = found.weekday, True
            facts.notes.append(NOTE_LEAD_WEEKDAY)
            return


# "وصرح المتحدث باسم وزارة الخارجية العراقية، أحمد الصحاف، لـ"سبوتنيك"،
# اليوم الأربعاء" (dev4/33): a statement to the press, its speaker at length;
# its day is the interview's, even in a lead.
_TOLD_ON = re.compile(_f(r"(?<!\w)[وف]?(?:صرح|صرحت|تصريح|تصريحات)(?!\w)[^.]{0,90}$"))
# "حسب إعلان الولايات المتحدة الأربعاء، 27 أيار": the date of what was said.
# "ونقلت صحيفة "عكاظ" على موقعها الإلكتروني اليوم الخميس عن بن فرحان قوله،
# خلال ترؤسه وفد المملكة في الاجتماع … الذي عقد بمدينة مراكش" (dev13/b13):
# the day a paper carried the words, a day after the meeting.
_SAID_ON = re.compile(
    # Up to "أن": what follows it is what was said ("وأُعلن أن الوزيرين
    # سيستضيفان اليوم الخميس الاجتماع"), its day the meeting's.
    _f(r"(?<!\w)[وف]?(?:حسب|بحسب|وفق|وفقا|حسبما|اعلان|اعلنت|اعلن|قال|قالت|ذكر|ذكرت|نقل|نقلت|نقلا|افاد|افادت|اورد|اوردت)(?!\w)"
       r"(?:(?!(?<!\w)(?:ان|بان)(?!\w))[^.]){0,40}$|") + _TOLD_ON.pattern
)


# A meeting to come, by a future verb or an imperfect one ("يستضيف كيري،
# الخميس، الاجتماع", "من المقرر عقد محادثات الأربعاء"): its bare weekday
# is the one ahead of the publication date, not the one behind it.
_UPCOMING = re.compile(
    _f(rf"(?<!\w)(?:{_FUTURE_VERB}|سوف|من المقرر|[وف]?[يت](?:ستضيف|عقد|نعقد|جتمع|لتقي|ترا?س)(?:ون|ان)?)(?!\w)")
)
_NOT_BARE = re.compile(_f(r"امس|اليوم|غدا|غد|المقبل|القادم|الماضي|المنصرم"))


def _upcoming(found: dates.FoundDate, published_on: datetime.date) -> dates.FoundDate:
    """A bare weekday resolved forward from the publication date."""
    if not found.relative or found.weekday is None or _NOT_BARE.search(arabic.fold_with_origin(found.text)[0]):
        return found
    ahead = published_on + datetime.timedelta(days=(found.weekday - published_on.weekday()) % 7)
    return dataclasses.replace(found, date=ahead)


# "يتوجه، مساء الأربعاء، وزير الخارجية … إلى واشنطن للمشاركة في اجتماع"
# (dev6/19): the day of a journey to the meeting, which is a day or more
# later. A journey said to come may be the meeting's own day ("يتوجه …
# لوران فابيوس، غدًا الخميس، إلى لندن للمشاركة", dev10/07), so only a day
# right after its verb is the journey's; an arrival already made is never
# the meeting's day, however long the traveller's name ("وصل نائب وزير
# الخارجية المصري السفير حمدي لوزا، اليوم /الأربعاء", dev10/08), up to
# what is said after "أن" ("وصل الوزير … وأُعلن أن الوزيرين سيستضيفان اليوم
# الخميس الاجتماع").
_TRAVELS_ON = re.compile(
    _f(r"(?<!\w)[وف]?(?:يتوجه|تتوجه|توجه|توجهت|يتجه|اتجه|يغادر|تغادر|غادر|غادرت|يسافر|سافر|يصل|تصل)(?!\w)[^.]{0,25}$"
       r"|(?<!\w)[وف]?(?:وصل|وصلت)(?!\w)(?:(?!(?<!\w)(?:ان|بان)(?!\w))[^.]){0,60}$")
)


def _said_on(sentence: str, start: int) -> bool:
    """Whether the date at `start` (in the original) dates what was said, or
    a journey to the meeting, rather than the meeting."""
    before = arabic.fold_with_origin(sentence[:start])[0]
    return _SAID_ON.search(before) is not None or _TRAVELS_ON.search(before) is not None


# "يذكر أن اجتماعا مماثلا عقد … في شهر نوفمبر الماضي" (dev13/a12): an
# earlier meeting's month, not the reported one's.
_LIKE_MEETING = re.compile(_f(r"(?<!\w)(?:اجتماع|اجتماعا|لقاء|مؤتمر|مؤتمرا)\s+(?:مماثل|مماثلا|مشابه|مشابها|سابق|سابقا)(?!\w)"))


def _meeting_month(sentences: Sequence[str], about: Sequence[int]) -> Fact | None:
    """The first month the meeting sentences name alone, not a month in
    which something was said, nor one of a similar meeting before it."""
    for n in about:
        if _LIKE_MEETING.search(arabic.fold_with_origin(sentences[n])[0]):
            continue
        for month, start in dates.find_months(sentences[n]):
            if not _said_on(sentences[n], start):
                return Fact(month, sentences[n])
    return None


def _meeting_days_of_month(sentence: str, preview: bool = False) -> list[dates.DayOfMonth]:
    """A sentence's days and months that date the meeting: not what was
    said that day, and in a preview not a day gone by ("عقد الاجتماع الأخير
    … في 22 سبتمبر الماضي", dev5/18)."""
    return [
        d for d in dates.find_days_of_month(sentence)
        if not _said_on(sentence, d.start)
        and not (preview and _GONE_BY.match(arabic.fold_with_origin(sentence[d.start:])[0]))
    ]


# The date ("22 سبتمبر") then the word that puts it in the past, in folded
# form: pages write "الماضى" as often as "الماضي".
_GONE_BY = re.compile(_f(r"[^.]{0,25}?(?<!\w)(?:الماضي|الماضية|المنصرم|المنصرمة|الفائت|الفائتة)(?!\w)"))


def _virtual_meeting(folded: str) -> bool:
    words = [m.start() for pattern in (_MEETING, _HELD) for m in pattern.finditer(folded)]
    return any(
        abs(cue.start() - word) <= _VIRTUAL_REACH for cue in _VIRTUAL.finditer(folded) for word in words
    )


def _meeting_dates(sentence: str, published_on: datetime.date | None) -> list[dates.FoundDate]:
    """The sentence's dates, the one nearest a word of the meeting first.

    "أعلنت الخارجية، اليوم السبت، أن التحالف سيعقد اجتماعا الثلاثاء المقبل":
    in a sentence about a meeting to come, a date before the future verb is
    the day of the announcement, not of the meeting."""
    found = dates.find_dates(sentence, published_on)
    if not found:
        return found
    folded, origin = arabic.fold_with_origin(sentence)
    future = _PREVIEW.search(folded)
    if future is not None:
        found = [d for d in found if d.start >= origin[future.start()]]
    found = [d for d in found if not _said_on(sentence, d.start)]
    if published_on is not None and _UPCOMING.search(folded):
        found = [_upcoming(d, published_on) for d in found]
    words = [origin[m.start()] for pattern in (_MEETING, _HELD) for m in pattern.finditer(folded)]
    if not words:
        return found
    return sorted(found, key=lambda d: min(abs(d.start - w) for w in words))


def _first_own(pattern: re.Pattern[str], folded: Sequence[str], numbers: Sequence[int]) -> int | None:
    """The first sentence where the pattern names the coalition's meeting,
    not another body's ("الاجتماع الوزاري لحلف الناتو")."""
    for n in numbers:
        for match in pattern.finditer(folded[n]):
            if not _OTHER_BODY.match(folded[n], match.end()) and not _NEXT_YEAR.search(folded[n], match.end(), match.end() + 90):
                return n
    return None


# "بإعلان المملكة استضافتها الاجتماع الوزاري العام المقبل" (dev2/34): next
# year's meeting is never the one a page reports.
_NEXT_YEAR = re.compile(_f(r"(?<!\w)(?:العام|السنة|عام) (?:المقبل|القادم|المقبلة|القادمة)(?!\w)"))


@cache
def city_key(name: str) -> str:
    """The key a city is compared by: the gazetteer's own name for any of
    its spellings ("واشنطن العاصمة" is واشنطن), else the name's key."""
    if not name:
        return ""
    forms, _ = _cities()
    city = forms.get(arabic.key(name))
    return arabic.key(city.name) if city else arabic.key(name)


@cache
def city_country(name: str) -> str:
    """The ISO code of the country a known city is in, else ""."""
    forms, _ = _cities()
    city = forms.get(arabic.key(name)) if name else None
    return city.iso if city else ""
