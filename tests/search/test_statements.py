"""Searching who said what, and its exports (archive.search.statements)."""

import csv
import io
import json
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.editorial import merging
from archive.editorial import curation
from archive.importing import pipeline
from archive.models import Article, Person, Statement
from archive.search import statements
from tests import factories

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"


def page_ids(response) -> list[int]:
    """The statements a page lists, by the anchors of their links."""
    html = response.content.decode()
    return list(dict.fromkeys(int(part.split('"', 1)[0]) for part in html.split("#statement-")[1:]))


class StatementSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        pipeline.import_paths([SEEDS], publish=True)
        curation.publish(Article.objects.all())  # as an editor would: the statements follow
        cls.fuad = Person.objects.get(name="فؤاد حسين")
        cls.url = reverse("archive:statements")

    def test_al_hol_by_fuad_hussein_finds_his_statement(self):
        response = self.client.get(self.url, {"q": "الهول", "speaker": f"person-{self.fuad.pk}"})
        self.assertEqual(response.status_code, 200)
        found = Statement.objects.filter(pk__in=page_ids(response))
        self.assertEqual(len(found), 1)
        self.assertIn("مُخيَّم الهول", found[0].text)
        self.assertEqual(found[0].person, self.fuad)
        self.assertContains(response, "تصريح واحد")

    def test_the_words_alone_find_every_speaker_s_al_hol(self):
        ids = page_ids(self.client.get(self.url, {"q": "الهول"}))
        speakers = {Statement.objects.get(pk=pk).speaker for pk in ids}
        self.assertIn("فؤاد حسين", speakers)
        self.assertGreater(len(ids), 1)  # the ministers' words on al-Hol camp too (seed 001)

    def test_the_exports_hold_exactly_the_filtered_statements(self):
        params = {"q": "الهول", "speaker": f"person-{self.fuad.pk}"}
        shown = page_ids(self.client.get(self.url, params))
        response = self.client.get(reverse("archive:statements_export", args=["csv"]), params)
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        self.assertEqual([int(row["id"]) for row in rows], shown)
        self.assertEqual(rows[0]["speaker"], "فؤاد حسين")
        self.assertTrue(rows[0]["url"].endswith(f"#statement-{shown[0]}"))
        response = self.client.get(reverse("archive:statements_export", args=["json"]), params)
        data = json.loads(b"".join(response.streaming_content))
        self.assertEqual([item["id"] for item in data["statements"]], shown)
        self.assertEqual(data["export"]["total"], len(shown))
        self.assertEqual(data["export"]["query"], "الهول")

    def test_an_export_of_one_year_holds_its_statements_and_names_the_year(self):
        year = next(iter(dict(self.client.get(self.url).context["years"])))
        shown = self.client.get(self.url, {"year": year}).context["total"]
        response = self.client.get(reverse("archive:statements_export", args=["json"]), {"year": year})
        data = json.loads(b"".join(response.streaming_content))
        self.assertEqual(data["export"]["filters"], {"year": year})
        self.assertEqual(len(data["statements"]), shown)
        response = self.client.get(self.url, {"year": "2016.5"})
        self.assertContains(response, "<code>year</code>", status_code=400)

    def test_the_speaker_facet_counts_the_other_speakers_too(self):
        response = self.client.get(self.url, {"speaker": f"person-{self.fuad.pk}"})
        values = {count.value: count.count for count in response.context["speakers"]}
        self.assertIn("collective-ministers", values)  # another speaker can be chosen
        self.assertEqual(values[f"person-{self.fuad.pk}"], Statement.objects.filter(person=self.fuad).count())

    def test_the_year_facet_and_direct_quotes(self):
        years = dict(self.client.get(self.url).context["years"])
        self.assertTrue(years)
        year = next(iter(years))
        response = self.client.get(self.url, {"year": year})
        self.assertEqual(response.context["total"], years[year])
        self.assertLess(response.context["total"], Statement.objects.count())
        self.assertEqual(dict(response.context["years"]), years)  # the other years stay to be chosen
        quotes = page_ids(self.client.get(self.url, {"quote": "true"}))
        self.assertTrue(quotes)
        self.assertTrue(all(Statement.objects.get(pk=pk).is_quote for pk in quotes))

    def test_the_one_pass_counts_what_counting_each_apart_counts(self):
        year = next(iter(dict(self.client.get(self.url).context["years"])))
        government = Statement.objects.filter(collective="government", country__isnull=False).first().country.iso_code
        combos = [
            {}, {"q": "الهول"}, {"speaker": f"person-{self.fuad.pk}"}, {"year": year}, {"quote": "true"},
            {"speaker": "collective-ministers", "year": year}, {"speaker": f"government-{government}"},
            {"speaker": "collective-government"}, {"q": "التحالف", "year": year, "speaker": "collective-ministers"},
        ]
        for data in combos:
            with self.subTest(data=data):
                filterset = statements.StatementFilter(data, queryset=statements.published())
                self.assertTrue(filterset.is_valid())
                found = filterset.tallies()
                self.assertEqual(found.total, filterset.qs.count())
                by_speaker = statements.StatementFilter(
                    {k: v for k, v in data.items() if k != "speaker"}, queryset=statements.published()
                )
                by_speaker.is_valid()
                for count in found.speakers:
                    self.assertEqual(count.count, by_speaker.qs.filter(statements.speaker_q(count.value)).count())
                without_year = filterset.without("year")
                for found_year, count in found.years:
                    self.assertEqual(count, without_year.filter(event_date__year=found_year).count())

    def test_a_government_of_no_known_state_is_apart_from_a_state_s(self):
        article = Statement.objects.filter(collective="government", country__isnull=False).first().article
        Statement.objects.create(
            article=article, position=99, speaker_kind="collective", collective="government", speaker_name="الحكومة",
            text="نص حكومة بلا دولة معروفة", start=0, end=5,
        )
        response = self.client.get(self.url, {"speaker": "collective-government"})
        self.assertEqual(response.context["total"], 1)
        values = {count.value: count.count for count in response.context["speakers"]}
        self.assertEqual(values["collective-government"], 1)

    def test_a_merged_away_speaker_is_followed(self):
        kept = Person.objects.create(name="فؤاد محمد حسين")
        old = self.fuad.pk
        merging.merge(kept, [self.fuad])
        shown = page_ids(self.client.get(self.url, {"q": "الهول", "speaker": f"person-{old}"}))
        self.assertEqual(len(shown), 1)
        self.assertEqual(Statement.objects.get(pk=shown[0]).person, kept)

    def test_a_bad_speaker_is_refused_naming_the_field(self):
        response = self.client.get(self.url, {"speaker": "person-x"})
        self.assertContains(response, "<code>speaker</code>", status_code=400)
        response = self.client.get(reverse("archive:statements_export", args=["csv"]), {"speaker": "collective-nobody"})
        self.assertEqual(response.status_code, 400)

    def test_statements_of_an_unpublished_article_are_not_public(self):
        article = Statement.objects.filter(person=self.fuad).first().article
        article.status = Article.Status.PENDING  # back in review
        article.save(update_fields=["status"])
        response = self.client.get(self.url, {"speaker": f"person-{self.fuad.pk}"})
        self.assertEqual(page_ids(response), [])

    def test_the_person_page_lists_what_they_said(self):
        response = self.client.get(self.fuad.get_absolute_url())
        self.assertContains(response, "مُخيَّم الهول")
        self.assertContains(response, f"speaker=person-{self.fuad.pk}")

    def test_the_article_marks_each_statement_at_its_anchor(self):
        statement = Statement.objects.filter(person=self.fuad, text__contains="الهول").get()
        response = self.client.get(statement.article.get_absolute_url())
        self.assertContains(response, f'<mark class="statement" id="statement-{statement.pk}">')

    def test_the_meeting_and_country_pages_list_statements(self):
        statement = Statement.objects.filter(collective="government", country__isnull=False).first()
        response = self.client.get(statement.country.get_absolute_url())
        self.assertContains(response, "تصريحات حكومتها ومسؤوليها")
        with_meeting = Statement.objects.filter(article__meeting__isnull=False).first()
        if with_meeting is not None:
            response = self.client.get(with_meeting.article.meeting.get_absolute_url())
            self.assertContains(response, "ما قيل في هذا الاجتماع")


