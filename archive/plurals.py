"""Counting in Arabic: «مقال واحد», «مقالان», «5 مقالات», «11 مقالاً», «100 مقال».

Arabic counts take one of six forms (CLDR's zero, one, two, few, many,
other: the same classes as the Plural-Forms line of Django's Arabic
catalogue). The archive's messages are written in Arabic in the code, not
as English message ids with Arabic translations, so Django's ngettext has
no catalogue entry to choose from: this small pure function picks the form.
"""

from __future__ import annotations


def count(n: int, one: str, two: str, few: str, many: str | None = None) -> str:
    """`n` things, in the form Arabic gives that number: `one` the singular
    («مقال»), `two` the dual («مقالان»), `few` the plural after 3 to 10
    («مقالات»), `many` the accusative singular after 11 to 99 («مقالاً»;
    the singular with tanween fath when not given)."""
    many = many or _accusative(one)
    rest = n % 100
    if n == 0:
        return f"لا {few}"
    if n == 1:
        return f"{one} واحد" if not one.endswith("ة") else f"{one} واحدة"
    if n == 2:
        return two
    if 3 <= rest <= 10:
        return f"{n} {few}"
    if 11 <= rest <= 99:
        return f"{n} {many}"
    return f"{n} {one}"


def _accusative(word: str) -> str:
    # «ملاحظة» → «ملاحظةً», «مقال» → «مقالاً»
    return f"{word}\u064b" if word.endswith("ة") else f"{word}ا\u064b"
