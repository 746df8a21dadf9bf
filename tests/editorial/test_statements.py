"""Editors review, correct, add and remove statements (archive.admin's
StatementInline and StatementAdmin), with the evidence marked and history
kept; a merge of two people moves their statements."""

from django.test import TestCase
from django.urls import reverse

from archive.editorial import merging, review
from archive.importing import pipeline, understanding
from archive.models import Article, Person, Statement
from tests import factories
from tests.test_admin import change_form_data, make_editor

ARTICLE = (
    "وزراء التحالف يبحثون في روما مستقبل الحملة على داعش\n\n"
    "اجتمع وزراء خارجية التحالف الدولي ضد داعش في روما.\n\n"
    "وقال وزير الخارجية الأمريكي أنتوني بلينكن إن «التحالف سيبقى حتى هزيمة التنظيم».\n\n"
    "ودعا الوزراء إلى تمويل جهود الاستقرار في المناطق المحررة.\n"
)


class StatementEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        factories.without_calendar()
        cls.editor = make_editor()
        result = pipeline.import_sources([pipeline.Source("rome.txt", lambda: ARTICLE.encode())])
        cls.article = Article.objects.get(pk=result.files[0].article_id)

    def setUp(self):
        self.client.force_login(self.editor)
        self.url = reverse("admin:archive_article_change", args=[self.article.pk])

    def form(self) -> dict:
        return change_form_data(self.client.get(self.url))

    def test_the_import_read_who_said_what(self):
        said = {(s.speaker, s.speaker_kind) for s in self.article.statements.all()}
        self.assertIn(("أنتوني بلينكن", "person"), said)
        self.assertIn(("الوزراء", "collective"), said)
        blinken = self.article.statements.get(speaker_kind="person")
        self.assertEqual(self.article.body[blinken.start:blinken.end][:4], "وقال")

    def test_the_review_page_marks_each_statement_s_evidence(self):
        facts = [fact for fact in review.review(self.article).facts if fact.kind == "تصريح"]
        self.assertEqual(len(facts), self.article.statements.count())
        self.assertTrue(all(fact.found for fact in facts))
        self.assertContains(self.client.get(self.url), "أنتوني بلينكن (وقال)")

    def test_an_editor_corrects_a_speaker_with_history_and_the_index_follows(self):
        data = self.form()
        statement = self.article.statements.get(speaker_kind="collective")
        index = next(i for i in range(int(data["statements-TOTAL_FORMS"])) if int(data[f"statements-{i}-id"]) == statement.pk)
        data[f"statements-{index}-speaker_name"] = "وزراء خارجية التحالف الدولي"
        data[f"statements-{index}-text"] = "تمويل جهود الاستقرار في المناطق المحررة بسخاء"
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        statement.refresh_from_db()
        self.assertEqual(statement.speaker_name, "وزراء خارجية التحالف الدولي")
        self.assertEqual(statement.history.first().history_user, self.editor)
        self.assertTrue(Statement.objects.matching("'بسخاء'").filter(pk=statement.pk).exists())

    def test_an_editor_adds_a_statement_whose_span_is_found_from_its_words(self):
        data = self.form()
        total = int(data["statements-TOTAL_FORMS"])
        blinken = Person.objects.get(name="أنتوني بلينكن")
        data.update({
            "statements-TOTAL_FORMS": total + 1, f"statements-{total}-speaker_kind": "person",
            f"statements-{total}-person": blinken.pk, f"statements-{total}-text": "اجتمع وزراء خارجية التحالف",
            f"statements-{total}-position": 9,
        })
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        added = self.article.statements.get(position=9)
        self.assertEqual(self.article.body[added.start:added.end], "اجتمع وزراء خارجية التحالف")
        self.assertEqual(added.speaker_name, "أنتوني بلينكن")

    def test_bad_statements_get_a_message_not_a_500(self):
        data = self.form()
        total = int(data["statements-TOTAL_FORMS"])
        data.update({
            "statements-TOTAL_FORMS": total + 2,
            f"statements-{total}-speaker_kind": "collective", f"statements-{total}-text": "اجتمع وزراء",
            f"statements-{total + 1}-speaker_kind": "person", f"statements-{total + 1}-speaker_name": "مسؤول",
            f"statements-{total + 1}-text": "كلام لم يرد في المقال أبداً",
        })
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "اختر الجهة المتحدثة")
        self.assertContains(response, "لم يُعثر على هذا النص في المقال")
        self.assertEqual(self.article.statements.count(), Statement.objects.filter(article=self.article).count())

    def test_an_edit_of_the_body_moves_the_spans_with_the_words(self):
        data = self.form()
        data["body"] = "سطر أضافه المحرر في أول المقال.\r\n\r\n" + data["body"].replace("\n", "\r\n")
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        self.article.refresh_from_db()
        self.assertNotIn("\r", self.article.body)  # the browser's CRLF is not kept
        for statement in self.article.statements.all():
            self.assertIn(statement.text, self.article.body[statement.start:statement.end])
        blinken = self.article.statements.get(speaker_kind="person")
        self.assertTrue(self.article.body[blinken.start:].startswith("وقال"))

    def test_an_editor_removes_a_statement(self):
        data = self.form()
        before = self.article.statements.count()
        data["statements-0-DELETE"] = "on"
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        self.assertEqual(self.article.statements.count(), before - 1)

    def test_the_statements_list_puts_the_least_sure_first(self):
        response = self.client.get(reverse("admin:archive_statement_changelist"))
        self.assertEqual(response.status_code, 200)
        shown = list(response.context["cl"].result_list)
        self.assertEqual([s.confidence for s in shown], sorted(s.confidence for s in shown))
        change = self.client.get(reverse("admin:archive_statement_change", args=[shown[0].pk]))
        self.assertContains(change, '<mark class="evidence">')

    def test_a_merge_moves_the_statements_to_the_person_kept(self):
        blinken = Person.objects.get(name="أنتوني بلينكن")
        kept = Person.objects.create(name="أنتوني ج. بلينكن")
        merging.merge(kept, [blinken], user=self.editor)
        self.assertEqual(Statement.objects.filter(person=kept).count(), 1)
        response = self.client.get(reverse("archive:statements"), {"speaker": f"person-{kept.pk}"})
        self.assertEqual(response.status_code, 200)

