"""Reading raw article files: bytes in, Unicode text out, or a clear refusal.

Arabic press text reaches editors in UTF-8 (with or without a byte-order
mark), in UTF-16 from Windows tools, and in Windows-1256 from older sites.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

MAX_BYTES = 2 * 1024 * 1024

_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UnreadableFile(ValueError):
    """The file cannot be an article; the message says why, in Arabic."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def _looks_like_arabic(text: str) -> bool:
    letters = sum(1 for ch in text if ch.isalpha())
    return letters > 0 and len(_ARABIC_LETTER.findall(text)) / letters > 0.3


def decode(data: bytes, max_bytes: int = MAX_BYTES) -> DecodedText:
    """Decode a raw file; raise UnreadableFile with the reason when it is not text."""
    if len(data) > max_bytes:
        raise UnreadableFile(
            f"الملف أكبر من الحد المسموح ({len(data) // 1024} ك.ب، والحد {max_bytes // 1024} ك.ب)"
        )
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[len(codecs.BOM_UTF8):], "utf-8"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16"), "utf-16"
    elif b"\x00" in data:
        raise UnreadableFile("الملف ثنائي وليس نصاً (يحتوي على بايتات صفرية)")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            # Windows-1256 decodes almost any byte string, so only accept the
            # result when it reads as Arabic.
            text, encoding = data.decode("cp1256", errors="replace"), "cp1256"
            if "\ufffd" in text or not _looks_like_arabic(text):
                raise UnreadableFile(
                    "ترميز الملف غير معروف: ليس UTF-8 ولا UTF-16 ولا Windows-1256"
                ) from None
    # A stray control character is debris of copy and paste; many of them
    # mean the bytes were never text.
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise UnreadableFile("الملف ثنائي وليس نصاً (محارف تحكم كثيرة)")
    text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise UnreadableFile("الملف فارغ أو لا يحتوي إلا مسافات")
    return DecodedText(text=text, encoding=encoding)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"الملف يعلن ترميز {encoding} لكن محتواه غير صالح فيه (عند البايت {exc.start})") from exc
