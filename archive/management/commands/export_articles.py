import codecs

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import QueryDict
from django.utils import timezone

from archive import text
from archive.public import export
from archive.search.filters import ArticleFilter
from archive.models import Article, Country, Person


class Command(BaseCommand):
    help = "Export articles as CSV or JSON, with the filters of the search page (the same file the web gives)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--q", default="", help="A search, in the search box's syntax.")
        parser.add_argument("--year", action="append", default=[], help="A year (repeatable: OR).")
        parser.add_argument("--person", action="append", default=[], help="A person's id or name (repeatable).")
        parser.add_argument("--country", action="append", default=[], help="A country's ISO code, id or name.")
        parser.add_argument("--resolution", action="append", default=[], help="A resolution number (repeatable).")
        parser.add_argument("--outlet", action="append", default=[], help="An outlet's id (repeatable).")
        parser.add_argument("--meeting", action="append", default=[], help="A meeting's id (repeatable).")
        parser.add_argument("--sort", choices=["relevance", "newest", "oldest"], default=None)
        parser.add_argument(
            "--status", choices=["published", "all"], default="published",
            help="'all' (for editors) adds unpublished articles, with a status column.",
        )
        parser.add_argument(
            "--no-snippets", action="store_true",
            help="Leave out each row's snippet of the query: a CSV export is then as fast with a query as without.",
        )
        parser.add_argument("--output", default="-", help="A file to write (default: standard output).")
        parser.add_argument(
            "--base-url", default=getattr(settings, "ARCHIVE_BASE_URL", "http://localhost:8000"),
            help="The site's address, for the links in the file.",
        )

    def handle(self, *args, **options) -> None:
        params = QueryDict(mutable=True)
        if options["q"]:
            params["q"] = options["q"]
        if options["sort"]:
            params["sort"] = options["sort"]
        if options["no_snippets"]:
            params["snippets"] = "0"
        params.setlist("year", options["year"])
        params.setlist("person", [_person_id(value) for value in options["person"]])
        params.setlist("country", [_country_id(value) for value in options["country"]])
        params.setlist("resolution", options["resolution"])
        params.setlist("outlet", options["outlet"])
        params.setlist("meeting", options["meeting"])
        everything = options["status"] == "all"
        articles = Article.objects.all() if everything else Article.objects.published()
        filterset = ArticleFilter(params, queryset=articles, everything=everything)
        if not filterset.is_valid():
            problems = "; ".join(f"--{name}: {' '.join(errors)}" for name, errors in filterset.form.errors.items())
            raise CommandError(f"Bad filter: {problems}")
        base = options["base_url"].rstrip("/")
        search_url = f"{base}/?{params.urlencode()}" if params else f"{base}/"
        stream = export.articles_stream(
            filterset, options["format"], lambda path: base + path, search_url, timezone.now(), with_status=everything
        )
        if options["output"] == "-":
            # Whole rows come at a time (COPY sends one per message), but a
            # decoder that keeps a split character costs nothing to be sure.
            decoder = codecs.getincrementaldecoder("utf-8")()
            for chunk in stream:
                self.stdout.write(decoder.decode(chunk), ending="")
            return
        try:
            with open(options["output"], "wb") as file:
                for chunk in stream:
                    file.write(chunk)
        except OSError as error:
            raise CommandError(f"{options['output']}: {error.strerror or error}") from error
        self.stderr.write(f"Wrote {options['output']}")


def _person_id(value: str) -> str:
    if value.isdigit():
        return value
    key = text.key(value)
    person = Person.objects.filter(key=key).first() or Person.objects.filter(aliases__key=key).first()
    if person is None:
        raise CommandError(f"--person: no person named {value!r}")
    return str(person.pk)


def _country_id(value: str) -> str:
    if value.isdigit():
        return value
    country = (
        Country.objects.filter(iso_code=value.upper()).first()
        or Country.objects.filter(key=text.key(value)).first()
        or Country.objects.filter(name_en__iexact=value).first()
    )
    if country is None:
        raise CommandError(f"--country: no country {value!r}")
    return str(country.pk)
