"""The migrations carry a populated archive forward, and their squashed
form builds a new archive exactly as the whole chain does.

A scratch database is migrated to 0007 (before the facet columns and the
search documents' table), filled through the models of that state with
what an import writes (an article with its outlet, meeting, people,
countries, citations and review), and migrated to the latest state. The
rows must all be there, and the archive must find the article the way a
reader searches: by words, by any spelling of a name, and by facets, whose
columns and index the later migrations fill (0008 to 0012).
"""

from __future__ import annotations

import ast
import contextlib
import datetime
import hashlib
import io
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.test import SimpleTestCase, TransactionTestCase

from archive import text
from archive.importing.passages import fingerprints
from archive.ops import backup
from archive.models import Article, Citation, CountryMention, Participation, PersonMention, SearchDocument
from tests.ops.test_backup import connected_to, create_scratch_database, drop_scratch_database, search_results

EARLY = [("archive", "0007_newest_first_index")]
BODY = (
    "ترأس وزير الخارجية الأمريكي أنتوني بلينكن اجتماع التحالف الدولي ضد داعش في روما، "
    "وأكد الوزراء دعمهم للعراق والتزامهم بقرار مجلس الأمن 2254."
)


def chain_executor() -> MigrationExecutor:
    """An executor that runs the migrations one by one, as an archive made
    before they were squashed does (a new one runs the squashed ones)."""
    executor = MigrationExecutor(connection)
    executor.loader = MigrationLoader(connection, replace_migrations=False)
    return executor


def populate(apps) -> dict:
    """An imported, reviewed and published article, through the models of
    the migration state (the app's code may have moved on since)."""
    model = apps.get_model

    def keyed(model_name: str, **fields):
        return model("archive", model_name).objects.create(key=text.key(fields["name"]), **fields)

    iraq = keyed("Country", name="العراق", name_en="Iraq", iso_code="IQ")
    usa = keyed("Country", name="الولايات المتحدة", name_en="United States", iso_code="US")
    model("archive", "CountryAlias").objects.create(country=usa, name="أمريكا", key=text.key("أمريكا"))
    outlet = keyed("Outlet", name="وكالة الأنباء العراقية", website="https://ina.iq")
    blinken = keyed("Person", name="أنتوني بلينكن", name_en="Antony Blinken", country=usa)
    model("archive", "PersonAlias").objects.create(person=blinken, name="بلنكن", key=text.key("بلنكن"))
    hussein = keyed("Person", name="فؤاد حسين", name_en="Fuad Hussein", country=iraq)
    meeting = model("archive", "Meeting").objects.create(
        name="الاجتماع الوزاري في روما", date=datetime.date(2024, 6, 28), place="روما",
        format="in_person", kind="ministerial", member_count=86, participant_count=80,
    )
    model("archive", "Participation").objects.create(meeting=meeting, person=blinken, country=usa, is_chair=True)
    resolution = model("archive", "Resolution").objects.create(number=2254, year=2015)
    article = model("archive", "Article").objects.create(
        title="التحالف الدولي يجدد التزامه في روما", body=BODY, raw_text="موقع الأخبار\n" + BODY,
        source_name="rome.txt", content_hash=hashlib.sha256(BODY.encode()).hexdigest(),
        published_on=datetime.date(2024, 6, 29), status="published", outlet=outlet, meeting=meeting,
        flags=["no_member_count"], meeting_proposal="",
    )
    draft = model("archive", "Article").objects.create(
        title="مسودة لم تنشر عن روما", body="نص عن روما", raw_text="نص عن روما", source_name="draft.txt",
        content_hash=hashlib.sha256(b"draft").hexdigest(), status="pending", meeting_proposal="",
    )
    model("archive", "MeetingReport").objects.create(article=article, sentence=BODY, place="روما", place_sentence=BODY)
    model("archive", "PersonMention").objects.create(
        article=article, person=blinken, name_as_written="أنتوني بلينكن", role="وزير الخارجية", country=usa,
        is_chair=True, in_meeting=True, sentence=BODY,
    )
    model("archive", "PersonMention").objects.create(article=article, person=hussein, name_as_written="فؤاد حسين",
                                                     sentence=BODY)
    model("archive", "CountryMention").objects.create(article=article, country=iraq, name_as_written="للعراق",
                                                      sentence=BODY)
    model("archive", "CountryMention").objects.create(article=article, country=usa, name_as_written="الأمريكي",
                                                      sentence=BODY)
    model("archive", "Citation").objects.create(article=article, resolution=resolution, sentence=BODY)
    return {"article": article.pk, "draft": draft.pk, "blinken": blinken.pk, "hussein": hussein.pk, "iraq": iraq.pk,
            "usa": usa.pk, "meeting": meeting.pk, "outlet": outlet.pk}


