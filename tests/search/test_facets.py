"""The facet declarations (archive.search.facets): each kind's rules, and a
facet added by one declaration reaching the page, the form, the chips and
the exports."""

from __future__ import annotations

import csv
import datetime
import io

import numpy as np
from django.db import connection
from django.test import SimpleTestCase, TestCase

from archive.models import Article, Meeting, MeetingKind
from archive.search import facets, indexing
from tests import factories


class KindTests(SimpleTestCase):
    def test_several_values_match_any_and_count_the_same_from_either_side(self):
        many = facets.Many.of([[1, 2], [], [2], [3, 2], [1]])
        self.assertEqual(list(np.flatnonzero(many.any_of([1, 3], 5))), [0, 3, 4])
        few, most = np.array([0, 2]), np.array([0, 1, 2, 3])
        self.assertEqual([list(a) for a in many.counts(few, 5)], [[1, 2], [1, 2]])
        self.assertEqual([list(a) for a in many.counts(most, 5)], [[1, 2, 3], [1, 3, 1]])

    def test_a_last_day_leaves_out_articles_of_no_date_and_a_first_day_too(self):
        # 2020-01-01, no date, 2022-01-01, as the copy holds them (days since 1970).
        column = np.array([18262, facets.NO_DATE, 18993], dtype=np.int32)
        first = facets.named("date_from").mask(column, [datetime.date(2021, 1, 1)], 3)
        last = facets.named("date_to").mask(column, [datetime.date(2021, 1, 1)], 3)
        self.assertEqual(list(first), [False, False, True])
        self.assertEqual(list(last), [True, False, False])


    def test_years_come_latest_first_and_a_record_most_frequent_first(self):
        found, counts = np.array([2014, 2019, 2023]), np.array([5, 1, 2])
        self.assertEqual(list(found[facets.named("year").order(found, counts)]), [2023, 2019, 2014])
        self.assertEqual(list(found[facets.named("outlet").order(found, counts)]), [2014, 2023, 2019])

    def test_every_column_is_loaded_once(self):
        columns = facets.columns()
        self.assertEqual(columns["event_date"].name, "date_from")
        self.assertEqual(len(columns), len({kind.column for kind in facets.declared()}))


class SelectTests(TestCase):
    """Each kind's column as the engine's copy reads it from the database."""

    def selected(self, kind: facets.Kind, values: list, sql_type: str) -> list:
        with connection.cursor() as cursor:
            expression = kind.select().replace(kind.column, "v")
            cursor.execute(f"SELECT {expression} FROM unnest(%s::{sql_type}[]) WITH ORDINALITY AS t(v, n) ORDER BY n",
                           [values])
            return [row[0] for row in cursor.fetchall()]

    def test_a_code_filters_by_its_place_among_the_choices_and_reads_back(self):
        kind = facets.named("kind")
        column = kind.load(np.array(self.selected(kind, ["ministerial", "", "bogus", None, "ministerial"], "text")))
        self.assertEqual(list(kind.mask(column, ["ministerial", "unknown-code"], 5)), [True, False, False, False, True])
        self.assertEqual(kind.value(column[0]), "ministerial")
        self.assertEqual(kind.value(column[2]), "")
        self.assertEqual(kind.labels([])["ministerial"], str(MeetingKind("ministerial").label))

    def test_a_date_is_its_days_since_1970_and_no_date_sorts_last(self):
        days = self.selected(facets.named("date_from"), [datetime.date(2014, 9, 15), None], "date")
        self.assertEqual(days, [16328, facets.NO_DATE])  # (2014-09-15 - 1970-01-01).days


# A facet a researcher might ask for: the year a site published the article,
# beside the year of the meeting it reports. In the product it would be one
# declaration in archive/search/facets.py and a migration adding the column;
# here the test adds both, and the transaction takes them away.
PUBLISHED_YEAR = facets.Year("published_year", "سنة النشر", "published_year",
                             source="EXTRACT(YEAR FROM a.published_on)::integer")


class AddedFacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Reported meetings of 2016 that sites published in 2016 and 2017.
        meeting = Meeting.objects.create(name="اجتماع التحالف في واشنطن", date=datetime.date(2016, 7, 21), place="واشنطن")
        cls.early = factories.article("اجتماع واشنطن", "داعش", published_on=datetime.date(2016, 7, 22), meeting=meeting)
        cls.late = factories.article("عام على اجتماع واشنطن", "داعش", published_on=datetime.date(2017, 7, 22), meeting=meeting)
        cls.other = factories.article("بيان لاحق", "داعش", published_on=datetime.date(2017, 9, 1))

    def setUp(self):
        with connection.cursor() as cursor:
            # The fixtures' foreign keys are checked first: a table cannot be
            # altered with checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE archive_article ADD COLUMN published_year integer")  # the migration
        # A search before the facet is added: what the process made of the
        # declarations then (the form's class, the engine's copy) must not outlive them.
        self.client.get("/", {"q": "داعش"})
        self.enterContext(facets.added(PUBLISHED_YEAR))
        indexing.refresh_facets(Article.objects.values_list("pk", flat=True))

    def test_the_page_counts_it_beside_the_meeting_year(self):
        page = self.client.get("/").content.decode()
        self.assertIn('id="facet-published_year">سنة النشر<', page)
        self.assertIn('data-facet="published_year" data-value="2017"', page)
        facet = page[page.index('id="facet-published_year"'):]
        self.assertIn('<bdi>2017</bdi></span> <span class="facet-count">2</span>', facet)

    def test_it_filters_the_page_and_shows_a_chip_that_removes_it(self):
        page = self.client.get("/?published_year=2017").content.decode()
        self.assertIn(self.late.title, page)
        self.assertNotIn(">اجتماع واشنطن<", page)
        self.assertIn("سنة النشر: <bdi>2017</bdi>", page)

    def test_the_export_holds_exactly_its_rows(self):
        body = b"".join(self.client.get("/export.csv?published_year=2017").streaming_content).decode()
        ids = {int(row[0]) for row in list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))[1:]}
        self.assertEqual(ids, {self.late.pk, self.other.pk})

    def test_a_bad_value_is_a_400_that_names_it(self):
        response = self.client.get("/?published_year=soon")
        self.assertEqual(response.status_code, 400)
        self.assertIn("published_year", response.content.decode())
