"""Pictures drawn on the server as SVG: no script, no external library, and
readable by a screen reader (a title, a description, and every mark labelled).

Time runs from right to left, as an Arabic reader reads. All text from the
archive is escaped; the numbers are formatted here.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class TimelinePoint:
    date: datetime.date
    label: str
    url: str
    virtual: bool
    member_count: int | None


def timeline(points: Sequence[TimelinePoint], title: str, width: int = 720, height: int = 190) -> SafeString:
    """The coalition's meetings on a time line, right (earliest) to left:
    a dot per meeting (hollow when virtual) and the membership as a line
    where the articles give it."""
    if not points:
        return mark_safe("")
    margin_x, top, axis_y = 30, 40, height - 40
    first = datetime.date(min(p.date for p in points).year, 1, 1)
    last = datetime.date(max(p.date for p in points).year + 1, 1, 1)
    span = (last - first).days or 1

    def x(date: datetime.date) -> float:
        # Right to left: the earliest date at the right edge.
        return width - margin_x - (date - first).days / span * (width - 2 * margin_x)

    counts = [p.member_count for p in points if p.member_count]
    top_count = max(counts, default=0)
    # The line shows growth: its scale starts below the smallest count, not at zero.
    low = int(min(counts, default=0) * 0.8)
    lift = 18  # the line stays above the dots

    def y(count: int) -> float:
        if not top_count or top_count == low:
            return top
        return axis_y - lift - (count - low) / (top_count - low) * (axis_y - lift - top)

    parts = [
        f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="timeline-title timeline-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<desc id="timeline-desc">{len(points)} اجتماعاً من {points[0].date.year} إلى {points[-1].date.year}؛ '
        "الدائرة المفرغة اجتماع افتراضي، والخط عدد أعضاء التحالف.</desc>",
        f'<line class="axis" x1="{margin_x}" y1="{axis_y}" x2="{width - margin_x}" y2="{axis_y}"/>',
    ]
    for year in range(first.year, last.year + 1):
        tick = x(datetime.date(year, 1, 1))
        parts.append(f'<line class="tick" x1="{tick:.1f}" y1="{axis_y}" x2="{tick:.1f}" y2="{axis_y + 5}"/>')
        if year < last.year:
            middle = x(datetime.date(year, 7, 1))
            parts.append(f'<text class="year" x="{middle:.1f}" y="{axis_y + 20}" text-anchor="middle">{year}</text>')
    members = [(x(p.date), y(p.member_count), p.member_count) for p in points if p.member_count]
    if len(members) > 1:
        path = " ".join(f"{'M' if i == 0 else 'L'}{px:.1f},{py:.1f}" for i, (px, py, _) in enumerate(members))
        parts.append(f'<path class="members" d="{path}"/>')
    for px, py, count in members:
        parts.append(f'<text class="members-label" x="{px:.1f}" y="{py - 8:.1f}" text-anchor="middle">{count}</text>')
    for point in points:
        cx = x(point.date)
        kind = "virtual" if point.virtual else "in-person"
        label = f"{point.label} — {point.date.isoformat()}" + (f" — {point.member_count} عضواً" if point.member_count else "")
        parts.append(
            f'<a href="{escape(point.url)}" class="meeting-dot"><title>{escape(label)}</title>'
            f'<circle class="{kind}" cx="{cx:.1f}" cy="{axis_y}" r="7"/></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def bars(values: Sequence[tuple[int, int]], title: str, unit: str, width: int = 320, height: int = 120) -> SafeString:
    """Counts per year as bars, right (earliest) to left, each labelled."""
    if not values:
        return mark_safe("")
    top, bottom, margin = 16, height - 22, 8
    most = max(count for _, count in values) or 1
    slot = (width - 2 * margin) / len(values)
    bar = max(2.0, slot * 0.7)
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (year, count) in enumerate(values):
        right = width - margin - index * slot
        left = right - (slot + bar) / 2
        bar_height = count / most * (bottom - top)
        parts.append(
            f'<g><title>{year}: {count} {escape(unit)}</title>'
            f'<rect x="{left:.1f}" y="{bottom - bar_height:.1f}" width="{bar:.1f}" height="{bar_height:.1f}"/>'
            f'<text class="count" x="{left + bar / 2:.1f}" y="{bottom - bar_height - 3:.1f}" text-anchor="middle">{count}</text>'
            f'<text class="year" x="{left + bar / 2:.1f}" y="{height - 6}" text-anchor="middle">{year}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
