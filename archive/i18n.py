"""Which of a record's names a page shows: its English name on the English
pages where the archive knows one, its Arabic name everywhere else (the
record's name as filed is Arabic; name_en is filled for the calendar's
meetings, the known officials, countries and the outlets of the gazetteer)."""

from __future__ import annotations

from django.utils.translation import get_language, gettext_lazy

# The archive's name, as the feeds, the citations and the API document give it.
ARCHIVE_NAME = gettext_lazy("أرشيف التحالف الدولي ضد داعش")


def shown(name: str, name_en: str | None, language: str | None = None) -> str:
    language = language or get_language()
    return name_en if name_en and (language or "").startswith("en") else name


def name_of(record) -> str:
    """A record's name for the active language (any record with name and
    name_en)."""
    return shown(record.name, getattr(record, "name_en", ""))
