"""What the reference files (the calendar, the known officials) share: each
entry lists its sources and the facts each vouches for, and an entry whose
facts no source vouches for is refused. Pure Python; the callers raise
their own error naming the entry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    url: str
    facts: tuple[str, ...]


def sources_of(raw: dict) -> tuple[Source, ...]:
    return tuple(Source(s.get("url", ""), tuple(s.get("facts") or ())) for s in raw.get("sources") or ())


def problem(sources: tuple[Source, ...], stated: Iterable[str], allowed: Iterable[str]) -> str:
    """Why these sources do not carry the facts an entry states ("" when
    they do): no http(s) source, a fact name the file does not know, or a
    stated fact no source vouches for."""
    if not sources or any(not s.url.startswith(("http://", "https://")) for s in sources):
        return "كل مدخل يحتاج مصدراً واحداً على الأقل برابط http(s)"
    vouched = {fact for source in sources for fact in source.facts}
    if unknown := vouched - set(allowed):
        return f"حقائق غير معروفة في المصادر: {', '.join(sorted(unknown))}"
    if missing := set(stated) - vouched:
        return f"حقائق بلا مصدر: {', '.join(sorted(missing))}"
    return ""
