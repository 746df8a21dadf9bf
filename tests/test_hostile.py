"""Hostile requests to every public URL: whatever is typed into the query,
the filters, the page number or the path, the archive answers a page, a 400
naming the parameter or a 404, never a 500; a query too long to search
cheaply is refused; every statement of a public read runs under a
statement timeout, and a statement it cancels gets an Arabic page.

Hypothesis draws the requests. The examples are bounded and derandomized
so CI runs the same requests every time, in seconds; nothing is timed.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from unittest import mock
from urllib.parse import quote

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import TestCase
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from archive import text
from archive.search import filters
from archive.public import export
from archive.ops import guards
from archive.models import (
    Article,
    Citation,
    Country,
    CountryMention,
    Meeting,
    Outlet,
    Participation,
    Person,
    PersonAlias,
    PersonMention,
    Resolution,
)
from tests import factories

BOUNDED = settings(
    max_examples=60,
    deadline=None,  # nothing here is timed: a slow CI machine is not a failure
    derandomize=True,  # the same examples on every run
    database=None,  # and no example database written into the checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text of every kind a URL can carry (surrogates cannot be encoded in one).
_ANY_CHAR = st.characters(exclude_categories=("Cs",))
_ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
_MARKS = st.sampled_from(["\u064b", "\u0650", "\u0651", "\u0652", "\u0670", "\u0640", "\u0301", "\u0654", "\u034f"])
_CONTROLS = st.sampled_from([
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066", "\u2067", "\u2069", "\u061c",
    "\u200b", "\u200d", "\ufeff", "\x00", "\t", "\r", "\n", "\x1b", "\x7f",
])
_OPERATORS = st.sampled_from([
    "&", "|", "!", "!!", "<->", "<2>", "<0>", ":*", ":A", ":*AB", "(", ")", "((", "'", "''", '"', "«", "»", "“",
    "-", "--", "OR", "or", "أو", "او", "S/RES/2254", "s/res/2254(2015)", "-S/RES/1", "S/RES/99999", "*", "\\",
])
_SQL = st.sampled_from([
    "'; DROP TABLE archive_article; --", "' OR '1'='1", "1; SELECT pg_sleep(10)", "%", "%s", "%(q)s", "%%", "_",
    "\\x00", "E'\\\\'", "$$ $$", "/* */", "::tsquery", "{{ q }}", "{% debug %}", "<script>alert(1)</script>",
])
_WORDS = st.sampled_from(["داعش", "الموصل", "بلينكن", "بلنكن", "والعراق", "التحالف", "Blinken", "2254", "٢٢٥٤", "وزير"])
_PIECE = st.one_of(
    st.text(_ANY_CHAR, max_size=12),
    st.text(st.one_of(_ARABIC, _MARKS), min_size=1, max_size=10),
    _CONTROLS,
    _OPERATORS,
    _SQL,
    _WORDS,
)
HOSTILE_TEXT = st.builds(lambda parts, joiner: joiner.join(parts), st.lists(_PIECE, max_size=25), st.sampled_from([" ", ""]))
HUGE_TEXT = st.builds(
    lambda piece, size: ((piece or "ا") * size)[:size], _PIECE, st.sampled_from([301, 4_000, 100_000])
)
MANY_WORDS = st.builds(" ".join, st.lists(_WORDS, min_size=filters.QUERY_MAX_WORDS - 3, max_size=filters.QUERY_MAX_WORDS + 5))
QUERIES = st.one_of(HOSTILE_TEXT, HUGE_TEXT, MANY_WORDS)

_NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 2**31, 2**63, -(2**63) - 1, 10**30]),
).map(str)
_DATES = st.one_of(
    st.sampled_from([
        "0000-01-01", "99999-12-31", "0001-01-01", "9999-12-31", "2017-02-30", "2017-13-01", "2017/07/10",
        "10/07/2017", "٢٠١٧-٠٧-١٠", "2017-07-10T00:00", "-2017-01-01", "2017", "",
    ]),
    st.dates().map(datetime.date.isoformat),
)
FILTER_VALUES = st.one_of(_NUMBERS, _DATES, HOSTILE_TEXT, HUGE_TEXT)

# Every parameter the search page and its exports read, besides q.
FILTER_NAMES = ["year", "date_from", "date_to", "format", "kind", "outlet", "meeting", "person", "country", "resolution",
                "sort"]
SEARCHES = ["archive:search", "archive:export_csv", "archive:export_json"]


def named_in_400(response) -> set[str]:
    """The parameters a 400 page names."""
    return set(re.findall(r"<code>([^<]*)</code>", response.content.decode()))


def read(response) -> str:
    """The whole body, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def check_download(testcase, name: str, body: str) -> None:
    """A 200 export is a file a program can read."""
    if name == "archive:export_csv":
        rows = list(csv.reader(io.StringIO(body.removeprefix(export.BOM))))
        testcase.assertEqual(rows[0], export.COLUMNS)
    elif name == "archive:export_json":
        testcase.assertIn("articles", json.loads(body))


