"""The browse pages over the curated sample archive."""

import datetime
import re
import io

from django.core.management import call_command
from django.db import connection
from django.test import SimpleTestCase, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.public import browse, charts
from archive.models import Article, Citation, CountryMention, Meeting, Person, PersonMention, Resolution
from archive.search import indexing
from tests import factories


class BrowseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        cls.virtual = Meeting.objects.get(date=datetime.date(2021, 3, 30))
        cls.blinken = Person.objects.get(name_en="Antony Blinken")

    def test_record_pages_list_articles_and_statements_without_reading_their_texts(self):
        iraq = Article.objects.published().filter(statements__isnull=False, country_mentions__country__iso_code="IQ")
        self.assertTrue(iraq.exists())
        resolution = Citation.objects.filter(article__status=Article.Status.PUBLISHED).first().resolution
        pages = (self.blinken.get_absolute_url(), self.virtual.get_absolute_url(),
                 reverse("archive:country", args=["IQ"]), resolution.get_absolute_url(), reverse("archive:statements"))
        for url in pages:
            with self.subTest(url=url), CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                read = " ".join(query["sql"] for query in queries.captured_queries)
                self.assertIn('"archive_article"."title"', read)
                for column in Article.TEXT_FIELDS:
                    self.assertNotIn(f'"archive_article"."{column}"', read)

    def test_the_meetings_list_and_its_timeline(self):
        response = self.client.get(reverse("archive:meetings"))
        for meeting in Meeting.objects.all():
            self.assertContains(response, meeting.name)
        self.assertContains(response, 'role="img"')
        self.assertContains(response, 'class="virtual"')

    def test_the_meetings_list_is_paginated_below_a_time_line_of_them_all(self):
        calendar = Meeting.objects.filter(origin=Meeting.Origin.CALENDAR).exclude(date=None).count()
        Meeting.objects.bulk_create([
            Meeting(name=f"اجتماع تقني رقم {n}", date=datetime.date(2030, 1, 1) + datetime.timedelta(days=n),
                    origin=Meeting.Origin.CALENDAR)
            for n in range(60)
        ])
        first = self.client.get(reverse("archive:meetings")).content.decode()
        later = self.client.get(reverse("archive:meetings"), {"page": 2}).content.decode()
        # Newest first: the last of the new meetings leads the first page, the first of them is on the second.
        self.assertIn("اجتماع تقني رقم 59<", first)
        self.assertNotIn("اجتماع تقني رقم 0<", first)
        self.assertIn("اجتماع تقني رقم 0<", later)
        # The export line counts the whole list, not the page.
        self.assertIn(f"(عدد الصفوف: {browse.meetings().count()}", first)
        self.assertGreater(browse.meetings().count(), 60)
        self.assertIn('rel="next" href="?page=2"', first)
        # The time line still draws every dated meeting, on every page.
        self.assertEqual(first.count("<circle"), later.count("<circle"))
        self.assertGreaterEqual(first.count("<circle"), calendar + 60)

    def test_a_meeting_page_shows_its_facts_chairs_participants_and_articles(self):
        response = self.client.get(self.virtual.get_absolute_url())
        content = response.content.decode()
        self.assertIn("30 مارس 2021", content)
        self.assertIn("افتراضي", content)
        self.assertIn("صوفي ويلمس", content)
        self.assertIn("العراق", content)  # Fuad Hussein, under his country
        self.assertEqual(content.count('<ol class="article-list">'), 1)
        self.assertEqual(len(response.context["page"].articles.latest), 2)

    def test_a_meeting_known_only_from_unpublished_articles_has_no_page(self):
        hidden = Meeting.objects.create(name="اجتماع لم يُنشر عنه شيء")
        factories.article(meeting=hidden, status=Article.Status.PENDING)
        self.assertEqual(self.client.get(hidden.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get(reverse("archive:meetings")), hidden.name)

    def test_a_person_page_shows_roles_meetings_aliases_and_articles(self):
        response = self.client.get(self.blinken.get_absolute_url())
        self.assertContains(response, "وزير الخارجية")
        self.assertContains(response, "Antony Blinken")
        self.assertContains(response, "بلنكن")  # an alias
        self.assertContains(response, self.virtual.name)
        self.assertEqual(len(response.context["page"].articles.latest), 3)

    def test_the_people_and_countries_lists_count_published_articles(self):
        people = self.client.get(reverse("archive:people"))
        self.assertContains(people, "أنتوني بلينكن")
        countries = self.client.get(reverse("archive:countries"))
        self.assertContains(countries, "بلجيكا")
        iraq = self.client.get(reverse("archive:country", args=["iq"]))
        self.assertEqual(iraq.status_code, 200)
        self.assertContains(iraq, "فؤاد حسين")

    def test_the_lists_counts_are_the_published_articles_naming_each_record(self):
        # Read off the search engine's copy; checked here against the facts.
        def published(mentions) -> dict[int, int]:
            found: dict[int, set] = {}
            for record, article in mentions:
                found.setdefault(record, set()).add(article)
            return {record: len(articles) for record, articles in found.items()}

        unpublished = Article.objects.published().filter(person_mentions__person=self.blinken).first()
        unpublished.status = Article.Status.PENDING
        unpublished.save(update_fields=["status"])
        expected = {
            "people": published(PersonMention.objects.filter(article__status="published").values_list("person", "article")),
            "countries": published(CountryMention.objects.filter(article__status="published").values_list("country", "article")),
        }
        self.assertEqual({person.pk: person.article_count for person in browse.people()}, expected["people"])
        self.assertEqual({country.pk: country.article_count for country in browse.countries()}, expected["countries"])
        counts = [person.article_count for person in browse.people()]
        self.assertEqual(counts, sorted(counts, reverse=True))
        meetings = {meeting.pk: meeting.article_count for meeting in browse.meetings()}
        for meeting in Meeting.objects.filter(pk__in=meetings):
            self.assertEqual(meetings[meeting.pk], meeting.articles.filter(status="published").count())
        self.assertEqual(browse.person(self.blinken.pk).article_count, expected["people"][self.blinken.pk])
        alone = Person.objects.create(name="شخص في مقال غير منشور")
        PersonMention.objects.create(article=unpublished, person=alone, name_as_written=alone.name, sentence="س")
        self.assertIsNone(browse.person(alone.pk))
        self.assertEqual(self.client.get(alone.get_absolute_url()).status_code, 404)

    def test_a_resolution_page_shows_each_citing_sentence_and_the_un_link(self):
        response = self.client.get(reverse("archive:resolution", args=[2254]))
        self.assertContains(response, "قرار مجلس الأمن المرقم 2254")  # seed 003's sentence
        self.assertContains(response, "https://undocs.org/S/RES/2254")
        self.assertEqual(len(response.context["page"].citations.latest), 3)
        self.assertContains(response, "<svg")

    def test_a_resolution_counts_only_the_published_articles_citing_it(self):
        cited, unseen = Resolution.objects.create(number=2379, year=2017), Resolution.objects.create(number=2380, year=2017)
        published, pending = factories.article(), factories.article(status=Article.Status.PENDING)
        Citation.objects.bulk_create([Citation(article=published, resolution=cited, sentence="س"),
                                      Citation(article=pending, resolution=cited, sentence="س"),
                                      Citation(article=pending, resolution=unseen, sentence="س")])
        indexing.refresh_facets([published.pk, pending.pk])
        counted = {r.number: r.citation_count for r in browse.resolutions()}
        self.assertEqual(counted[2379], 1)
        self.assertNotIn(2380, counted)
        self.assertEqual(self.client.get(reverse("archive:resolution", args=[2380])).status_code, 404)

    def test_resolutions_and_outlets_lists(self):
        self.assertContains(self.client.get(reverse("archive:resolutions")), "S/RES/2178")
        self.assertContains(self.client.get(reverse("archive:outlets")), "شبكة اخبار العراق")

    def test_the_home_page_opens_on_the_timeline(self):
        home = self.client.get(reverse("archive:search"))
        self.assertContains(home, 'class="chart timeline"')
        searched = self.client.get(reverse("archive:search"), {"q": "داعش"})
        self.assertNotContains(searched, 'class="chart timeline"')
        self.assertContains(searched, 'class="chart bars"')  # articles per year beside the year facet

    def test_the_article_page_links_its_entities_and_gives_a_citation(self):
        article = Article.objects.get(source_name__startswith="004")
        response = self.client.get(article.get_absolute_url())
        self.assertContains(response, self.blinken.get_absolute_url())
        self.assertContains(response, Resolution.objects.get(number=2254).get_absolute_url())
        self.assertContains(response, "للاستشهاد")
        self.assertContains(response, "الرابط الدائم")

    def test_archive_text_is_escaped_on_entity_pages(self):
        person = Person.objects.create(name="<script>alert(1)</script>")
        PersonMention.objects.create(article=Article.objects.published().first(), person=person,
                                     name_as_written="x", sentence="<b>x</b>")
        response = self.client.get(person.get_absolute_url())
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;")


class ChartTests(SimpleTestCase):
    def test_the_timeline_runs_right_to_left_and_labels_every_meeting(self):
        points = [
            charts.TimelinePoint(datetime.date(2014, 9, 11), "جدة", "/m/1/", False, None),
            charts.TimelinePoint(datetime.date(2021, 3, 30), "افتراضي <b>", "/m/2/", True, 83),
        ]
        svg = charts.timeline(points, "الاجتماعات")
        first_x = float(svg.split('cx="')[1].split('"')[0])
        second_x = float(svg.split('cx="')[2].split('"')[0])
        self.assertGreater(first_x, second_x)  # the earlier meeting stands further right
        self.assertIn("افتراضي &lt;b&gt;", svg)
        self.assertIn("<title", svg)

    def test_bars_label_each_year(self):
        svg = charts.bars([(2016, 2), (2021, 5)], "مقالات", "مقال")
        self.assertIn("2016: 2 مقال", svg)
        self.assertIn("2021: 5 مقال", svg)


class LongListsTests(TestCase):
    """A record's page lists its newest articles and leads to the search for
    all of them: at 100,000 articles a country's page was 958 KB."""

    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        cls.person = Person.objects.create(name="أنتوني بلينكن")
        for n in range(4):
            article = factories.article(f"مقال رقم {n}", "نص.", published_on=datetime.date(2020, 1, n + 1))
            PersonMention.objects.create(article=article, person=cls.person, name_as_written="بلينكن", sentence="س")

    def test_the_page_shows_the_newest_and_links_the_search_that_finds_them_all(self):
        from unittest import mock

        with mock.patch.object(browse, "ARTICLES_SHOWN", 3):
            page = self.client.get(self.person.get_absolute_url()).content.decode()
        self.assertEqual(page.count('<ol class="article-list">'), 1)
        listed = re.findall(r">مقال رقم (\d)<", page)
        self.assertEqual(listed, ["3", "2", "1"])
        self.assertIn(f'href="/?person={self.person.pk}">أحدث 3 من 4', page)
        search = self.client.get("/", {"person": self.person.pk}).content.decode()
        self.assertIn('data-count="4"', search)

    def test_a_short_list_has_no_link_to_more(self):
        page = self.client.get(self.person.get_absolute_url()).content.decode()
        self.assertNotIn('class="more-in-search"', page)
