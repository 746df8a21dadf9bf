"""Archive text is untrusted: markup in a title, a body, a name, an alias or a
query reaches every page, snippet, admin view and export as text, never as
markup; a CSV cell that a spreadsheet would run as a formula is
neutralized in every export; the JSON exports carry the text as it is.

The archive here is built so that every text field holds a script tag, an
attribute breakout, template syntax, and starts like a formula.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from html.parser import HTMLParser

from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

from archive.public import export
from archive.models import (
    Article,
    Citation,
    Country,
    CountryAlias,
    CountryMention,
    Meeting,
    MeetingReport,
    Outlet,
    Participation,
    Person,
    PersonAlias,
    PersonMention,
    Resolution,
    Statement,
)
from tests import factories

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ request }} {% debug %}"
# Escaped as Django's templates escape them.
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
BREAKOUT_ESCAPED = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

TITLE = f'=HYPERLINK("http://evil.example","انقر") {SCRIPT} داعش'
BODY = f"-1+1 بيان التحالف عن داعش {SCRIPT} و{BREAKOUT} و{TEMPLATE} في الموصل.\n\nفقرة ثانية عن داعش."
OUTLET = f"+cmd|' /C calc'!A0 {BREAKOUT}"
PERSON = f"@SUM(1+1) {SCRIPT} بلينكن"
PERSON_ALIAS = f"-2+3 {BREAKOUT} بلنكن"
PERSON_EN = f"=1+1 {SCRIPT}"
COUNTRY = f"\t{SCRIPT} العراق"
COUNTRY_ALIAS = f"\r{BREAKOUT} بلاد الرافدين"
MEETING = f"=1+1 {TEMPLATE} {SCRIPT} اجتماع روما"
PLACE = f"\r{BREAKOUT}"
ROLE = f"+{SCRIPT} وزير"
SENTENCE = f"@{BREAKOUT} قرار مجلس الأمن 2254"


class _Elements(HTMLParser):
    """The elements of a page whose markup could have come from archive text:
    scripts and images other than the site's own files (and JSON data),
    frames, and any element with an event handler attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        source = attributes.get("src") or ""
        # Data blocks (JSON, JSON-LD) are ours and never run; text breaking
        # out of one would show here as the element it opened next.
        data_block = attributes.get("type") in ("application/json", "application/ld+json")
        own = source.startswith("/") and not source.startswith("//") or data_block
        if (tag in ("script", "img") and not own) or tag == "iframe" or any(name.startswith("on") for name in attributes):
            self.found.append(f"<{tag} {attrs}>")


