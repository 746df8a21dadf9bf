"""Facet counts: each must equal the number of results its link leads to."""

import datetime
import io

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from archive.models import Article, PersonMention
from tests import factories
from tests.public.test_views import shown_count

BASE_SEARCHES = [
    {},
    {"q": "العراق", "country": None},  # the country filled in below
    {"format": "virtual"},
    {"q": "سوريا", "date_from": "2016-01-01", "date_to": "2022-12-31"},
]


class FacetCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        factories.article("مقال آخر عن داعش", "ذكر البيان العراق وداعش.", published_on=datetime.date(2019, 5, 1))
        factories.article("مقال غير منشور", "داعش والعراق", status=Article.Status.PENDING)
        cls.iraq = Article.objects.get(source_name__startswith="000").country_mentions.get(country__iso_code="IQ").country

    def searches(self):
        for params in BASE_SEARCHES:
            params = dict(params)
            if "country" in params:
                params["country"] = str(self.iraq.pk)
            yield params

    def test_every_count_equals_the_results_its_link_leads_to(self):
        checked = 0
        for params in self.searches():
            response = self.client.get(reverse("archive:search"), params)
            self.assertEqual(response.status_code, 200)
            for facet in response.context["facets"]:
                if any(value.active for value in facet.values):
                    continue  # values of one facet add up (OR): counts are each value's own
                for value in facet.values:
                    with self.subTest(params=params, facet=facet.name, value=value.label):
                        followed = self.client.get(reverse("archive:search") + value.url)
                        self.assertEqual(shown_count(followed), value.count)
                        checked += 1
        self.assertGreater(checked, 30)

    def test_counts_match_an_independent_count(self):
        response = self.client.get(reverse("archive:search"), {"q": "داعش"})
        people = {v.label: v.count for f in response.context["facets"] if f.name == "person" for v in f.values}
        published = Article.objects.published()
        matching = {a.pk for a in published if "داعش" in a.body or "داعش" in a.title}
        for name, count in people.items():
            with self.subTest(person=name):
                articles = set(PersonMention.objects.filter(person__name=name).values_list("article_id", flat=True))
                self.assertEqual(len(articles & matching), count)

    def test_only_published_articles_are_counted(self):
        response = self.client.get(reverse("archive:search"))
        years = {v.label: v.count for f in response.context["facets"] if f.name == "year" for v in f.values}
        self.assertEqual(sum(years.values()), Article.objects.published().count())

    def test_values_of_one_facet_combine_with_or_and_show_as_removable_chips(self):
        response = self.client.get(reverse("archive:search"), {"format": ["virtual", "in_person"]})
        self.assertEqual(shown_count(response), Article.objects.published().filter(meeting__isnull=False).count())
        chips = response.context["chips"]
        self.assertEqual(sorted(chip.value for chip in chips), sorted(["حضوري", "افتراضي"]))
        removed = self.client.get(reverse("archive:search") + chips[0].remove_url)
        self.assertEqual(len(removed.context["chips"]), 1)

    def test_a_bad_facet_value_is_a_400_that_names_it(self):
        for params in ({"year": "1800"}, {"format": "telepathy"}, {"date_from": "yesterday"}, {"person": "x"}):
            with self.subTest(params=params):
                response = self.client.get(reverse("archive:search"), params)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, list(params)[0], status_code=400)
