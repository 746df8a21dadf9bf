"""Pictures drawn on the server as SVG: no script, no external library, and
readable by a screen reader (a title, a description, and every mark labelled).

Time runs the way the page reads: from right to left in Arabic, from left
to right in English. All text from the
archive is escaped; the numbers are formatted here.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext as _

from archive import plurals


@dataclass(frozen=True)
class TimelinePoint:
    date: datetime.date
    label: str
    url: str
    virtual: bool
    member_count: int | None


# The widths charts are drawn at: archive.css keeps each from shrinking below
# it, so their 12px labels stay readable at every screen width.
TIMELINE_WIDTH = 720
BARS_WIDTH = 240
# The room a year's label needs ("2014" at 12px, with a gap).
YEAR_LABEL_ROOM = 34


def timeline(points: Sequence[TimelinePoint], title: str, width: int = TIMELINE_WIDTH, height: int = 190) -> SafeString:
    """The coalition's meetings on a time line, earliest where the page's
    reading starts (the right in Arabic):
    a dot per meeting (hollow when virtual) and the membership as a line
    where the articles give it."""
    if not points:
        return mark_safe("")
    scale = _TimelineScale(points, width, height)
    meetings = plurals.meetings(len(points))
    parts = [
        f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="timeline-title timeline-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<desc id="timeline-desc">{escape(_timeline_description(meetings, points))}</desc>',
        f'<line class="axis" x1="{scale.margin_x}" y1="{scale.axis_y}" x2="{width - scale.margin_x}" y2="{scale.axis_y}"/>',
        *_year_ticks(scale),
        *_membership_line(points, scale),
        *_meeting_dots(points, scale),
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _timeline_description(meetings: str, points: Sequence[TimelinePoint]) -> str:
    return _("%(meetings)s من %(first)s إلى %(last)s؛ الدائرة المفرغة اجتماع افتراضي، والخط عدد أعضاء التحالف.") % {
        "meetings": meetings, "first": points[0].date.year, "last": points[-1].date.year}


class _TimelineScale:
    """Where a date and a member count fall on the time line."""

    margin_x, top, lift = 30, 40, 18  # lift: the membership line stays above the dots

    def __init__(self, points: Sequence[TimelinePoint], width: int, height: int) -> None:
        self.width, self.axis_y = width, height - 40
        # Time runs the way the page reads: the earliest at the right in
        # Arabic, at the left in English.
        self.rtl = get_language_bidi()
        self.first = datetime.date(min(p.date for p in points).year, 1, 1)
        self.last = datetime.date(max(p.date for p in points).year + 1, 1, 1)
        self.span = (self.last - self.first).days or 1
        counts = [p.member_count for p in points if p.member_count]
        self.top_count = max(counts, default=0)
        # The line shows growth: its scale starts below the smallest count, not at zero.
        self.low = int(min(counts, default=0) * 0.8)

    def x(self, date: datetime.date) -> float:
        from_start = self.margin_x + (date - self.first).days / self.span * (self.width - 2 * self.margin_x)
        return self.width - from_start if self.rtl else from_start

    def y(self, count: int) -> float:
        if not self.top_count or self.top_count == self.low:
            return self.top
        return self.axis_y - self.lift - (count - self.low) / (self.top_count - self.low) * (self.axis_y - self.lift - self.top)


def _year_ticks(scale: _TimelineScale) -> list[str]:
    parts = []
    for year in range(scale.first.year, scale.last.year + 1):
        tick = scale.x(datetime.date(year, 1, 1))
        parts.append(f'<line class="tick" x1="{tick:.1f}" y1="{scale.axis_y}" x2="{tick:.1f}" y2="{scale.axis_y + 5}"/>')
        if year < scale.last.year:
            middle = scale.x(datetime.date(year, 7, 1))
            parts.append(f'<text class="year" x="{middle:.1f}" y="{scale.axis_y + 20}" text-anchor="middle">{year}</text>')
    return parts


def _membership_line(points: Sequence[TimelinePoint], scale: _TimelineScale) -> list[str]:
    members = [(scale.x(p.date), scale.y(p.member_count), p.member_count) for p in points if p.member_count]
    parts = []
    if len(members) > 1:
        path = " ".join(f"{'M' if i == 0 else 'L'}{px:.1f},{py:.1f}" for i, (px, py, _) in enumerate(members))
        parts.append(f'<path class="members" d="{path}"/>')
    for px, py, count in members:
        parts.append(f'<text class="members-label" x="{px:.1f}" y="{py - 8:.1f}" text-anchor="middle">{count}</text>')
    return parts


def _meeting_dots(points: Sequence[TimelinePoint], scale: _TimelineScale) -> list[str]:
    parts = []
    for point in points:
        kind = "virtual" if point.virtual else "in-person"
        label = f"{point.label} — {point.date.isoformat()}" + (" — " + _("%(count)s عضواً") % {"count": point.member_count} if point.member_count else "")
        parts.append(
            f'<a href="{escape(point.url)}" class="meeting-dot"><title>{escape(label)}</title>'
            f'<circle class="{kind}" cx="{scale.x(point.date):.1f}" cy="{scale.axis_y}" r="7"/></a>'
        )
    return parts


def bars(values: Sequence[tuple[int, int]], title: str, unit: str, width: int = BARS_WIDTH, height: int = 120) -> SafeString:
    """Counts per year as bars, earliest where the page's reading starts.
    Where the years are
    too many for every label to fit, every second (third …) year is labelled,
    the latest always; each bar's title still gives its year and count."""
    if not values:
        return mark_safe("")
    top, bottom, margin = 16, height - 22, 8
    most = max(count for _year, count in values) or 1
    slot = (width - 2 * margin) / len(values)
    bar = max(2.0, slot * 0.7)
    step = max(1, -(-YEAR_LABEL_ROOM // int(slot or 1)))
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    rtl = get_language_bidi()  # the earliest year where the page's reading starts
    for index, (year, count) in enumerate(values):
        right = width - margin - index * slot
        left = right - (slot + bar) / 2
        if not rtl:
            left = width - left - bar
        bar_height = count / most * (bottom - top)
        labelled = (len(values) - 1 - index) % step == 0
        parts.append(
            f'<g><title>{year}: {count} {escape(unit)}</title>'
            f'<rect x="{left:.1f}" y="{bottom - bar_height:.1f}" width="{bar:.1f}" height="{bar_height:.1f}"/>'
            + (f'<text class="count" x="{left + bar / 2:.1f}" y="{bottom - bar_height - 3:.1f}" text-anchor="middle">{count}</text>'
               f'<text class="year" x="{left + bar / 2:.1f}" y="{height - 6}" text-anchor="middle">{year}</text>' if labelled else "")
            + "</g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
