import datetime
import json
from html.parser import HTMLParser
from urllib.parse import parse_qs

import rispy
from django.test import TestCase
from django.urls import reverse

from archive.models import Article, Outlet
from archive.public import citing
from tests import factories

PERMALINK = "https://archive.example/articles/7/"


def reference(**fields) -> citing.Reference:
    values = dict(pk=7, title="الوزراء يجددون دعم العراق", author="", outlet="الشرق الأوسط",
                  outlet_url="https://aawsat.com/", published=datetime.date(2017, 7, 10),
                  original_url="https://aawsat.com/home/article/1", archived_url=PERMALINK)
    values.update(fields)
    return citing.Reference(**values)


class PageMetadata(HTMLParser):
    """What Zotero's Embedded Metadata translator reads off a page: the
    `citation_*` and other meta tags, the JSON-LD blocks, the COinS spans
    and the canonical link."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.json_ld: list[dict] = []
        self.coins: list[dict[str, list[str]]] = []
        self.canonical: list[str] = []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta.setdefault(a["name"], []).append(a.get("content", ""))
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_json_ld = True
        elif tag == "span" and "Z3988" in (a.get("class") or "").split():
            self.coins.append(parse_qs(a.get("title", "")))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])

    def handle_endtag(self, tag):
        self._in_json_ld = False if tag == "script" else self._in_json_ld

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))


class CitationFormsTests(TestCase):
    def test_chicago_opens_on_the_title_when_the_page_credits_no_author(self):
        line = citing.chicago(reference())
        self.assertTrue(line.startswith("«الوزراء يجددون دعم العراق». الشرق الأوسط، 10 "), line)
        self.assertIn("https://aawsat.com/home/article/1", line)
        self.assertTrue(line.endswith(f"{PERMALINK}."))

    def test_chicago_and_apa_open_on_the_byline_when_there_is_one(self):
        ref = reference(author="أحمد سعيد")
        self.assertTrue(citing.chicago(ref).startswith("أحمد سعيد. «الوزراء"))
        self.assertTrue(citing.apa(ref).startswith("أحمد سعيد. (10 "))

    def test_apa_marks_an_undated_article_rather_than_inventing_a_year(self):
        line = citing.apa(reference(published=None))
        self.assertIn("(د.ت.)", line)
        self.assertNotRegex(line, r"\d{4}")

    def test_bibtex_escapes_tex_and_keeps_braces_balanced(self):
        entry = citing.bibtex(reference(title="50% من {المقاتلين} & الأموال_", author="أ} ب"))
        self.assertIn(r"title = {50\% من \{المقاتلين\} \& الأموال\_}", entry)
        self.assertEqual(entry.count("{") - entry.count(r"\{"), entry.count("}") - entry.count(r"\}"))
        self.assertIn("year = {2017}", entry)
        self.assertTrue(entry.startswith("@article{coalition-archive-7,"))

    def test_ris_reads_back_as_a_news_item_with_its_outlet_and_date(self):
        (entry,) = rispy.loads(citing.ris(reference(author="أحمد سعيد")))
        self.assertEqual(entry["type_of_reference"], "NEWS")
        self.assertEqual(entry["title"], "الوزراء يجددون دعم العراق")
        self.assertEqual(entry["secondary_title"], "الشرق الأوسط")
        self.assertEqual(entry["authors"], ["أحمد سعيد"])
        self.assertEqual(entry["date"], "2017/07/10")
        self.assertEqual(entry["urls"], ["https://aawsat.com/home/article/1", PERMALINK])

    def test_json_ld_cannot_close_its_script_element(self):
        text = citing.json_ld(reference(title="</script><script>alert(1)</script>"))
        self.assertNotIn("<", text)
        self.assertEqual(json.loads(text)["headline"], "</script><script>alert(1)</script>")

    def test_coins_names_the_article_and_its_outlet(self):
        fields = parse_qs(citing.coins(reference()))
        self.assertEqual(fields["rft.atitle"], ["الوزراء يجددون دعم العراق"])
        self.assertEqual(fields["rft.jtitle"], ["الشرق الأوسط"])
        self.assertEqual(fields["rft.date"], ["2017-07-10"])


class ArticleCitationPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        outlet = Outlet.objects.create(key="test-aawsat", name="الشرق الأوسط", website="https://aawsat.com/")
        cls.article = factories.article(
            "الوزراء يجددون \"دعم\" العراق <b>", "نص المقال.", published_on=datetime.date(2017, 7, 10),
            outlet=outlet, byline="أحمد سعيد", source_url="https://aawsat.com/home/article/1",
        )
        cls.undated = factories.article("مقال بلا تاريخ ولا مصدر", "نص.")
        cls.pending = factories.article("مسودة", "نص.", status=Article.Status.PENDING)

    def page(self, article) -> PageMetadata:
        response = self.client.get(article.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        return PageMetadata(response.content.decode())

    def test_zotero_reads_the_article_outlet_author_and_date_off_the_page(self):
        meta = self.page(self.article).meta
        self.assertEqual(meta["citation_title"], ['الوزراء يجددون "دعم" العراق <b>'])
        self.assertEqual(meta["citation_author"], ["أحمد سعيد"])
        self.assertEqual(meta["citation_journal_title"], ["الشرق الأوسط"])
        self.assertEqual(meta["citation_publication_date"], ["2017/07/10"])
        self.assertEqual(meta["citation_language"], ["ar"])
        self.assertEqual(meta["citation_public_url"], [f"http://testserver/articles/{self.article.pk}/"])

    def test_the_page_carries_json_ld_coins_and_its_canonical_address(self):
        page = self.page(self.article)
        (news,) = page.json_ld
        self.assertEqual((news["@type"], news["datePublished"]), ("NewsArticle", "2017-07-10"))
        self.assertEqual(news["publisher"]["name"], "الشرق الأوسط")
        self.assertEqual(news["isBasedOn"], "https://aawsat.com/home/article/1")
        (coins,) = page.coins
        self.assertEqual(coins["rft.atitle"], ['الوزراء يجددون "دعم" العراق <b>'])
        self.assertEqual(page.canonical, [f"http://testserver/articles/{self.article.pk}/"])

    def test_an_article_without_outlet_or_date_claims_neither(self):
        meta = self.page(self.undated).meta
        self.assertNotIn("citation_journal_title", meta)
        self.assertNotIn("citation_publication_date", meta)
        self.assertNotIn("citation_author", meta)

    def test_the_page_shows_chicago_and_apa_and_links_both_downloads(self):
        html = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertIn('<dd class="cite-chicago">أحمد سعيد. «الوزراء يجددون &quot;دعم&quot; العراق &lt;b&gt;». الشرق الأوسط', html)
        self.assertIn('<dd class="cite-apa">أحمد سعيد. (10 ', html)
        for fmt in ("bib", "ris"):
            self.assertIn(f'href="/articles/{self.article.pk}/cite.{fmt}"', html)

    def test_the_downloads_are_attachments_a_reference_manager_imports(self):
        ris = self.client.get(reverse("archive:article_citation", args=[self.article.pk, "ris"]))
        self.assertEqual(ris["Content-Type"], "application/x-research-info-systems; charset=utf-8")
        self.assertIn(f'filename="coalition-archive-{self.article.pk}.ris"', ris["Content-Disposition"])
        (entry,) = rispy.loads(ris.content.decode())
        self.assertEqual(entry["secondary_title"], "الشرق الأوسط")
        bib = self.client.get(reverse("archive:article_citation", args=[self.article.pk, "bib"]))
        self.assertEqual(bib["Content-Type"], "application/x-bibtex; charset=utf-8")
        self.assertIn("journal = {الشرق الأوسط}", bib.content.decode())

    def test_an_unpublished_article_cannot_be_cited(self):
        for fmt in ("bib", "ris"):
            response = self.client.get(reverse("archive:article_citation", args=[self.pending.pk, fmt]))
            self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get("/articles/%d/cite.txt" % self.article.pk).status_code, 404)
