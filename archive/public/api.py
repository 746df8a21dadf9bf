"""The archive's JSON interface, described as an OpenAPI 3.1 document
(/api/openapi.json) and on the API page (/api/), both from document().

Choices:
- The document is built from the code that answers, so it cannot drift
  from it: each endpoint's query parameters from its FilterSet's form
  fields (ArticleFilter, whose facets archive.search.facets declares, and
  StatementFilter); each record's fields from archive.public.export's
  column lists, with a type per field declared here once. A column with no
  type here stops the build (KeyError), so the tests fail rather than a
  field going undocumented; tests/public/test_api.py validates real
  responses against the document.
- Our own ~200 lines rather than drf-spectacular or django-ninja: those
  describe a REST framework's views, and the archive has none; its JSON
  endpoints are streaming exports of the public pages' own searches.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import django_filters
from django import forms
from django.utils.translation import gettext, gettext_lazy as _

from archive.i18n import ARCHIVE_NAME
from archive.public import export
from archive.search.filters import ArticleFilter
from archive.search.statements import StatementFilter

TEXT = {"type": "string"}
TEXT_OR_NULL = {"type": ["string", "null"]}
INT = {"type": "integer"}
INT_OR_NULL = {"type": ["integer", "null"]}
URL = {"type": "string", "format": "uri"}
URL_OR_NULL = {"type": ["string", "null"], "format": "uri"}
DATE_OR_NULL = {"type": ["string", "null"], "format": "date"}
BOOL = {"type": "boolean"}
TEXTS = {"type": "array", "items": TEXT}


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": properties, "required": required or list(properties),
            "additionalProperties": False}


PARTICIPANT = _object({"name": TEXT, "role": TEXT_OR_NULL, "country": TEXT_OR_NULL, "is_chair": BOOL})
MEETING_IN_ARTICLE = _object({
    "id": INT, "name": TEXT, "date": DATE_OR_NULL, "place": TEXT_OR_NULL, "format": TEXT, "kind": TEXT,
    "member_count": INT_OR_NULL, "url": URL,
})

# The type of every field each export writes, by export.
FIELDS = {
    "Article": {
        "id": INT, "url": URL, "title": TEXT, "outlet": TEXT_OR_NULL, "published_on": DATE_OR_NULL,
        "meeting": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/MeetingInArticle"}]},
        "persons": {"type": "array", "items": {"$ref": "#/components/schemas/Participant"}},
        "countries": TEXTS, "resolutions": {"type": "array", "items": INT}, "snippet": TEXT_OR_NULL,
        "source_file": TEXT, "source_url": URL_OR_NULL, "body": TEXT,
    },
    "Meeting": {
        "id": INT, "url": URL, "name": TEXT, "name_en": TEXT_OR_NULL, "date": DATE_OR_NULL, "end_date": DATE_OR_NULL,
        "place": TEXT_OR_NULL, "format": TEXT, "kind": TEXT, "ordinal": INT_OR_NULL, "member_count": INT_OR_NULL,
        "participant_count": INT_OR_NULL, "chairs": TEXTS,
        "participants": {"type": "array", "items": {"$ref": "#/components/schemas/Participant"}},
        "articles": INT, "origin": TEXT, "unverified": BOOL, "statement_url": URL_OR_NULL,
        "sources": {"type": "array", "items": URL},
    },
    "Person": {"id": INT, "url": URL, "name": TEXT, "name_en": TEXT_OR_NULL, "country": TEXT_OR_NULL,
               "aliases": TEXTS, "roles": TEXTS, "articles": INT},
    "Resolution": {"number": INT, "url": URL, "year": INT_OR_NULL, "adopted_on": DATE_OR_NULL, "subject_en": TEXT,
                   "topic_en": TEXT, "citations": INT, "un_document": URL},
    "Statement": {
        "id": INT, "url": URL, "speaker": TEXT, "speaker_kind": TEXT, "collective": TEXT_OR_NULL,
        "speaker_url": URL_OR_NULL, "country": TEXT_OR_NULL, "verb": TEXT, "text": TEXT, "quote": BOOL,
        "date": DATE_OR_NULL, "article_title": TEXT, "article_url": URL, "outlet": TEXT_OR_NULL,
        "meeting": TEXT_OR_NULL, "meeting_url": URL_OR_NULL, "start": INT, "end": INT,
    },
}
COLUMNS = {"Article": export.COLUMNS, "Meeting": export.MEETING_COLUMNS, "Person": export.PERSON_COLUMNS,
           "Resolution": export.RESOLUTION_COLUMNS, "Statement": export.STATEMENT_COLUMNS}
# The CSV's flattened columns that the JSON export nests (meeting_*, chairs).
NESTED_IN_JSON = {"meeting_date", "meeting_place", "meeting_format", "meeting_kind", "member_count", "chairs"}

SEARCH_HEAD = _object({"query": TEXT_OR_NULL, "filters": {"type": "object"}, "total": INT,
                       "exported_at": {"type": "string", "format": "date-time"}, "search_url": URL,
                       "limit": {"type": "null"}})
LIST_HEAD = _object({"exported_at": {"type": "string", "format": "date-time"}, "limit": {"type": "null"},
                     "list_url": URL})


@dataclass(frozen=True)
class Endpoint:
    path: str
    summary: str
    description: str
    record: str  # the schema of one row
    key: str  # the array's name in the JSON
    head: str  # "SearchHead" or "ListHead"
    filters: type[django_filters.FilterSet] | None = None
    left_out: tuple[str, ...] = ()  # form fields that are not the endpoint's parameters


ENDPOINTS = (
    Endpoint("/export.json", _("المقالات المنشورة التي يجدها بحث"), _("البحث نفسه الذي تعرضه الصفحة الرئيسية بكل مرشحاته، "
             "كل المقالات المطابقة دون حد، بترتيب البحث."), "Article", "articles", "SearchHead", ArticleFilter),
    Endpoint("/statements.json", _("التصريحات المنسوبة إلى قائليها"), _("من قال ماذا، بمرشحات صفحة التصريحات."),
             "Statement", "statements", "SearchHead", StatementFilter),
    Endpoint("/meetings.json", _("اجتماعات التحالف"), _("كل الاجتماعات المعروضة، بالمشاركين والمصادر."), "Meeting",
             "meetings", "ListHead"),
    Endpoint("/people.json", _("الأشخاص"), _("كل شخص ورد في مقال منشور، بأسمائه الأخرى وصفاته."), "Person", "people",
             "ListHead"),
    Endpoint("/resolutions.json", _("قرارات مجلس الأمن"), _("كل قرار تستشهد به مقالات منشورة، بسنة اعتماده وموضوعه."),
             "Resolution", "resolutions", "ListHead"),
)


def _field_schema(field: forms.Field) -> tuple[dict, bool]:
    """A form field's value as a JSON Schema, and whether it may repeat."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {"type": "string" if field.to_field_name == "iso_code" else "integer"}, True
    if isinstance(field, forms.MultipleChoiceField):
        values = [value for value, _ in field.choices]
        if getattr(field, "coerce", None) is int:  # years: a range, not 111 enumerated values
            numbers = [int(v) for v in values]
            return {"type": "integer", "minimum": min(numbers), "maximum": max(numbers)}, True
        return {"type": "string", "enum": values}, True
    if isinstance(field, forms.ModelChoiceField):
        return {"type": "integer"}, False
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _ in field.choices if value != ""]}, False
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}, False
    if isinstance(field, (forms.IntegerField, forms.DecimalField)):
        bounds = {k: v for k, v in (("minimum", field.min_value), ("maximum", field.max_value)) if v is not None}
        return {"type": "integer", **{k: int(v) for k, v in bounds.items()}}, False
    if isinstance(field, forms.NullBooleanField):
        return {"type": "boolean"}, False
    schema = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema, False


