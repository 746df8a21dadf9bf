import csv
import datetime
import io

from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from archive import export
from archive.models import Article, Meeting, Outlet, Person, PersonMention
from tests import factories
from tests.test_views import result_ids


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