def injected(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


def build_hostile_archive(cls) -> None:
    factories.without_calendar()
    cls.outlet = Outlet.objects.create(name=OUTLET)
    cls.meeting = Meeting.objects.create(
        name=MEETING, place=PLACE, date=datetime.date(2019, 6, 28), format="in_person", kind="ministerial",
        member_count=79, notes=SCRIPT,
    )
    cls.country = Country.objects.update_or_create(iso_code="IQ", defaults={"name": COUNTRY, "name_en": BREAKOUT})[0]
    CountryAlias.objects.create(country=cls.country, name=COUNTRY_ALIAS)
    cls.person = Person.objects.create(name=PERSON, name_en=PERSON_EN, country=cls.country)
    PersonAlias.objects.create(person=cls.person, name=PERSON_ALIAS)
    cls.resolution = Resolution.objects.create(number=2254, year=2015, title=SCRIPT)
    cls.article = factories.article(TITLE, BODY, published_on=datetime.date(2019, 6, 29), outlet=cls.outlet,
                                    meeting=cls.meeting, source_name=f"=cmd {SCRIPT}.txt")
    cls.article.raw_text = f"{SCRIPT}\n{TITLE}\n{BODY}"
    cls.article.flags = [f"تحقق من {SCRIPT}"]
    cls.article.meeting_proposal = BREAKOUT
    cls.article.save()
    PersonMention.objects.create(article=cls.article, person=cls.person, name_as_written=PERSON_ALIAS, role=ROLE,
                                 country=cls.country, is_chair=True, sentence=f"بيان التحالف عن داعش {SCRIPT}")
    CountryMention.objects.create(article=cls.article, country=cls.country, name_as_written=COUNTRY, sentence=BODY[:40])
    Citation.objects.create(article=cls.article, resolution=cls.resolution, sentence=SENTENCE)
    Participation.objects.create(meeting=cls.meeting, person=cls.person, role=ROLE, country=cls.country, is_chair=True)
    MeetingReport.objects.create(article=cls.article, sentence=f"{SCRIPT} اجتماع", place=PLACE,
                                 place_sentence=BREAKOUT)
    # Who said what: the speaker as written, the words and the span are archive text too.
    cls.statement = Statement(article=cls.article, speaker_kind="person", person=cls.person,
                              speaker_name=PERSON_ALIAS, verb=f"=قال {BREAKOUT}", text=BODY[:60],
                              start=0, end=60)
    cls.statement.save()
    Statement(article=cls.article, position=1, speaker_kind="collective", collective="government",
              country=cls.country, speaker_name=COUNTRY, text=f"@{BREAKOUT} داعش", start=70, end=90).save()


class EscapingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_hostile_archive(cls)

    def assertEscaped(self, response, *expected):
        """No markup from archive text in the page; its escaped form there."""
        self.assertEqual(response.status_code, 200, response.request["PATH_INFO"])
        html = response.content.decode()
        self.assertEqual(injected(html), [], response.request["PATH_INFO"])
        for raw in (SCRIPT, BREAKOUT):
            self.assertNotIn(raw, html)
        for escaped in expected:
            self.assertIn(escaped, html, response.request["PATH_INFO"])
        return html


class PublicPageEscapingTests(EscapingTestCase):
    def test_it_escapes_titles_names_and_snippets_in_search_results(self):
        response = self.client.get(reverse("archive:search"), {"q": "داعش"})
        html = self.assertEscaped(response, SCRIPT_ESCAPED, BREAKOUT_ESCAPED, "{{ request }} {% debug %}")
        self.assertEqual(response.context["total"], 1)
        self.assertIn("<mark>داعش</mark>", html)

    def test_it_adds_no_markup_to_a_snippet_but_its_marks(self):
        response = self.client.get(reverse("archive:search"), {"q": "داعش"})
        [(_, snippet)] = response.context["results"]
        self.assertIn("<mark>", snippet)
        self.assertNotIn("<", snippet.replace("<mark>", "").replace("</mark>", ""))
        self.assertIn(SCRIPT_ESCAPED, snippet)

    def test_it_escapes_names_in_facets_and_chips(self):
        response = self.client.get(reverse("archive:search"), {
            "person": self.person.pk, "country": self.country.pk, "outlet": self.outlet.pk, "meeting": self.meeting.pk,
        })
        html = self.assertEscaped(response, SCRIPT_ESCAPED, BREAKOUT_ESCAPED)
        self.assertEqual(len(response.context["chips"]), 4)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; بلينكن</bdi>", html)  # the person's chip and facet

    def test_it_escapes_the_home_page_and_its_timeline(self):
        self.assertEscaped(self.client.get(reverse("archive:search")), SCRIPT_ESCAPED)

    def test_it_escapes_every_browse_page(self):
        pages = {
            self.article.get_absolute_url(): [SCRIPT_ESCAPED, BREAKOUT_ESCAPED, "{{ request }}"],
            reverse("archive:meetings"): [SCRIPT_ESCAPED, BREAKOUT_ESCAPED],
            self.meeting.get_absolute_url(): [SCRIPT_ESCAPED, BREAKOUT_ESCAPED, "{{ request }} {% debug %}"],
            reverse("archive:people"): [SCRIPT_ESCAPED, BREAKOUT_ESCAPED],
            self.person.get_absolute_url(): [SCRIPT_ESCAPED, BREAKOUT_ESCAPED],
            reverse("archive:countries"): [SCRIPT_ESCAPED],
            reverse("archive:country", args=["iq"]): [SCRIPT_ESCAPED, BREAKOUT_ESCAPED],
            reverse("archive:resolutions"): [],
            reverse("archive:resolution", args=[2254]): [SCRIPT_ESCAPED, BREAKOUT_ESCAPED],
            reverse("archive:outlets"): [BREAKOUT_ESCAPED],
            reverse("archive:statements"): [SCRIPT_ESCAPED, BREAKOUT_ESCAPED],
            reverse("archive:statements") + "?q=داعش&speaker=government-IQ": [BREAKOUT_ESCAPED],
            self.article.get_absolute_url(): [SCRIPT_ESCAPED, BREAKOUT_ESCAPED],
        }
        for url, expected in pages.items():
            with self.subTest(url=url):
                self.assertEscaped(self.client.get(url), *expected)


class QueryEchoEscapingTests(EscapingTestCase):
    def test_it_echoes_a_query_with_markup_as_text_everywhere(self):
        query = f'{BREAKOUT} {SCRIPT} بلنكين'
        response = self.client.get(reverse("archive:search"), {"q": query, "person": self.person.pk})
        html = self.assertEscaped(response, BREAKOUT_ESCAPED)
        # The search box, the title, the heading and the hidden fields of the
        # sort and date forms each carry it escaped.
        self.assertIn(f'value="{BREAKOUT_ESCAPED} {SCRIPT_ESCAPED} بلنكين"', html)
        self.assertIn(f"<title>{BREAKOUT_ESCAPED} {SCRIPT_ESCAPED} بلنكين", html)
        self.assertIn("لا توجد مقالات منشورة تطابق هذا البحث", html)

    def test_it_offers_the_archive_spelling_as_text(self):
        response = self.client.get(reverse("archive:search"), {"q": f"{SCRIPT} بلنكين"})
        html = self.assertEscaped(response)
        self.assertIsNotNone(response.context["suggestion"])
        self.assertIn('class="did-you-mean"', html)

    def test_it_escapes_bad_values_named_in_a_400(self):
        response = self.client.get(reverse("archive:search"), {
            "person": SCRIPT, "format": BREAKOUT, "sort": SCRIPT, "date_from": BREAKOUT, "q": SCRIPT * 40,
        })
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertEqual(injected(html), [])
        self.assertNotIn(SCRIPT, html)
        self.assertNotIn(BREAKOUT, html)
        for name in ("person", "format", "sort", "date_from", "q"):
            self.assertIn(f"<code>{name}</code>", html)


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body.removeprefix(export.BOM))))


