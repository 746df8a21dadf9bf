"""Search pages timed while another process imports and publishes
(archive.devtools.during_import): the import's articles are really saved,
and deleted afterwards."""

import io
import time

from django.core.management import call_command
from django.test import Client, TransactionTestCase

from archive.devtools import during_import
from archive.models import Article
from archive.search import engine


class DuringImportTests(TransactionTestCase):
    def test_it_times_searches_while_the_import_publishes_then_removes_its_articles(self):
        call_command("demo", "--no-serve", stdout=io.StringIO())
        before = Article.objects.count()
        client = Client()
        seen: list[int] = []

        def search() -> float:
            engine.forget_matches()
            started = time.perf_counter()
            response = client.get("/", {"q": "القياس"})
            self.assertEqual(response.status_code, 200)
            seen.append(response.context["total"])
            return (time.perf_counter() - started) * 1000

        samples, seconds, made = during_import.measure(3, search)
        self.assertEqual(made, 3)
        self.assertEqual(len(samples), len(seen))
        self.assertGreater(seconds, 0)
        # Each search saw the articles committed so far, never fewer than the one before.
        self.assertEqual(seen, sorted(seen))
        self.assertLessEqual(seen[-1], 3)
        # Afterwards they are gone, from the archive and from its copies.
        search()
        self.assertEqual(seen[-1], 0)
        self.assertEqual(Article.objects.count(), before)
        self.assertFalse(Article.objects.filter(source_name__startswith=during_import.PREFIX).exists())
