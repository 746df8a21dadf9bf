"""The filter form of the search page and of its exports.

django-filter, used as documented: a FilterSet whose filters are declared
(the query and the order) or made by the facet declarations
(archive.search.facets, through get_filters), that validates a request's
parameters and says what is wrong with each. The filtering itself is the
engine's (archive.search.engine): filter_queryset, django-filter's hook
for it, keeps the engine's results, and the exports read the engine's
ordered ids, so the page, its CSV and JSON and the command-line export hold
exactly the same rows, by one implementation of each rule.

It earns its place by the form: typed multiple-choice and record fields,
their error messages, and the merged-record redirects read off its
filters' querysets. An earlier version patched its internals (shallow
copies of filters and fields, deepcopy overridden): a FilterSet cost
0.3 ms with them and costs 2.4 ms without (the best of seven runs of 200
on the sample archive; 2.9 ms before the years' choices and the records
became callables). One documented hook is used: get_form_class, which
django-filter says to override for a form class of one's own, returns a
class made once per declaration of the facets, which took a FilterSet
from 1.10 to 0.85 ms (1,000 on the sample archive). At 100,000 articles,
the old code and this one on the same machine and database, the search
page took 31.5 and 33.6 ms (four searches, forty times each) and a broad
query's facet counts with its matches remembered 10.3-11.5 and
12.6-13.3 ms: a price kept for code that uses the library as its
documentation says.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from archive import text
from archive.editorial import merging
from archive.models import Article
from archive.search import engine, facets, queries, ranking

# Long enough for any real query, short enough that no one can make the
# database parse a novel.
QUERY_MAX_LENGTH = 300
# Words, counted as the search counts them (archive.text.words): each one
# becomes a dozen lexemes in the tsquery (its forms, with and without
# clitics), an index look-up for each unfamiliar form, and up to two
# trigram look-ups for "did you mean"; 300 characters of one-letter words
# would be 150 of them. Forty holds a quoted sentence of a statement or a
# resolution's title with room to spare.
QUERY_MAX_WORDS = 40
# Characters in one word, after normalization: NFKC turns one presentation
# form into up to eighteen letters (ﷲ is الله), so 300 typed characters can
# make a word past PostgreSQL's 2 KB limit on a tsquery lexeme, an error
# rather than a search. No word of the archive comes near this.
QUERY_MAX_WORD_LENGTH = 64
# An article's date is its meeting's, else its publication's: researchers
# ask when something was said at a meeting, not when a site posted it.
EVENT_DATE = Coalesce("meeting__date", "published_on")


def bounded_words(value: str) -> None:
    if len(value) > QUERY_MAX_LENGTH:
        return  # refused for its length already; no need to read it
    words = text.words(value)
    if len(words) > QUERY_MAX_WORDS:
        raise ValidationError(
            _("البحث أطول من اللازم: %(most)s كلمة على الأكثر، وفي هذا البحث %(found)s.")
            % {"most": QUERY_MAX_WORDS, "found": len(words)}, code="max_words"
        )
    if any(len(word) > QUERY_MAX_WORD_LENGTH for word in words):
        raise ValidationError(
            _("في البحث كلمة أطول من %(most)s حرفاً؛ لا كلمة بهذا الطول في الأرشيف.") % {"most": QUERY_MAX_WORD_LENGTH},
            code="max_word_length"
        )


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("البحث"), method="filter_nothing", max_length=QUERY_MAX_LENGTH, strip=True, validators=[bounded_words]
    )
    sort = django_filters.ChoiceFilter(
        label=_("الترتيب"),
        choices=[
            (ranking.SORT_RELEVANCE, _("الأكثر صلة")),
            (ranking.SORT_NEWEST, _("الأحدث أولاً")),
            (ranking.SORT_OLDEST, _("الأقدم أولاً")),
        ],
        method="filter_nothing",
        empty_label=None,
    )

    # An export's option, not a filter: snippets=0 leaves each row's
    # snippet out, and the CSV is then written by PostgreSQL's COPY
    # (archive.public.export), as fast with a query as without one.
    snippets = django_filters.ChoiceFilter(
        label=_("المقتطفات في التصدير"),
        choices=[("1", _("مع المقتطفات")), ("0", _("دون المقتطفات"))],
        method="filter_nothing",
    )

    class Meta:
        model = Article
        fields: list[str] = []

    def __init__(self, *args, everything: bool = False, **kwargs) -> None:
        """everything: search every article, not only the published (an
        editor's export, export_articles --status all)."""
        super().__init__(*args, **kwargs)
        self.everything = everything

    @classmethod
    def get_filters(cls) -> dict[str, django_filters.Filter]:
        """The query, each declared facet's filter in its order, the order,
        and the exports' snippets option."""
        declared = super().get_filters()
        made = {kind.name: kind.form_filter() for kind in facets.declared()}
        return {"q": declared["q"], **made, "sort": declared["sort"], "snippets": declared["snippets"]}

    def get_form_class(self) -> type[forms.Form]:
        """The form's class: the hook django-filter's documentation names
        for a form class of one's own. Its fields depend on the declared
        filters alone, not on a request: the records' querysets are lazy
        and each form gets its own copy (Django copies a form's fields, and
        a record field's queryset with it), the years' choices are a
        callable read on each use, the labels are translated when shown.
        So the class is made once for each declaration of the facets."""
        if _FORM_CLASSES.get(type(self)) is None:
            _FORM_CLASSES[type(self)] = super().get_form_class()
        return _FORM_CLASSES[type(self)]

    def filter_nothing(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset  # applied by the engine, with every other filter

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """The engine's results, in no particular order (results() gives the
        order): the articles of the queryset given that the engine finds."""
        return queryset.filter(pk__in=[int(i) for i in self.results(order=False).ids])

    def results(self, order: bool = True) -> engine.Counted:
        """The ids of the results in page order (unless not asked), and the
        facets' counts."""
        return engine.count(self.query, self.values(), self.sort_order, order=order, everything=self.everything)

    def values(self) -> dict[str, list]:
        """The valid filters as plain values (ids, numbers, codes, dates),
        each as a list: what the engine tests its columns with."""
        found: dict[str, list] = {}
        for kind in facets.declared():
            value = self.form.cleaned_data.get(kind.name)
            if value is None or value == "":
                continue
            if isinstance(value, QuerySet) and value.query.is_empty():
                # A record filter left empty: .none(), which the ORM would
                # compile into a query to find nothing (a fifth of a
                # millisecond each, four of them on most search pages).
                continue
            values = kind.plain(value)
            if values:
                found[kind.name] = values
        return found

    @property
    def query_text(self) -> str:
        return self.form.cleaned_data.get("q") or ""

    @property
    def query(self) -> queries.Query:
        """The parsed query, parsed once per request."""
        if getattr(self, "_query", None) is None or self._query.text != self.query_text:
            self._query = queries.prune(queries.parse(self.query_text))
        return self._query

    @property
    def with_snippets(self) -> bool:
        return self.form.cleaned_data.get("snippets") != "0"

    @property
    def sort_order(self) -> str:
        return self.form.cleaned_data.get("sort") or ranking.SORT_RELEVANCE


# ArticleFilter.get_form_class's classes, made again when the facets change.
_FORM_CLASSES: dict[type, type[forms.Form]] = {}


def _redeclare() -> None:
    ArticleFilter.base_filters = ArticleFilter.get_filters()
    _FORM_CLASSES.clear()


facets.on_change(_redeclare)


def _merged_away(model, values: list[str]) -> dict[str, str]:
    """Of the keys a filter was given, those of records merged away since,
    each with the kept record's key."""
    keys = {value for value in values if value.isdigit() and len(value) < 12}
    if not keys or model not in merging.MERGEABLE.values():
        return {}
    existing = {str(pk) for pk in model._base_manager.filter(pk__in=keys).values_list("pk", flat=True)}
    moved = {key: merging.kept_pk(model, int(key)) for key in keys - existing}
    return {key: str(kept) for key, kept in moved.items() if kept is not None}


def following_merges(params: QueryDict) -> QueryDict | None:
    """The query with every merged-away record it filters by replaced by
    the record it was merged into, or None when it names none: a saved link
    to ?meeting=16 still finds the meeting 16 became."""
    followed, changed = params.copy(), False
    for kind in facets.declared():
        name, model = kind.name, getattr(kind, "model", None)
        if model is None or name not in params:
            continue
        values = params.getlist(name)
        moved = _merged_away(model, values)
        if moved:
            followed.setlist(name, list(dict.fromkeys(moved.get(value, value) for value in values)))
            changed = True
    return followed if changed else None
