"""Which archive meeting an article reports: every signal the text gives,
scored, the best proposed only when it clearly wins.

Real pages rarely state everything. A Kuwait agency wire gives the city and
"اليوم الثلاثاء"; a Washington page gives Blinken, 87 members and "the
coalition's tenth anniversary" but no date; a Moroccan page gives only the
city and its own publication date. So each signal adds or takes away points
on its own, and a few contradict outright (another city, another stated
date, virtual against in person, a page published more than a month
before the meeting): those rule the candidate out whatever else agrees.

Choices an editor should know about:

- A stated meeting date must fall within a day of the candidate's days.
  Without one, the publication date stands in: a report is published on the
  day of the meeting or within the week after it, and a preview in the
  month before it. A page published more than a month before a meeting
  does not report it. A "last updated" stamp is no publication date
  for this purpose: it may be years later. An address that files the page
  under a month ("/2016/10/") with no day gives that month: a meeting in it
  or just before agrees, one far from it disagrees.
- An undated meeting (one the import made) is compared through the
  publication dates of the articles already on it: that is how three pages
  of one uncalendared meeting come together.
- The best candidate is proposed only when it scores at least PROPOSE and
  leads the runner-up by MARGIN; a wrong meeting is worse than none, so a
  near tie proposes nothing and names both. (Until December 2026 a score of
  5 with a lead of 2, or 4 with a lead of 3, was asked: on the thirteen dev
  sets, 472 pages, a score of 4 with a lead of 2 put three more pages of
  dev13 on their meetings and none on a wrong one.)
- A new meeting is made from the article only when no candidate came near
  (NEAR): an article weakly like a calendar meeting is left for the editor
  instead of becoming a duplicate of it.

Weights are data (WEIGHTS), set on the real pages of tests/data/real/dev
to dev5 (never on heldback/); each signal is one function in SIGNALS, and
the reasons it gives are the sentences the editor reads. Pure Python.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from archive import text as arabic

# --- Tables ------------------------------------------------------------------

WEIGHTS = {
    "stated_date": 5,  # the text's date falls on the meeting's days
    "stated_date_near": 2,  # … a day off (a late-evening meeting; Andrews on the 20th, the joint one on the 21st)
    "stated_date_near_articles": 2,  # an undated meeting whose articles were published around that date
    "published_days_after": 3,  # published from 3 days before to 7 days after the meeting
    "published_before": 1,  # a preview, published up to PREVIEW_MAX_DAYS before
    "published_weeks_after": 1,  # published 8 to 45 days after
    "published_long_after": -3,  # published more than 45 days after
    "published_with_articles": 2,  # an undated meeting's articles published within 4 days
    "published_apart_from_articles": -3,  # … or more than 30 days apart
    "published_month": 2,  # no publication day, but its month (from the address): the meeting in it or just before
    "published_month_far": -3,
    "meeting_month": 2,  # held in the month the page names ("الشهر المقبل")
    "other_meeting_month": -2,
    "month": 1,  # in the month named alone ("منتصف أيلول الجاري"), of any year
    "other_month": -2,
    "written_month": 1,  # an undated page written in the month of the meeting, or of its preview or report
    "other_written_month": -2,  # … written in a month the meeting's reports and previews never are
    "published_window": 2,  # no date at all, but its site's article numbers place it within weeks of the meeting
    "published_window_far": -3,  # … or over a month before it, or LATE_REPORT_DAYS after it  # … the meeting over a month after that month, or LATE_REPORT_DAYS before it
    "weekday": 1,  # "الثلاثاء" with no publication date, in the lead or the future tense: maybe the meeting's weekday
    "weekday_stated": 2,  # … in the meeting's own sentence ("انطلقت، اليوم الخميس … أشغال اجتماع")
    "day_month": 4,  # "في 22 آذار الجاري": the meeting's day and month
    "day_of_month": 3,  # "في 25 الجاري", undated: the meeting's day of the month
    "other_day_of_month": -2,
    "day_month_near": 1,  # … a day off (a late-evening meeting, a preview's slip)
    "other_day_month": -2,  # … another day (not ruled out: previews get it wrong)
    "place": 3,
    "dateline": 2,  # no city said for the meeting; the wire was filed from its city ("بروكسل – واس")
    "country": 2,  # "في السعودية": the country of the meeting's city
    "other_country": -2,
    "kind": 1,
    "other_kind": -2,
    "not_small_group": -1,  # the text says the small group ("المجموعة المصغرة"); the candidate was a full ministerial
    "ministers": 1,  # both foreign, or both defence, ministers
    "other_ministers": -2,  # defence ministers against a foreign ministers' meeting, or the reverse
    "chair": 3,  # each shared chair or host, at most MAX_CHAIRS
    "chair_present": 2,  # one of its chairs named at the meeting, not said to chair it
    "other_chairs": -2,  # both name chairs, and none in common (chairs read from real pages are noisy)
    "hosts": 2,  # every state the text says invited or co-chaired it is one of its chairs' ("بدعوة مشتركة من إيطاليا والولايات المتحدة")
    "other_hosts": -2,  # … and none of them is
    "virtual": 1,  # both virtual: fewer meetings are
    "ordinal": 4,
    "other_ordinal": -3,  # soft: "الاجتماع الثاني" is sometimes the second day
    "member_count": 2,
    "other_member_count": -2,  # more members than the coalition had on the meeting's day
    "older_member_count": -1,  # fewer: maybe an old figure recalled
    "participant_count": 1,
    "other_participant_count": -2,  # far from the states at the meeting (30 at Paris 2014, 13 at Paris 2016)
    "cue": 3,  # a name or phrase only this meeting's reports use
    "same_story": 3,  # copies the wording of an article already on it (importing.passages)
    "cue_of_next_day": -3,  # … named only as the meeting of the day before or after ("غداة … في قاعدة آندروز")
    "resolutions": 1,
    "other_era": -2,  # the people it names chaired the coalition's meetings of other years only
    "in_office": 1,  # each known official it names held office on the meeting's date, at most MAX_IN_OFFICE
    "out_of_office": -2,  # each known official it names held no office then (a former one is named as such)
    "latest_year": 1,  # the latest year the text names is the meeting's
    "before_latest_year": -2,  # the text names a year after the meeting
}
MAX_CHAIRS = 2
MAX_IN_OFFICE = 2
SHORT_TERM_DAYS = 800  # about two years: a term this short dates a report
PROPOSE = 4
MARGIN = 2
NEAR = 2
# Evidence that the candidate was another set of people's meeting.
OTHER_PEOPLE = frozenset({"other_chairs", "other_era", "out_of_office"})

PREVIEW_DAYS = 3
PREVIEW_MAX_DAYS = 30
REPORT_DAYS = 7
LATE_REPORT_DAYS = 45
STATED_DATE_SLACK = 1  # a late-evening meeting reported under the next day's date
WITH_ARTICLES_DAYS = 4
APART_FROM_ARTICLES_DAYS = 30

_WEEKDAY_NAMES = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")


# --- What is compared ----------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """What one article says about the meeting it reports."""

    date: datetime.date | None = None  # stated by the text (absolute, or relative to a real stamp)
    weekday: int | None = None  # a stated weekday that could not be resolved (no publication date)
    weekday_weak: bool = False  # … read from the lead's news day or a sentence in the future tense
    day_month: tuple[int, int] | None = None  # "في 22 آذار الجاري": day and month, no year
    day_of_month: int | None = None  # "في 25 الجاري" on an undated page: the day alone
    month: int | None = None  # "منتصف أيلول الجاري": the month alone, with no day or year
    written_month: int | None = None  # "منذ 8 سبتمبر الجاري" on a page with no date: the month it was written in
    published_on: datetime.date | None = None
    published_is_stamp: bool = True  # False when only a "last updated" stamp dates the page
    # No publication day, but its year and month (an address's "/2016/10/").
    published_month: tuple[int, int] | None = None
    # "الشهر المقبل" on a page of known day: (year, month) the meeting was in.
    meeting_month: tuple[int, int] | None = None
    # No publication day or month: published on or after, on or before, as
    # the site's article numbers bound it (importing.numbering).
    published_between: tuple[datetime.date | None, datetime.date | None] = (None, None)
    place: str = ""  # a city's key (meetings.city_key)
    dateline: str = ""  # the key of the city its wire dateline names
    country: str = ""  # ISO code of the country it says the meeting was in, when it names no city
    format: str = ""
    kind: str = ""
    ministers: str = ""  # "foreign", "defence" or "foreign_and_defence"
    ordinal: int | None = None
    member_count: int | None = None
    participant_count: int | None = None
    chairs: frozenset[int] = frozenset()
    hosts: frozenset[str] = frozenset()  # ISO codes of the states it says invited or co-chaired the meeting
    people: frozenset[int] = frozenset()  # everyone the text names, chairs included
    years: frozenset[int] = frozenset()  # the years the text names ("منذ تأسيسه عام 2014")
    # The years of the meetings the people it names chaired (Kerry: 2014-2016).
    chaired_years: frozenset[int] = frozenset()
    text: str = ""  # the folded title and body, for cues
    resolutions: frozenset[int] = frozenset()
    # The known officials it names, each with the spans of their offices
    # (archive/reference/data/officials.json): (name, ((first day, last day), …)).
    terms: tuple[tuple[str, tuple[tuple[datetime.date, datetime.date], ...]], ...] = ()
    # Meetings whose articles share its wording: meeting id → (passages
    # shared, the article sharing most), from importing.passages.
    same_story: Mapping[int, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    """An archive meeting as the matcher sees it."""

    id: int
    name: str
    date: datetime.date | None = None
    end_date: datetime.date | None = None
    place: str = ""  # a city's key
    country: str = ""  # ISO code of its city's country
    format: str = ""
    kind: str = ""
    ministers: str = ""
    ordinal: int | None = None
    member_count: int | None = None
    participant_count: int | None = None
    # With no count of its own: the coalition's size bounds on its date, from
    # the counts of the meetings before and after it (it has only grown).
    members_between: tuple[int | None, int | None] = (None, None)
    chairs: Mapping[int, str] = field(default_factory=dict)  # person id: name
    hosts: frozenset[str] = frozenset()  # its chairs' states (ISO codes)
    cues: tuple[str, ...] = ()  # folded
    published: tuple[datetime.date, ...] = ()  # its articles' publication dates
    resolutions: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Evidence:
    signal: str
    points: int
    reason: str


class Contradiction(Exception):
    """The candidate cannot be the reported meeting."""


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: int
    evidence: tuple[Evidence, ...]

    @property
    def agreed(self) -> list[str]:
        return [e.reason for e in self.evidence if e.points > 0]

    @property
    def disagreed(self) -> list[str]:
        return [e.reason for e in self.evidence if e.points < 0]


@dataclass(frozen=True)
class Ranking:
    proposed: Scored | None
    ranked: tuple[Scored, ...]  # every candidate not ruled out, best first
    ruled_out: tuple[tuple[Candidate, str], ...]

    @property
    def runners_up(self) -> tuple[Scored, ...]:
        return tuple(s for s in self.ranked if s is not self.proposed)[:3]

    @property
    def near(self) -> bool:
        """Some candidate came close enough that a new meeting would likely
        duplicate it; one chaired by other people is another meeting however
        close (Washington 2016 under Kerry and Carter, 2024 under Blinken)."""
        return any(
            s.score >= NEAR and not any(e.signal in OTHER_PEOPLE for e in s.evidence) for s in self.ranked
        )


# --- Signals -----------------------------------------------------------------


def _days(a: datetime.date, b: datetime.date) -> int:
    return (a - b).days


def _span(candidate: Candidate) -> tuple[datetime.date, datetime.date]:
    return candidate.date, candidate.end_date or candidate.date


def date_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    if report.date and candidate.date:
        first, last = _span(candidate)
        if first <= report.date <= last:
            return [Evidence("stated_date", WEIGHTS["stated_date"], f"التاريخ الذي يذكره المقال {report.date.isoformat()}")]
        if first - datetime.timedelta(days=STATED_DATE_SLACK) <= report.date <= last + datetime.timedelta(days=STATED_DATE_SLACK):
            return [Evidence("stated_date_near", WEIGHTS["stated_date_near"],
                             f"بفارق يوم عن التاريخ الذي يذكره المقال {report.date.isoformat()}")]
        raise Contradiction(f"يذكر المقال تاريخ {report.date.isoformat()} والاجتماع في {first.isoformat()}")
    if report.date and candidate.published:
        if min(candidate.published) - datetime.timedelta(days=REPORT_DAYS) <= report.date <= max(candidate.published) + datetime.timedelta(days=1):
            return [Evidence("stated_date_near_articles", WEIGHTS["stated_date_near_articles"], "مقالاته نُشرت حول التاريخ الذي يذكره المقال")]
        return []
    if report.published_on and candidate.date:
        return _published_against_date(report, candidate)
    if report.published_on and candidate.published:
        gap = min(abs(_days(report.published_on, day)) for day in candidate.published)
        if gap <= WITH_ARTICLES_DAYS:
            return [Evidence("published_with_articles", WEIGHTS["published_with_articles"], f"نُشر بفارق {gap} يوم عن مقالاته")]
        if gap > APART_FROM_ARTICLES_DAYS and report.published_is_stamp:
            return [Evidence("published_apart_from_articles", WEIGHTS["published_apart_from_articles"], f"نُشر بعيداً عن مقالاته ({gap} يوماً)")]
    if report.weekday is not None and candidate.date:
        signal = "weekday" if report.weekday_weak else "weekday_stated"
        first, last = _span(candidate)
        days = {(first + datetime.timedelta(days=n)).weekday() for n in range((last - first).days + 1)}
        if report.weekday in days:
            return [Evidence(signal, WEIGHTS[signal], f"يوم {_WEEKDAY_NAMES[report.weekday]} يوافق تاريخ الاجتماع")]
        return [Evidence(signal, -WEIGHTS[signal], f"يوم {_WEEKDAY_NAMES[report.weekday]} لا يوافق تاريخ الاجتماع")]
    return []


def _published_against_date(report: Report, candidate: Candidate) -> list[Evidence]:
    first, last = _span(candidate)
    before = _days(first, report.published_on)  # days the page was published before the meeting
    after = _days(report.published_on, last)  # days it was published after it
    if before > PREVIEW_DAYS:
        if not report.published_is_stamp:
            return []
        if before > PREVIEW_MAX_DAYS:
            raise Contradiction(f"نُشر المقال في {report.published_on.isoformat()}، قبل الاجتماع بـ{before} يوماً")
        return [Evidence("published_before", WEIGHTS["published_before"], f"نُشر قبل الاجتماع بـ{before} يوماً (تمهيد له)")]
    if after <= REPORT_DAYS:
        how = "قبل الاجتماع" if before > 0 else "يوم الاجتماع" if after <= 0 else f"بعد الاجتماع بـ{after} يوم"
        return [Evidence("published_days_after", WEIGHTS["published_days_after"], f"نُشر {how}")]
    if after <= LATE_REPORT_DAYS:
        return [Evidence("published_weeks_after", WEIGHTS["published_weeks_after"], f"نُشر بعد الاجتماع بـ{after} يوماً")]
    if not report.published_is_stamp:
        return []
    return [Evidence("published_long_after", WEIGHTS["published_long_after"], f"نُشر بعد الاجتماع بـ{after} يوماً")]


def published_month_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """A page known to be published in some month (its address's
    "/2016/10/"), not on which day: a report of a meeting in that month or
    in the weeks before it, or a preview of one in the month after it."""
    if report.date or report.published_on or report.published_month is None or candidate.date is None:
        return []
    year, month = report.published_month
    start = datetime.date(year, month, 1)
    end = (start + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
    first, last = _span(candidate)
    label = f"{month}/{year}"
    if start - datetime.timedelta(days=REPORT_DAYS) <= last and first <= end:
        return [Evidence("published_month", WEIGHTS["published_month"], f"نُشر في شهر الاجتماع ({label})")]
    if first > end + datetime.timedelta(days=PREVIEW_MAX_DAYS) or last < start - datetime.timedelta(days=LATE_REPORT_DAYS):
        return [Evidence("published_month_far", WEIGHTS["published_month_far"], f"نُشر في {label}، بعيداً عن الاجتماع")]
    return []


def about_coalition(report: Report) -> bool:
    """Whether the page names the coalition or the organization it fights:
    a page that names neither reports another body's meeting ("اجتماع دولي
    موسع حول سوريا" in Rome on the coalition's day, dev9/05), or one of the
    conferences that came before the coalition; nor does a page of a
    conference held for another purpose that never names the coalition."""
    return _names_coalition(report.text) and not _names_other_conference(report.text)


# Asked once for each candidate of a page: its text is read once (a string
# keeps its hash, so the cache costs a lookup).
@functools.lru_cache(maxsize=64)
def _names_coalition(text: str) -> bool:
    return not text or _coalition_words().search(text) is not None


@functools.cache
def _coalition_words() -> re.Pattern[str]:
    # The coalition's own words anywhere in a word («للتحالف», «والائتلاف»);
    # the organization's after a clitic or the article.
    return re.compile(f"{_with_clitics(('داعش', 'تنظيم الدولة'))}|{_coalition_body().pattern}")


def _with_clitics(words: Sequence[str]) -> str:
    """A pattern of these words, alone or after a clitic or the article («وداعش», «بالتنظيم»)."""
    return "|".join(rf"(?<!\w)(?:[وفبل]|[وف]?(?:ب|ل)?ال)?{re.escape(key(word))}" for word in words)


def coalition_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    if candidate.kind == "precursor":
        return []
    if _names_other_conference(report.text):
        raise Contradiction("يذكر المقال مؤتمرا لغرض آخر (إعادة الإعمار، المانحين) ولا يذكر التحالف")
    if not _names_coalition(report.text):
        raise Contradiction("لا يذكر المقال التحالف ولا داعش")
    return []


# Conferences held for another purpose in the coalition's cities and weeks
# (Kuwait's conference for rebuilding Iraq, 12-14 February 2018, beside the
# ministerial of the 13th: dev12/50, dev11/21-22): a page that names one and
# never the coalition reports that conference.
OTHER_CONFERENCES = ("اعادة اعمار", "اعادة الاعمار", "المانحين", "مؤتمر التعهدات")


@functools.lru_cache(maxsize=64)
def _names_other_conference(text: str) -> bool:
    return _other_conference_words().search(text) is not None and _coalition_body().search(text) is None


@functools.cache
def _other_conference_words() -> re.Pattern[str]:
    return re.compile(_with_clitics(OTHER_CONFERENCES))


@functools.cache
def _coalition_body() -> re.Pattern[str]:
    # Anywhere in a word: «للتحالف», «والائتلاف».
    return re.compile("|".join(re.escape(key(word)) for word in ("تحالف", "ائتلاف")))


def meeting_month_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """"تستضيف واشنطن الشهر المقبل اجتماعا", on a page published in June:
    a meeting in July."""
    if report.date or report.meeting_month is None or candidate.date is None:
        return []
    year, month = report.meeting_month
    first, last = _span(candidate)
    if (first.year, first.month) <= (year, month) <= (last.year, last.month):
        return [Evidence("meeting_month", WEIGHTS["meeting_month"], f"في الشهر الذي يذكره المقال ({month}/{year})")]
    return [Evidence("other_meeting_month", WEIGHTS["other_meeting_month"], f"في غير الشهر الذي يذكره المقال ({month}/{year})")]


def published_window_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """A page its site's article numbers date between two days: a report is
    published from a month before its meeting (a preview) to LATE_REPORT_DAYS
    after it. Agreement needs a window of weeks; a window open on one side
    still rules meetings out ("published after March 2019" is no report of a
    2017 meeting)."""
    after, before = report.published_between
    if report.date or report.published_on or report.published_month or candidate.date is None or (after, before) == (None, None):
        return []
    first, last = _span(candidate)
    if (before is not None and first > before + datetime.timedelta(days=PREVIEW_MAX_DAYS)) or (
        after is not None and last < after - datetime.timedelta(days=LATE_REPORT_DAYS)
    ):
        return [Evidence("published_window_far", WEIGHTS["published_window_far"], f"نُشر {_window_label(after, before)}، بعيداً عن الاجتماع")]
    if after is not None and before is not None and (before - after).days <= WINDOW_DAYS:
        return [Evidence("published_window", WEIGHTS["published_window"], f"نُشر {_window_label(after, before)}، قرب الاجتماع")]
    return []


WINDOW_DAYS = 60  # a window of article numbers this narrow dates a page


def _window_label(after: datetime.date | None, before: datetime.date | None) -> str:
    """"بين 2019-01-30 و2019-02-20" as its article number places it."""
    if after and before:
        return f"بين {after.isoformat()} و{before.isoformat()} بحسب رقمه في موقعه"
    return f"{'بعد ' + after.isoformat() if after else 'قبل ' + before.isoformat()} بحسب رقمه في موقعه"


def day_month_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    if report.date or report.day_month is None or candidate.date is None:
        return []
    day, month = report.day_month
    first, last = _span(candidate)
    for year in {first.year, last.year}:
        try:
            stated = datetime.date(year, month, day)
        except ValueError:
            continue
        if first <= stated <= last:
            return [Evidence("day_month", WEIGHTS["day_month"], f"اليوم والشهر اللذان يذكرهما المقال ({day}/{month})")]
        if first - datetime.timedelta(days=STATED_DATE_SLACK) <= stated <= last + datetime.timedelta(days=STATED_DATE_SLACK):
            return [Evidence("day_month_near", WEIGHTS["day_month_near"], f"بفارق يوم عن اليوم الذي يذكره المقال ({day}/{month})")]
    return [Evidence("other_day_month", WEIGHTS["other_day_month"], f"يذكر المقال يوماً آخر ({day}/{month})")]


def month_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    if report.date or report.day_month or report.meeting_month or report.month is None or candidate.date is None:
        return []
    first, last = _span(candidate)
    if first.month <= report.month <= last.month or (first.month > last.month and (report.month >= first.month or report.month <= last.month)):
        return [Evidence("month", WEIGHTS["month"], f"في الشهر الذي يذكره المقال ({report.month})")]
    return [Evidence("other_month", WEIGHTS["other_month"], f"يذكر المقال شهراً آخر ({report.month})")]


def written_month_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """An undated page that calls a month the current one ("منذ 8 سبتمبر
    الجاري", dev12/02) was written in it. The month of the meeting's week,
    or of the week after it (a report), agrees; a month from
    PREVIEW_MAX_DAYS before it (a preview) to LATE_REPORT_DAYS after it (a
    late report) says nothing; any other disagrees. The page names no year:
    the meeting's, or the one before or after it."""
    if report.written_month is None or report.date or report.published_on or candidate.date is None:
        return []
    first, last = _span(candidate)
    written = report.written_month
    if _month_meets(written, first - datetime.timedelta(days=REPORT_DAYS), last + datetime.timedelta(days=REPORT_DAYS)):
        return [Evidence("written_month", WEIGHTS["written_month"], f"كُتب المقال في شهر الاجتماع أو قريباً منه ({written})")]
    if _month_meets(written, first - datetime.timedelta(days=PREVIEW_MAX_DAYS), last + datetime.timedelta(days=LATE_REPORT_DAYS)):
        return []
    return [Evidence("other_written_month", WEIGHTS["other_written_month"], f"كُتب المقال في شهر بعيد عن الاجتماع ({written})")]


def _month_meets(month: int, earliest: datetime.date, latest: datetime.date) -> bool:
    """Some day of this month, in any year, falls from earliest to latest."""
    for year in range(earliest.year, latest.year + 1):
        start = datetime.date(year, month, 1)
        end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        if start <= latest and end >= earliest:
            return True
    return False


def day_of_month_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    if report.date or report.day_month or report.day_of_month is None or candidate.date is None:
        return []
    first, last = _span(candidate)
    days = {(first + datetime.timedelta(days=n)).day for n in range((last - first).days + 1)}
    if report.day_of_month in days:
        return [Evidence("day_of_month", WEIGHTS["day_of_month"], f"اليوم الذي يذكره المقال من الشهر ({report.day_of_month})")]
    return [Evidence("other_day_of_month", WEIGHTS["other_day_of_month"], f"يذكر المقال يوماً آخر من الشهر ({report.day_of_month})")]


def place_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    if not (report.place and candidate.place):
        return []
    if report.place != candidate.place:
        raise Contradiction("المقال يذكر مدينة أخرى")
    return [Evidence("place", WEIGHTS["place"], "المدينة نفسها")]


def dateline_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """Weaker than a stated place, and never against a candidate: a wire
    is often filed from the capital, not from the meeting's city."""
    if report.place or not report.dateline or report.dateline != candidate.place:
        return []
    return [Evidence("dateline", WEIGHTS["dateline"], "أُرسل الخبر من مدينة الاجتماع")]


def country_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    if report.place or not (report.country and candidate.country):
        return []
    if report.country == candidate.country:
        return [Evidence("country", WEIGHTS["country"], "البلد نفسه")]
    return [Evidence("other_country", WEIGHTS["other_country"], "المقال يذكر بلداً آخر")]


def format_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    if report.format and candidate.format and report.format != candidate.format:
        raise Contradiction("اجتماع افتراضي وآخر حضوري")
    if report.format == candidate.format == "virtual":
        return [Evidence("virtual", WEIGHTS["virtual"], "اجتماع افتراضي مثله")]
    return []


# The press calls a small-group ministerial a ministers' meeting: the two
# kinds do not contradict each other; political directors are not ministers.
_COMPATIBLE_KINDS = frozenset({"ministerial", "small_group"})
# The small group meets at the level of senior officials too ("اجتماع
# المجموعة المصغرة … على مستوى كبار المسؤولين في مدريد", a political
# directors' meeting in the calendar): "اجتماعاً مصغراً" with no minister
# named does not contradict it.
_SMALL_GROUP_OF_OFFICIALS = frozenset({"small_group", "political_directors"})


def kind_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    kinds = {report.kind, candidate.kind}
    if not report.kind or not candidate.kind or "other" in kinds or "precursor" in kinds:
        return []
    if report.kind == candidate.kind:
        return [Evidence("kind", WEIGHTS["kind"], "النوع نفسه")]
    if kinds <= _COMPATIBLE_KINDS:
        # The press calls a small group's meeting ministerial, but seldom
        # calls a full ministerial the small group's (dev6/19).
        if report.kind == "small_group":
            return [Evidence("not_small_group", WEIGHTS["not_small_group"], "اجتماع موسع لا اجتماع المجموعة المصغرة")]
        return []
    if kinds == _SMALL_GROUP_OF_OFFICIALS and not report.ministers:
        return []
    return [Evidence("other_kind", WEIGHTS["other_kind"], "نوع آخر من الاجتماعات")]


def ministers_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """A joint meeting of foreign and defence ministers agrees with either;
    a defence ministers' meeting is not a foreign ministers' one."""
    if not report.ministers or not candidate.ministers:
        return []
    if report.ministers == candidate.ministers:
        return [Evidence("ministers", WEIGHTS["ministers"], "الوزراء أنفسهم (الخارجية أو الدفاع)")]
    if "foreign_and_defence" in (report.ministers, candidate.ministers):
        return []
    return [Evidence("other_ministers", WEIGHTS["other_ministers"], "اجتماع وزراء آخرين (الخارجية لا الدفاع، أو العكس)")]


def chair_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    shared = sorted(report.chairs & set(candidate.chairs))[:MAX_CHAIRS]
    found = []
    if shared:
        names = "، ".join(candidate.chairs[person] for person in shared)
        found.append(Evidence("chair", WEIGHTS["chair"] * len(shared), f"الرئاسة نفسها: {names}"))
    if report.chairs and candidate.chairs and not shared and not (report.people & set(candidate.chairs)):
        found.append(Evidence("other_chairs", WEIGHTS["other_chairs"], "رئاسة أخرى"))
    # Named at the meeting without the text saying they chaired it.
    present = sorted((report.people - report.chairs) & set(candidate.chairs))[: MAX_CHAIRS - len(shared)]
    if present:
        names = "، ".join(candidate.chairs[person] for person in present)
        found.append(Evidence("chair_present", WEIGHTS["chair_present"] * len(present), f"يذكر المقال من ترأسه: {names}"))
    return found


def host_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """The states said to have invited or co-chaired it, against its chairs'.
    Only all of them, or none, says something: "برئاسة مشتركة بين الكويت
    والعراق والأمم المتحدة" may be a neighbouring conference's chairs
    (dev3/21), and the calendar names a meeting's chairs, not every
    state that called it."""
    if not report.hosts or not candidate.hosts:
        return []
    names = "، ".join(sorted(report.hosts))
    if report.hosts <= candidate.hosts:
        return [Evidence("hosts", WEIGHTS["hosts"], f"الدول الداعية نفسها ({names})")]
    if not report.hosts & candidate.hosts:
        return [Evidence("other_hosts", WEIGHTS["other_hosts"], f"دعت إليه دول أخرى ({names})")]
    return []


def ordinal_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    if report.ordinal is None or candidate.ordinal is None:
        return []
    if report.ordinal != candidate.ordinal:
        return [Evidence("other_ordinal", WEIGHTS["other_ordinal"], f"المقال يذكر الاجتماع رقم {report.ordinal} وهذا رقم {candidate.ordinal}")]
    return [Evidence("ordinal", WEIGHTS["ordinal"], f"الرقم نفسه في سلسلته ({report.ordinal})")]


def count_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """The coalition's member count, and the states at the meeting.

    One member off is no evidence either way: reports round and lag (a page
    of the Rome small group of February 2016 counts 66 members, the
    Washington ministerial of that July had 67, dev4/15)."""
    found = []
    if report.member_count and (candidate.member_count or any(candidate.members_between)):
        found.extend(_member_count_signal(report.member_count, candidate))
    if report.participant_count and candidate.participant_count:
        said, held = report.participant_count, candidate.participant_count
        if said == held:
            found.append(Evidence("participant_count", WEIGHTS["participant_count"], f"عدد المشاركين نفسه ({said})"))
        elif abs(said - held) > max(PARTICIPANTS_SLACK, PARTICIPANTS_SHARE * max(said, held)):
            found.append(Evidence("other_participant_count", WEIGHTS["other_participant_count"],
                                  f"عدد مشاركين آخر ({said} لا {held})"))
    return found


# Reports round and count differently ("23 دولة" of Rome 2016's 25
# delegations, dev12/12): only a count far from the meeting's says it was
# another one.
PARTICIPANTS_SLACK = 3
PARTICIPANTS_SHARE = 0.25


def _member_count_signal(count: int, candidate: Candidate) -> list[Evidence]:
    """The press lags but never leads: a count above the coalition's size on
    the meeting's day rules much against it; one below it (a page recalling
    an old figure, "التحالف المؤلف من 60 دولة" years on) only a little."""
    low, high = (candidate.member_count,) * 2 if candidate.member_count else candidate.members_between
    known = candidate.member_count or "–".join(str(n) if n else "؟" for n in (low, high))
    if low == high == count:
        return [Evidence("member_count", WEIGHTS["member_count"], f"عدد الأعضاء نفسه ({count})")]
    if high is not None and count > high + 1:
        return [Evidence("other_member_count", WEIGHTS["other_member_count"], f"عدد أعضاء آخر ({count} لا {known})")]
    if low is not None and count < low - 1:
        return [Evidence("older_member_count", WEIGHTS["older_member_count"], f"عدد أعضاء أقدم ({count} لا {known})")]
    return []


def cue_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """A phrase only this meeting's reports use. Named in an aside on the
    meeting of the day before or after ("غداة عقد اجتماع أول في قاعدة
    آندروز", dev5/14), it says the article reports another meeting."""
    aside = None
    for cue in candidate.cues:
        where = _cue_in(report.text, cue) if cue else None
        if where == "text":
            return [Evidence("cue", WEIGHTS["cue"], f"عبارة تميزه: «{cue}»")]
        aside = aside or (cue if where == "aside" else None)
    if aside:
        return [Evidence("cue_of_next_day", WEIGHTS["cue_of_next_day"],
                         f"يذكره المقال اجتماعَ اليوم السابق أو التالي: «{aside}»")]
    return []


def _cue_in(text: str, phrase: str) -> str | None:
    """Where a keyed text holds a keyed phrase: "text", only in an aside on
    the meeting of the day before or after ("aside"), or None."""
    where = None
    for found in re.finditer(rf"(?<!\w)(?:[وفبلك]|[وف]?(?:ب|ل)?ال)?{re.escape(phrase)}(?!\w)", text):
        if not _NEXT_DAY_ASIDE.search(text, max(0, found.start() - ASIDE_REACH), found.start()):
            return "text"
        where = "aside"
    return where


ASIDE_REACH = 50  # characters before a cue
_NEXT_DAY_ASIDE = re.compile(rf"(?<!\w)(?:{arabic.key('غداة')}|{arabic.key('عشية')})(?!\w)")


def story_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """The report copies the wire of an article already on the meeting:
    pages of one event share the agency's paragraphs, pages of two events
    almost never do (importing.passages, measured on the labelled pages).
    It tells most in an archive that already holds other reports: dev12
    imported after dev to dev11 put 0.593 of its pairs together with it,
    0.556 without (`evaluate_import tests/data/real/dev12 --after …`)."""
    found = report.same_story.get(candidate.id)
    if found is None:
        return []
    shared, article = found
    return [Evidence("same_story", WEIGHTS["same_story"],
                     f"ينقل فقرات من مقال على هذا الاجتماع (المقال رقم {article}، بصمات مشتركة: {shared})")]


def key(text: str) -> str:
    """The form reports' text and cues are compared in."""
    return arabic.key(text)


def resolution_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    cited = report.resolutions & candidate.resolutions
    if not cited:
        return []
    return [Evidence("resolutions", WEIGHTS["resolutions"], "القرارات نفسها: " + "، ".join(map(str, sorted(cited))))]


# Years of the coalition's time; a resolution number (2170, 2254) is above them.
_YEAR = re.compile(r"(?<![\d.,/])(20[12]\d)(?![\d.,/])")
FIRST_YEAR, LAST_YEAR = 2014, 2029


def years_named(text: str) -> frozenset[int]:
    return frozenset(y for y in map(int, _YEAR.findall(arabic.normalize(text))) if FIRST_YEAR <= y <= LAST_YEAR)


ERA_SLACK = 1  # a minister in office the year before or after his last chair


def era_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """The people a report names were in office when they chaired the
    coalition's meetings: a meeting years away from all of those is another
    era's ("جون كيري" in a report of Rome 2021)."""
    if not report.chaired_years or candidate.date is None or report.date:
        return []
    year = candidate.date.year
    if min(report.chaired_years) - ERA_SLACK <= year <= max(report.chaired_years) + ERA_SLACK:
        return []
    span = f"{min(report.chaired_years)}–{max(report.chaired_years)}"
    return [Evidence("other_era", WEIGHTS["other_era"], f"من يذكرهم المقال ترأسوا اجتماعات {span}")]


def year_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """A report is written after the years it names: the latest of them is
    most often its meeting's, and a meeting before it is an old one."""
    if not report.years or candidate.date is None or report.date:
        return []
    latest = max(report.years)
    if candidate.date.year == latest:
        return [Evidence("latest_year", WEIGHTS["latest_year"], f"أحدث سنة يذكرها المقال ({latest})")]
    if candidate.date.year < latest:
        return [Evidence("before_latest_year", WEIGHTS["before_latest_year"], f"المقال يذكر سنة لاحقة ({latest})")]
    return []


def office_signal(report: Report, candidate: Candidate) -> list[Evidence]:
    """The known officials a report names were in office at its meeting:
    "باتريك شاناهان" (acting Secretary of Defense, January to June 2019)
    tells Munich 2019 from Munich 2020. Read only for a report that states
    no date, as the era and the years are."""
    if not report.terms or candidate.date is None or report.date:
        return []
    day = candidate.date
    held = {name: [(first, last) for first, last in spans if first <= day <= last] for name, spans in report.terms}
    # Only a short term says much: a minister of five years was in office
    # for many of the coalition's meetings (Parly, 2017-2022), an acting
    # secretary of six months for one or two (Shanahan, 2019).
    telling = [name for name, spans in held.items() if any((last - first).days <= SHORT_TERM_DAYS for first, last in spans)]
    found = [Evidence("in_office", WEIGHTS["in_office"], f"{name} في منصبه يوم الاجتماع") for name in telling]
    found = found[:MAX_IN_OFFICE]
    outside = [name for name, spans in held.items() if not spans]
    found += [Evidence("out_of_office", WEIGHTS["out_of_office"], f"{name} لم يكن في منصبه يوم الاجتماع") for name in outside]
    return found


SIGNALS: tuple[Callable[[Report, Candidate], list[Evidence]], ...] = (
    coalition_signal, date_signal, published_month_signal, published_window_signal, meeting_month_signal, day_month_signal, day_of_month_signal, month_signal, written_month_signal, place_signal, dateline_signal, country_signal, format_signal,
    kind_signal, ministers_signal, chair_signal, host_signal, ordinal_signal, count_signal, cue_signal, story_signal,
    resolution_signal, year_signal, era_signal, office_signal,
)


# --- Entry point -------------------------------------------------------------


def score(report: Report, candidate: Candidate) -> Scored:
    """Raises Contradiction when the candidate is ruled out."""
    evidence = tuple(e for signal in SIGNALS for e in signal(report, candidate))
    return Scored(candidate, sum(e.points for e in evidence), evidence)


def rank(report: Report, candidates: Sequence[Candidate]) -> Ranking:
    ranked: list[Scored] = []
    ruled_out: list[tuple[Candidate, str]] = []
    for candidate in candidates:
        try:
            ranked.append(score(report, candidate))
        except Contradiction as why:
            ruled_out.append((candidate, str(why)))
    # Ties go to the calendar's dated meeting, then the older record.
    ranked.sort(key=lambda s: (-s.score, s.candidate.date is None, s.candidate.id))
    best = ranked[0] if ranked else None
    lead = best.score - ranked[1].score if len(ranked) > 1 else best.score if best else 0
    clear = best is not None and best.score >= PROPOSE and lead >= MARGIN
    return Ranking(best if clear else None, tuple(ranked), tuple(ruled_out))
