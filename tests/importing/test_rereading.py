"""Reading stored articles' statements again (archive.importing.rereading)."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase

from archive.importing import rereading, saving
from archive.models import Article, Statement
from tests import factories

BODY = "وقال وزير الخارجية الأمريكي جون كيري إن التحالف سيواصل الضغط على التنظيم. وأضاف أن الاجتماع المقبل سيعقد في روما."


class RereadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_user("editor", password="x", is_staff=True)

    def _article(self, status=Article.Status.PENDING, statements=("نص قديم قرأه القارئ القديم",)) -> Article:
        article = factories.article(body=BODY, status=status)
        for position, words in enumerate(statements):
            Statement.objects.create(
                article=article, position=position, speaker_kind="person", speaker_name="قديم", text=words,
                start=0, end=10,
            )
        return article

    def _reread(self, *args) -> str:
        out = StringIO()
        call_command("reread_statements", *args, stdout=out)
        return out.getvalue()

    def test_an_untouched_article_is_read_again(self):
        article = self._article()
        output = self._reread()
        self.assertIn("Read the statements of 1 article(s) again: 1 statement(s) -> 2", output)
        self.assertEqual(
            [(s.speaker_name, s.verb) for s in article.statements.order_by("position")],
            [("جون كيري", "وقال"), ("جون كيري", "وأضاف")],
        )
        self.assertTrue(all(s.search for s in article.statements.all()))  # its search vector, in the same save

    def test_an_editor_s_correction_is_never_overwritten(self):
        article = self._article()
        statement = article.statements.get()
        statement._history_user = self.editor
        statement.text = "نص صححه المحرر بنفسه"
        statement.save()
        output = self._reread()
        self.assertIn("Left as they are: 1 article(s)", output)
        self.assertEqual(list(article.statements.values_list("text", flat=True)), ["نص صححه المحرر بنفسه"])

    def test_a_statement_an_editor_removed_never_comes_back(self):
        article = self._article(statements=())
        removed = Statement.objects.create(article=article, speaker_kind="person", text="وقال جون كيري", start=0, end=5)
        removed._history_user = self.editor
        removed.delete()
        self._reread()
        self.assertFalse(article.statements.exists())

    def test_published_articles_only_when_asked(self):
        article = self._article(status=Article.Status.PUBLISHED)
        self._reread()
        self.assertEqual(article.statements.get().text, "نص قديم قرأه القارئ القديم")
        self._reread("--include-published")
        self.assertEqual(article.statements.count(), 2)
        self.assertTrue(all(article.statements.values_list("public", flat=True)))  # the copy of its state, rebuilt

    def test_a_dry_run_writes_nothing(self):
        article = self._article()
        output = self._reread("--dry-run")
        self.assertIn("Would read the statements of 1 article(s) again: 1 statement(s) -> 2", output)
        self.assertEqual(article.statements.count(), 1)

    def test_one_article_that_fails_does_not_stop_the_rest(self):
        first, second = self._article(), self._article()
        report = rereading.Report()
        context = saving.Context.load()
        broken = Article.objects.get(pk=first.pk)
        broken.body = None  # what the reader cannot read
        rereading.reread([broken, Article.objects.get(pk=second.pk)], context, report)
        self.assertEqual([article_id for article_id, _ in report.failed], [first.pk])
        self.assertEqual(report.read, 1)
        self.assertEqual(first.statements.count(), 1)  # left as it was
        self.assertEqual(second.statements.count(), 2)
