"""Reading raw article files: bytes in, Unicode text out, or a clear refusal.

Arabic press text reaches editors in UTF-8 (with or without a byte-order
mark), in UTF-16 from Windows tools (with or without its mark), in
Windows-1256 from older sites, and now and then as a saved HTML page.
Anything else is refused with the reason, in Arabic: a file that cannot be
read right must never become an article of garbled text.
"""

from __future__ import annotations

import codecs
import html.parser
import re
import unicodedata
from dataclasses import dataclass

MAX_BYTES = 2 * 1024 * 1024
# The longest line an article may have. A whole article pasted as one line
# is some tens of thousands of characters; a line of hundreds of thousands
# is a data dump, and every fact read from it would cite all of it as its
# sentence.
MAX_LINE_CHARS = 100_000

_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# What text in Arabic or English is made of: ASCII, Latin-1, the Arabic
# blocks and their presentation forms, general punctuation.
_TEXT_CHAR = re.compile("[\t\n\r\x20-\x7e\u00a0-\u00ff\u0600-\u06ff\u0750-\u077f\u2000-\u206f\ufb50-\ufdff\ufe70-\ufeff]")
_HTML_PAGE = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE | re.DOTALL)

NOTE_HTML = "الملف صفحة HTML: أُخذ نصها وحُذفت الشيفرة والوسوم"
NOTE_CONTROL = "أُزيل من الملف {count} من محارف التحكم أو البايتات الصفرية"


class UnreadableFile(ValueError):
    """The file cannot be an article; the message says why, in Arabic."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    # What reading changed that the editor should know of (the article's flags).
    notes: tuple[str, ...] = ()


def too_large(size: int, max_bytes: int = MAX_BYTES) -> str:
    """The refusal of a file of `size` bytes, before or after reading it."""
    return f"الملف أكبر من الحد المسموح ({_size(size)}، والحد {_size(max_bytes)})"


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} م.ب"
    return f"{size // 1024} ك.ب"


def _looks_like_arabic(text: str) -> bool:
    letters = sum(1 for ch in text if ch.isalpha())
    return letters > 0 and len(_ARABIC_LETTER.findall(text)) / letters > 0.3


def decode(data: bytes, max_bytes: int = MAX_BYTES) -> DecodedText:
    """Decode a raw file; raise UnreadableFile with the reason when it is not text."""
    if len(data) > max_bytes:
        raise UnreadableFile(too_large(len(data), max_bytes))
    notes: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[len(codecs.BOM_UTF8):], "utf-8"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16"), "utf-16"
    else:
        text, encoding = _unmarked(data)
    # A stray control character is debris of copy and paste; many of them
    # mean the bytes were never text.
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise UnreadableFile("الملف ثنائي وليس نصاً (محارف تحكم كثيرة)")
    if controls:
        # PostgreSQL cannot store a NUL, and none of them is text.
        text = _CONTROL.sub("", text)
        notes.append(NOTE_CONTROL.format(count=controls))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_PAGE.match(text):
        text = html_text(text)
        notes.append(NOTE_HTML)
        if not text.strip():
            raise UnreadableFile("الملف صفحة HTML لا نص فيها خارج الشيفرة والوسوم")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise UnreadableFile("الملف فارغ أو لا يحتوي إلا مسافات")
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            raise UnreadableFile(
                f"السطر {number} في الملف طوله {len(line):,} حرفاً، والحد {MAX_LINE_CHARS:,}؛ هذا ليس نص مقال"
            )
    return DecodedText(text=text, encoding=encoding, notes=tuple(notes))


def _unmarked(data: bytes) -> tuple[str, str]:
    """Decode bytes without a byte-order mark: UTF-16 (Arabic or English
    text always has NUL halves in it), UTF-8, or Windows-1256."""
    if b"\x00" in data:
        found = _utf16_without_mark(data)
        if found is not None:
            return found
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        error = exc
    lenient = data.decode("utf-8", errors="replace")
    good = sum(1 for ch in lenient if ord(ch) > 0x7F and ch != "\ufffd")
    if good > lenient.count("\ufffd"):
        # Mostly well-formed UTF-8 with a few broken bytes: read as
        # Windows-1256 it would "succeed" as mojibake (ط§ظ„…), so refuse.
        raise UnreadableFile(
            f"الملف بترميز UTF-8 لكن فيه بايتات غير صالحة (أولها عند البايت {error.start})؛"
            " الملف تالف أو مقطوع، احفظه من جديد بترميز UTF-8"
        )
    # Windows-1256 decodes almost any byte string, so only accept the
    # result when it reads as Arabic.
    text = data.decode("cp1256", errors="replace")
    if "\ufffd" in text or not _looks_like_arabic(text):
        if b"\x00" in data:
            raise UnreadableFile("الملف ثنائي وليس نصاً (يحتوي على بايتات صفرية)")
        raise UnreadableFile("ترميز الملف غير معروف: ليس UTF-8 ولا UTF-16 ولا Windows-1256")
    return text, "cp1256"


def _utf16_without_mark(data: bytes) -> tuple[str, str] | None:
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Read in the wrong byte order, or from an image, the characters
        # scatter over the whole of Unicode.
        if len(_TEXT_CHAR.findall(text)) >= 0.95 * len(text):
            return text, encoding
    return None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"الملف يعلن ترميز {encoding} لكن محتواه غير صالح فيه (عند البايت {exc.start})") from exc


# HTML pages ---------------------------------------------------------------

# Their content is code or metadata, never the article.
_SKIPPED = {"head", "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul",
}


class _TextOfPage(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":
            # HTML lets a page leave its head unclosed.
            self.skipping = [open_tag for open_tag in self.skipping if open_tag != "head"]
        if tag in _SKIPPED:
            self.skipping.append(tag)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipping:
            # Close up to the matching start: pages are rarely well formed.
            while self.skipping and self.skipping.pop() != tag:
                pass
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(page: str) -> str:
    """The text a reader sees on an HTML page, one block a paragraph;
    scripts, styles and the head are dropped, entities read as the
    characters they stand for (so stored text is plain text, never markup)."""
    parser = _TextOfPage()
    parser.feed(page)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line)
