"""The filters researchers apply to published articles.

The search page, its CSV export and the command-line export all use this
FilterSet, so a file always holds exactly the rows the page counts.
"""

from __future__ import annotations

import copy

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.db.models.functions import Coalesce
from django_filters.filters import FilterMethod

from archive import search, text
from archive.editorial import merging
from archive.models import Article, Country, Meeting, MeetingFormat, MeetingKind, Outlet, Person, Resolution

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
YEARS = range(1990, 2101)

# An article's date is its meeting's, else its publication's: researchers
# ask when something was said at a meeting, not when a site posted it.
EVENT_DATE = Coalesce("meeting__date", "published_on")


def _bounded_words(value: str) -> None:
    if len(value) > QUERY_MAX_LENGTH:
        return  # refused for its length already; no need to read it
    words = text.words(value)
    if len(words) > QUERY_MAX_WORDS:
        raise ValidationError(
            f"البحث أطول من اللازم: {QUERY_MAX_WORDS} كلمة على الأكثر، وفي هذا البحث {len(words)}.", code="max_words"
        )
    if any(len(word) > QUERY_MAX_WORD_LENGTH for word in words):
        raise ValidationError(
            f"في البحث كلمة أطول من {QUERY_MAX_WORD_LENGTH} حرفاً؛ لا كلمة بهذا الطول في الأرشيف.", code="max_word_length"
        )


_YEAR_CHOICES = [(str(y), str(y)) for y in YEARS]


class _SharedFields(dict):
    """A form's fields, which each form takes as they are rather than deep
    copies of them (Django copies them in case a form changes its own; this
    one changes none, and its fields were half of a FilterSet's cost on
    the search page)."""

    def __deepcopy__(self, memo) -> dict:
        return dict(self)


class _Filters(dict):
    """A FilterSet's filters, each copied shallowly for a new FilterSet
    (django-filter deep-copies them: fields, choices and all), with its
    method bound to the copy, as deepcopy binds it. The filters' own
    values are never changed after the class is made."""

    def __deepcopy__(self, memo) -> dict:
        return {name: _copy_filter(filter_) for name, filter_ in self.items()}


