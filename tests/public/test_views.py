import datetime
import re

from django.test import TestCase
from django.urls import reverse

from archive.models import Article, Citation, Person, PersonMention, Resolution
from tests import factories


def result_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'<h2 class="result-title" dir="auto"><a href="/articles/(\d+)/"', response.content.decode())]


def shown_count(response) -> int:
    return int(re.search(r'<p class="results-count" role="status" data-count="(\d+)">', response.content.decode()).group(1))


class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.mosul = factories.article(
            "تحرير الموصل", "أشاد الوزراء بتحرير مدينة الموصل من تنظيم داعش.", published_on=datetime.date(2017, 7, 10)
        )
        cls.raqqa = factories.article(
            "الرقة بعد داعش", "ناقش الوزراء استقرار الرقة والمناطق المحررة.", published_on=datetime.date(2018, 1, 5)
        )
        cls.pending = factories.article(
            "مسودة لم تنشر", "الموصل في مقال لم يراجعه المحررون بعد.", status=Article.Status.PENDING
        )
        cls.rejected = factories.article("مرفوض", "الموصل في مقال مرفوض.", status=Article.Status.REJECTED)

    def test_it_renders_right_to_left_in_arabic(self):
        response = self.client.get(reverse("archive:search"))
        self.assertContains(response, '<html lang="ar" dir="rtl">')

    def test_it_lists_published_articles_newest_first_without_a_query(self):
        response = self.client.get(reverse("archive:search"))
        self.assertEqual(result_ids(response), [self.raqqa.pk, self.mosul.pk])

    def test_it_finds_an_article_by_a_word_of_its_body(self):
        response = self.client.get(reverse("archive:search"), {"q": "مدينة"})
        self.assertEqual(result_ids(response), [self.mosul.pk])

    def test_it_does_not_find_an_article_by_a_word_it_lacks(self):
        response = self.client.get(reverse("archive:search"), {"q": "الرقة"})
        self.assertEqual(result_ids(response), [self.raqqa.pk])
        self.assertNotIn(self.mosul.pk, result_ids(response))

    def test_it_never_shows_unpublished_articles(self):
        response = self.client.get(reverse("archive:search"), {"q": "الموصل"})
        self.assertEqual(result_ids(response), [self.mosul.pk])
        self.assertEqual(shown_count(response), 1)
        self.assertNotContains(response, "مسودة")

    def test_it_counts_results_in_the_form_arabic_gives_each_number(self):
        for query, shown in (("مدينة", "مقال واحد"), ("الوزراء", "مقالان"), ("كلمةلاتوجد", "لا مقالات")):
            with self.subTest(query=query):
                page = self.client.get(reverse("archive:search"), {"q": query}).content.decode()
                self.assertIn(f">{shown}</p>", page)
                self.assertNotIn("مقالاً", page)

    def test_it_highlights_matches_in_the_snippet(self):
        response = self.client.get(reverse("archive:search"), {"q": "مدينة"})
        self.assertContains(response, "<mark>مدينة</mark>")

    def test_it_orders_by_date_on_request(self):
        oldest = self.client.get(reverse("archive:search"), {"q": "الوزراء", "sort": "oldest"})
        newest = self.client.get(reverse("archive:search"), {"q": "الوزراء", "sort": "newest"})
        self.assertEqual(result_ids(oldest), [self.mosul.pk, self.raqqa.pk])
        self.assertEqual(result_ids(newest), [self.raqqa.pk, self.mosul.pk])

    def test_it_treats_operators_and_sql_as_plain_text(self):
        for query in ["'; DROP TABLE archive_article; --", "الموصل & | ! :* (", "<script>", '"غير مغلق']:
            response = self.client.get(reverse("archive:search"), {"q": query})
            self.assertEqual(response.status_code, 200, query)
        self.assertTrue(Article.objects.exists())

    def test_it_answers_400_naming_the_bad_parameter(self):
        response = self.client.get(reverse("archive:search"), {"year": "last", "sort": "random"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "<code>year</code>", status_code=400)
        self.assertContains(response, "<code>sort</code>", status_code=400)

    def test_it_refuses_overlong_queries(self):
        response = self.client.get(reverse("archive:search"), {"q": "داعش " * 100})
        self.assertEqual(response.status_code, 400)

    def test_it_filters_by_year(self):
        response = self.client.get(reverse("archive:search"), {"year": "2017"})
        self.assertEqual(result_ids(response), [self.mosul.pk])

    def test_it_filters_by_cited_resolution_number(self):
        resolution = Resolution.objects.create(number=2254, year=2015)
        Citation.objects.create(article=self.raqqa, resolution=resolution, sentence="قرار مجلس الأمن رقم 2254")
        response = self.client.get(reverse("archive:search"), {"resolution": "2254"})
        self.assertEqual(result_ids(response), [self.raqqa.pk])


class PaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for day in range(1, 26):
            factories.article(f"بيان رقم {day}", "بيان التحالف", published_on=datetime.date(2020, 1, day))

    def test_it_shows_twenty_per_page_and_the_rest_on_page_two(self):
        first = self.client.get(reverse("archive:search"), {"q": "بيان"})
        second = self.client.get(reverse("archive:search"), {"q": "بيان", "page": "2"})
        self.assertEqual((len(result_ids(first)), len(result_ids(second))), (20, 5))
        self.assertFalse(set(result_ids(first)) & set(result_ids(second)))
        self.assertContains(first, 'rel="next" href="?q=%D8%A8%D9%8A%D8%A7%D9%86&amp;page=2"')

    def test_it_survives_nonsense_page_numbers(self):
        for page in ["0", "-1", "999999", "abc", "1e9"]:
            response = self.client.get(reverse("archive:search"), {"page": page})
            self.assertEqual(response.status_code, 200, page)


class EscapingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = factories.article(
            '<img src=x onerror="alert(1)"> عنوان', 'بيان عن داعش فيه <script>alert("x")</script> وسم <b onmouseover="y">خبيث</b>'
        )

    def test_it_escapes_archive_text_in_titles_and_snippets(self):
        response = self.client.get(reverse("archive:search"), {"q": "داعش"})
        html = response.content.decode()
        self.assertNotIn("<script>alert", html)
        self.assertNotIn("<img src=x", html)
        self.assertIn("<mark>داعش</mark>", html)
        # PostgreSQL's headline drops tags; what remains is escaped text.
        self.assertNotIn("<b onmouseover", html)
        self.assertIn("alert(&quot;x&quot;)", html)

    def test_it_escapes_archive_text_on_the_article_page(self):
        response = self.client.get(self.article.get_absolute_url())
        self.assertNotIn("<script>alert", response.content.decode())
        self.assertContains(response, "&lt;script&gt;")

    def test_it_escapes_the_query_echoed_back(self):
        response = self.client.get(reverse("archive:search"), {"q": '"><script>alert(2)</script>'})
        self.assertNotIn("<script>alert(2)", response.content.decode())


class ArticlePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.published = factories.article("بيان واشنطن", "الفقرة الأولى\n\nالفقرة الثانية", source_name="washington.txt")
        cls.pending = factories.article("بيان معلق", "نص", status=Article.Status.PENDING)

    def test_it_shows_a_published_article_with_the_link_to_its_original(self):
        response = self.client.get(self.published.get_absolute_url())
        self.assertContains(response, "<h1 id=\"article-title\" dir=\"auto\">بيان واشنطن</h1>", html=False)
        self.assertContains(response, "<p>الفقرة الثانية</p>")
        # The file an editor imported is the archive's business, not the reader's.
        self.assertNotContains(response, "washington.txt")
        self.assertNotContains(response, "المقال الأصلي")
        Article.objects.filter(pk=self.published.pk).update(source_url="https://www.kuna.net.kw/a?id=1&x=<b>")
        response = self.client.get(self.published.get_absolute_url())
        self.assertContains(response, '<a href="https://www.kuna.net.kw/a?id=1&amp;x=&lt;b&gt;" rel="noopener noreferrer nofollow" dir="ltr">')

    def test_it_answers_404_for_an_unpublished_article(self):
        response = self.client.get(self.pending.get_absolute_url())
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, 'dir="rtl"', status_code=404)


