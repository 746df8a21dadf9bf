import csv
import datetime
import io
import json
import tempfile
from pathlib import Path
from unittest import mock

import psycopg

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from archive.public import export
from archive.models import Article, Country, Meeting, Outlet, Person, PersonMention
from tests import factories
from tests.public.test_views import result_ids


def download(client, params: dict) -> tuple[bytes, list[dict]]:
    response = client.get(reverse("archive:export_csv"), params)
    assert response.status_code == 200
    assert response.streaming
    data = b"".join(response.streaming_content)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    return data, rows


class CsvExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        outlet = Outlet.objects.create(name="شبكة أخبار العراق")
        meeting = Meeting.objects.create(
            name="اجتماع واشنطن الوزاري", date=datetime.date(2024, 9, 30), place="واشنطن",
            format=Meeting.Format.IN_PERSON, kind=Meeting.Kind.MINISTERIAL, member_count=87,
        )
        cls.articles = [
            factories.article(
                f"بيان التحالف رقم {n}", f"أكد وزراء التحالف دعم العراق في البيان {n}.",
                published_on=datetime.date(2024, 1, n), outlet=outlet, meeting=meeting if n % 2 else None,
            )
            for n in range(1, 26)
        ]
        blinken = Person.objects.create(name="أنتوني بلينكن")
        PersonMention.objects.create(
            article=cls.articles[0], person=blinken, name_as_written="بلينكن", is_chair=True, sentence="بدعوة من بلينكن"
        )
        cls.formula = factories.article("=HYPERLINK(\"http://evil\")", "-2+3 صيغة خبيثة عن العراق")
        factories.article("مسودة عن العراق", "العراق", status=Article.Status.PENDING)

    def all_page_ids(self, params: dict) -> list[int]:
        ids, page = [], 1
        while True:
            response = self.client.get(reverse("archive:search"), {**params, "page": page})
            ids += result_ids(response)
            if 'rel="next"' not in response.content.decode():
                return ids
            page += 1

    def test_it_holds_exactly_the_rows_the_search_pages_show_in_their_order(self):
        for params in ({}, {"q": "العراق"}, {"q": "البيان", "sort": "oldest"}, {"year": "2024"}):
            _, rows = download(self.client, params)
            self.assertEqual([int(r["id"]) for r in rows], self.all_page_ids(params), params)

    def test_it_starts_with_a_byte_order_mark_and_keeps_arabic_intact(self):
        data, rows = download(self.client, {"q": "بلينكن OR العراق"})
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
        self.assertEqual(list(rows[0].keys()), export.COLUMNS)
        first = next(r for r in rows if r["id"] == str(self.articles[0].pk))
        self.assertEqual(first["title"], "بيان التحالف رقم 1")
        self.assertEqual(first["outlet"], "شبكة أخبار العراق")
        self.assertEqual(first["persons"], "أنتوني بلينكن")
        self.assertEqual(first["chairs"], "أنتوني بلينكن")
        self.assertEqual(first["meeting_date"], "2024-09-30")
        self.assertEqual(first["member_count"], "87")
        self.assertEqual(first["url"], f"http://testserver/articles/{self.articles[0].pk}/")

    def test_it_neutralizes_cells_a_spreadsheet_would_run(self):
        _, rows = download(self.client, {"q": "خبيثة"})
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["title"], "'=HYPERLINK(\"http://evil\")")
        self.assertEqual(rows[0]["body"], "'-2+3 صيغة خبيثة عن العراق")

    def test_it_never_exports_unpublished_articles(self):
        _, rows = download(self.client, {"q": "مسودة"})
        self.assertEqual(rows, [])

    def test_it_names_the_file_after_the_query_and_date(self):
        response = self.client.get(reverse("archive:export_csv"), {"q": "2254"})
        self.assertRegex(
            response.headers["Content-Disposition"], r'attachment; filename="coalition-archive-2254-\d{4}-\d\d-\d\d\.csv"'
        )

    def test_it_answers_400_for_bad_filters(self):
        response = self.client.get(reverse("archive:export_csv"), {"year": "x"})
        self.assertEqual(response.status_code, 400)

    def test_the_search_page_links_to_the_export_with_the_same_filters(self):
        response = self.client.get(reverse("archive:search"), {"q": "العراق", "year": "2024", "page": "2"})
        self.assertContains(response, 'href="/export.csv?q=%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82&amp;year=2024"')


