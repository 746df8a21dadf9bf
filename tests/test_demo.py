import io

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from archive import demo
from archive.models import Article
from tests.test_views import result_ids


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table the demo touches, as plain values."""
    labels = ["archive", "auth"]
    return {
        model._meta.label: sorted(model.objects.values_list(), key=repr)
        for label in labels
        for model in apps.get_app_config(label).get_models()
    } | {"m2m": sorted(get_user_model().groups.through.objects.values_list(), key=repr)}


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first_output = io.StringIO()
        call_command("demo", "--no-serve", stdout=cls.first_output)
        cls.after_first = snapshot()
        cls.second_output = io.StringIO()
        call_command("demo", "--no-serve", stdout=cls.second_output)
        cls.after_second = snapshot()

    def test_it_imports_and_publishes_the_five_seeds(self):
        self.assertEqual(Article.objects.published().count(), 5)
        response = self.client.get(reverse("archive:search"))
        self.assertEqual(len(result_ids(response)), 5)

    def test_it_changes_nothing_when_run_again(self):
        self.assertEqual(self.after_first, self.after_second)

    def test_it_creates_the_editor_once_and_prints_its_credentials(self):
        self.assertIn("username 'editor', password '", self.first_output.getvalue())
        self.assertIn("already exists", self.second_output.getvalue())
        editor = get_user_model().objects.get(username=demo.EDITOR_USERNAME)
        self.assertTrue(editor.is_staff)
        self.assertFalse(editor.is_superuser)
        self.assertTrue(editor.groups.filter(name=demo.EDITORS_GROUP).exists())

    def test_the_printed_password_logs_the_editor_into_the_admin(self):
        password = self.first_output.getvalue().split("password '")[1].split("'")[0]
        self.assertTrue(self.client.login(username="editor", password=password))
        response = self.client.get(reverse("admin:archive_article_changelist"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'dir="rtl"')

    def test_the_editor_cannot_manage_users(self):
        editor = get_user_model().objects.get(username=demo.EDITOR_USERNAME)
        self.client.force_login(editor)
        self.assertEqual(self.client.get(reverse("admin:auth_user_changelist")).status_code, 403)

    def test_it_republishes_a_seed_an_editor_had_unpublished(self):
        Article.objects.filter(pk=Article.objects.first().pk).update(status=Article.Status.PENDING)
        call_command("demo", "--no-serve", stdout=io.StringIO())
        self.assertEqual(Article.objects.published().count(), 5)
