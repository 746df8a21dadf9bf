"""Known officials: the people who matter to the coalition's record (its
hosts and chairs, the foreign and defence ministers who spoke at its
meetings, its envoys, Iraqi and Syrian officials), as reference data
(data/officials.json) checked against published sources.

Choices an editor should know about:

- Nothing is guessed. Every fact an entry states (its Arabic name and
  spellings, English names, offices) is listed under at least one source
  that was read stating it; an Arabic spelling is one seen in Arabic press
  or an official page. An entry with a fact no source gave in full (an
  office's first or last day) is kept as "unverified" and says so.
- Spellings carry no honorifics or offices ("الأمير", "وزير"): they are how
  the name itself is written, so the people reader can find it in any text.
- No spelling belongs to two officials: one spelling, one person.
- The file is read and checked here, without Django; archive.reference.
  loading writes it into the archive as people with their aliases.

One entry point: officials().
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from archive import text
from archive.reference import sourcing

STATUSES = ("verified", "unverified")
SOURCED_FACTS = ("name_ar", "spellings_ar", "name_en", "spellings_en", "offices")
# Words that are how a person is addressed or their office, never their name.
_HONORIFICS = frozenset(
    text.key(word) for word in ("الأمير", "الشيخ", "الدكتور", "السيد", "السيدة", "الملك", "وزير", "الرئيس", "اللواء", "الفريق")
)
_ISO = re.compile(r"^[A-Z]{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class OfficialsError(ValueError):
    """The officials file is not what the archive can load."""


@dataclass(frozen=True)
class Office:
    role_ar: str
    role_en: str
    country: str | None
    start: str | None  # YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source; None: not found
    end: str | None  # None: in office at the source's date


@dataclass(frozen=True)
class Official:
    key: str
    name_ar: str
    spellings_ar: tuple[str, ...]
    name_en: str
    spellings_en: tuple[str, ...]
    country: str | None
    offices: tuple[Office, ...]
    verified: bool
    sources: tuple[sourcing.Source, ...]
    notes: str

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every Arabic spelling, the usual one first."""
        return (self.name_ar, *self.spellings_ar)

    def stated(self) -> set[str]:
        values = {
            "name_ar": self.name_ar, "spellings_ar": self.spellings_ar, "name_en": self.name_en,
            "spellings_en": self.spellings_en, "offices": self.offices,
        }
        return {name for name, value in values.items() if value}


def _strings(raw: dict, name: str, where: str) -> tuple[str, ...]:
    value = raw.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OfficialsError(f"{where}: «{name}» يجب أن يكون قائمة نصوص")
    return tuple(dict.fromkeys(v.strip() for v in value if v.strip()))


def _office(raw: dict, where: str) -> Office:
    start, end = raw.get("from"), raw.get("to")
    for name, value in (("from", start), ("to", end)):
        if value is not None and not (isinstance(value, str) and _PARTIAL_DATE.match(value)):
            raise OfficialsError(f"{where}: «{name}» في المنصب ليس تاريخاً (YYYY أو YYYY-MM أو YYYY-MM-DD): {value!r}")
    if start and end is not None and end < start:
        raise OfficialsError(f"{where}: منصب ينتهي قبل أن يبدأ ({start} – {end})")
    if not (raw.get("role_ar") or "").strip():
        raise OfficialsError(f"{where}: منصب بلا اسم بالعربية")
    return Office(
        raw["role_ar"].strip(), (raw.get("role_en") or "").strip(), _iso(raw, where), start or None, end
    )


def _iso(raw: dict, where: str) -> str | None:
    """A state's ISO 3166 code, or None (an organisation's officials)."""
    value = raw.get("country") or None
    if value is not None and not _ISO.match(value):
        raise OfficialsError(f"{where}: «country» رمز ISO من حرفين كبيرين أو null، لا {value!r}")
    return value


def parse_official(raw: dict) -> Official:
    """One entry, checked; OfficialsError names the key and the field."""
    where = f"المسؤول «{raw.get('key', '؟')}»"
    for name in ("key", "name_ar", "name_en", "status"):
        if not raw.get(name):
            raise OfficialsError(f"{where}: الحقل «{name}» ناقص")
    if raw["status"] not in STATUSES:
        raise OfficialsError(f"{where}: «status» يجب أن يكون أحد {', '.join(STATUSES)}")
    official = Official(
        key=raw["key"], name_ar=raw["name_ar"].strip(),
        spellings_ar=tuple(s for s in _strings(raw, "spellings_ar", where) if text.key(s) != text.key(raw["name_ar"])),
        name_en=raw["name_en"].strip(), spellings_en=_strings(raw, "spellings_en", where),
        country=_iso(raw, where),
        offices=tuple(_office(o, where) for o in raw.get("offices") or ()),
        verified=raw["status"] == "verified",
        sources=sourcing.sources_of(raw),
        notes=raw.get("notes") or "",
    )
    for spelling in official.spellings:
        if spelling.split()[0] and text.key(spelling.split()[0]) in _HONORIFICS:
            raise OfficialsError(f"{where}: التهجئة «{spelling}» تبدأ بلقب أو منصب، لا بالاسم")
    _check_sources(official, where)
    return official


def _check_sources(official: Official, where: str) -> None:
    if why := sourcing.problem(official.sources, official.stated(), SOURCED_FACTS):
        raise OfficialsError(f"{where}: {why}")


def parse(raw: dict) -> tuple[Official, ...]:
    found = tuple(parse_official(item) for item in raw.get("officials", ()))
    keys: set[str] = set()
    owners: dict[str, str] = {}
    for official in found:
        if official.key in keys:
            raise OfficialsError(f"المسؤول «{official.key}» مكرر")
        keys.add(official.key)
        for spelling in official.spellings:
            owner = owners.setdefault(text.key(spelling), official.key)
            if owner != official.key:
                raise OfficialsError(f"التهجئة «{spelling}» لمسؤولين اثنين: «{owner}» و«{official.key}»")
    return found


def office_on(official: Official, day: datetime.date) -> Office | None:
    """The office the official held on a day, as far as the sources say."""
    stamp = day.isoformat()
    for office in official.offices:
        if office.start is not None and office.start <= stamp[: len(office.start)] and (office.end is None or stamp[: len(office.end)] <= office.end):
            return office
    return None


@cache
def officials() -> tuple[Official, ...]:
    """The officials as shipped in the package."""
    raw = resources.files("archive.reference").joinpath("data/officials.json").read_text(encoding="utf-8")
    try:
        return parse(json.loads(raw))
    except json.JSONDecodeError as error:
        raise OfficialsError(f"archive/reference/data/officials.json: ليس JSON صالحاً ({error})") from None
