"""The editors' admin: upload, review, decisions, meetings, merges, history, roles."""

import datetime
import io
import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils.http import urlencode

from archive import demo
from archive.importing import pipeline
from archive.models import (
    Article,
    ImportBatch,
    Meeting,
    MeetingReport,
    Merge,
    Participation,
    Person,
    PersonAlias,
    PersonMention,
    Statement,
)
from tests import factories

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"


def make_editor(username: str = "editor"):
    user = get_user_model().objects.create_user(username, password="x" * 20, is_staff=True)
    user.groups.add(demo.ensure_editors_group())
    return user


class EditorTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        # The admin's own workings, on an archive without the calendar
        # (tests/reference/ and the browser walk cover the calendar's).
        factories.without_calendar()
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)


class AdminLanguageTests(EditorTestCase):
    def test_the_admin_speaks_arabic_right_to_left(self):
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, 'lang="ar" dir="rtl"')
        self.assertContains(response, "سجل التعديلات")
        self.assertContains(response, "رفع ملفات مقالات جديدة")

    def test_every_model_and_field_has_an_arabic_name(self):
        from django.apps import apps

        arabic = re.compile("[\u0600-\u06ff]")
        for model in apps.get_app_config("archive").get_models():
            with self.subTest(model=model.__name__):
                self.assertRegex(str(model._meta.verbose_name), arabic)
                for field in model._meta.get_fields():
                    if hasattr(field, "verbose_name") and not field.auto_created and not model.__name__.startswith("Historical"):
                        self.assertRegex(str(field.verbose_name), arabic, f"{model.__name__}.{field.name}")


class RoleTests(TestCase):
    def test_anonymous_visitors_are_sent_to_the_login_page(self):
        response = self.client.get(reverse("admin:archive_article_changelist"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])

    def test_an_editor_curates_but_cannot_manage_users_or_groups(self):
        self.client.force_login(make_editor())
        self.assertEqual(self.client.get(reverse("admin:archive_person_changelist")).status_code, 200)
        self.assertEqual(self.client.get(reverse("admin:auth_user_changelist")).status_code, 403)
        self.assertEqual(self.client.get(reverse("admin:auth_group_changelist")).status_code, 403)

    def test_a_decision_needs_the_csrf_token(self):
        client = self.client_class(enforce_csrf_checks=True)
        client.force_login(make_editor())
        article = factories.article(status=Article.Status.PENDING)
        response = client.post(reverse("admin:archive_article_decide", args=[article.pk]), {"decision": "publish"})
        self.assertEqual(response.status_code, 403)
        article.refresh_from_db()
        self.assertEqual(article.status, Article.Status.PENDING)


