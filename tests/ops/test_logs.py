"""Logs and error reports (archive/ops/logs.py)."""

import json
import logging
import logging.config

import django
from django.conf import settings
from django.core import mail
from django.test import SimpleTestCase, TestCase, override_settings

from archive.ops import logs


class RequestIdTests(TestCase):
    def test_each_response_carries_a_new_id_and_its_line_in_the_log(self):
        with self.assertLogs("archive.request", "INFO") as caught:
            first = self.client.get("/healthz")
            second = self.client.get("/healthz")
        self.assertNotEqual(first["X-Request-ID"], second["X-Request-ID"])
        record = caught.records[0]
        self.assertEqual((record.method, record.path, record.status), ("GET", "/healthz", first.status_code))
        self.assertGreaterEqual(record.duration_ms, 0)
        self.assertNotIn("?", caught.output[0])

    def test_a_proxy_s_id_is_kept_unless_it_could_forge_a_line(self):
        self.assertEqual(self.client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.2")["X-Request-ID"], "lb-7f3a.2")
        forged = self.client.get("/healthz", HTTP_X_REQUEST_ID="x\" INFO fake line")["X-Request-ID"]
        self.assertRegex(forged, r"^[0-9a-f]{32}$")

    def test_the_query_a_researcher_typed_stays_out_of_the_log(self):
        with self.assertLogs("archive.request", "INFO") as caught:
            self.client.get("/", {"q": "فؤاد حسين"})
        self.assertNotIn("فؤاد", caught.output[0])


class FormatTests(SimpleTestCase):
    def _line(self, formatter: logging.Formatter, **fields) -> str:
        record = logging.LogRecord("archive.request", logging.INFO, __file__, 1, "GET / 200", None, None)
        for name, value in fields.items():
            setattr(record, name, value)
        logs.RequestIdFilter().filter(record)
        return formatter.format(record)

    def test_json_lines_hold_time_level_request_id_and_the_request_s_fields(self):
        line = json.loads(self._line(logs.JsonFormatter(), method="GET", path="/", status=200, duration_ms=12.5))
        self.assertEqual((line["level"], line["logger"], line["status"], line["duration_ms"]),
                         ("INFO", "archive.request", 200, 12.5))
        self.assertRegex(line["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$")
        self.assertEqual(line["request_id"], "-")  # outside a request

    def test_bad_settings_are_refused_by_name(self):
        with self.assertRaisesMessage(ValueError, "LOG_FORMAT='xml'"):
            logs.config("xml", "INFO", admins=False)
        with self.assertRaisesMessage(ValueError, "LOG_LEVEL='LOUD'"):
            logs.config("json", "LOUD", admins=False)


# The test run's mail goes to mail.outbox (Django's test environment).
@override_settings(ADMINS=["duty@example.org"] if django.VERSION >= (6, 0) else [("Duty", "duty@example.org")])
class ErrorReportTests(SimpleTestCase):
    def tearDown(self):
        logging.config.dictConfig(settings.LOGGING)

    def test_a_server_error_is_mailed_to_the_admins_when_there_are_any(self):
        logging.config.dictConfig(logs.config("text", "INFO", admins=True))
        logging.getLogger("django.request").error("Internal Server Error: /meetings/")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["duty@example.org"])

    def test_without_admins_no_mail_handler_is_installed(self):
        logging.config.dictConfig(logs.config("text", "INFO", admins=False))
        logging.getLogger("django.request").error("Internal Server Error: /meetings/")
        self.assertEqual(mail.outbox, [])


class SentryTests(SimpleTestCase):
    def test_no_dsn_starts_nothing_and_a_dsn_starts_the_client(self):
        import sentry_sdk

        self.assertFalse(logs.start_sentry(None, "test"))
        try:
            self.assertTrue(logs.start_sentry("https://public@sentry.example.invalid/1", "test"))
            self.assertEqual(sentry_sdk.get_client().dsn, "https://public@sentry.example.invalid/1")
        finally:
            sentry_sdk.init(dsn=None)
