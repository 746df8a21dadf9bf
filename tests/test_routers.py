"""The read-replica router, through a second database connection.

A "replica" alias is opened on the test database itself: a separate
connection, as a real replica would be, so the test sees which door each
query goes through.
"""

import copy

from django.contrib.auth import get_user_model
from django.db import connections
from django.test import TestCase, TransactionTestCase
from django.test.utils import CaptureQueriesContext

from archive import routers, versions
from archive.models import Article
from tests import factories


class ReplicaRoutingTests(TransactionTestCase):
    databases = {"default", "replica"}

    @classmethod
    def setUpClass(cls):
        connections.settings[routers.REPLICA] = copy.deepcopy(connections["default"].settings_dict)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        connections[routers.REPLICA].close()
        del connections[routers.REPLICA]
        del connections.settings[routers.REPLICA]

    def setUp(self):
        self.article = factories.article("اجتماع التحالف في روما", "نص عن روما")

    def test_public_pages_read_from_the_replica(self):
        with CaptureQueriesContext(connections[routers.REPLICA]) as replica:
            response = self.client.get("/", {"q": "روما"})
        self.assertContains(response, "اجتماع التحالف في روما")
        self.assertGreater(len(replica.captured_queries), 0)

    def test_exports_stream_from_the_replica(self):
        with CaptureQueriesContext(connections[routers.REPLICA]) as replica:
            body = b"".join(self.client.get("/export.csv").streaming_content).decode("utf-8-sig")
        self.assertIn("اجتماع التحالف في روما", body)
        self.assertGreater(len(replica.captured_queries), 0)

    def test_the_admin_and_writes_use_the_primary(self):
        admin = get_user_model().objects.create_superuser("admin", password="x" * 20)
        self.client.force_login(admin)
        with CaptureQueriesContext(connections[routers.REPLICA]) as replica:
            self.client.get("/admin/archive/article/")
            self.client.post(f"/admin/archive/article/{self.article.pk}/decide/", {"decision": "reject"})
        self.assertEqual(replica.captured_queries, [])
        self.assertEqual(Article.objects.get(pk=self.article.pk).status, Article.Status.REJECTED)

    def test_migrations_run_only_on_the_primary(self):
        router = routers.ReplicaRouter()
        self.assertTrue(router.allow_migrate("default", "archive"))
        self.assertFalse(router.allow_migrate(routers.REPLICA, "archive"))
        self.assertEqual(router.db_for_write(Article), "default")


class PerRequestReadTests(TestCase):
    """The versions of the in-memory copies are read once per public
    request, and afresh outside one."""

    @classmethod
    def setUpTestData(cls):
        factories.article("اجتماع التحالف في روما", "نص عن روما ووزير الخارجية")

    def version_reads(self, queries) -> dict[str, int]:
        sql = [query["sql"] for query in queries]
        return {
            "versions": sum(s.startswith(f"SELECT number, people_number, statements_number FROM {versions.VERSION_TABLE}") for s in sql),
            # The people's version is a number beside the articles' (migration
            # 0032), not a look at their history.
            "names": sum("archive_historicalperson" in s for s in sql),
        }

    def test_a_search_page_reads_the_versions_once(self):
        with CaptureQueriesContext(connections["default"]) as queries:
            response = self.client.get("/", {"q": "روما", "sort": "relevance"})
        self.assertContains(response, "اجتماع التحالف في روما")
        self.assertEqual(self.version_reads(queries.captured_queries), {"versions": 1, "names": 0})

    def test_the_next_request_reads_them_again(self):
        self.client.get("/", {"q": "روما"})
        with CaptureQueriesContext(connections["default"]) as queries:
            self.client.get("/", {"q": "روما"})
        self.assertEqual(self.version_reads(queries.captured_queries), {"versions": 1, "names": 0})

    def test_outside_a_request_every_call_reads(self):
        with CaptureQueriesContext(connections["default"]) as queries:
            versions.version()
            versions.version()
        self.assertEqual(self.version_reads(queries.captured_queries)["versions"], 2)

    def test_reads_once_keeps_them_for_a_block_as_for_a_request(self):
        with CaptureQueriesContext(connections["default"]) as queries, routers.reads_once():
            versions.version()
            versions.current()
        self.assertEqual(self.version_reads(queries.captured_queries)["versions"], 1)
