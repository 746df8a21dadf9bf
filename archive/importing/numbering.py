"""When an undated page was published, bounded by its article number.

Most news sites number their articles in order: masress.com/youm7/6744634
came after masress.com/youm7/6700000 and before 6800000. A page copied with
its address but no date («sauress.com/spa/1462282») is then published
between the dates of the nearest numbers of that site whose dates are known:
from pages whose own date line was read (data/article_numbers.json, each
with its evidence) and from the archive's dated articles of the same site.
Of the labelled real pages that reached no meeting, most came from such
addresses with no date on the page (dev to dev6: 13 of 17).

Choices:
- A site's numbering is its host and the path up to the number
  ("masress.com/youm7/#", "ksaplayers.com/ksahome/newsdetial/?nid=#"): a
  mirror numbers each outlet apart, and a site may number two sections apart.
- The number is the first run of four digits or more in the path that is not
  a year of a dated path ("/2019/02/06/", which gives the date itself) nor
  part of a GUID or hash, else a query value of digits alone.
- Bounds: the nearest known number on each side, widened by SLACK_DAYS
  (numbers are given to drafts), after dropping a known date out of step
  with its neighbours by over a month: one misread date moves nothing.
- Kept as our own small module: the rule is a regular expression and a
  bisection; no library does either better.

Entry points: site_number(), Anchors.bounds(), shipped().
"""

from __future__ import annotations

import bisect
import datetime
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from urllib.parse import parse_qsl, unquote, urlsplit

SLACK_DAYS = 7
NEAREST = 3
OUT_OF_STEP_DAYS = 30
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
_DIGITS = re.compile(r"\d{4,12}")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DIGITS_ONLY = re.compile(r"^\d{4,12}$")
_HEX_ID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}|^[0-9a-f]{16,}$")  # a GUID or a hash, no count


@dataclass(frozen=True)
class SiteNumber:
    site: str  # "masress.com/youm7/#"
    number: int


def site_number(url: str) -> SiteNumber | None:
    """The page's numbering and its number within it, or None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = parts.netloc.casefold().split("@")[-1].split(":")[0].strip(".")
    for prefix in _HOST_PREFIXES:
        host = host.removeprefix(prefix)
    if not host:
        return None
    segments = [s for s in unquote(parts.path).casefold().split("/") if s]
    for n, segment in enumerate(segments):
        if _YEAR.match(segment):
            return None  # a dated path: its date says more
        found = None if _HEX_ID.match(segment) else _DIGITS.search(segment)
        if found:
            return SiteNumber("/".join([host, *segments[:n], "#"]), int(found.group()))
    for name, value in parse_qsl(parts.query):
        if _DIGITS_ONLY.match(value):
            path = "/".join(segments)
            return SiteNumber(f"{host}/{path}{'/' if path else ''}?{name.casefold()}=#", int(value))
    return None


@dataclass
class Anchors:
    """Known (number, date) pairs, by numbering."""

    by_site: dict[str, list[tuple[int, datetime.date]]] = field(default_factory=dict)

    def add(self, site: str, number: int, day: datetime.date) -> None:
        bisect.insort(self.by_site.setdefault(site, []), (number, day))

    def bounds(self, page: SiteNumber, more: list[tuple[int, datetime.date]] = ()) -> tuple[datetime.date | None, datetime.date | None]:
        """(published on or after, published on or before) for the page."""
        known = sorted({*self.by_site.get(page.site, ()), *more})
        at = bisect.bisect_left(known, (page.number, datetime.date.min))
        near = _in_order(known[max(0, at - NEAREST):at + NEAREST])
        below = [day for number, day in near if number < page.number]
        above = [day for number, day in near if number >= page.number]
        slack = datetime.timedelta(days=SLACK_DAYS)
        return (below[-1] - slack if below else None, above[0] + slack if above else None)


def _in_order(near: list[tuple[int, datetime.date]]) -> list[tuple[int, datetime.date]]:
    """The known numbers without those whose date is out of step with their
    neighbours (a misread date, a "last updated" stamp): earlier than the
    number before it and the one after it, or later than both."""
    step = datetime.timedelta(days=OUT_OF_STEP_DAYS)
    kept = []
    for n, (number, day) in enumerate(near):
        before = near[n - 1][1] if n > 0 else None
        after = near[n + 1][1] if n + 1 < len(near) else None
        too_early = before is not None and day < before - step and (after is None or day < after - step)
        too_late = after is not None and day > after + step and (before is None or day > before + step)
        if not (too_early or too_late):
            kept.append((number, day))
    return kept


class NumberingError(ValueError):
    """The shipped file is not what the importer can read."""


@cache
def shipped() -> Anchors:
    """The anchors of data/article_numbers.json."""
    path = "archive/importing/data/article_numbers.json"
    raw = resources.files("archive.importing").joinpath("data/article_numbers.json").read_text(encoding="utf-8")
    anchors = Anchors()
    try:
        items = json.loads(raw)["anchors"]
    except (json.JSONDecodeError, KeyError) as error:
        raise NumberingError(f"{path}: ليس ملف أرقام مقالات صالحاً ({error})") from None
    for item in items:
        page = site_number(item.get("url", ""))
        try:
            day = datetime.date.fromisoformat(item.get("date", ""))
        except ValueError:
            raise NumberingError(f"{path}: تاريخ غير صالح «{item.get('date')}» للرابط {item.get('url')}") from None
        if page is None:
            raise NumberingError(f"{path}: لا رقم مقال في الرابط {item.get('url')}")
        anchors.add(page.site, page.number, day)
    return anchors
