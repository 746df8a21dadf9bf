"""How an article is cited: the metadata reference managers read off its
page, the "cite as" lines, and the BibTeX and RIS files.

One record (Reference), built once from the article, feeds every form, so
the title, the outlet and the date are the same in the Highwire tags Zotero
reads, the JSON-LD search engines read, the COinS span older tools read, the
Chicago and APA lines a reader copies, and the two downloads.

Choices:
- The citation is of the press article, not of our copy: the outlet is the
  container (citation_journal_title, the way Zotero's Embedded Metadata
  translator and Google Scholar read a news page), the byline the author
  when the page credits one, the original address the URL when the copy kept
  it. Our permalink is the archived copy: "archived at" in the lines,
  `citation_public_url` and the JSON-LD `url`, the canonical link.
- An article with no byline has no author: Chicago and APA then open on the
  title, as their manuals say for unsigned news; nothing is made up.
- Dates follow each format's own rule: Highwire wants YYYY/MM/DD, JSON-LD
  and COinS ISO 8601, RIS YYYY/MM/DD, BibTeX a year and a month; the lines
  write the month in the interface's language (django.utils.formats).
- RIS is written by rispy (the maintained RIS library, whose tag tables
  follow the specification); BibTeX is four fields, so it is written here,
  with TeX's special characters escaped and braces kept balanced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import rispy
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from archive.i18n import ARCHIVE_NAME

LANGUAGE = "ar"  # the articles' language, whatever the interface's


@dataclass(frozen=True)
class Reference:
    pk: int
    title: str
    author: str  # the byline as the page gives it, or ""
    outlet: str  # the outlet's name, or ""
    outlet_url: str
    published: date | None
    original_url: str  # the press page, where the copy kept its address
    archived_url: str  # our permalink, absolute
    meeting: str = ""
    meeting_date: date | None = None


def reference(article, archived_url: str) -> Reference:
    outlet = article.outlet
    meeting = article.meeting
    return Reference(
        pk=article.pk,
        title=article.title,
        author=article.byline.strip(),
        outlet=outlet.name if outlet else "",
        outlet_url=(outlet.website if outlet else "") or "",
        published=article.published_on,
        original_url=article.source_url or "",
        archived_url=archived_url,
        meeting=meeting.name if meeting else "",
        meeting_date=meeting.date if meeting else None,
    )


# Tags for the page's <head> ------------------------------------------------------------


def highwire(ref: Reference) -> list[tuple[str, str]]:
    """The `citation_*` meta tags, in the order Google Scholar documents."""
    tags = [("citation_title", ref.title)]
    if ref.author:
        tags.append(("citation_author", ref.author))
    if ref.published:
        tags.append(("citation_publication_date", ref.published.strftime("%Y/%m/%d")))
    if ref.outlet:
        tags.append(("citation_journal_title", ref.outlet))
    tags += [("citation_language", LANGUAGE), ("citation_public_url", ref.archived_url)]
    if ref.original_url:
        tags.append(("citation_fulltext_html_url", ref.original_url))
    return tags


def json_ld(ref: Reference) -> SafeString:
    """schema.org NewsArticle, ready to sit in a <script> element: "<", ">"
    and "&" are written as JSON escapes, so no text can close the element."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": ref.title,
        "inLanguage": LANGUAGE,
        "url": ref.archived_url,
        "mainEntityOfPage": ref.archived_url,
        "isPartOf": {"@type": "WebSite", "name": str(ARCHIVE_NAME)},
    }
    if ref.published:
        data["datePublished"] = ref.published.isoformat()
    if ref.author:
        data["author"] = {"@type": "Person", "name": ref.author}
    if ref.outlet:
        data["publisher"] = {"@type": "Organization", "name": ref.outlet, **({"url": ref.outlet_url} if ref.outlet_url else {})}
    if ref.original_url:
        data["isBasedOn"] = ref.original_url
    if ref.meeting:
        data["about"] = {"@type": "Event", "name": ref.meeting,
                         **({"startDate": ref.meeting_date.isoformat()} if ref.meeting_date else {})}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return mark_safe(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def coins(ref: Reference) -> str:
    """The OpenURL ContextObject of a COinS span (its title attribute; the
    template escapes it)."""
    fields = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
        ("rft.genre", "article"),
        ("rft.atitle", ref.title),
    ]
    if ref.outlet:
        fields.append(("rft.jtitle", ref.outlet))
    if ref.published:
        fields.append(("rft.date", ref.published.isoformat()))
    if ref.author:
        fields.append(("rft.au", ref.author))
    fields += [("rft.language", LANGUAGE), ("rft_id", ref.original_url or ref.archived_url)]
    return urlencode(fields)


