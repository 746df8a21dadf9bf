"""News outlets the archive knows: who published a page, from its address
or from the names a copied page shows.

The gazetteer (data/outlets.json) lists outlets that publish in Arabic, each
with its Arabic and English names, its domains and where the name and
domain were checked. Mirror sites that republish an outlet's pages under a
path naming it (sauress.com/okaz/…, djazairess.com/echorouk/…) map each
path to the outlet.

Choices:
- The address decides first: a page copied from okaz.com.sa is Okaz's
  whatever lines the copy kept. A domain matches itself and its subdomains
  (www., m., arabic.); an outlet that lives under a path of a larger site
  (bbc.com/arabic) matches only under that path.
- An outlet marked address_only is known by its address alone: the
  coalition's own site is called what every page on the coalition writes.
- A name on the page matches after normalization (archive.text.key), whole:
  "عكاظ" is Okaz, "أخبار عكاظ اليوم" is not a name at all. Several
  mastheads share a word (الوطن in four countries): the file gives the bare
  name to one and a qualified name to the others, so a name is one outlet.
- Kept as our own small module rather than a library: no maintained
  package maps Arabic press names and domains, and the lookups are two dict
  reads.

- A page from a site the gazetteer lacks still has an outlet: its site's
  address, flagged for the editor to name (Gazetteer.site()). The archive
  then knows the site by that address (Outlet.website), so the name the
  editor gives it once holds for every later page from there: small sites
  are a long tail (about one page in four of the labelled real sets came
  from a site no list held) that no shipped list will ever cover.

Entry points: gazetteer() for the shipped file, Gazetteer.by_address(),
Gazetteer.by_name(), Gazetteer.site().
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import unquote, urlsplit

from archive import text


@dataclass(frozen=True)
class Outlet:
    key: str
    name_ar: str
    name_en: str
    country: str | None
    domain: str  # the first domain, for the outlet's website
    names: tuple[str, ...]  # every name it goes by, Arabic and English

    @property
    def website(self) -> str:
        return f"https://{self.domain}/" if self.domain else ""


class OutletsError(ValueError):
    """The outlets file is not what the importer can read."""


class Gazetteer:
    def __init__(self, raw: dict) -> None:
        self._by_key: dict[str, Outlet] = {}
        self._by_domain: dict[str, list[tuple[str, Outlet]]] = {}  # host → (path prefix, outlet)
        self._by_name: dict[str, Outlet] = {}
        self._mirrors: dict[str, dict[str, str]] = {}  # mirror host → path slug → outlet key
        for item in raw.get("outlets", ()):
            self._add(item)
        for mirror in raw.get("mirrors", ()):
            host = _host(mirror.get("domain", ""))
            self._mirrors[host] = {slug.casefold(): key for slug, key in (mirror.get("paths") or {}).items()}
            for key in self._mirrors[host].values():
                if key not in self._by_key:
                    raise OutletsError(f"data/outlets.json: المرآة «{host}» تشير إلى مصدر غير معروف «{key}»")

    def _add(self, item: dict) -> None:
        key = item.get("key") or ""
        if not key or not item.get("name_ar"):
            raise OutletsError(f"data/outlets.json: مصدر بلا مفتاح أو اسم عربي: {item!r:.80}")
        domains = [_host(d) for d in item.get("domains") or ()]
        names = tuple(dict.fromkeys(
            n.strip() for n in [item["name_ar"], item.get("name_en") or "", *(item.get("names_ar") or ()),
                                *(item.get("names_en") or ())] if n and n.strip()
        ))
        outlet = Outlet(key, item["name_ar"].strip(), (item.get("name_en") or "").strip(), item.get("country"),
                        domains[0] if domains else "", names)
        self._by_key[key] = outlet
        prefix = (item.get("path_prefix") or "").rstrip("/").casefold()
        for domain in domains:
            self._by_domain.setdefault(domain, []).append((prefix, outlet))
        if item.get("address_only"):
            return  # its name is a phrase pages use for other things (the coalition's own site)
        for name in names:
            self._by_name.setdefault(_name_key(name), outlet)

    def by_address(self, url: str) -> Outlet | None:
        """The outlet that published the page at this address, or None."""
        if not url:
            return None
        parts = urlsplit(url.strip())
        host, path = _host(parts.netloc), unquote(parts.path).casefold()
        mirror = self._mirrors.get(host)
        if mirror is not None:
            slug = path.strip("/").split("/", 1)[0]
            return self._by_key.get(mirror.get(slug, ""))
        labels = host.split(".")
        for start in range(len(labels) - 1):
            for prefix, outlet in self._by_domain.get(".".join(labels[start:]), ()):
                if not prefix or path == prefix or path.startswith(prefix + "/"):
                    return outlet
        return None

    def site(self, url: str) -> str:
        """The host of a page address when it is a site of its own ("hadasnow.com"),
        the outlet's name until an editor gives a better one; "" for a mirror
        (it carries many outlets), a bare IP address or no address."""
        host = _host(urlsplit(url.strip()).netloc) if url else ""
        if not host or host in self._mirrors or _IP_ADDRESS.match(host) or "." not in host:
            return ""
        return host

    def by_key(self, key: str) -> Outlet | None:
        return self._by_key.get(key)

    def by_name(self, name: str) -> Outlet | None:
        """The outlet a whole name on the page stands for, or None."""
        return self._by_name.get(_name_key(name)) if name else None


_IP_ADDRESS = re.compile(r"^[\d.]+$|^\[?[0-9a-f:]+\]?$")


def _host(netloc: str) -> str:
    host = netloc.casefold().split("@")[-1].split(":")[0].strip(".")
    return _WWW.sub("", host)  # "www1.el-emarat.com" (dev7/35) is el-emarat.com


_WWW = re.compile(r"^www\d*\.")


def _name_key(name: str) -> str:
    return text.key(name).casefold()


@cache
def gazetteer() -> Gazetteer:
    raw = resources.files("archive.importing").joinpath("data/outlets.json").read_text(encoding="utf-8")
    try:
        return Gazetteer(json.loads(raw))
    except json.JSONDecodeError as error:
        raise OutletsError(f"archive/importing/data/outlets.json: ليس JSON صالحاً ({error})") from None