class CsvFormulaTests(EscapingTestCase):
    EXPORTS = {
        "articles with a query": (reverse("archive:export_csv"), {"q": "داعش"}),
        "articles without a query": (reverse("archive:export_csv"), {"year": "2019"}),
        "meetings": (reverse("archive:meetings_export", args=["csv"]), {}),
        "people": (reverse("archive:people_export", args=["csv"]), {}),
        "resolutions": (reverse("archive:resolutions_export", args=["csv"]), {}),
        "statements": (reverse("archive:statements_export", args=["csv"]), {}),
    }

    def test_no_cell_of_any_csv_export_starts_like_a_formula(self):
        for subject, (url, params) in self.EXPORTS.items():
            with self.subTest(subject):
                response = self.client.get(url, params)
                self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
                header, *rows = csv_rows(response)
                self.assertTrue(rows)
                for row in rows:
                    for column, cell in zip(header, row):
                        self.assertFalse(cell.startswith(FORMULA_START), (subject, column, cell))

    def test_the_articles_csv_keeps_each_neutralized_value_whole(self):
        for subject in ("articles with a query", "articles without a query"):
            url, params = self.EXPORTS[subject]
            header, row = csv_rows(self.client.get(url, params))
            cells = dict(zip(header, row))
            with self.subTest(subject):
                self.assertEqual(cells["title"], "'" + TITLE)
                self.assertEqual(cells["outlet"], "'" + OUTLET)
                self.assertEqual(cells["meeting"], "'" + MEETING)
                self.assertEqual(cells["meeting_place"], "'" + PLACE)
                self.assertEqual(cells["persons"], "'" + PERSON)
                self.assertEqual(cells["chairs"], "'" + PERSON)
                self.assertEqual(cells["countries"], "'" + COUNTRY)
                self.assertEqual(cells["source_file"], "'" + self.article.source_name)
                self.assertEqual(cells["body"], "'" + BODY)
        header, row = csv_rows(self.client.get(*self.EXPORTS["articles with a query"]))
        self.assertTrue(dict(zip(header, row))["snippet"].startswith("'-1+1"))

    def test_the_list_exports_neutralize_names_places_and_aliases(self):
        header, row = csv_rows(self.client.get(*self.EXPORTS["meetings"]))
        cells = dict(zip(header, row))
        self.assertEqual((cells["name"], cells["place"]), ("'" + MEETING, "'" + PLACE))
        self.assertTrue(cells["chairs"].startswith("'@SUM"))
        header, row = csv_rows(self.client.get(*self.EXPORTS["people"]))
        cells = dict(zip(header, row))
        self.assertEqual((cells["name"], cells["name_en"], cells["country"], cells["aliases"], cells["roles"]),
                         ("'" + PERSON, "'" + PERSON_EN, "'" + COUNTRY, "'" + PERSON_ALIAS, "'" + ROLE))


