"""Arabic text normalization: pure functions, no Django.

One normalization serves the index, the query, and name matching, so that
what a researcher types and what the archive stores meet in the same form:
أحمد / احمد / إحمد, مصطفى / مصطفي, مكتبة / مكتبه, سوریا (Persian ی) / سوريا,
٢٢٥٤ / 2254, with tashkeel and tatweel gone.
"""

from __future__ import annotations

import re
import unicodedata

import pyarabic.araby as araby

# Harakat, Quranic annotation marks and the superscript alef: marks a reader
# may or may not type, never a difference between two words in this archive.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")

_LETTERS = str.maketrans(
    {
        "\u0671": "\u0627",  # ٱ alef wasla → ا
        "\u0649": "\u064a",  # ى alef maqsura → ي
        "\u0629": "\u0647",  # ة teh marbuta → ه
        "\u06cc": "\u064a",  # ی Persian yeh → ي
        "\u06d2": "\u064a",  # ے yeh barree → ي
        "\u06a9": "\u0643",  # ک keheh → ك
        "\u06c1": "\u0647",  # ہ heh goal → ه
        "\u06be": "\u0647",  # ھ heh doachashmee → ه
        "\u06c0": "\u0647",  # ۀ heh with yeh above → ه
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    }
)

# Punctuation of both scripts and typographic quotes, read as word breaks.
_PUNCTUATION = re.compile(r"[\u060c\u061b\u061f\u066a-\u066d\u06d4«»“”„‟‘’‚‛\"'`´]|[^\w\s]")
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold spelling variants that Arabic writers use interchangeably.

    Letters are kept in place (no punctuation handling): the result is for
    comparing and indexing words, and reads as the same Arabic text.
    """
    # NFKC turns presentation forms (ﻻ, ﷲ's parts, full-width digits) into
    # the letters a keyboard types.
    text = unicodedata.normalize("NFKC", text)
    text = _MARKS.sub("", text)
    text = araby.strip_tatweel(text)
    # method="tasheel" maps أ إ آ → ا, ؤ → و, ئ → ي; the default method would
    # turn أ into ء instead.
    text = araby.normalize_hamza(text, method="tasheel")
    return text.translate(_LETTERS)


def key(text: str) -> str:
    """A comparison key for names and short phrases: normalized, lower case,
    punctuation as spaces, white space collapsed."""
    text = normalize(text).casefold()
    text = _PUNCTUATION.sub(" ", text)
    return _SPACE.sub(" ", text).strip()