def build_corpus(cls) -> None:
    """A small published archive with one of everything a filter or a page names."""
    factories.without_calendar()
    cls.outlet = Outlet.objects.create(name="وكالة الأنباء العراقية")
    cls.meeting = Meeting.objects.create(
        name="الاجتماع الوزاري في روما", date=datetime.date(2019, 6, 28), place="روما", format="in_person",
        kind="ministerial", member_count=79,
    )
    cls.iraq = Country.objects.update_or_create(iso_code="IQ", defaults={"name": "العراق", "name_en": "Iraq"})[0]
    cls.blinken = Person.objects.create(name="أنتوني بلينكن", name_en="Antony Blinken", country=None)
    PersonAlias.objects.create(person=cls.blinken, name="أنتوني بلنكن")
    cls.resolution = Resolution.objects.create(number=2254, year=2015)
    cls.articles = [
        factories.article(
            "بلينكن في روما", "ترأس أنتوني بلينكن اجتماع التحالف الدولي ضد داعش في روما وأشاد بتحرير الموصل.",
            published_on=datetime.date(2019, 6, 29), outlet=cls.outlet, meeting=cls.meeting,
        ),
        factories.article(
            "القرار 2254", "ذكّر البيان بقرار مجلس الأمن 2254 بشأن العراق وسوريا.", published_on=datetime.date(2016, 1, 2),
        ),
        factories.article("بيان بلا تاريخ", "بيان التحالف عن داعش والعراق."),
    ]
    factories.article("مسودة", "داعش في مقال لم يراجع.", status=Article.Status.PENDING)
    first, second, third = cls.articles
    PersonMention.objects.create(article=first, person=cls.blinken, name_as_written="بلينكن", role="وزير الخارجية",
                                 is_chair=True, sentence="ترأس أنتوني بلينكن اجتماع التحالف")
    Participation.objects.create(meeting=cls.meeting, person=cls.blinken, role="وزير الخارجية", is_chair=True)
    CountryMention.objects.create(article=third, country=cls.iraq, name_as_written="العراق", sentence="بيان التحالف")
    Citation.objects.create(article=second, resolution=cls.resolution, sentence="قرار مجلس الأمن 2254")