class NeutralizeTests(SimpleTestCase):
    def test_it_prefixes_only_dangerous_starts(self):
        for value in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]:
            self.assertEqual(export.neutralize(value), "'" + value)
        for value in ["داعش", "2254", 87, None, ""]:
            self.assertEqual(export.neutralize(value), value)


def download_json(client, params: dict) -> dict:
    response = client.get(reverse("archive:export_json"), params)
    assert response.status_code == 200, response.status_code
    assert response.streaming
    assert response["Content-Type"].startswith("application/json")
    return json.loads(b"".join(response.streaming_content).decode("utf-8"))


ARTICLE_FIELDS = {
    "id": int, "url": str, "title": str, "outlet": (str, type(None)), "published_on": (str, type(None)),
    "meeting": (dict, type(None)), "persons": list, "countries": list, "resolutions": list,
    "snippet": (str, type(None)), "source_file": str, "source_url": (str, type(None)), "body": str,
}
MEETING_FIELDS = {"id", "name", "date", "place", "format", "kind", "member_count", "url"}
PERSON_FIELDS = {"name", "role", "country", "is_chair"}


class JsonExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        CsvExportTests.setUpTestData.__func__(cls)

    def test_it_holds_the_rows_of_the_search_with_a_header_that_says_so(self):
        for params in ({}, {"q": "العراق"}, {"q": "البيان", "sort": "oldest"}, {"year": "2024", "q": "التحالف"}):
            with self.subTest(params=params):
                data = download_json(self.client, params)
                ids = [article["id"] for article in data["articles"]]
                self.assertEqual(ids, CsvExportTests.all_page_ids(self, params))
                head = data["export"]
                self.assertEqual(head["total"], len(ids))
                self.assertEqual(head["query"], params.get("q"))
                self.assertIsNone(head["limit"])
                self.assertIn("exported_at", head)
                self.assertTrue(head["search_url"].startswith("http://testserver/?") or not params)

    def test_every_row_has_the_documented_fields_and_types(self):
        data = download_json(self.client, {"q": "بلينكن OR العراق"})
        self.assertEqual(data["export"]["filters"], {})
        for article in data["articles"]:
            self.assertEqual(set(article), set(ARTICLE_FIELDS))
            for name, kind in ARTICLE_FIELDS.items():
                self.assertIsInstance(article[name], kind, name)
            if article["meeting"]:
                self.assertEqual(set(article["meeting"]), MEETING_FIELDS)
            for person in article["persons"]:
                self.assertEqual(set(person), PERSON_FIELDS)
        first = next(a for a in data["articles"] if a["id"] == self.articles[0].pk)
        self.assertEqual(first["persons"], [{"name": "أنتوني بلينكن", "role": None, "country": None, "is_chair": True}])
        self.assertEqual(first["meeting"]["member_count"], 87)
        self.assertIn("العراق", first["snippet"])

    def test_it_never_exports_unpublished_articles(self):
        data = download_json(self.client, {"q": "مسودة"})
        self.assertEqual((data["articles"], data["export"]["total"]), ([], 0))

    def test_the_search_page_links_to_both_exports_with_its_filters(self):
        response = self.client.get(reverse("archive:search"), {"q": "العراق", "year": "2024"})
        self.assertContains(response, 'href="/export.json?q=%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82&amp;year=2024"')


class CommandLineExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        CsvExportTests.setUpTestData.__func__(cls)

    def run_command(self, *args) -> str:
        out = io.StringIO()
        call_command("export_articles", "--base-url", "http://testserver", *args, stdout=out, stderr=io.StringIO())
        return out.getvalue()

    def test_it_writes_the_web_s_csv_byte_for_byte(self):
        for web, cli in (
            ({}, []),
            ({"q": "العراق"}, ["--q", "العراق"]),
            ({"q": "البيان", "sort": "oldest", "year": "2024"}, ["--q", "البيان", "--sort", "oldest", "--year", "2024"]),
        ):
            with self.subTest(web=web):
                response = self.client.get(reverse("archive:export_csv"), web)
                self.assertEqual(self.run_command(*cli).encode("utf-8"), b"".join(response.streaming_content))

    def test_it_writes_the_web_s_json_but_for_the_export_time(self):
        response = self.client.get(reverse("archive:export_json"), {"q": "العراق"})
        web = json.loads(b"".join(response.streaming_content))
        cli = json.loads(self.run_command("--format", "json", "--q", "العراق"))
        for data in (web, cli):
            data["export"].pop("exported_at")
        self.assertEqual(cli, web)

    def test_it_filters_by_person_name_and_writes_a_file(self):
        path = Path(self.enterContext(tempfile.TemporaryDirectory())) / "out.csv"
        self.run_command("--person", "أنتوني بلينكن", "--output", str(path))
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        self.assertEqual([int(r["id"]) for r in rows], [self.articles[0].pk])

    def test_status_all_adds_unpublished_articles_marked_as_such(self):
        rows = list(csv.DictReader(io.StringIO(self.run_command("--q", "مسودة", "--status", "all").lstrip("\ufeff"))))
        self.assertEqual([(r["title"], r["status"]) for r in rows], [("مسودة عن العراق", "pending")])
        self.assertNotIn("مسودة", self.run_command("--q", "مسودة"))

    def test_it_names_the_bad_filter(self):
        with self.assertRaisesRegex(CommandError, "--year"):
            self.run_command("--year", "1800")
        with self.assertRaisesRegex(CommandError, "--person: no person named"):
            self.run_command("--person", "لا أحد")


class EntityExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--no-serve", stdout=io.StringIO())

    def get(self, name: str, fmt: str):
        response = self.client.get(reverse(f"archive:{name}_export", args=[fmt]))
        self.assertEqual(response.status_code, 200)
        body = b"".join(response.streaming_content)
        if fmt == "csv":
            self.assertTrue(body.startswith(b"\xef\xbb\xbf"))
            return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
        return json.loads(body)

    def test_meetings_with_their_chairs_and_participants(self):
        rows = self.get("meetings", "csv")
        self.assertEqual(len(rows), Meeting.objects.count())
        virtual = next(r for r in rows if r["date"] == "2021-03-30")
        self.assertEqual(set(virtual["chairs"].split(" | ")), {"أنتوني بلينكن", "صوفي ويلمس"})
        self.assertIn("فؤاد حسين", virtual["participants"])
        data = self.get("meetings", "json")
        meeting = next(m for m in data["meetings"] if m["date"] == "2021-03-30")
        self.assertIn({"name": "فؤاد حسين", "role": "وزير الخارجية", "country": "العراق", "is_chair": False},
                      meeting["participants"])

    def test_people_with_their_aliases_and_roles(self):
        data = self.get("people", "json")
        wilmes = next(p for p in data["people"] if p["name_en"] == "Sophie Wilmès")
        self.assertIn("صوفي ويليامز", wilmes["aliases"])
        self.assertIn("نائبة رئيس الوزراء وزيرة الخارجية", wilmes["roles"])
        rows = self.get("people", "csv")
        self.assertEqual(len(rows), len(data["people"]))

    def test_resolutions_with_their_citation_counts(self):
        rows = {int(r["number"]): r for r in self.get("resolutions", "csv")}
        self.assertEqual(rows[2254]["citations"], "3")
        self.assertTrue(rows[2254]["un_document"].startswith("https://undocs.org/S/RES/2254"))

    def test_list_pages_offer_both_formats_and_say_how_many_rows(self):
        page = self.client.get(reverse("archive:meetings"))
        self.assertContains(page, f"(عدد الصفوف: {Meeting.objects.count()})")
        self.assertContains(page, 'href="/meetings.json"')
        self.assertEqual(self.client.get("/meetings.xml").status_code, 404)