def _copy_filter(filter_: django_filters.Filter) -> django_filters.Filter:
    copied = copy.copy(filter_)
    if isinstance(filter_.filter, FilterMethod):
        copied.filter = FilterMethod(copied)
    return copied


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="البحث", method="filter_nothing", max_length=QUERY_MAX_LENGTH, strip=True, validators=[_bounded_words]
    )
    year = django_filters.TypedMultipleChoiceFilter(
        label="السنة", choices=_YEAR_CHOICES, coerce=int, method="filter_year"
    )
    date_from = django_filters.DateFilter(label="من تاريخ", method="filter_date_from")
    date_to = django_filters.DateFilter(label="إلى تاريخ", method="filter_date_to")
    format = django_filters.MultipleChoiceFilter(
        label="صيغة الاجتماع", choices=MeetingFormat.choices, method="filter_format"
    )
    kind = django_filters.MultipleChoiceFilter(label="نوع الاجتماع", choices=MeetingKind.choices, method="filter_kind")
    outlet = django_filters.ModelMultipleChoiceFilter(
        label="المصدر", queryset=Outlet.objects.all(), method="filter_outlet"
    )
    meeting = django_filters.ModelMultipleChoiceFilter(
        label="الاجتماع", queryset=Meeting.objects.all(), method="filter_meeting"
    )
    person = django_filters.ModelMultipleChoiceFilter(
        label="الشخص", queryset=Person.objects.all(), method="filter_person"
    )
    country = django_filters.ModelMultipleChoiceFilter(
        label="الدولة", queryset=Country.objects.all(), method="filter_country"
    )
    resolution = django_filters.ModelMultipleChoiceFilter(
        label="القرار",
        queryset=Resolution.objects.all(),
        to_field_name="number",
        method="filter_resolution",
    )
    sort = django_filters.ChoiceFilter(
        label="الترتيب",
        choices=[
            (search.SORT_RELEVANCE, "الأكثر صلة"),
            (search.SORT_NEWEST, "الأحدث أولاً"),
            (search.SORT_OLDEST, "الأقدم أولاً"),
        ],
        method="filter_nothing",
        empty_label=None,
    )

    class Meta:
        model = Article
        fields: list[str] = []

    # django-filter builds the form class, and a field for each filter, for
    # every FilterSet, which is every request; none of it depends on the
    # request (each form copies its fields, and their querysets run when it
    # is cleaned), so it is built once. It was a third of a FilterSet's cost.
    _form_class: type | None = None

    def get_form_class(self):
        cls = type(self)
        if cls.__dict__.get("_form_class") is None:
            form_class = super().get_form_class()
            form_class.base_fields = _SharedFields(form_class.base_fields)
            cls._form_class = form_class
        return cls._form_class

    # Several values of one filter combine with OR. Each filter reads the
    # facts copied onto the article row (archive.indexing.refresh_facets),
    # so no join multiplies rows; the search page makes the same tests in
    # memory (archive.columns), which tests/test_columns holds to these.

    def filter_nothing(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset  # q and sort are applied together in filter_queryset

    def filter_year(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        # The year of the meeting an article reports, else of its publication.
        return queryset.filter(event_year__in=value) if value else queryset

    def filter_date_from(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(event_date__gte=value)

    def filter_date_to(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(event_date__lte=value)

    def filter_format(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(meeting_format__in=value) if value else queryset

    def filter_kind(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(meeting_kind__in=value) if value else queryset

    def filter_outlet(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(outlet__in=value) if value else queryset

    def filter_meeting(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(meeting__in=value) if value else queryset

    def filter_person(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(person_ids__overlap=[p.pk for p in value]) if value else queryset

    def filter_country(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(country_ids__overlap=[c.pk for c in value]) if value else queryset

    def filter_resolution(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(resolution_numbers__overlap=[r.number for r in value]) if value else queryset

    def values(self) -> dict[str, list]:
        """The valid filters as plain values (ids, numbers, codes, dates),
        each as a list: what archive.facets tests the facet columns with."""
        found: dict[str, list] = {}
        for name, value in self.form.cleaned_data.items():
            if name in ("q", "sort") or value is None or value == "":
                continue
            if isinstance(value, QuerySet) and value.query.is_empty():
                # A record filter left empty: .none(), which the ORM would
                # compile into a query to find nothing (a fifth of a
                # millisecond each, four of them on most search pages).
                continue
            if name in ("date_from", "date_to"):
                values = [value]
            elif name == "resolution":
                values = [r.number for r in value]
            else:  # records chosen become their ids
                values = [getattr(item, "pk", item) for item in value]
            if values:
                found[name] = values
        return found

    @property
    def query_text(self) -> str:
        return self.form.cleaned_data.get("q") or ""

    @property
    def query(self) -> search.Query:
        """The parsed query, parsed once per request."""
        if getattr(self, "_query", None) is None or self._query.text != self.query_text:
            self._query = search.prune(search.parse(self.query_text))
        return self._query

    @property
    def sort_order(self) -> str:
        return self.form.cleaned_data.get("sort") or search.SORT_RELEVANCE

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        return search.apply(queryset, self.query, self.sort_order)


ArticleFilter.base_filters = _Filters(ArticleFilter.base_filters)


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
    for name, filter_ in ArticleFilter.base_filters.items():
        model = getattr(getattr(filter_, "queryset", None), "model", None)
        if model is None or name not in params:
            continue
        values = params.getlist(name)
        moved = _merged_away(model, values)
        if moved:
            followed.setlist(name, list(dict.fromkeys(moved.get(value, value) for value in values)))
            changed = True
    return followed if changed else None