class HostileQueryTests(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        build_corpus(cls)

    def expect_refused(self, query: str) -> bool:
        stripped = query.strip()
        if len(stripped) > filters.QUERY_MAX_LENGTH or "\x00" in stripped:
            return True
        words = text.words(stripped)
        return len(words) > filters.QUERY_MAX_WORDS or any(len(w) > filters.QUERY_MAX_WORD_LENGTH for w in words)

    @BOUNDED
    @given(query=QUERIES)
    @example(query="داعش\x00")
    @example(query="ا" * 100_000)
    @example(query=" " * 400 + "داعش")
    @example(query="& | ! <-> <2> :* ( ) ' \\ %")
    @example(query="'; DROP TABLE archive_article; --")
    @example(query="\u202eداعش\u202c \u200fالموصل\u0651\u064b")
    @example(query='"غير مغلق -')
    @example(query="ﷲ" * 300)  # NFKC makes each one four letters
    @example(query="㍿" * 150 + " داعش")
    def test_it_searches_any_query_or_refuses_it_naming_q(self, query):
        response = self.client.get(reverse("archive:search"), {"q": query})
        if self.expect_refused(query):
            self.assertEqual(response.status_code, 400)
            self.assertEqual(named_in_400(response), {"q"})
        else:
            self.assertEqual(response.status_code, 200)

    @BOUNDED
    @given(query=QUERIES, name=st.sampled_from(["archive:export_csv", "archive:export_json"]))
    def test_it_exports_any_query_or_refuses_it_naming_q(self, query, name):
        response = self.client.get(reverse(name), {"q": query})
        body = read(response)
        if self.expect_refused(query):
            self.assertEqual(response.status_code, 400)
            self.assertEqual(named_in_400(response), {"q"})
        else:
            self.assertEqual(response.status_code, 200)
            check_download(self, name, body)

    @BOUNDED
    @given(page=st.one_of(_NUMBERS, HOSTILE_TEXT, st.sampled_from(["0", "-1", "abc", "1e9", "2", "99", "1.5", "٢"])),
           query=st.sampled_from(["", "داعش", "لا-يوجد-هذا"]))
    def test_it_shows_a_page_of_results_for_any_page_number(self, page, query):
        response = self.client.get(reverse("archive:search"), {"q": query, "page": page})
        self.assertEqual(response.status_code, 200)
        # Page 0, -1, 10**30 or "abc" shows the first or the last page, never an empty one.
        self.assertEqual(bool(response.context["results"]), query != "لا-يوجد-هذا")
        people = self.client.get(reverse("archive:people"), {"page": page})
        self.assertEqual(people.status_code, 200)
        self.assertEqual(len(people.context["page"].object_list), 1)


class HostileFilterTests(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        build_corpus(cls)

    def valid_values(self) -> dict[str, list[str]]:
        return {
            "year": ["2019", "2016", "1990", "2100"],
            "date_from": ["2016-01-01", "0001-01-01", "9999-12-31"],
            "date_to": ["2019-12-31", "9999-12-31"],
            "format": ["in_person", "virtual", "unknown"],
            "kind": ["ministerial", "other"],
            "outlet": [str(self.outlet.pk)],
            "meeting": [str(self.meeting.pk)],
            "person": [str(self.blinken.pk)],
            "country": [str(self.iraq.pk)],
            "resolution": ["2254"],
            "sort": ["relevance", "newest", "oldest"],
        }

    @BOUNDED
    @given(data=st.data(), name=st.sampled_from(FILTER_NAMES), url=st.sampled_from(SEARCHES))
    def test_it_answers_any_filter_value_or_names_it_in_a_400(self, data, name, url):
        valid = self.valid_values()[name]
        values = data.draw(st.lists(st.one_of(st.sampled_from(valid), FILTER_VALUES), min_size=1, max_size=3))
        query = data.draw(st.sampled_from(["", "داعش", "بلنكن"]))
        response = self.client.get(reverse(url), {name: values, "q": query})
        body = read(response)
        self.assertIn(response.status_code, (200, 400))
        if response.status_code == 400:
            self.assertEqual(named_in_400(response), {name})
            self.assertFalse(set(values) <= set(valid), values)
        else:
            check_download(self, url, body)

    @BOUNDED
    @given(data=st.data(), url=st.sampled_from(SEARCHES))
    def test_it_answers_every_combination_of_valid_filters(self, data, url):
        chosen = data.draw(st.lists(st.sampled_from(FILTER_NAMES), unique=True, max_size=5))
        params = {name: data.draw(st.lists(st.sampled_from(self.valid_values()[name]), min_size=1, max_size=3))
                  for name in chosen if name not in ("date_from", "date_to", "sort")}
        params["q"] = data.draw(st.sampled_from(["", "داعش", "بلنكن", "-داعش", "روما OR العراق", '"اجتماع التحالف"']))
        response = self.client.get(reverse(url), params)
        self.assertEqual(response.status_code, 200, params)
        check_download(self, url, read(response))

    @BOUNDED
    @given(params=st.dictionaries(
        HOSTILE_TEXT.filter(lambda key: key not in FILTER_NAMES + ["q", "page"]), HOSTILE_TEXT, max_size=4
    ), url=st.sampled_from(SEARCHES + ["archive:meetings", "archive:people", "archive:countries",
                                        "archive:resolutions", "archive:outlets"]))
    def test_it_ignores_parameters_it_does_not_know(self, params, url):
        response = self.client.get(reverse(url), params)
        read(response)
        self.assertEqual(response.status_code, 200)


class HostilePathTests(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        build_corpus(cls)

    @BOUNDED
    @given(number=st.one_of(st.integers(min_value=0, max_value=10**40), st.sampled_from([2**31, 2**63, 2**64])),
           name=st.sampled_from(["archive:article", "archive:meeting", "archive:person", "archive:resolution"]))
    def test_it_answers_404_for_any_number_that_names_nothing_public(self, number, name):
        public = {
            "archive:article": {a.pk for a in self.articles},
            "archive:meeting": {self.meeting.pk},
            "archive:person": {self.blinken.pk},
            "archive:resolution": {2254},
        }[name]
        response = self.client.get(reverse(name, args=[number]))
        self.assertEqual(response.status_code, 200 if number in public else 404)

    @BOUNDED
    @given(code=st.one_of(HOSTILE_TEXT.filter(bool), HUGE_TEXT, st.sampled_from(["iq", "IQ", "ıq", "\x00", "i\x00"])))
    def test_it_answers_404_for_any_country_code_it_does_not_have(self, code):
        response = self.client.get(f"/countries/{quote(code, safe='')}/")
        shown = len(code) <= 2 and "/" not in code and code.upper() == "IQ"
        self.assertEqual(response.status_code, 200 if shown else 404)

    @BOUNDED
    @given(extension=st.one_of(HOSTILE_TEXT.filter(bool), st.sampled_from(["csv", "json", "CSV", "xml", "csv\x00"])),
           subject=st.sampled_from(["meetings", "people", "resolutions"]))
    def test_it_serves_list_exports_only_as_csv_or_json(self, extension, subject):
        response = self.client.get(f"/{subject}.{quote(extension, safe='')}")
        read(response)
        self.assertEqual(response.status_code, 200 if extension in ("csv", "json") else 404)


class MalformedRequestTests(TestCase):
    """What Hypothesis cannot send: bytes that are not UTF-8, and UTF-8
    encoded surrogates, in the query string and the path."""

    @classmethod
    def setUpTestData(cls):
        build_corpus(cls)

    def test_it_reads_undecodable_bytes_as_text(self):
        for url in ["/?q=%FF%FE", "/?q=%ED%A0%80", "/?%FF=1", "/?page=%FF&q=%C0"]:
            self.assertEqual(self.client.get(url).status_code, 200, url)
        response = self.client.get("/export.csv?q=%ED%A0%80")
        self.assertEqual(response.status_code, 200)
        check_download(self, "archive:export_csv", read(response))

    def test_it_names_an_undecodable_filter_value(self):
        response = self.client.get("/export.json?person=%FF")
        self.assertEqual(named_in_400(response), {"person"})

    def test_it_answers_404_for_undecodable_path_parameters(self):
        for url in ["/countries/%FF/", "/countries/%ED%A0%80/", "/articles/%FF/", "/meetings.%FF"]:
            self.assertEqual(self.client.get(url).status_code, 404, url)


class QueryBoundTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_corpus(cls)

    def test_it_searches_a_query_of_forty_words(self):
        query = " ".join(["داعش"] * filters.QUERY_MAX_WORDS)
        response = self.client.get(reverse("archive:search"), {"q": query})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["total"], 2)

    def test_it_refuses_a_query_of_more_words_naming_q_in_arabic(self):
        query = " ".join(["داعش"] * (filters.QUERY_MAX_WORDS + 1))
        for name in SEARCHES:
            response = self.client.get(reverse(name), {"q": query})
            self.assertEqual(response.status_code, 400, name)
            self.assertContains(response, "<code>q</code>", status_code=400)
            self.assertContains(response, "40 كلمة على الأكثر، وفي هذا البحث 41", status_code=400)

    def test_it_counts_the_words_of_phrases_and_exclusions_too(self):
        query = '"' + " ".join(["داعش"] * 30) + '" ' + " ".join(["-الموصل"] * 11)
        response = self.client.get(reverse("archive:search"), {"q": query})
        self.assertContains(response, "<code>q</code>", status_code=400)

    def test_it_refuses_a_word_that_normalization_makes_too_long(self):
        # 300 characters, which NFKC makes one word of 1,200 letters: past
        # PostgreSQL's limit on a tsquery word, were it searched.
        for name in SEARCHES:
            response = self.client.get(reverse(name), {"q": "ﷲ" * filters.QUERY_MAX_LENGTH})
            self.assertContains(response, "<code>q</code>", status_code=400)
            self.assertContains(response, "كلمة أطول من 64 حرفاً", status_code=400)
        response = self.client.get(reverse("archive:search"), {"q": "ﷲ" * (filters.QUERY_MAX_WORD_LENGTH // 4)})
        self.assertEqual(response.status_code, 200)

    def test_it_refuses_a_query_longer_than_the_search_box_allows(self):
        response = self.client.get(reverse("archive:search"), {"q": "ا" * (filters.QUERY_MAX_LENGTH + 1)})
        self.assertContains(response, "<code>q</code>", status_code=400)
        self.assertContains(self.client.get(reverse("archive:search")), f'maxlength="{filters.QUERY_MAX_LENGTH}"')


class StatementTimeoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_corpus(cls)
        cls.editor = User.objects.create_superuser("editor", "editor@example.org", "a long test password 1")

    def timeouts_of(self, request) -> list[tuple[str, str, str]]:
        """Each statement the request runs, with the statement_timeout in
        force while it ran (asked just before it), and whether it ran in the
        view or while the response streamed."""
        seen: list[tuple[str, str, str]] = []
        asking = False
        phase = "view"

        def spy(execute, sql, params, many, context):
            nonlocal asking
            if not asking and "statement_timeout" not in sql:
                asking = True
                try:
                    with context["connection"].cursor() as cursor:
                        cursor.execute("SHOW statement_timeout")
                        seen.append((phase, sql, cursor.fetchone()[0]))
                finally:
                    asking = False
            return execute(sql, params, many, context)

        with connection.execute_wrapper(spy):
            response = request()
            phase = "stream"
            read(response)
        self.assertEqual(response.status_code, 200)
        return seen

    def show_timeout(self) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            return cursor.fetchone()[0]

    def test_it_runs_every_statement_of_a_search_under_the_page_timeout(self):
        seen = self.timeouts_of(lambda: self.client.get(reverse("archive:search"), {"q": "بلنكن", "year": "2019"}))
        self.assertTrue(any("archive_match_ids" in sql for _, sql, _ in seen))
        self.assertEqual({timeout for _, _, timeout in seen}, {"10s"})

    def test_it_runs_every_statement_of_the_browse_pages_under_the_page_timeout(self):
        for url in [reverse("archive:meetings"), self.meeting.get_absolute_url(), reverse("archive:people"),
                    self.blinken.get_absolute_url(), reverse("archive:countries"), "/countries/iq/",
                    reverse("archive:resolutions"), reverse("archive:resolution", args=[2254]),
                    reverse("archive:outlets"), self.articles[0].get_absolute_url()]:
            seen = self.timeouts_of(lambda: self.client.get(url))
            self.assertTrue(seen, url)
            self.assertEqual({timeout for _, _, timeout in seen}, {"10s"}, url)

    def test_it_runs_an_export_under_the_export_timeout_while_it_streams(self):
        seen = self.timeouts_of(lambda: self.client.get(reverse("archive:export_json"), {"q": "داعش"}))
        # The rows are read after the view has returned, as the file is sent.
        self.assertIn("stream", {phase for phase, _, _ in seen})
        self.assertEqual({timeout for _, _, timeout in seen}, {"1min"})

    def test_it_lets_an_export_without_a_query_run_as_long_as_its_download(self):
        # COPY writes the whole file as one statement; the command line's
        # exports keep the connection's own setting.
        shown = []
        allow_download = guards.allow_download

        def spy(cursor, alias):
            allow_download(cursor, alias)
            cursor.execute("SHOW statement_timeout")
            shown.append(cursor.fetchone()[0])

        with mock.patch.object(guards, "allow_download", spy):
            check_download(self, "archive:export_csv", read(self.client.get(reverse("archive:export_csv"))))
            b"".join(export.copy_csv(list(Article.objects.published().values_list("pk", flat=True)), lambda path: path)).decode()
        self.assertEqual(shown, ["30min", self.show_timeout()])

    def test_it_gives_the_connection_its_default_back_after_the_response(self):
        before = self.show_timeout()
        self.client.get(reverse("archive:search"), {"q": "داعش"})
        self.assertEqual(self.show_timeout(), before)
        read(self.client.get(reverse("archive:export_csv")))
        self.assertEqual(self.show_timeout(), before)
        read(self.client.get(reverse("archive:people_export", args=["json"])))
        self.assertEqual(self.show_timeout(), before)

    def test_it_leaves_the_admin_unbounded(self):
        self.client.force_login(self.editor)
        default = self.show_timeout()
        seen = self.timeouts_of(lambda: self.client.get(reverse("admin:archive_article_changelist")))
        self.assertTrue(seen)
        self.assertEqual({timeout for _, _, timeout in seen}, {default})

    def test_it_answers_a_cancelled_statement_with_an_arabic_503(self):
        def slow_outlets(execute, sql, params, many, context):
            if "archive_outlet" in sql:
                # A statement slower than the bound, in a savepoint so the
                # test's transaction survives its cancellation.
                with transaction.atomic():
                    return execute("SELECT pg_sleep(5)", None, many, context)
            return execute(sql, params, many, context)

        with mock.patch.object(guards, "PAGE_TIMEOUT_MS", 50), connection.execute_wrapper(slow_outlets):
            response = self.client.get(reverse("archive:outlets"))
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, "استغرق هذا الطلب وقتاً أطول من المسموح به", status_code=503)
        self.assertEqual(response.headers["Retry-After"], str(guards.RETRY_AFTER_SECONDS))
        self.assertEqual(self.show_timeout(), "0")
