"""The API's description (/api/openapi.json) is valid OpenAPI, and the real
JSON responses of every endpoint it describes match it."""

import datetime
import json

import jsonschema
from django.test import TestCase
from openapi_spec_validator import validate

from archive.models import Citation, Country, CountryMention, Meeting, Outlet, Person, PersonMention, Resolution, Statement
from archive.public import api
from tests import factories


class OpenApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        outlet = Outlet.objects.create(key="api-outlet", name="الشرق الأوسط")
        meeting = Meeting.objects.filter(date__isnull=False).first()
        cls.article = factories.article("وزراء التحالف يجتمعون", "قال أنتوني بلينكن إن التحالف باق.",
                                        published_on=datetime.date(2023, 6, 8), outlet=outlet, meeting=meeting,
                                        source_url="https://aawsat.com/1")
        factories.article("مقال بلا مصدر ولا تاريخ", "نص التحالف.")
        person = Person.objects.create(name="أنتوني بلينكن", name_en="Antony Blinken")
        PersonMention.objects.create(article=cls.article, person=person, name_as_written="أنتوني بلينكن",
                                     role="وزير الخارجية", sentence="س")
        iraq, _ = Country.objects.get_or_create(iso_code="IQ", defaults={"name": "العراق"})
        CountryMention.objects.create(article=cls.article, country=iraq, name_as_written="العراق")
        Citation.objects.create(article=cls.article, resolution=Resolution.objects.create(number=2254), sentence="س")
        Statement.objects.create(article=cls.article, person=person, speaker_kind="person", speaker_name="أنتوني بلينكن", verb="قال",
                                 text="إن التحالف باق", start=0, end=10, position=0)
        cls.document = json.loads(cls.client_class().get("/api/openapi.json").content)

    def test_the_document_is_valid_openapi(self):
        validate(self.document)

    def test_every_described_endpoint_answers_as_described(self):
        for path, item in self.document["paths"].items():
            with self.subTest(path=path):
                response = self.client.get(path, {"q": "التحالف"} if path in ("/export.json", "/statements.json") else {})
                self.assertEqual(response.status_code, 200)
                body = json.loads(b"".join(response.streaming_content))
                schema = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                resolver = {"components": self.document["components"], **schema}
                jsonschema.validate(body, resolver, format_checker=jsonschema.FormatChecker())
                key = next(k for k in body if k != "export")
                self.assertTrue(body[key], f"{path} gave no rows to check")

    def test_a_row_that_strays_from_the_document_fails_it(self):
        body = json.loads(b"".join(self.client.get("/people.json").streaming_content))
        body["people"][0]["nickname"] = "x"
        schema = self.document["paths"]["/people.json"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate(body, {"components": self.document["components"], **schema})

    def test_the_search_parameters_are_the_search_page_s_own(self):
        names = [p["name"] for p in self.document["paths"]["/export.json"]["get"]["parameters"]]
        self.assertEqual(names[:2], ["q", "year"])
        self.assertIn("person", names)
        person = next(p for p in self.document["paths"]["/export.json"]["get"]["parameters"] if p["name"] == "person")
        self.assertEqual(person["schema"], {"type": "array", "items": {"type": "integer"}})

    def test_the_api_page_lists_every_endpoint_and_links_the_document(self):
        html = self.client.get("/api/").content.decode()
        for endpoint in api.ENDPOINTS:
            self.assertIn(f"GET {endpoint.path}", html)
        self.assertIn('href="/api/openapi.json"', html)


class HelpPageTests(TestCase):
    def test_the_help_page_explains_the_syntax_with_working_examples(self):
        html = self.client.get("/help/").content.decode()
        for section in ("search", "facets", "exports", "feeds", "citing"):
            self.assertIn(f'id="{section}"', html)
        self.assertIn("?q=%22المقاتلين+الأجانب%22", html)
        for example in ("/?q=الموصل+تحرير", "/?q=التحالف+-سوريا"):
            self.assertEqual(self.client.get(example).status_code, 200)

    def test_every_page_links_help_and_the_api(self):
        html = self.client.get("/").content.decode()
        self.assertIn('href="/help/"', html)
        self.assertIn('href="/api/"', html)