class StaticFilesTests(TestCase):
    def test_it_serves_the_stylesheet_from_the_site_itself(self):
        response = self.client.get(reverse("archive:search"))
        self.assertContains(response, 'href="/static/archive/css/archive.css"')
        stylesheet = self.client.get("/static/archive/css/archive.css")
        self.assertEqual(stylesheet.status_code, 200)
        self.assertNotContains(response, "//cdn", msg_prefix="no external CDN")


class DidYouMeanTests(TestCase):
    def test_a_misspelled_name_gets_the_archive_s_spelling_as_a_link(self):
        person = Person.objects.create(name="أنتوني بلينكن")
        article = factories.article("اجتماع", "قال بلينكن إن التحالف باق.")
        PersonMention.objects.create(article=article, person=person, name_as_written="بلينكن", sentence="قال بلينكن")
        response = self.client.get(reverse("archive:search"), {"q": "بلينكم"})
        self.assertContains(response, "هل تقصد")
        self.assertContains(response, "?q=%D8%A8%D9%84%D9%8A%D9%86%D9%83%D9%86")  # ?q=بلينكن

    def test_a_word_the_articles_use_is_never_rewritten_into_a_name(self):
        kerry = Person.objects.create(name="جون كيري")
        article = factories.article("كيري في جدة", "قال جون كيري إن التحالف باق.")
        PersonMention.objects.create(article=article, person=kerry, name_as_written="جون كيري", sentence="قال جون كيري")
        factories.article("وزراء التحالف في الكويت", "اجتمع وزراء التحالف في الكويت عام 2018.")
        response = self.client.get(reverse("archive:search"), {"q": "اجتماع الكويت 2018"})
        self.assertNotContains(response, "هل تقصد")


