"""Who can reach what: anonymous visitors never see the admin or anything
unpublished, whatever URL they guess; editors curate the archive but cannot
manage users."""

import csv
import datetime
import io
import json

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase
from django.urls import URLPattern, URLResolver, reverse

from archive import demo
from archive.models import (
    Article, Citation, Country, CountryMention, Meeting, Merge, Outlet, Person, PersonMention, Resolution,
)
from tests import factories

STANDARD_VIEWS = ("changelist", "add", "change", "history", "delete")
# The archive's own admin pages (archive/admin_site.py, archive/admin.py).
CUSTOM_VIEWS = ("history", "archive_importbatch_upload", "archive_article_decide", "archive_merge_undo")


def admin_url_names(patterns=None) -> list[tuple[str, list[str], int]]:
    """Every named admin URL with its named arguments and its count of unnamed
    ones, walked from the admin site itself: each registered model's pages and
    the custom ones."""
    found = []
    for pattern in admin.site.get_urls() if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            found += admin_url_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            regex = pattern.pattern.regex
            named = list(regex.groupindex)
            found.append((pattern.name, named, 0 if named else regex.groups))
    return found


def model_for(name: str):
    for model in admin.site._registry:
        if name.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


class AdminUrls:
    """Fills each admin URL with real records, so a page that forgot its
    permission check would have something to show."""

    def admin_urls(self, names=None) -> list[str]:
        urls = []
        for name, named, unnamed in names or admin_url_names():
            model = model_for(name)
            record = model._default_manager.order_by("pk").first() if model else None
            pk = record.pk if record else 1
            values = {"object_id": pk, "pk": pk, "id": pk, "app_label": "archive",
                      "content_type_id": ContentType.objects.get_for_model(Article).pk}
            # The only unnamed ones: django-simple-history's <record>/history/<version>/.
            args = [pk] + [1] * (unnamed - 1) if unnamed else []
            urls.append(reverse(f"admin:{name}", args=args, kwargs={argument: values[argument] for argument in named}))
        return urls


class AnonymousAdminTests(AdminUrls, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.draft = factories.article("مسودة لم تراجع", "نص لم ينشر بعد.", status=Article.Status.PENDING)
        meeting = Meeting.objects.create(name="اجتماع للدمج")
        Merge.objects.create(kind="meeting", kept_id=meeting.pk, kept_name=meeting.name, merged_names="اجتماع آخر")
        cls.chief = get_user_model().objects.create_superuser("chief", password="chief-password-1")

    def test_the_walk_finds_every_model_page_and_the_custom_pages(self):
        names = {name for name, _, _ in admin_url_names()}
        for model in admin.site._registry:
            for view in STANDARD_VIEWS:
                self.assertIn(f"{model._meta.app_label}_{model._meta.model_name}_{view}", names)
        self.assertTrue(set(CUSTOM_VIEWS) <= names)

    def assert_sent_to_login(self, response, url):
        self.assertEqual(response.status_code, 302, url)
        if url == reverse("admin:logout"):
            self.assertEqual(response.headers["Location"], reverse("admin:index"))
        else:
            self.assertTrue(response.headers["Location"].startswith("/admin/login/?next="), url)

    def test_every_admin_url_sends_an_anonymous_visitor_to_the_login_page(self):
        login = reverse("admin:login")
        urls = [url for url in self.admin_urls() if url != login]
        urls += ["/admin/archive/article/999999/change/", "/admin/archive/secret/", "/admin/auth/user/"]
        for url in urls:
            with self.subTest(url=url):
                self.assert_sent_to_login(self.client.get(url), url)

    def test_posting_to_any_admin_url_changes_nothing(self):
        login = reverse("admin:login")
        data = {"decision": "publish", "status": "published", "username": "intruder", "password1": "x",
                "password2": "x", "is_superuser": "on", "post": "yes"}
        for url in [url for url in self.admin_urls() if url != login]:
            with self.subTest(url=url):
                self.assert_sent_to_login(self.client.post(url, data), url)
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.status, Article.Status.PENDING)
        self.assertEqual(get_user_model().objects.count(), 1)
        self.assertEqual(Merge.objects.count(), 1)


