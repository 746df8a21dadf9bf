import datetime
import io

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from archive import demo
from archive.models import Article, Country, Meeting, Person
from tests.public.test_views import result_ids


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


class CuratedSampleTests(TestCase):
    """The samples as an editor with outside knowledge reviewed them."""

    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        cls.meetings = {
            tuple(sorted(m.articles.values_list("source_name", flat=True))): m for m in Meeting.objects.all()
        }

    def meeting(self, *seeds: str) -> Meeting:
        return next(m for files, m in self.meetings.items() if [f[:3] for f in files] == list(seeds))

    def chairs(self, meeting: Meeting) -> set[str]:
        return set(meeting.participations.filter(is_chair=True).values_list("person__name_en", flat=True))

    def test_seeds_000_and_004_report_one_virtual_ministerial(self):
        # The calendar's: the coalition held it as a small-group ministerial.
        meeting = self.meeting("000", "004")
        self.assertEqual((meeting.date, meeting.format, meeting.kind, meeting.origin),
                         (datetime.date(2021, 3, 30), "virtual", "small_group", "calendar"))
        self.assertEqual(self.chairs(meeting), {"Antony Blinken", "Sophie Wilmès"})

    def test_the_belgian_minister_is_one_person_with_both_spellings_as_aliases(self):
        wilmes = Person.objects.get(name_en="Sophie Wilmès")
        self.assertLessEqual({"صوفي ويليامز", "صوفي ويلميس"}, set(wilmes.aliases.values_list("name", flat=True)))
        self.assertEqual(wilmes.mentions.count(), 2)
        self.assertEqual(wilmes.country.name_en, "Belgium")

    def test_the_other_meetings_carry_their_real_dates_chairs_and_counts(self):
        washington_2024 = self.meeting("001")
        self.assertEqual((washington_2024.date, washington_2024.place, washington_2024.member_count),
                         (datetime.date(2024, 9, 30), "واشنطن", 87))
        self.assertEqual(self.chairs(washington_2024), {"Antony Blinken"})
        washington_2016 = self.meeting("002")
        self.assertEqual(washington_2016.date, datetime.date(2016, 7, 21))
        self.assertEqual(self.chairs(washington_2016), {"John Kerry", "Ashton Carter"})
        small_group = self.meeting("003")
        self.assertEqual((small_group.date, small_group.kind, small_group.member_count, small_group.participant_count),
                         (datetime.date(2020, 6, 4), "small_group", 82, 29))
        self.assertEqual(self.chairs(small_group), {"Mike Pompeo", "Luigi Di Maio"})

    def test_every_seed_is_on_a_calendar_meeting_and_every_person_has_an_english_name(self):
        self.assertFalse(Meeting.objects.exclude(origin=Meeting.Origin.CALENDAR).exists())
        self.assertFalse(Person.objects.filter(name_en="").exists())
        self.assertFalse(Country.objects.filter(name_en="").exists())
