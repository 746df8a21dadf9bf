"""The benchmark's second peer: Tantivy, a Lucene-class engine, in process.

Issue 24 asks the archive to stand beside an engine built for search, on the
same work. So the copy here is made with the archive's own analysis, not
Tantivy's:

- every word of an article's title, entities and body is indexed at its
  position with every form archive.text gives it (the word as written,
  normalized, and its forms without clitics), and its bare form
  (archive.search.indexing.bare_form), as tokens at that one position
  (Tantivy's pre-tokenized text);
- a query is the archive's own parse (archive.search.queries.parse, name
  variants included): a word matches any of its forms, a phrase is a
  phrase of bare forms, OR, exclusion;
- the facets are the archive's counted facets (archive.search.facets:
  year, format, kind, outlet, meeting, people, countries, resolutions), as
  fast fields; each is counted with the other filters applied, as the
  archive's page counts them: one aggregation for the facets without a
  filter, and one more for each filtered facet without its own filter;
- a search is the first PAGE_SIZE hits by BM25 with the total, plus the
  facets. That is what the figure times: the query built from the parse,
  the search and the aggregations. The parse itself, shared with the
  archive, is not timed on either side's account here.

Tantivy is an optional dependency (the `test` extra); without it the
benchmark says so and goes on.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from archive import text
from archive.models import Article
from archive.search import facets, indexing, queries

PAGE_SIZE = 20
TEXT = "words"
ID = "id"  # stored: a page shows its articles
WRITER_HEAP_BYTES = 256_000_000
# The facets' columns as Tantivy fields: integers, or codes (raw text).
_TEXT_COLUMNS = {"meeting_format", "meeting_kind"}


class PeerUnavailable(RuntimeError):
    """Tantivy is not installed."""


def available() -> bool:
    return importlib.util.find_spec("tantivy") is not None


@dataclass
class Copy:
    """An index of the published articles, and what it took."""

    index: object  # tantivy.Index
    schema: object  # tantivy.Schema
    folder: Path
    articles: int
    seconds: float

    @property
    def bytes(self) -> int:
        return sum(path.stat().st_size for path in self.folder.rglob("*") if path.is_file())

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def counted_columns() -> dict[str, str]:
    """Each counted facet's name → its article column (the fields of the copy)."""
    return {kind.name: kind.column for kind in facets.counted()}


def build() -> Copy:
    """Index the published articles in a new temporary folder."""
    if not available():
        raise PeerUnavailable("Tantivy is not installed: pip install -e '.[test]'")
    import tantivy

    started = time.perf_counter()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(TEXT, tokenizer_name="raw", index_option="position")
    builder.add_integer_field(ID, stored=True)
    for column in counted_columns().values():
        if column in _TEXT_COLUMNS:
            builder.add_text_field(column, tokenizer_name="raw", fast=True)
        else:
            builder.add_integer_field(column, indexed=True, fast=True)
    schema = builder.build()
    folder = Path(tempfile.mkdtemp(prefix="tantivy-peer-"))
    index = tantivy.Index(schema, path=str(folder))
    writer = index.writer(WRITER_HEAP_BYTES)
    count = 0
    for document in _documents(tantivy):
        writer.add_document(document)
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return Copy(index, schema, folder, count, time.perf_counter() - started)


def _documents(tantivy) -> Iterator[object]:
    columns = list(counted_columns().values())
    ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), indexing.REINDEX_BATCH):
        batch = ids[start : start + indexing.REINDEX_BATCH]
        texts = {pk: (title, entities, body) for pk, title, entities, body in indexing.article_texts(batch)}
        rows = Article.objects.filter(pk__in=batch).values_list("pk", *columns)
        for pk, *values in rows:
            document = tantivy.Document()
            document.add_integer(ID, pk)
            document.add_pre_tokenized_text(TEXT, _tokens(tantivy, *texts[pk]))
            for column, value in zip(columns, values):
                for item in value if isinstance(value, list) else [value]:
                    if item in (None, ""):
                        continue
                    if column in _TEXT_COLUMNS:
                        document.add_text(column, item)
                    else:
                        document.add_integer(column, int(item))
            yield document


def _tokens(tantivy, title: str, entities: list[str], body: str):
    """The article's words at their positions, with their forms and bare
    form at the same position, parts apart as the archive keeps them."""
    tokens = []
    position = 0
    for part in [title, *entities, body]:
        for word in text.words(part):
            position += 1
            for form in dict.fromkeys([*text.word_forms(word), indexing.bare_form(word)]):
                tokens.append(tantivy.Token(form, position, 0, 0))
        position += indexing.PART_GAP
    return tantivy.PreTokenizedString("", tokens)


# Searching ---------------------------------------------------------------------


def query_of(copy: Copy, parsed: queries.Query, filters: dict[str, str], leave_out: str | None = None):
    """The Tantivy query of a parsed query and the page's filters (all but
    leave_out: a facet is counted without its own filter)."""
    import tantivy

    schema = copy.schema
    clauses = []
    for group in parsed.groups:
        alternatives = [_phrase(schema, item) if isinstance(item, tuple) else _word(schema, item) for item in group]
        clauses.append((tantivy.Occur.Must, _any(alternatives)))
    for term in parsed.excluded:
        clauses.append((tantivy.Occur.MustNot, _word(schema, term)))
    columns = counted_columns()
    for name, value in filters.items():
        if name != leave_out:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(schema, columns[name], _typed(columns[name], value))))
    if not any(occur == tantivy.Occur.Must for occur, _ in clauses):
        clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(clauses)


def _typed(column: str, value: str):
    return value if column in _TEXT_COLUMNS else int(value)


def _word(schema, term: queries.Term):
    import tantivy

    return _any([tantivy.Query.term_query(schema, TEXT, form) for form in term.forms])


def _phrase(schema, terms: tuple[queries.Term, ...]):
    import tantivy

    return tantivy.Query.phrase_query(schema, TEXT, [indexing.bare_form(term.word) for term in terms])


def _any(alternatives: list):
    import tantivy

    if len(alternatives) == 1:
        return alternatives[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, query) for query in alternatives])


@dataclass
class Answer:
    total: int
    ids: list[int]  # the articles of the page, best first
    facets: dict[str, dict]  # facet name → {value: count}


def search(copy: Copy, parsed: queries.Query, filters: dict[str, str], top_values: int = facets.TOP_VALUES,
           page_size: int = PAGE_SIZE) -> Answer:
    """One search as the archive's page makes it: the first hits, the total,
    and every counted facet with the other filters applied."""
    searcher = copy.index.searcher()
    query = query_of(copy, parsed, filters)
    result = searcher.search(query, page_size, count=True)
    ids = [searcher.doc(address).get_first(ID) for _, address in result.hits]
    columns = counted_columns()
    shared = [name for name in columns if name not in filters]
    counts = _aggregate(searcher, query, {name: columns[name] for name in shared}, top_values)
    for name in filters:
        if name in columns:
            alone = query_of(copy, parsed, filters, leave_out=name)
            counts.update(_aggregate(searcher, alone, {name: columns[name]}, top_values))
    return Answer(result.count, ids, counts)


def _aggregate(searcher, query, fields: dict[str, str], size: int) -> dict[str, dict]:
    if not fields:
        return {}
    spec = {name: {"terms": {"field": column, "size": size}} for name, column in fields.items()}
    found = searcher.aggregate(query, spec)
    return {name: {bucket["key"]: bucket["doc_count"] for bucket in found[name]["buckets"]} for name in fields}