class UnpublishedContentTests(TestCase):
    """A draft and a rejected article, each linked to records of their own
    and to records a published article shares."""

    @classmethod
    def setUpTestData(cls):
        cls.meeting = Meeting.objects.create(name="اجتماع روما الوزاري", date=datetime.date(2019, 6, 28))
        cls.person = Person.objects.create(name="أنتوني بلينكن")
        cls.iraq = Country.objects.update_or_create(iso_code="IQ", defaults={"name": "العراق"})[0]
        cls.resolution = Resolution.objects.create(number=2254)
        cls.published = factories.article("بيان روما", "أكد الوزراء دعم العراق.", meeting=cls.meeting,
                                          published_on=datetime.date(2019, 6, 28))
        cls.link(cls.published, cls.person, cls.iraq, cls.resolution)

        cls.secret_meeting = Meeting.objects.create(name="اجتماع زمردي مغلق", date=datetime.date(2011, 2, 3))
        cls.secret_person = Person.objects.create(name="زمرد الكتوم")
        cls.secret_country = Country.objects.update_or_create(iso_code="FJ", defaults={"name": "فيجي"})[0]
        cls.secret_resolution = Resolution.objects.create(number=9999)
        cls.secret_outlet = Outlet.objects.create(name="نشرة زمردية")
        cls.hidden = []
        for status in (Article.Status.PENDING, Article.Status.REJECTED):
            for meeting in (cls.meeting, cls.secret_meeting):
                article = factories.article(
                    f"زمرد {status} {meeting.pk}", "زمرد الكتوم في فيجي والعراق.", status=status, meeting=meeting,
                    outlet=cls.secret_outlet, published_on=datetime.date(2011, 2, 3),
                )
                cls.link(article, cls.person, cls.iraq, cls.resolution)
                cls.link(article, cls.secret_person, cls.secret_country, cls.secret_resolution)
                cls.hidden.append(article)

    @staticmethod
    def link(article, person, country, resolution):
        PersonMention.objects.create(article=article, person=person, name_as_written=person.name, sentence=article.body)
        CountryMention.objects.create(article=article, country=country, name_as_written=country.name,
                                      sentence=article.body)
        Citation.objects.create(article=article, resolution=resolution, sentence=article.body)

    def assert_no_trace(self, content: str):
        for secret in ("زمرد", "فيجي", "9999", "2011"):
            self.assertNotIn(secret, content)

    def test_an_unpublished_article_is_not_found_by_its_address(self):
        for article in self.hidden:
            with self.subTest(status=article.status):
                self.assertEqual(self.client.get(f"/articles/{article.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/articles/{self.published.pk}/").status_code, 200)

    def test_search_finds_nothing_unpublished_by_word_or_filter(self):
        for params in ({"q": "زمرد"}, {"person": self.secret_person.pk}, {"country": self.secret_country.pk},
                       {"meeting": self.secret_meeting.pk}, {"resolution": 9999}, {"year": 2011}):
            with self.subTest(params=params):
                response = self.client.get("/", params)
                self.assertIn(response.status_code, (200, 400))
                if response.status_code == 200:
                    self.assertEqual(response.context["total"], 0)
        everything = self.client.get("/")
        self.assertEqual(everything.context["total"], 1)
        self.assert_no_trace(everything.content.decode())

    def test_facet_counts_count_only_published_articles(self):
        facets = {facet.name: {str(value.value): value.count for value in facet.values}
                  for facet in self.client.get("/").context["facets"]}
        self.assertEqual(facets["meeting"], {str(self.meeting.pk): 1})
        self.assertEqual(facets["person"], {str(self.person.pk): 1})
        self.assertEqual(facets["country"], {str(self.iraq.pk): 1})
        self.assertEqual(facets["resolution"], {"2254": 1})
        self.assertEqual(facets["year"], {"2019": 1})
        self.assertEqual(facets["outlet"], {})

    def test_exports_hold_only_published_articles_and_records(self):
        articles = list(csv.DictReader(io.StringIO(self.download("/export.csv").decode("utf-8-sig"))))
        self.assertEqual([int(row["id"]) for row in articles], [self.published.pk])
        self.assertEqual([item["id"] for item in json.loads(self.download("/export.json"))["articles"]],
                         [self.published.pk])
        for url in ("/export.csv", "/export.json", "/meetings.csv", "/meetings.json", "/people.csv",
                    "/people.json", "/resolutions.csv", "/resolutions.json"):
            with self.subTest(url=url):
                self.assert_no_trace(self.download(url).decode("utf-8-sig"))

    def download(self, url: str) -> bytes:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return b"".join(response.streaming_content)

    def test_records_known_only_from_unpublished_articles_have_no_page(self):
        for url in (self.secret_meeting.get_absolute_url(), self.secret_person.get_absolute_url(),
                    "/countries/FJ/", "/resolutions/9999/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_shared_records_pages_and_lists_show_only_the_published_article(self):
        for url in (self.meeting.get_absolute_url(), self.person.get_absolute_url(), "/countries/IQ/",
                    "/resolutions/2254/", "/meetings/", "/people/", "/countries/", "/resolutions/", "/outlets/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assert_no_trace(response.content.decode())
        self.assertContains(self.client.get(self.meeting.get_absolute_url()), "بيان روما")


class EditorPermissionTests(AdminUrls, TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.chief = User.objects.create_superuser("chief", password="chief-password-1")
        cls.editor = User.objects.create_user("editor1", password="editor-password-1", is_staff=True)
        # The group as the demo and the README make it.
        cls.editor.groups.add(demo.ensure_editors_group())
        cls.article = factories.article("مسودة للمراجعة", "نص", status=Article.Status.PENDING)

    def setUp(self):
        self.client.force_login(self.editor)

    def auth_urls(self) -> list[str]:
        names = [url for url in admin_url_names() if url[0].startswith("auth_")]
        self.assertTrue(names)
        return self.admin_urls(names)

    def test_an_editor_is_refused_every_user_and_group_page(self):
        for url in self.auth_urls():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 403)
        self.assertIn(self.client.get(reverse("admin:app_list", args=["auth"])).status_code, (403, 404))

    def test_an_editor_cannot_create_users_nor_raise_their_own_rights(self):
        created = self.client.post(reverse("admin:auth_user_add"),
                                   {"username": "accomplice", "password1": "Str0ng-pass-word", "password2": "Str0ng-pass-word"})
        self.assertEqual(created.status_code, 403)
        raised = self.client.post(reverse("admin:auth_user_change", args=[self.editor.pk]),
                                  {"username": "editor1", "is_staff": "on", "is_superuser": "on", "is_active": "on"})
        self.assertEqual(raised.status_code, 403)
        grouped = self.client.post(reverse("admin:auth_group_add"), {"name": "admins"})
        self.assertEqual(grouped.status_code, 403)
        self.editor.refresh_from_db()
        self.assertFalse(self.editor.is_superuser)
        self.assertFalse(get_user_model().objects.filter(username="accomplice").exists())
        self.assertFalse(Group.objects.filter(name="admins").exists())

    def test_an_editor_reaches_every_archive_page_and_no_user_management(self):
        index = self.client.get(reverse("admin:index"))
        self.assertEqual(index.status_code, 200)
        self.assertEqual({app["app_label"] for app in index.context["app_list"]}, {"archive"})
        urls = [reverse("admin:history"), reverse("admin:archive_importbatch_upload"),
                reverse("admin:archive_article_change", args=[self.article.pk])]
        urls += [reverse(f"admin:archive_{model._meta.model_name}_changelist")
                 for model in admin.site._registry if model._meta.app_label == "archive"]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
