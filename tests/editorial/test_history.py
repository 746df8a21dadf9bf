"""The one log of every change (archive.editorial.history): it renders whatever
the records it names have become since."""

import datetime

from django.urls import reverse

from archive.editorial import history, merging
from archive.models import Meeting, Participation, Person
from tests.test_admin import EditorTestCase


class DeletedRecordsTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.kept = Meeting.objects.create(name="الاجتماع الوزاري في واشنطن", date=datetime.date(2024, 7, 10))
        merged = Meeting.objects.create(name="الاجتماع الوزاري … في واشنطن")
        cls.merged_pk = merged.pk
        cls.person = Person.objects.create(name="أنتوني بلينكن")
        Participation.objects.create(meeting=merged, person=cls.person, is_chair=True)
        gone = Meeting.objects.create(name="اجتماع مقترح فارغ")
        Participation.objects.create(meeting=gone, person=cls.person)
        gone.delete()  # its participation goes with it, and names it in the history
        merging.merge(cls.kept, [merged], cls.editor)

    def test_the_log_renders_entries_of_records_merged_or_deleted_since(self):
        response = self.client.get(reverse("admin:history"))
        self.assertEqual(response.status_code, 200)
        # The participation moved by the merge, named as the meeting it left was.
        self.assertContains(response, "الاجتماع الوزاري … في واشنطن (بلا تاريخ · مكان غير معروف · غير ذلك) (محذوف) — أنتوني بلينكن")

    def test_each_entry_names_its_record(self):
        records = [entry.record for entry in history.recent(100)]
        self.assertTrue(all(records))
        self.assertIn("اجتماع مقترح فارغ (بلا تاريخ · مكان غير معروف · غير ذلك) (محذوف) — أنتوني بلينكن", records)
