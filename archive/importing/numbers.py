"""Arabic number words, kept once for the readers that need them: dates
("الحادي والعشرين من سبتمبر"), meeting ordinals ("الاجتماع الوزاري الحادي
عشر") and counts ("68 دولة", "ثمانين عضوا").

The tables are written in the folded form the readers run on
(archive.text.normalize: no hamza on alef, ة as ه, ى as ي), so a pattern
built from them matches folded text as it stands. Two shapes of ordinal
exist: the units with "عشر" (11–19) and a unit joined to the tens by "و",
which news copy often glues to the tens word ("الحادي والعشرين").

Pure Python; entry points: ordinal_value(), count_value(), and the
pattern fragments built from the tables.
"""

from __future__ import annotations

import re

# Cardinals, as counts are written ("ثمانية وستين دولة").
ONES = {
    "واحد": 1, "احد": 1, "اثنين": 2, "اثنان": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4,
    "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمان": 8, "ثمانيه": 8,
    "تسع": 9, "تسعه": 9,
}
TENS = {
    "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40, "اربعون": 40, "خمسين": 50,
    "خمسون": 50, "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70, "ثمانين": 80, "ثمانون": 80,
    "تسعين": 90, "تسعون": 90,
}
# Ordinals: "الحادي" only before عشر or a tens word; "الاول" alone or before one.
ORDINAL_UNITS = {
    "الاول": 1, "الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7,
    "الثامن": 8, "التاسع": 9,
}
ORDINAL_TEN = {"العاشر": 10}
ORDINAL_TENS = {f"ال{word}": value for word, value in TENS.items() if word.endswith("ين")}


def alternatives(words) -> str:
    """Words as a regex alternation, the longest first."""
    return "|".join(sorted(words, key=len, reverse=True))


# Units that may stand before "عشر" or a tens word ("الحادي عشر"; never "الاول عشر").
COMPOUND_UNITS = alternatives(word for word in ORDINAL_UNITS if word != "الاول")
ALL_UNITS = alternatives(ORDINAL_UNITS)


def ordinal_tens(limit: int) -> str:
    """The tens ordinals up to limit, as a regex alternation."""
    return alternatives(word for word, value in ORDINAL_TENS.items() if value <= limit)


def ordinal_value(words: str) -> int | None:
    """The value of an ordinal as written, folded: "الحادي عشر" 11, "الثاني
    والعشرين" 22, "الـ19" 19; None when the words hold none."""
    if digits := re.search(r"\d+", words):
        return int(digits.group())
    total = 0
    for word in re.findall(r"\w+", words):
        if word == "عشر":
            total += 10
            continue
        if word.startswith("وال"):
            word = word[1:]
        total += ORDINAL_UNITS.get(word, 0) + ORDINAL_TEN.get(word, 0) + ORDINAL_TENS.get(word, 0)
    return total or None


def count_value(words: str) -> int | None:
    """The value of a cardinal as written, folded: "ثمانية وستين" 68."""
    total = 0
    for word in re.findall(r"\w+", words):
        if word not in ONES and word.startswith("و"):
            word = word[1:]
        total += ONES.get(word, 0) + TENS.get(word, 0)
    return total or None