class CopyExportTests(TestCase):
    """An export without a query is written by PostgreSQL's COPY; it holds
    the same cells, in the same order, as the rows written in Python."""

    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        outlet = Outlet.objects.create(name="=HYPERLINK(\"http://x\")")
        factories.article("+1 عنوان بفاصلة، و\"اقتباس\"", "سطر أول\nسطر, ثانٍ \"مقتبس\"\n-سطر بشرطة",
                          outlet=outlet, published_on=datetime.date(2020, 1, 2), source_name="@file.txt")
        factories.article("بلا تاريخ", "نص", source_name="nodate.txt")
        factories.article("مسودة", "نص", status=Article.Status.PENDING)
        factories.article("عنوان عادي", "=SUM(A1) نص يبدأ بصيغة", published_on=datetime.date(2021, 5, 6))

    def both(self, params: dict, with_status: bool = False) -> tuple[list, list]:
        from urllib.parse import urlencode

        from django.http import QueryDict

        from archive.search.filters import ArticleFilter

        queryset = Article.objects.all() if with_status else Article.objects.published()
        filterset = ArticleFilter(QueryDict(urlencode(params)), queryset=queryset, everything=with_status)
        self.assertTrue(filterset.is_valid())
        url = "http://archive.test{}".format
        ids = filterset.results().ids
        copied = b"".join(export.copy_csv(ids, url, with_status)).decode()
        written = "".join(export.csv_lines(export.records(ids, url, filterset.query), with_status))
        # Byte for byte: quotes only where csv.writer puts them, the same line ends.
        self.assertEqual(copied, written)
        return list(csv.reader(io.StringIO(copied))), list(csv.reader(io.StringIO(written)))

    def test_it_quotes_an_address_that_needs_it(self):
        copied = b"".join(export.copy_csv(_published_ids(), 'http://a,"b"{}'.format)).decode()
        first = list(csv.reader(io.StringIO(copied)))[1]
        self.assertEqual(first[1], f'http://a,"b"/articles/{first[0]}/')

    def test_it_writes_what_the_python_rows_hold(self):
        iraq = str(Country.objects.get(iso_code="IQ").pk)
        for params in ({}, {"sort": "oldest"}, {"year": "2021"}, {"country": iraq, "sort": "newest"}):
            with self.subTest(params=params):
                copied, written = self.both(params)
                self.assertGreater(len(copied), 1)
                self.assertEqual(copied, written)
        bodies = [row[-1] for row in self.both({})[0]]
        self.assertIn("'=SUM(A1) نص يبدأ بصيغة", bodies)

    def test_editors_exports_of_every_status_match_too(self):
        copied, written = self.both({}, with_status=True)
        self.assertEqual(copied, written)
        self.assertIn("pending", [row[-1] for row in copied])

    def test_formula_cells_are_neutralized_by_the_database(self):
        copied, _ = self.both({})
        cells = [cell for row in copied[1:] for cell in row]
        self.assertIn("'+1 عنوان بفاصلة، و\"اقتباس\"", cells)
        self.assertIn("'=HYPERLINK(\"http://x\")", cells)
        self.assertIn("'@file.txt", cells)
        self.assertFalse([cell for cell in cells if cell[:1] in ("=", "+", "@")])


def _published_ids() -> list[int]:
    return list(Article.objects.published().order_by("pk").values_list("pk", flat=True))


