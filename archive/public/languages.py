"""The language switch every public page carries: the same page, with the
same search, in the other language (Arabic at the addresses without a
prefix, English under /en/)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own language: «العربية», "English"
    url: str
    current: bool


def switch(request: HttpRequest) -> dict[str, list[Language]]:
    """A context processor: each language with this page's address in it."""
    current = get_language()
    found = []
    for code, name in settings.LANGUAGES:
        found.append(Language(code, name, translate_url(request.get_full_path(), code), code == current))
    return {"languages": found}