def parameters(filters: type[django_filters.FilterSet], left_out: tuple[str, ...] = ()) -> list[dict]:
    """The query parameters of a FilterSet, each with its label as its
    description; a parameter that may repeat is an array (?person=1&person=2)."""
    found = []
    for name, field in filters(queryset=filters._meta.model.objects.none()).form.fields.items():
        if name in left_out:
            continue
        schema, repeats = _field_schema(field)
        if repeats:
            schema = {"type": "array", "items": schema}
        found.append({"name": name, "in": "query", "required": False, "description": str(field.label or name),
                      "schema": schema, **({"explode": True, "style": "form"} if repeats else {})})
    return found


def _record(name: str) -> dict:
    columns = [c for c in COLUMNS[name] if not (name == "Article" and c in NESTED_IN_JSON)]
    return _object({column: FIELDS[name][column] for column in columns})


def _operation(endpoint: Endpoint) -> dict:
    body = _object({"export": {"$ref": f"#/components/schemas/{endpoint.head}"},
                    endpoint.key: {"type": "array", "items": {"$ref": f"#/components/schemas/{endpoint.record}"}}})
    operation = {
        "summary": str(endpoint.summary), "description": str(endpoint.description),
        "operationId": endpoint.key,
        "parameters": parameters(endpoint.filters, endpoint.left_out) if endpoint.filters else [],
        "responses": {
            "200": {"description": gettext("الملف كاملاً؛ إن انقطع أثناء الكتابة خُتم بعلامة «غير مكتمل»."),
                    "content": {"application/json": {"schema": body}}},
        },
    }
    if endpoint.filters:
        operation["responses"]["400"] = {"description": gettext("مرشح غير صالح: صفحة تشرح السبب."),
                                         "content": {"text/html": {"schema": TEXT}}}
    return operation


def document(base_url: str) -> dict:
    """The OpenAPI 3.1 document of the archive served at base_url."""
    schemas = {name: _record(name) for name in FIELDS}
    schemas.update(Participant=PARTICIPANT, MeetingInArticle=MEETING_IN_ARTICLE, SearchHead=SEARCH_HEAD,
                   ListHead=LIST_HEAD)
    return {
        "openapi": "3.1.0",
        "info": {"title": str(ARCHIVE_NAME), "version": _version(),
                 "description": gettext("تصدير البيانات المنشورة في الأرشيف بصيغة JSON. كل نقطة لها مقابل CSV "
                                        "بالمعاملات نفسها (استبدل ‎.json‎ بـ‎.csv‎).")},
        "servers": [{"url": base_url.rstrip("/")}],
        "paths": {endpoint.path: {"get": _operation(endpoint)} for endpoint in ENDPOINTS},
        "components": {"schemas": schemas},
    }


def _version() -> str:
    try:
        return version("coalition-archive")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0"