class CutOffExportTests(TestCase):
    """An export that stops midway (the database lost mid-stream) says so
    in its last line; a whole one never does."""

    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        for n in range(1, 4):
            factories.article(f"بيان التحالف رقم {n}", f"أكد وزراء التحالف دعم العراق في البيان {n}.",
                              published_on=datetime.date(2024, 1, n))

    @staticmethod
    def _lost_after_first(real):
        def cut(*args, **kwargs):
            for number, chunk in enumerate(real(*args, **kwargs)):
                if number == 1:
                    raise psycopg.OperationalError("server closed the connection unexpectedly")
                yield chunk
        return cut

    def _get(self, name: str, params: dict) -> bytes:
        with self.assertLogs("archive.public.export", "ERROR"):
            response = self.client.get(reverse(f"archive:{name}"), params)
            return b"".join(response.streaming_content)

    def test_a_csv_export_cut_off_ends_with_a_line_saying_it_is_incomplete(self):
        real = export._chunks_of
        with mock.patch.object(export, "CHUNK_SIZE", 1), mock.patch.object(export, "_chunks_of", self._lost_after_first(real)):
            data = self._get("export_csv", {"q": "التحالف"})
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        self.assertEqual(rows[-1], [export.INCOMPLETE_MESSAGE])
        self.assertEqual(len([row for row in rows if len(row) > 1]), 2)  # the header and one article

    def test_a_csv_copy_cut_off_says_so_too(self):
        def rows_then_lost(rows):
            yield from export._csv_bytes(list(rows)[:1])
            raise psycopg.OperationalError("server closed the connection unexpectedly")
        with mock.patch.object(export, "_csv_bytes", rows_then_lost):
            data = self._get("export_csv", {})
        self.assertTrue(data.decode("utf-8-sig").rstrip().endswith(export.INCOMPLETE_MESSAGE))

    def test_a_json_export_cut_off_no_longer_parses_and_says_why(self):
        real = export._chunks_of
        with mock.patch.object(export, "CHUNK_SIZE", 1), mock.patch.object(export, "_chunks_of", self._lost_after_first(real)):
            data = self._get("export_json", {"q": "التحالف"}).decode()
        self.assertIn(export.INCOMPLETE_MESSAGE, data)
        with self.assertRaises(json.JSONDecodeError):
            json.loads(data)

    def test_a_whole_export_has_no_such_line(self):
        response = self.client.get(reverse("archive:export_csv"), {"q": "التحالف"})
        data = b"".join(response.streaming_content).decode("utf-8-sig")
        self.assertNotIn(export.INCOMPLETE_MESSAGE, data)
        self.assertEqual(len(list(csv.DictReader(io.StringIO(data)))), 3)


class SnippetsOptionTests(TestCase):
    """snippets=0: the same rows in the same order, without snippets, the
    CSV written by PostgreSQL's COPY."""

    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        for n in range(1, 6):
            factories.article(f"بيان التحالف رقم {n}", f"أكد وزراء التحالف دعم العراق في البيان {n}." + " تفاصيل" * n,
                              published_on=datetime.date(2024, 1, n))
        factories.article("خبر آخر", "لا صلة له بالموضوع.", published_on=datetime.date(2024, 2, 1))

    def test_a_csv_without_snippets_holds_the_same_rows_in_the_same_order(self):
        _, with_snippets = download(self.client, {"q": "العراق", "sort": "newest"})
        with mock.patch.object(export, "records", side_effect=AssertionError("rows built in Python")):
            _, without = download(self.client, {"q": "العراق", "sort": "newest", "snippets": "0"})
        self.assertEqual([row["id"] for row in without], [row["id"] for row in with_snippets])
        self.assertEqual(len(without), 5)
        self.assertTrue(all(row["snippet"] for row in with_snippets))
        self.assertFalse(any(row["snippet"] for row in without))
        self.assertEqual([row["body"] for row in without], [row["body"] for row in with_snippets])

    def test_a_json_export_without_snippets_has_none(self):
        response = self.client.get(reverse("archive:export_json"), {"q": "العراق", "snippets": "0"})
        articles = json.loads(b"".join(response.streaming_content))["articles"]
        self.assertEqual(len(articles), 5)
        self.assertEqual({article["snippet"] for article in articles}, {None})

    def test_a_bad_value_is_refused_by_name(self):
        response = self.client.get(reverse("archive:export_csv"), {"q": "العراق", "snippets": "no"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "المقتطفات في التصدير", status_code=400)

    def test_the_command_line_leaves_them_out_too(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "out.csv")
            call_command("export_articles", "--q", "العراق", "--no-snippets", "--output", str(path))
            rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        self.assertEqual(len(rows), 5)
        self.assertFalse(any(row["snippet"] for row in rows))