class JsonExportTests(EscapingTestCase):
    def read(self, url, params=None) -> dict:
        response = self.client.get(url, params or {})
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        return json.loads(b"".join(response.streaming_content).decode("utf-8"))

    def test_the_articles_json_holds_the_text_as_it_is(self):
        for params in ({"q": "داعش"}, {}):
            with self.subTest(params=params):
                [record] = self.read(reverse("archive:export_json"), params)["articles"]
                self.assertEqual(record["title"], TITLE)
                self.assertEqual(record["body"], BODY)
                self.assertEqual(record["outlet"], OUTLET)
                self.assertEqual(record["meeting"]["name"], MEETING)
                self.assertEqual(record["meeting"]["place"], PLACE)
                self.assertEqual(record["persons"][0]["name"], PERSON)
                self.assertEqual(record["persons"][0]["role"], ROLE)
                self.assertEqual(record["countries"], [COUNTRY])

    def test_the_query_is_in_the_json_header_as_typed(self):
        query = f"داعش {SCRIPT}"
        data = self.read(reverse("archive:export_json"), {"q": query})
        self.assertEqual(data["export"]["query"], query)

    def test_the_list_exports_hold_names_places_and_aliases_as_they_are(self):
        [meeting] = self.read(reverse("archive:meetings_export", args=["json"]))["meetings"]
        self.assertEqual((meeting["name"], meeting["place"], meeting["chairs"]), (MEETING, PLACE, [PERSON]))
        [person] = self.read(reverse("archive:people_export", args=["json"]))["people"]
        self.assertEqual((person["name"], person["aliases"], person["roles"]), (PERSON, [PERSON_ALIAS], [ROLE]))
        [resolution] = self.read(reverse("archive:resolutions_export", args=["json"]))["resolutions"]
        self.assertEqual(resolution["number"], 2254)


class AdminEscapingTests(EscapingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = User.objects.create_superuser("editor", "editor@example.org", "a long test password 1")
        # An article under review, proposed for the meeting: the review page's other half.
        cls.pending = factories.article(TITLE + " مسودة", BODY, status=Article.Status.PENDING, outlet=cls.outlet,
                                        proposed_meeting=cls.meeting, meeting_proposal=BREAKOUT)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_it_escapes_archive_text_in_every_changelist(self):
        for model in ("article", "meeting", "person", "country", "outlet", "resolution"):
            with self.subTest(model):
                self.assertEscaped(self.client.get(reverse(f"admin:archive_{model}_changelist")), SCRIPT_ESCAPED
                                   if model in ("article", "meeting", "person", "country", "resolution")
                                   else BREAKOUT_ESCAPED)

    def test_it_escapes_archive_text_on_change_pages(self):
        for model, record in (("meeting", self.meeting), ("person", self.person), ("country", self.country),
                              ("outlet", self.outlet)):
            with self.subTest(model):
                response = self.client.get(reverse(f"admin:archive_{model}_change", args=[record.pk]))
                self.assertEscaped(response, BREAKOUT_ESCAPED)

    def test_it_escapes_archive_text_on_the_review_page(self):
        for article in (self.article, self.pending):
            with self.subTest(article.status):
                html = self.assertEscaped(
                    self.client.get(reverse("admin:archive_article_change", args=[article.pk])),
                    SCRIPT_ESCAPED, BREAKOUT_ESCAPED, "{{ request }} {% debug %}",
                )
                if article == self.article:  # its facts' evidence is marked in the escaped body
                    self.assertIn('<mark class="evidence"', html)

    def test_it_escapes_archive_text_in_the_history_log(self):
        self.assertEscaped(self.client.get(reverse("admin:history")), SCRIPT_ESCAPED)