class SpeakerValueTests(TestCase):
    def test_each_kind_of_speaker_has_its_value(self):
        for value in ("person-3", "collective-ministers", "government-IQ"):
            self.assertTrue(statements.StatementFilter({"speaker": value}, queryset=statements.published()).is_valid())
        for value in ("person-", "collective-x", "government-iq", "'; drop"):
            self.assertFalse(statements.StatementFilter({"speaker": value}, queryset=statements.published()).is_valid())


class RememberedTallyTests(TestCase):
    """The statements page's counts by speaker and year are counted once
    while the statements stand (migration 0033), and again after any change
    an editor or an import makes to them."""

    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        pipeline.import_paths([SEEDS], publish=True)
        curation.publish(Article.objects.all())
        cls.fuad = Person.objects.get(name="فؤاد حسين")
        cls.url = reverse("archive:statements")

    def setUp(self):
        caches["counts"].clear()

    def counting(self, data: dict) -> tuple[int, object]:
        """How many times a page counted the statements, and the page."""
        with CaptureQueriesContext(connections["default"]) as queries:
            response = self.client.get(self.url, data)
        grouped = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"] and "archive_statement" in q["sql"]]
        return len(grouped), response

    def test_the_same_filters_are_counted_once_whatever_speaker_or_page_is_chosen(self):
        self.assertEqual(self.counting({"q": "الهول"})[0], 1)
        self.assertEqual(self.counting({"q": "الهول"})[0], 0)
        counted, response = self.counting({"q": "الهول", "speaker": f"person-{self.fuad.pk}"})
        self.assertEqual(counted, 0)  # the speakers are counted without the speaker chosen
        self.assertEqual(response.context["total"], 1)
        self.assertEqual(self.counting({"q": "العراق"})[0], 1)  # other words, other counts

    def test_an_editor_s_correction_is_counted_at_once(self):
        before = self.counting({})[1].context["speakers"]
        self.assertIn(f"person-{self.fuad.pk}", {count.value for count in before})
        other = Person.objects.create(name="محمد شياع السوداني")
        statement = Statement.objects.filter(person=self.fuad).first()
        statement.person = other
        statement.save()
        counted, response = self.counting({})
        self.assertEqual(counted, 1)
        values = {count.value: count.count for count in response.context["speakers"]}
        self.assertEqual(values[f"person-{other.pk}"], 1)
        self.assertEqual(values.get(f"person-{self.fuad.pk}", 0), Statement.objects.filter(person=self.fuad).count())

    def test_a_person_s_page_counts_their_statements_as_the_statements_page_does(self):
        said = self.client.get(self.fuad.get_absolute_url()).context["page"].statements
        listed = self.client.get(self.url, {"speaker": f"person-{self.fuad.pk}"}).context["total"]
        self.assertEqual(said.count, listed)
        Statement.objects.filter(pk=said.latest[0].pk).delete()
        self.assertEqual(self.client.get(self.fuad.get_absolute_url()).context["page"].statements.count, listed - 1)

    def test_an_article_taken_back_to_review_leaves_the_counts(self):
        total = self.counting({})[1].context["total"]
        article = Statement.objects.filter(person=self.fuad).first().article
        article.status = Article.Status.PENDING
        article.save(update_fields=["status"])
        counted, response = self.counting({})
        self.assertEqual(counted, 1)
        self.assertEqual(response.context["total"], total - article.statements.count())
        self.assertNotIn(f"person-{self.fuad.pk}", {count.value for count in response.context["speakers"]})