class UploadTests(EditorTestCase):
    def upload(self, *files, publish=False):
        data = {"files": list(files)}
        if publish:
            data["publish"] = "on"
        return self.client.post(reverse("admin:archive_importbatch_upload"), data, follow=True)

    def test_one_file_is_uploaded_with_its_date_and_address(self):
        seed = SimpleUploadedFile("002.txt", (SEEDS / "002_060bc5bead1c96b7.txt").read_bytes())
        data = {"files": [seed], "published_on": "2016-07-22", "source_url": "https://aliraqnews.com/a/1"}
        self.client.post(reverse("admin:archive_importbatch_upload"), data, follow=True)
        article = Article.objects.get()
        self.assertEqual((str(article.published_on), article.source_url), ("2016-07-22", "https://aliraqnews.com/a/1"))

    def test_a_date_for_several_files_is_refused_where_it_was_typed(self):
        files = [SimpleUploadedFile(f"{n}.txt", (SEEDS / name).read_bytes())
                 for n, name in enumerate(["002_060bc5bead1c96b7.txt", "003_8d2f6804c6a9ad88.txt"])]
        response = self.client.post(reverse("admin:archive_importbatch_upload"), {"files": files, "published_on": "2016-07-22"})
        self.assertContains(response, "تاريخ النشر والرابط يخصان ملف ‎.txt واحداً")
        self.assertFalse(Article.objects.exists())

    def test_it_imports_txt_files_and_a_zip_and_shows_each_outcome(self):
        seed = (SEEDS / "003_8d2f6804c6a9ad88.txt").read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("batch/004.txt", (SEEDS / "004_b0b6bfff154b50a2.txt").read_bytes())
            archive.writestr("batch/empty.txt", b"")
            archive.writestr("batch/notes.pdf", b"%PDF")
        response = self.upload(
            SimpleUploadedFile("003.txt", seed),
            SimpleUploadedFile("again.txt", seed),
            SimpleUploadedFile("articles.zip", buffer.getvalue()),
            SimpleUploadedFile("image.png", b"\x89PNG"),
        )
        batch = ImportBatch.objects.get()
        self.assertEqual((batch.source, batch.created_by), (ImportBatch.Source.UPLOAD, self.editor))
        outcomes = dict(batch.records.values_list("file_name", "outcome"))
        self.assertEqual(
            outcomes,
            {"003.txt": "created", "again.txt": "duplicate", "articles.zip/004.txt": "created",
             "articles.zip/empty.txt": "rejected", "image.png": "rejected"},
        )
        self.assertContains(response, "أُنشئ 2، ومكرر 1، ومرفوض 2.")
        self.assertContains(response, "فارغ")  # the reason, on the batch page
        self.assertEqual(set(Article.objects.values_list("status", flat=True)), {Article.Status.PENDING})

    def test_the_batch_list_shows_command_line_batches_too(self):
        pipeline.import_paths([SEEDS / "000_9c958cb527e5a0b5.txt"])
        response = self.client.get(reverse("admin:archive_importbatch_changelist"))
        self.assertContains(response, "سطر الأوامر")


class ReviewPageTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        pipeline.import_paths([SEEDS])
        cls.article = Article.objects.get(source_name="004_b0b6bfff154b50a2.txt")

    def test_it_shows_the_body_beside_the_raw_text_with_what_was_cut(self):
        seed_001 = Article.objects.get(source_name="001_6d8884bc9d82369e.txt")
        response = self.client.get(reverse("admin:archive_article_change", args=[seed_001.pk]))
        self.assertContains(response, "النص بعد التنظيف")
        self.assertContains(response, "النص الأصلي كما ورد")
        # The appended Senate article is in the raw text, struck through.
        self.assertRegex(response.content.decode(), r'<del class="cut">[^<]*مجلس الشيوخ يؤكد تعيين ماركو روبيو')

    def test_it_marks_each_fact_s_evidence_in_the_body(self):
        response = self.client.get(reverse("admin:archive_article_change", args=[self.article.pk]))
        content = response.content.decode()
        self.assertIn('<mark class="evidence"', content)
        self.assertIn("وترأس اجتماع وزراء خارجية التحالف", content)
        self.assertIn("صوفي ويليامز", content)  # the person, as the archive stores her
        self.assertIn("S/RES/2254", content)
        self.assertIn("تاريخ الاجتماع «الثلثاء» نسبي", content)  # a flag
        self.assertIn("يبدو أنه اجتماع موجود في الأرشيف", content)  # the proposal and its reason

    def test_it_escapes_archive_text(self):
        article = factories.article(body="<script>alert(1)</script> نص", status=Article.Status.PENDING)
        response = self.client.get(reverse("admin:archive_article_change", args=[article.pk]))
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


class DecisionTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        pipeline.import_paths([SEEDS / "000_9c958cb527e5a0b5.txt", SEEDS / "004_b0b6bfff154b50a2.txt"])
        cls.first, cls.second = Article.objects.order_by("pk")

    def decide(self, article, decision, **data):
        url = reverse("admin:archive_article_decide", args=[article.pk])
        return self.client.post(url, {"decision": decision, **data}, follow=True)

    def test_publishing_makes_the_article_public_and_is_recorded(self):
        self.assertEqual(self.client.get(self.second.get_absolute_url()).status_code, 404)
        self.assertTrue(self.second.flags)
        asked = self.decide(self.second, "publish")  # open flags: listed, and the editor is asked first
        self.assertTrue([m for m in shown_messages(asked) if m.startswith("لم يُنشر المقال: له ")])
        self.second.refresh_from_db()
        self.assertFalse(self.second.is_published)
        self.decide(self.second, "publish_anyway")
        self.second.refresh_from_db()
        self.assertTrue(self.second.is_published)
        self.assertEqual(self.client.get(self.second.get_absolute_url()).status_code, 200)
        entry = self.second.history.latest()
        self.assertEqual((entry.status, entry.history_user, entry.history_type), ("published", self.editor, "~"))

    def test_a_get_changes_nothing(self):
        self.client.get(reverse("admin:archive_article_decide", args=[self.second.pk]) + "?decision=publish")
        self.second.refresh_from_db()
        self.assertFalse(self.second.is_published)

    def test_confirming_the_proposal_links_the_meeting_and_its_participants(self):
        meeting = self.second.proposed_meeting
        self.decide(self.first, "confirm_meeting")
        self.decide(self.second, "confirm_meeting")
        self.second.refresh_from_db()
        self.assertEqual(self.second.meeting, meeting)
        chairs = set(Participation.objects.filter(meeting=meeting, is_chair=True).values_list("person__name", flat=True))
        self.assertEqual(chairs, {"صوفي ويليامز", "أنتوني بلينكن"})

    def test_refusing_a_proposal_keeps_the_article_apart(self):
        self.decide(self.second, "refuse_meeting")
        self.second.refresh_from_db()
        self.assertIsNone(self.second.proposed_meeting)
        self.assertTrue(Meeting.objects.filter(pk=self.first.proposed_meeting_id).exists())  # the first's meeting stays

    def test_a_new_meeting_can_be_made_from_the_article(self):
        self.decide(self.second, "refuse_meeting")
        self.decide(self.second, "new_meeting")
        self.second.refresh_from_db()
        self.assertNotEqual(self.second.meeting_id, self.first.proposed_meeting_id)
        self.assertEqual(self.second.meeting.kind, Meeting.Kind.MINISTERIAL)

    def test_moving_an_article_to_another_meeting_moves_its_participants(self):
        self.decide(self.second, "confirm_meeting")
        other = Meeting.objects.create(name="اجتماع آخر")
        self.decide(self.second, "move_meeting", meeting=other.pk)
        self.second.refresh_from_db()
        self.assertEqual(self.second.meeting, other)
        self.assertEqual(other.participations.count(), 2)
        self.assertFalse(Participation.objects.filter(meeting=self.first.proposed_meeting).exists())

    def test_bulk_publish_and_reject_from_the_list(self):
        url = reverse("admin:archive_article_changelist")
        selected = {"action": "publish", "_selected_action": [self.first.pk, self.second.pk]}
        asked = self.client.post(url, selected)
        self.assertContains(asked, "انشر رغم الملاحظات")  # the open flags are listed first
        self.assertContains(asked, self.second.flags[0])
        self.assertEqual(Article.objects.published().count(), 0)
        done = self.client.post(url, {**selected, "confirm": "yes"}, follow=True)
        self.assertEqual(Article.objects.published().count(), 2)
        self.assertIn("نُشر مقالان.", shown_messages(done))
        self.client.post(url, {"action": "reject", "_selected_action": [self.first.pk]})
        self.first.refresh_from_db()
        self.assertEqual(self.first.status, Article.Status.REJECTED)
        self.assertEqual(self.first.history.latest().history_user, self.editor)


class MergeAdminTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.kept = Person.objects.create(name="أنتوني بلينكن")
        cls.variant = Person.objects.create(name="أنتوني بلنكن")
        cls.article = factories.article()
        PersonMention.objects.create(article=cls.article, person=cls.variant, name_as_written="أنتوني بلنكن", sentence="س")

    def test_an_editor_merges_two_people_and_undoes_it(self):
        url = reverse("admin:archive_person_changelist")
        selected = {"action": "merge_selected", "_selected_action": [self.kept.pk, self.variant.pk]}
        confirm = self.client.post(url, selected)
        self.assertContains(confirm, "اختر السجل الذي يبقى")
        self.client.post(url, {**selected, "confirm": "yes", "kept": self.kept.pk}, follow=True)
        self.assertFalse(Person.objects.filter(pk=self.variant.pk).exists())
        self.assertTrue(PersonAlias.objects.filter(person=self.kept, name="أنتوني بلنكن").exists())
        merge = Merge.objects.get()
        self.assertEqual(merge.created_by, self.editor)

        page = self.client.get(reverse("admin:archive_merge_change", args=[merge.pk]))
        self.assertContains(page, "تراجع عن هذا الدمج")
        self.client.post(reverse("admin:archive_merge_undo", args=[merge.pk]), follow=True)
        self.assertEqual(PersonMention.objects.get().person_id, self.variant.pk)
        self.assertFalse(PersonAlias.objects.exists())

    def test_the_history_log_shows_merges_and_changes_with_who_did_them(self):
        url = reverse("admin:archive_person_changelist")
        self.client.post(url, {"action": "merge_selected", "_selected_action": [self.kept.pk, self.variant.pk],
                               "confirm": "yes", "kept": self.kept.pk})
        log = self.client.get(reverse("admin:history"))
        self.assertContains(log, "دمج")
        self.assertContains(log, "editor")
        self.assertContains(log, "أنتوني بلنكن")

    def test_a_person_s_own_history_page_lists_its_changes(self):
        self.client.post(reverse("admin:archive_person_change", args=[self.kept.pk]),
                         {"name": "أنتوني جون بلينكن", "name_en": "Antony Blinken", "notes": "",
                          "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0})
        response = self.client.get(reverse("admin:archive_person_history", args=[self.kept.pk]))
        self.assertContains(response, "Antony Blinken")


class PublicVisibilityTests(EditorTestCase):
    def test_an_unpublished_article_is_nowhere_in_public(self):
        title = "مقال لم يُنشر عن اجتماع سري"
        article = factories.article(title, "نص فريد زبرجد", status=Article.Status.PENDING)
        self.client.logout()  # what the public sees
        search = self.client.get(reverse("archive:search") + "?q=زبرجد")
        self.assertNotContains(search, title)
        self.assertContains(search, 'data-count="0">لا مقالات</p>')
        self.assertNotContains(self.client.get(reverse("archive:search")), title)
        export = b"".join(self.client.get(reverse("archive:export_csv") + "?q=زبرجد").streaming_content).decode()
        self.assertEqual(len(export.strip().splitlines()), 1)  # the header row only
        self.assertEqual(self.client.get(article.get_absolute_url()).status_code, 404)


def change_form_data(response) -> dict:
    """The POST data the admin change form would send back unchanged."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    for formset in response.context["inline_admin_formsets"]:
        formset = formset.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for inline_form in formset.forms:
            for name, field in inline_form.fields.items():
                value = inline_form.initial.get(name, field.initial)
                if value is None or value is False:
                    continue
                data[inline_form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
    return {key: ("" if value is None else value) for key, value in data.items()}


class EditorJourneyTests(TestCase):
    """Issue 4's bar: from demo, upload, review and correct, link to a
    meeting, merge a variant, publish, find it, undo the merge; every step
    in the history."""

    ARTICLE = (
        "وزراء دفاع التحالف يبحثون في بروكسل تسريع الحملة على داعش\n\n"
        "بحث وزراء دفاع الدول المشاركة في التحالف الدولي ضد داعش في اجتماعهم في العاصمة البلجيكية بروكسل "
        "تسريع الحملة العسكرية، بدعوة من وزير الدفاع الأمريكي آشتون كاتر.\n\n"
        "وقال وزير الدفاع العراقي خالد العبيدي إن القوات العراقية تتقدم نحو الموصل.\n"
    )

    def test_the_whole_journey(self):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        editor = get_user_model().objects.get(username=demo.EDITOR_USERNAME)
        self.client.force_login(editor)

        # Upload.
        self.client.post(reverse("admin:archive_importbatch_upload"),
                         {"files": [SimpleUploadedFile("brussels.txt", self.ARTICLE.encode())]})
        article = Article.objects.get(source_name="brussels.txt")
        self.assertEqual(article.status, Article.Status.PENDING)
        carter_variant = article.person_mentions.get(name_as_written="آشتون كاتر").person
        carter = Person.objects.get(name_en="Ashton Carter")
        self.assertEqual(article.person_mentions.get(person=carter_variant).proposed_person, carter)

        # Review and correct: the Iraqi minister's role, as the editor reads it.
        page = self.client.get(reverse("admin:archive_article_change", args=[article.pk]))
        self.assertContains(page, '<mark class="evidence"')
        data = change_form_data(page)
        index = next(i for i, f in enumerate(page.context["inline_admin_formsets"][1].formset.forms)
                     if f.instance.name_as_written == "خالد العبيدي")
        data[f"person_mentions-{index}-role"] = "وزير الدفاع العراقي"
        saved = self.client.post(reverse("admin:archive_article_change", args=[article.pk]), data)
        self.assertEqual(saved.status_code, 302, getattr(saved, "context", None) and saved.context["errors"])
        self.assertEqual(article.person_mentions.get(name_as_written="خالد العبيدي").role, "وزير الدفاع العراقي")

        # Link to a meeting: make one from the article.
        self.client.post(reverse("admin:archive_article_decide", args=[article.pk]), {"decision": "refuse_meeting"})
        self.client.post(reverse("admin:archive_article_decide", args=[article.pk]), {"decision": "new_meeting"})
        article.refresh_from_db()
        self.assertEqual(article.meeting.place, "بروكسل")

        # Merge the name variant into the archive's Carter.
        self.client.post(reverse("admin:archive_person_changelist"),
                         {"action": "merge_selected", "_selected_action": [carter.pk, carter_variant.pk],
                          "confirm": "yes", "kept": carter.pk})
        self.assertEqual(article.person_mentions.get(name_as_written="آشتون كاتر").person, carter)

        # Publish over the flags left; the public finds it, under the merged name too.
        self.client.post(reverse("admin:archive_article_decide", args=[article.pk]), {"decision": "publish_anyway"})
        self.client.logout()
        found = self.client.get(reverse("archive:search") + "?q=بروكسل")
        self.assertContains(found, "وزراء دفاع التحالف يبحثون في بروكسل")
        self.client.force_login(editor)

        # Undo the merge: the variant and its link come back.
        merge = Merge.objects.latest("created_at")
        self.client.post(reverse("admin:archive_merge_undo", args=[merge.pk]))
        self.assertEqual(article.person_mentions.get(name_as_written="آشتون كاتر").person_id, carter_variant.pk)

        # Every step is in the history, under the editor's name.
        mine = self.client.get(reverse("admin:history") + "?mine=1").content.decode()
        for step in ("إنشاء", "تعديل", "دمج", "تراجع عن دمج", "وزير الدفاع العراقي", "منشور"):
            self.assertIn(step, mine)
        self.assertEqual(article.history.filter(history_user=editor).count() >= 3, True)


class ConfidenceQueueTests(EditorTestCase):
    """Issue 19: the review queue sorts and filters by the import's least
    sure fact, and the review page shows each fact's confidence."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.sure = factories.article("خبر واثق", status=Article.Status.PENDING,
                                     confidence={"title": 0.9, "date": 0.9}, min_confidence=0.9)
        cls.doubtful = factories.article("خبر مشكوك فيه", status=Article.Status.PENDING,
                                         confidence={"title": 0.3, "date": 0.9}, min_confidence=0.3)

    def test_the_queue_filters_by_the_lowest_confidence(self):
        page = self.client.get(reverse("admin:archive_article_changelist"), {"confidence": "low"})
        self.assertContains(page, "خبر مشكوك فيه")
        self.assertNotContains(page, "خبر واثق")

    def test_the_queue_sorts_the_least_sure_first(self):
        page = self.client.get(reverse("admin:archive_article_changelist")).content.decode()
        column = re.search(r'column-lowest_confidence.*?href="(\?o=[^"]+)"', page, re.S)
        self.assertIsNotNone(column, "the lowest-confidence column sorts")
        ordered = self.client.get(reverse("admin:archive_article_changelist") + column.group(1).replace("&amp;", "&"))
        text = ordered.content.decode()
        self.assertLess(text.index("خبر مشكوك فيه"), text.index("خبر واثق"))
        self.assertContains(ordered, "0.30 (العنوان)")

    def test_the_review_page_shows_each_fact_s_confidence(self):
        page = self.client.get(reverse("admin:archive_article_change", args=[self.doubtful.pk]))
        self.assertContains(page, "العنوان 0.30 · تاريخ النشر 0.90")


class SaveMessagesTests(EditorTestCase):
    """The admin says what happened: an edit saved the changes, only a new
    record was added."""

    def test_an_edit_says_the_changes_were_saved_and_an_addition_says_added(self):
        person = Person.objects.create(name="أنتوني بلينكن")
        data = {"name": "أنتوني جون بلينكن", "name_en": "", "notes": "", "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0}
        edited = self.client.post(reverse("admin:archive_person_change", args=[person.pk]), data, follow=True)
        self.assertEqual(shown_messages(edited), ["تم حفظ التغييرات على شخص «أنتوني جون بلينكن»."])
        added = self.client.post(reverse("admin:archive_person_add"), {**data, "name": "فيصل بن فرحان"}, follow=True)
        self.assertEqual(shown_messages(added), ["أُضيف شخص «فيصل بن فرحان»."])


def shown_messages(response) -> list[str]:
    """The messages the page shows, as the editor reads them (no markup)."""
    return [re.sub(r"<[^>]+>", "", str(message)) for message in response.context["messages"]]


class OneSaveTests(EditorTestCase):
    """Issue 20: one save of the review page, whatever it holds, leaves one
    consistent state: the meeting's participants are derived from the people
    as saved, and a decision button saves the editor's changes first."""

    def setUp(self):
        super().setUp()
        self.proposed = Meeting.objects.create(name="اجتماع مقترح من الاستيراد", origin=Meeting.Origin.IMPORT)
        self.washington = Meeting.objects.create(
            name="الاجتماع الوزاري في واشنطن", date=datetime.date(2024, 7, 10), origin=Meeting.Origin.EDITOR
        )
        self.article = factories.article("عنوان مستورد", "نص", status=Article.Status.PENDING,
                                         proposed_meeting=self.proposed, meeting_proposal="مقترح")
        MeetingReport.objects.create(article=self.article, place="واشنطن")
        for name, chair in (("أنتوني بلينكن", False), ("يحذر", False), ("فؤاد حسين", False)):
            person = Person.objects.create(name=name)
            PersonMention.objects.create(article=self.article, person=person, name_as_written=name, sentence="س",
                                         in_meeting=True, is_chair=chair)

    def form(self) -> tuple[dict, dict[str, int]]:
        page = self.client.get(reverse("admin:archive_article_change", args=[self.article.pk]))
        mentions = next(f.formset for f in page.context["inline_admin_formsets"] if f.formset.prefix == "person_mentions")
        return change_form_data(page), {f.instance.name_as_written: i for i, f in enumerate(mentions.forms)}

    def post(self, data: dict):
        return self.client.post(reverse("admin:archive_article_change", args=[self.article.pk]), data, follow=True)

    def participants(self, meeting) -> dict[str, bool]:
        return dict(meeting.participations.values_list("person__name", "is_chair"))

    def test_moving_and_editing_people_in_one_save_gives_the_edited_participants(self):
        data, index = self.form()
        data["meeting"] = self.washington.pk
        data[f"person_mentions-{index['يحذر']}-DELETE"] = "on"
        data.pop(f"person_mentions-{index['فؤاد حسين']}-in_meeting", None)  # not at the meeting after all
        data[f"person_mentions-{index['أنتوني بلينكن']}-is_chair"] = "on"
        self.assertEqual(self.post(data).status_code, 200)
        self.assertEqual(self.participants(self.washington), {"أنتوني بلينكن": True})
        self.article.refresh_from_db()
        self.assertIsNone(self.article.proposed_meeting)
        self.assertFalse(Meeting.objects.filter(pk=self.proposed.pk).exists())  # left empty: gone

    def test_confirming_the_proposal_keeps_the_edits_made_on_the_page(self):
        data, index = self.form()
        data["title"] = "عنوان صححه المحرر"
        data[f"person_mentions-{index['يحذر']}-DELETE"] = "on"
        response = self.post({**data, "_decision": "confirm_meeting"})
        self.article.refresh_from_db()
        self.assertEqual((self.article.title, self.article.meeting), ("عنوان صححه المحرر", self.proposed))
        self.assertEqual(self.participants(self.proposed), {"أنتوني بلينكن": False, "فؤاد حسين": False})
        self.assertTrue([m for m in shown_messages(response) if m.startswith("رُبط المقال بالاجتماع «اجتماع مقترح من الاستيراد")])
        self.assertTrue([m for m in shown_messages(response) if m.startswith("تم حفظ التغييرات على مقال")])

    def test_a_person_unticked_or_deleted_after_confirming_leaves_the_meeting(self):
        self.post({**self.form()[0], "_decision": "confirm_meeting"})
        data, index = self.form()
        data[f"person_mentions-{index['يحذر']}-DELETE"] = "on"
        data.pop(f"person_mentions-{index['فؤاد حسين']}-in_meeting", None)
        data[f"person_mentions-{index['أنتوني بلينكن']}-is_chair"] = "on"
        self.post(data)
        self.assertEqual(self.participants(self.proposed), {"أنتوني بلينكن": True})

    def test_a_date_fixed_on_the_report_after_confirming_reaches_the_meeting(self):
        MeetingReport.objects.filter(article=self.article).update(date=datetime.date(2024, 7, 1))
        self.post({**self.form()[0], "_decision": "confirm_meeting"})
        self.proposed.refresh_from_db()
        self.assertEqual(self.proposed.date, datetime.date(2024, 7, 1))
        data = self.form()[0]
        data["meeting_report-0-date"] = "2024-07-10"
        self.post(data)
        self.proposed.refresh_from_db()
        self.assertEqual(self.proposed.date, datetime.date(2024, 7, 10))

    def test_a_failed_save_says_nothing_was_saved_and_takes_no_decision(self):
        self.article.meeting = self.washington
        self.article.save()
        data, _ = self.form()
        data["title"] = "عنوان لن يُحفظ"
        data["meeting"] = self.proposed.pk
        total = int(data["person_mentions-TOTAL_FORMS"])
        data.update({"person_mentions-TOTAL_FORMS": total + 1, f"person_mentions-{total}-person": Person.objects.first().pk,
                     f"person_mentions-{total}-name_as_written": "اسم أضيف يدوياً"})  # no evidence sentence
        response = self.post({**data, "_decision": "publish"})
        self.assertContains(response, "لم يُحفظ شيء من تعديلاتك ولم يُنفَّذ أي قرار")
        # The panel says what the archive holds, not what the failed form asked for.
        self.assertContains(response, f'المقال مرتبط بالاجتماع: <a href="/admin/archive/meeting/{self.washington.pk}/change/">')
        self.article.refresh_from_db()
        self.assertEqual((self.article.title, self.article.meeting, self.article.status),
                         ("عنوان مستورد", self.washington, Article.Status.PENDING))


class QueueTests(EditorTestCase):
    """Issue 20: the queue an editor works through a batch with."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        first = pipeline.import_paths([SEEDS / "000_9c958cb527e5a0b5.txt"])
        second = pipeline.import_paths([SEEDS / "004_b0b6bfff154b50a2.txt"])
        cls.first_batch, cls.second_batch = first.batch_id, second.batch_id
        cls.first, cls.second = Article.objects.order_by("pk")

    def test_the_queue_filters_by_import_batch(self):
        page = self.client.get(reverse("admin:archive_article_changelist"), {"batch": self.second_batch})
        self.assertEqual([a.pk for a in page.context["cl"].result_list], [self.second.pk])
        self.assertContains(page, f"دفعة {self.first_batch}")  # offered among the filter's choices

    def test_proposals_are_confirmed_in_bulk(self):
        proposed = [a for a in (self.first, self.second) if a.proposed_meeting_id]
        self.assertTrue(proposed)
        url = reverse("admin:archive_article_changelist")
        done = self.client.post(url, {"action": "confirm_proposals", "_selected_action": [self.first.pk, self.second.pk]},
                                follow=True)
        for article in proposed:
            meeting = article.proposed_meeting
            article.refresh_from_db()
            self.assertEqual((article.meeting, article.proposed_meeting), (meeting, None))
        self.assertTrue([m for m in shown_messages(done) if m.startswith("رُبط ")])

    def test_the_review_page_lists_the_flags_as_sentences(self):
        page = self.client.get(reverse("admin:archive_article_change", args=[self.second.pk]))
        self.assertContains(page, f"<li>{self.second.flags[0]}</li>", html=True)
        self.assertNotContains(page, "[&quot;")  # not a raw JSON list

    def test_the_review_page_leads_to_the_next_and_previous_article_of_the_queue(self):
        filters = "status__exact=pending&o=-1"  # the queue as the editor filtered and sorted it
        queue = self.client.get(reverse("admin:archive_article_changelist") + "?" + filters).context["cl"].result_list
        first, second = [article.pk for article in queue]
        url = reverse("admin:archive_article_change", args=[first]) + "?" + urlencode({"_changelist_filters": filters})
        page = self.client.get(url)
        self.assertEqual((page.context["queue"]["position"], page.context["queue"]["total"]), (1, 2))
        self.assertEqual(page.context["queue"]["previous"], "")
        following = page.context["queue"]["next"]
        self.assertTrue(following.startswith(reverse("admin:archive_article_change", args=[second])))
        self.assertContains(page, 'rel="next" accesskey="n"')
        self.assertEqual(self.client.get(following).context["queue"]["previous"], url)

    def test_publishing_from_the_queue_leads_to_the_next_article(self):
        Article.objects.update(flags=[])
        filters = "status__exact=pending&o=-1"
        queue = self.client.get(reverse("admin:archive_article_changelist") + "?" + filters).context["cl"].result_list
        first, second = [article.pk for article in queue]
        suffix = "?" + urlencode({"_changelist_filters": filters})
        url = reverse("admin:archive_article_change", args=[first]) + suffix
        data = change_form_data(self.client.get(url))
        response = self.client.post(url, {**data, "_decision": "publish"})
        self.assertRedirects(response, reverse("admin:archive_article_change", args=[second]) + suffix,
                             fetch_redirect_response=False)
        self.assertTrue(Article.objects.get(pk=first).is_published)


class RereadStatementsAdminTests(EditorTestCase):
    """Reading the selected articles' statements again from the list."""

    def test_the_action_reads_again_what_no_editor_touched(self):
        body = "وقال وزير الخارجية الأمريكي جون كيري إن التحالف سيواصل الضغط على التنظيم."
        pending = factories.article(body=body, status=Article.Status.PENDING)
        published = factories.article(body=body)
        for article in (pending, published):
            Statement.objects.create(article=article, speaker_kind="person", text="نص قديم", start=0, end=5)
        url = reverse("admin:archive_article_changelist")
        done = self.client.post(
            url, {"action": "reread_statements", "_selected_action": [pending.pk, published.pk]}, follow=True
        )
        self.assertEqual(done.status_code, 200)
        self.assertIn("المقالات التي قُرئت تصريحاتها من جديد: 1؛ التصريحات: 1 ← 1.", " ".join(shown_messages(done)))
        self.assertEqual(pending.statements.get().speaker_name, "جون كيري")
        self.assertEqual(published.statements.get().text, "نص قديم")  # published: left for the command

    def test_a_selection_too_large_for_one_request_is_sent_to_the_command(self):
        from unittest import mock

        from archive import admin as archive_admin

        articles = [factories.article(body="نص", status=Article.Status.PENDING) for _ in range(2)]
        url = reverse("admin:archive_article_changelist")
        with mock.patch.object(archive_admin, "REREAD_MAX", 1):
            done = self.client.post(
                url, {"action": "reread_statements", "_selected_action": [a.pk for a in articles]}, follow=True
            )
        self.assertIn("حُدد أكثر من 1 مقال: اقرأها بأمر manage.py reread_statements.", shown_messages(done))
