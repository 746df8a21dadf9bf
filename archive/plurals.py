"""Counting things in the interface's language: «مقال واحد», «مقالان»,
«5 مقالات», «11 مقالاً», «100 مقال» in Arabic; "1 article", "5 articles"
in English.

Each count is Django's ngettext with an Arabic message id. Arabic counts
take one of six forms (CLDR's zero, one, two, few, many, other), which the
Plural-Forms line of the Arabic catalogue (archive/locale/ar) states and
its entries for these messages spell out; the English catalogue has its
two. One function per thing counted, each message written out whole, so
makemessages finds it.
"""

from __future__ import annotations

from django.utils.translation import ngettext


def articles(n: int) -> str:
    return ngettext("%(count)s مقال", "%(count)s مقالات", n) % {"count": n}


def statements(n: int) -> str:
    return ngettext("%(count)s تصريح", "%(count)s تصريحات", n) % {"count": n}


def meetings(n: int) -> str:
    return ngettext("%(count)s اجتماع", "%(count)s اجتماعات", n) % {"count": n}


def notes(n: int) -> str:
    return ngettext("%(count)s ملاحظة", "%(count)s ملاحظات", n) % {"count": n}