def links() -> dict:
    return {
        "mentions": sorted(PersonMention.objects.values_list("article_id", "person_id", "is_chair", "country_id")),
        "countries": sorted(CountryMention.objects.values_list("article_id", "country_id", "name_as_written")),
        "citations": sorted(Citation.objects.values_list("article_id", "resolution__number")),
        "participations": sorted(Participation.objects.values_list("meeting_id", "person_id", "is_chair")),
    }


class MigrationsForwardTests(TransactionTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scratch = connection.settings_dict["NAME"] + "_migrations"
        create_scratch_database(cls.scratch)
        # Runs even when setUpClass fails half-way, unlike tearDownClass.
        cls.addClassCleanup(drop_scratch_database, cls.scratch)
        with connected_to(cls.scratch):
            executor = chain_executor()
            executor.migrate(EARLY)
            cls.ids = populate(executor.loader.project_state(EARLY).apps)
            cls.before = backup.counts(connection.settings_dict)
            executor = MigrationExecutor(connection)  # a fresh graph: the one above has run
            with contextlib.redirect_stdout(io.StringIO()) as said:
                executor.migrate(executor.loader.graph.leaf_nodes())
            cls.said = said.getvalue()
            executor = MigrationExecutor(connection)  # reads which migrations are applied now
            cls.pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
            # The documented upgrade: migrations never import app code, so the
            # index is built by `reindex` with today's code.
            call_command("reindex", stdout=io.StringIO())
            cls.after = backup.counts(connection.settings_dict)

    def test_it_says_to_rebuild_the_index(self):
        self.assertIn("manage.py reindex", self.said)

    def test_it_reaches_the_latest_state_with_every_row(self):
        self.assertEqual(self.pending, [])
        for table, rows in self.before.items():
            if table != "django_migrations":
                with self.subTest(table=table):
                    self.assertEqual(self.after.get(table), rows)
        with connected_to(self.scratch):
            self.assertEqual(links(), {
                "mentions": sorted([(self.ids["article"], self.ids["blinken"], True, self.ids["usa"]),
                                    (self.ids["article"], self.ids["hussein"], False, None)]),
                "countries": sorted([(self.ids["article"], self.ids["iraq"], "للعراق"),
                                     (self.ids["article"], self.ids["usa"], "الأمريكي")]),
                "citations": [(self.ids["article"], 2254)],
                "participations": [(self.ids["meeting"], self.ids["blinken"], True)],
            })

    def test_it_fills_the_search_documents_and_facet_columns(self):
        with connected_to(self.scratch):
            self.assertEqual(set(SearchDocument.objects.values_list("article_id", flat=True)),
                             {self.ids["article"], self.ids["draft"]})
            article = Article.objects.get(pk=self.ids["article"])
            self.assertEqual((article.event_date, article.event_year), (datetime.date(2024, 6, 28), 2024))
            self.assertEqual((article.meeting_format, article.meeting_kind), ("in_person", "ministerial"))
            self.assertEqual(article.person_ids, sorted([self.ids["blinken"], self.ids["hussein"]]))
            self.assertEqual(article.country_ids, sorted([self.ids["iraq"], self.ids["usa"]]))
            self.assertEqual(article.resolution_numbers, [2254])

    def test_it_finds_the_article_by_words_names_and_facets(self):
        searches = [
            {"q": "التحالف روما"},
            {"q": "العراق"},  # the body has للعراق
            {"q": "بلنكن"},  # an alias of the person named
            {"q": "Blinken"},
            {"q": "أمريكا"},  # an alias of a country named
            {"q": "2254"},
            {"person": str(self.ids["blinken"])},
            {"country": str(self.ids["iraq"]), "year": "2024", "format": "in_person", "kind": "ministerial"},
            {"resolution": "2254", "outlet": str(self.ids["outlet"]), "meeting": str(self.ids["meeting"])},
        ]
        with connected_to(self.scratch):
            for params in searches:
                with self.subTest(params=params):
                    self.assertEqual(search_results(params), [self.ids["article"]])
            self.assertEqual(search_results({"q": "مسودة"}), [])  # never published
            page = self.client.get("/", {"q": "بلنكن", "year": "2024"})
            self.assertContains(page, "التحالف الدولي يجدد التزامه في روما")
            self.assertContains(self.client.get(f"/articles/{self.ids['article']}/"), "فؤاد حسين")

    def test_reindex_makes_the_passage_fingerprints_the_matcher_compares(self):
        with connected_to(self.scratch):
            article = Article.objects.get(pk=self.ids["article"])
            self.assertNotEqual(article.passages, [])
            self.assertEqual(article.passages, fingerprints(f"{article.title}\n{article.body}"))

    def test_it_keeps_the_index_current_after_migrating(self):
        with connected_to(self.scratch), transaction.atomic():
            article = Article.objects.get(pk=self.ids["article"])
            article.title = "التحالف الدولي يجتمع في كوبنهاغن"
            article.save()
            self.assertEqual(search_results({"q": "كوبنهاغن"}), [self.ids["article"]])
            article.delete()
            self.assertFalse(SearchDocument.objects.filter(article_id=self.ids["article"]).exists())
            self.assertEqual(search_results({"q": "بلنكن"}), [])
            # The migrated copy stays as migrated for the other tests.
            transaction.set_rollback(True)


# What a schema is, read from PostgreSQL's catalog: every column with its
# type, nullability and default, every constraint, index, function and
# trigger with its definition, and each table's storage settings.
CATALOG = {
    "columns": "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns"
               " WHERE table_schema = 'public' ORDER BY 1, 2",
    "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                   " WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2",
    "indexes": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
    "functions": "SELECT proname, pg_get_functiondef(oid) FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1",
    "triggers": "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1",
    "storage": "SELECT c.relname, c.reloptions, a.attname, a.attstorage, a.attcompression FROM pg_class c"
               " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
               " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1, 3",
}


def catalog() -> dict[str, list[tuple]]:
    with connection.cursor() as cursor:
        found = {}
        for name, query in CATALOG.items():
            cursor.execute(query)
            found[name] = cursor.fetchall()
        return found


class SquashedMigrationsTests(TransactionTestCase):
    """The test database is built by the squashed migrations (a new
    archive's path); a scratch one by the 23 they replace, one by one."""

    def test_they_build_the_schema_the_whole_chain_builds(self):
        squashed = catalog()
        scratch = connection.settings_dict["NAME"] + "_chain"
        create_scratch_database(scratch)
        self.addCleanup(drop_scratch_database, scratch)
        with connected_to(scratch):
            executor = chain_executor()
            graph = executor.loader.graph
            # The squashed migrations are nodes of this graph too, of their own.
            ends = [key for key in graph.leaf_nodes() if not graph.nodes[key].replaces]
            with contextlib.redirect_stdout(io.StringIO()):
                executor.migrate(ends)
            chain = catalog()
        self.assertGreater(len(squashed["columns"]), 100)
        for part in CATALOG:
            with self.subTest(part=part):
                self.assertEqual(squashed[part], chain[part])

    def test_a_new_archive_runs_the_squashed_migrations(self):
        applied = MigrationExecutor(connection).loader.applied_migrations
        self.assertIn(("archive", "0015_lookups_calendar_and_numbers"), applied)
        executor = MigrationExecutor(connection)
        # Nothing of the chain the squash replaces is left to run, nor anything after it.
        self.assertEqual(executor.migration_plan(executor.loader.graph.leaf_nodes()), [])
        self.assertIn(("archive", "0024_statements"), applied)


class MigrationCodeTests(SimpleTestCase):
    def test_no_migration_imports_the_app_s_code(self):
        """A change to today's code (indexing, text) cannot break a fresh migrate."""
        folder = Path(__file__).resolve().parent.parent / "archive" / "migrations"
        for path in sorted(folder.glob("0*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                    [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
                for module in modules:
                    with self.subTest(migration=path.name, module=module):
                        self.assertFalse(module == "archive" or module.startswith("archive."))