# Lines a reader copies -----------------------------------------------------------------


def _long_date(day: date) -> str:
    return formats.date_format(day, "j F Y")


def chicago(ref: Reference) -> str:
    """Chicago (17th ed.), news or magazine article in a notes-bibliography
    entry: Author. "Title." Outlet, Month Day, Year. URL."""
    parts = [f"{ref.author}. " if ref.author else "", _("«%(title)s». ") % {"title": ref.title}]
    container = [x for x in (ref.outlet, _long_date(ref.published) if ref.published else "") if x]
    if container:
        parts.append(_("، ").join(container) + ". ")
    if ref.original_url:
        parts.append(f"{ref.original_url}. ")
    parts.append(_("نسخة محفوظة في %(archive)s: %(url)s.") % {"archive": ARCHIVE_NAME, "url": ref.archived_url})
    return "".join(parts)


def apa(ref: Reference) -> str:
    """APA (7th ed.), article in a news website: Author. (Year, Month Day).
    Title. Outlet. URL; an unsigned article opens on its title."""
    when = f"({_long_date(ref.published)})" if ref.published else _("(د.ت.)")
    head = f"{ref.author}. {when}. {ref.title}." if ref.author else f"{ref.title}. {when}."
    parts = [head]
    if ref.outlet:
        parts.append(f"{ref.outlet}.")
    parts.append(ref.original_url or ref.archived_url)
    return " ".join(parts)


# Downloads -----------------------------------------------------------------------------

_TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(value: str) -> str:
    return "".join(_TEX_SPECIAL.get(ch, ch) for ch in value)


def bibtex(ref: Reference) -> str:
    fields = [("title", _tex(ref.title))]
    if ref.author:
        # Braced whole: a byline is one name as written, not "Last, First".
        fields.append(("author", "{" + _tex(ref.author) + "}"))
    if ref.outlet:
        fields.append(("journal", _tex(ref.outlet)))
    if ref.published:
        fields += [("year", str(ref.published.year)), ("month", str(ref.published.month)),
                   ("date", ref.published.isoformat())]
    # A url field is verbatim in BibTeX and biblatex: only braces would break it.
    url = (ref.original_url or ref.archived_url).replace("{", "%7B").replace("}", "%7D")
    fields += [("url", url), ("langid", "arabic"),
               ("note", _tex(f"{ARCHIVE_NAME}: {ref.archived_url}"))]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{coalition-archive-{ref.pk},\n{body}\n}}\n"


def ris(ref: Reference) -> str:
    entry: dict = {"type_of_reference": "NEWS", "title": ref.title, "language": LANGUAGE,
                   "urls": [u for u in (ref.original_url, ref.archived_url) if u],
                   "name_of_database": str(ARCHIVE_NAME)}
    if ref.author:
        entry["authors"] = [ref.author]
    if ref.outlet:
        entry["secondary_title"] = ref.outlet
    if ref.published:
        entry["date"] = ref.published.strftime("%Y/%m/%d")
        entry["year"] = str(ref.published.year)
    return rispy.dumps([entry])