class ZeroResultLogTests(TestCase):
    def test_searches_that_find_nothing_are_counted_normalized(self):
        from archive.models import ZeroResultQuery

        for typed in ("زبرجدٌ أخضر", "زبرجد اخضر", "ZEBRA"):
            self.client.get(reverse("archive:search"), {"q": typed})
        self.assertEqual(dict(ZeroResultQuery.objects.values_list("query", "count")), {"زبرجد اخضر": 2, "zebra": 1})

    def test_searches_that_find_something_are_not(self):
        from archive.models import ZeroResultQuery

        factories.article("عنوان", "نص عن الموصل")
        self.client.get(reverse("archive:search"), {"q": "الموصل"})
        self.assertFalse(ZeroResultQuery.objects.exists())


class MergedLinksTests(TestCase):
    """Links researchers saved to a record merged away since lead to the
    record it became."""

    @classmethod
    def setUpTestData(cls):
        from archive.editorial import merging
        from archive.models import Country, CountryMention, Meeting

        factories.without_calendar()
        cls.kept = Meeting.objects.create(name="الاجتماع الوزاري في واشنطن", date=datetime.date(2024, 7, 10))
        cls.article = factories.article("اجتماع واشنطن", "اجتمع الوزراء في واشنطن.", meeting=cls.kept)
        variant = Meeting.objects.create(name="الاجتماع الوزاري … في واشنطن")
        factories.article("الوزراء في واشنطن", "اجتمع وزراء التحالف.", meeting=variant)
        cls.old_meeting = variant.pk
        cls.blinken = Person.objects.create(name="أنتوني بلينكن")
        cls.variant_person = Person.objects.create(name="انتوني بلنكن")
        PersonMention.objects.create(article=cls.article, person=cls.variant_person, name_as_written="انتوني بلنكن", sentence="س")
        PersonMention.objects.create(article=cls.article, person=cls.blinken, name_as_written="أنتوني بلينكن", sentence="س")
        cls.old_person = cls.variant_person.pk
        cls.iraq = Country.objects.create(name="العراق", iso_code="IQ")
        duplicate = Country.objects.create(name="جمهورية العراق", iso_code="QI")
        CountryMention.objects.create(article=cls.article, country=duplicate, name_as_written="جمهورية العراق")
        merging.merge(cls.kept, [variant])
        merging.merge(cls.blinken, [cls.variant_person])
        merging.merge(cls.iraq, [duplicate])

    def test_a_merged_away_meeting_s_page_redirects_to_the_kept_one(self):
        response = self.client.get(reverse("archive:meeting", args=[self.old_meeting]))
        self.assertRedirects(response, reverse("archive:meeting", args=[self.kept.pk]), status_code=301)

    def test_a_merged_away_person_and_country_redirect_too(self):
        person = self.client.get(reverse("archive:person", args=[self.old_person]))
        self.assertRedirects(person, reverse("archive:person", args=[self.blinken.pk]), status_code=301)
        country = self.client.get(reverse("archive:country", args=["QI"]))
        self.assertRedirects(country, reverse("archive:country", args=["IQ"]), status_code=301)

    def test_a_record_that_never_was_is_still_not_found(self):
        self.assertEqual(self.client.get(reverse("archive:meeting", args=[999999])).status_code, 404)

    def test_a_filter_by_a_merged_away_meeting_gives_the_kept_meeting(self):
        url = reverse("archive:search") + f"?meeting={self.old_meeting}&q=الوزراء"
        response = self.client.get(url, follow=True)
        self.assertEqual(response.redirect_chain[0][1], 301)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.request["QUERY_STRING"], f"meeting={self.kept.pk}&q=%D8%A7%D9%84%D9%88%D8%B2%D8%B1%D8%A7%D8%A1")
        self.assertEqual(shown_count(response), 2)

    def test_the_export_of_such_a_filter_follows_too(self):
        response = self.client.get(reverse("archive:export_csv") + f"?person={self.old_person}")
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].endswith(f"?person={self.blinken.pk}"))
