"""A synthetic archive of realistic shape, for measuring at scale.

Articles are assembled from the sentences of real coalition reporting (the
sample seeds and the unseen test articles, cleaned) around generated facts:
a few hundred meetings from 2014 on, with chairs, places and the coalition's
growing membership; thousands of people, some under several spellings; all
countries; a hundred resolutions; dozens of outlets. Each article reports
one meeting, names several people and countries, cites resolutions, and is
published. Everything follows from the seed: the same seed gives the same
archive.

Rows are bulk-inserted a batch at a time with their search index computed
in Python (archive.search.indexing), never saved one by one.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import multiprocessing
import os
import random
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from archive import text
from archive.search import indexing
from archive.importing import cleaning, countries, reading
from archive.importing.sentences import split
from archive.importing import passages
from archive.models import (
    Article,
    Citation,
    Country,
    CountryMention,
    Meeting,
    Outlet,
    Participation,
    Person,
    PersonAlias,
    PersonMention,
    Resolution,
    SearchDocument,
    Statement,
)

BATCH = 2000
FIRST_DAY = datetime.date(2014, 9, 1)
LAST_DAY = datetime.date(2025, 12, 31)
WORDS_MIN, WORDS_MAX = 300, 1500

OUTLETS = [
    "وكالة الأنباء السعودية", "وكالة الأنباء الكويتية", "وكالة الأنباء العراقية", "شبكة أخبار العراق", "السومرية نيوز",
    "شفق نيوز", "العربية.نت", "الشرق الأوسط", "اندبندنت عربية", "الجزيرة نت", "سكاي نيوز عربية", "روداو",
    "الميادين نت", "الأهرام", "اليوم السابع", "هسبريس", "العمق المغربي", "النهار", "القدس العربي", "العين الإخبارية",
    "المسلة", "وكالة الأناضول", "فرانس 24", "بي بي سي عربي", "وكالة أنباء الإمارات", "وكالة الأنباء الأردنية (بترا)",
    "وكالة أنباء البحرين", "وكالة الأنباء العمانية", "الشرق للأخبار", "رؤيا الإخبارية", "الوطن", "الرياض",
    "عكاظ", "البيان", "الخليج", "القبس", "الرأي", "الدستور", "الصباح", "المدى",
]
FIRST_NAMES = [
    "أنتوني", "جون", "مايك", "ريكس", "هيلاري", "صوفي", "لويجي", "ناصر", "فيصل", "عادل", "إبراهيم", "فؤاد", "محمد",
    "أحمد", "خالد", "سامح", "أيمن", "جان", "لوران", "فيليب", "بوريس", "دومينيك", "هايكو", "أنالينا", "سيرغي", "وانغ",
    "ميفلوت", "جاويش", "بريت", "جيمس", "ويليام", "ليندا", "إيان", "فيكتوريا", "جوزيب", "عبد الله", "صباح", "مصطفى",
    "حيدر", "مسرور", "نجيرفان", "رياض", "طارق", "يوسف", "عمر", "علي", "حسن", "كريم", "سعيد", "منصور",
]
SURNAMES = [
    "بلينكن", "كيري", "بومبيو", "تيلرسون", "كلينتون", "ويلميس", "دي مايو", "بوريطة", "بن فرحان", "الجبير",
    "الجعفري", "حسين", "الحكيم", "العبيدي", "شكري", "الصفدي", "لودريان", "فابيوس", "هاموند", "جونسون", "راب",
    "ماس", "بيربوك", "لافروف", "يي", "أوغلو", "ماكغورك", "جيفري", "ماكاري", "نولاند", "بوريل", "الخالد",
    "الكاظمي", "العبادي", "بارزاني", "المالكي", "الزياني", "الصباح", "بن زايد", "آل ثاني", "الشامسي", "المرر",
    "القحطاني", "الدوسري", "العمري", "الحربي", "التميمي", "الربيعي", "الساعدي", "الجبوري",
]
ROLES = ["وزير الخارجية", "وزيرة الخارجية", "وزير الدفاع", "المبعوث الخاص للتحالف الدولي", "رئيس الوزراء",
         "نائب وزير الخارجية", "المدير السياسي في وزارة الخارجية", "الأمين العام"]
PARTICIPANT_SENTENCES = [
    "وقال {role} {adjective} {name} إن التحالف الدولي ماض في جهوده لهزيمة تنظيم داعش.",
    "وأكد {role} {adjective} {name} خلال الاجتماع دعم بلاده للعراق وسوريا.",
    "وشارك في الاجتماع {role} {adjective} {name} إلى جانب وفود الدول الأعضاء.",
    "وأشار {name}، {role} {adjective}، إلى أهمية مواصلة التنسيق بين أعضاء التحالف.",
]
CHAIR_SENTENCE = "وترأس الاجتماع {role} {adjective} {name} ونظيره {adjective2} {name2}."
CITATION_SENTENCES = [
    "وشدد البيان على ضرورة التطبيق الكامل لقرار مجلس الأمن رقم {number}.",
    "ودعا الوزراء إلى الالتزام بقرارات مجلس الأمن الدولي {number} و{number2}.",
    "وأكد المجتمعون أهمية القرار {number} الصادر عن مجلس الأمن الدولي.",
]
COUNTRY_SENTENCE = "وحضر الاجتماع ممثلون عن {names}."
TITLES = [
    "التحالف الدولي ضد داعش يجتمع في {place} ويؤكد دعم {country}",
    "وزراء التحالف الدولي يبحثون في {place} مستقبل الحرب على داعش",
    "{chair} يترأس اجتماع التحالف الدولي لهزيمة داعش",
    "بيان ختامي لاجتماع التحالف الدولي: التزام بدعم {country} ومواجهة داعش",
]
MEETING_KINDS = [("ministerial", 6), ("small_group", 3), ("political_directors", 2), ("other", 1)]


@dataclass
class Report:
    articles: int
    meetings: int
    people: int
    countries: int
    resolutions: int
    outlets: int


def sentence_pool() -> list[str]:
    """The sentences of the real articles the repository carries."""
    base = Path(settings.BASE_DIR)
    files = sorted((base / "fixtures" / "seeds").glob("*.txt")) + sorted((base / "tests" / "data" / "unseen").glob("*.txt"))
    pool = []
    for path in files:
        body = cleaning.clean(reading.decode(path.read_bytes()).text).body
        pool += [s.text for s in split(body) if len(s.text.split()) >= 6]
    return pool


# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_FROM = 5000


def generate(articles: int, seed: int = 1, progress: Callable[[int, int], None] | None = None,
             processes: int | None = None) -> Report:
    """`processes`: how many processes build the search vectors (default:
    one per core from PARALLEL_FROM articles, else none)."""
    if processes is None:
        processes = (os.cpu_count() or 1) if articles >= PARALLEL_FROM else 1
    if processes > 1:
        # Spawned, not forked: a forked child would share, and on exit close,
        # this process's database connection.
        with multiprocessing.get_context("spawn").Pool(processes) as workers:
            report = _generate(articles, seed, progress, workers)
    else:
        report = _generate(articles, seed, progress, None)
    _settle()
    return report


def _settle() -> None:
    """Vacuum and analyze what was written, as autovacuum later would: the
    GIN indexes' pending entries otherwise slow the first imports. Measured
    on 6 December 2026 at 100,000 articles: an import right after the
    generation ran at 6.3 files/s, and at 20.2 after VACUUM ANALYZE. Not
    inside a transaction (a test's), where VACUUM cannot run."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def _generate(articles: int, seed: int, progress, workers) -> Report:
    rng = random.Random(seed)
    pool = sentence_pool()
    gazetteer = countries.load_gazetteer()
    cities = json.loads(resources.files("archive.importing").joinpath("data/cities.json").read_text(encoding="utf-8"))

    with transaction.atomic():
        country_rows = _countries(gazetteer)
        outlet_rows = _outlets()
        resolution_rows = _resolutions(rng)
        people = _people(rng, country_rows, max(50, min(5000, articles // 20)))
        meetings = _meetings(rng, cities, people, max(5, min(400, articles // 250)))

    adjectives = {entry.iso: (entry.adjectives[0] if entry.adjectives else entry.name) for entry in gazetteer}
    done = 0
    # One transaction: an interrupted run leaves no articles, and no table
    # without its indexes.
    with transaction.atomic(), _indexes_built_after(articles >= BULK_FROM):
        while done < articles:
            size = min(BATCH, articles - done)
            with transaction.atomic():
                _articles(rng, pool, size, done, seed, meetings, people, country_rows, outlet_rows, resolution_rows,
                          adjectives, workers)
            done += size
            if progress is not None:
                progress(done, articles)
    return Report(articles, len(meetings), len(people), len(country_rows), len(resolution_rows), len(outlet_rows))


# From this many articles the GIN indexes of the articles and their search
# documents are dropped while they load and built again at the end: built
# once, the search index is a third smaller (100,000 articles: 672 MB, was
# 1.0 GB kept up row by row) and the load a little faster (44 minutes, of
# which 16 build the index; 50 before, on a busier machine).
BULK_FROM = 5000
_BULK_TABLES = ["archive_article", "archive_searchdocument", "archive_statement"]
_BUILD_MEMORY = "1GB"


@contextmanager
def _indexes_built_after(bulk: bool):
    if not bulk:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " AND tablename = ANY(%s) AND indexdef LIKE %s ORDER BY indexname",
            [_BULK_TABLES, "% USING gin %"],
        )
        dropped = cursor.fetchall()
        for name, _ in dropped:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        # PostgreSQL builds no index on a table whose deferred checks (the
        # foreign keys of the rows just written) are still pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [_BUILD_MEMORY])
        for _, definition in dropped:
            cursor.execute(definition)


def _countries(gazetteer) -> list[Country]:
    existing = set(Country.objects.values_list("iso_code", flat=True))
    Country.objects.bulk_create(
        [Country(iso_code=e.iso, name=e.name, name_en=e.name_en, key=text.key(e.name)) for e in gazetteer
         if e.iso not in existing]
    )
    return list(Country.objects.order_by("iso_code"))


def _outlets() -> list[Outlet]:
    rows = [Outlet(name=name, key=text.key(name)) for name in OUTLETS]
    Outlet.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Outlet.objects.filter(key__in=[row.key for row in rows]).order_by("pk"))


def _resolutions(rng: random.Random) -> list[Resolution]:
    numbers = sorted(rng.sample(range(1267, 2760), 100)) + [2170, 2178, 2199, 2249, 2253, 2254, 2368, 2396, 2462]
    rows = [Resolution(number=n, year=1946 + (n - 1) * 79 // 2760) for n in sorted(set(numbers))]
    Resolution.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Resolution.objects.filter(number__in=[r.number for r in rows]).order_by("number"))


def _variant(name: str, rng: random.Random) -> str:
    """Another spelling of a name, as transliteration makes them: a long
    vowel dropped or added, a hamza written or not."""
    choices = []
    if "ي" in name[1:]:
        index = name.index("ي", 1)
        choices.append(name[:index] + name[index + 1 :])
    if "أ" in name or "إ" in name:
        choices.append(name.replace("أ", "ا").replace("إ", "ا"))
    if name.endswith("ي"):
        choices.append(name[:-1] + "ى")
    choices.append(name.replace("و", "", 1) if "و" in name[1:] else name + "ي")
    return rng.choice(choices)


def _people(rng: random.Random, country_rows: list[Country], count: int) -> list[Person]:
    rows, aliases, seen = [], [], set()
    coalition = [c for c in country_rows if c.iso_code in _COALITION] or country_rows
    while len(rows) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if len(seen) >= len(FIRST_NAMES) * len(SURNAMES) - 1:
            name = f"{name} {len(rows)}"
        if name in seen:
            continue
        seen.add(name)
        rows.append(Person(name=name, key=text.key(name), country=rng.choice(coalition)))
    Person.objects.bulk_create(rows)
    for person in rows:
        if rng.random() < 0.3:
            spelling = " ".join(_variant(word, rng) if len(word) > 3 else word for word in person.name.split())
            if text.key(spelling) != person.key:
                aliases.append(PersonAlias(person=person, name=spelling, key=text.key(spelling)))
    PersonAlias.objects.bulk_create(aliases, ignore_conflicts=True)
    return rows


_COALITION = {
    "US", "GB", "FR", "DE", "IT", "BE", "NL", "DK", "NO", "SE", "FI", "ES", "PT", "PL", "CZ", "CA", "AU", "NZ", "JP",
    "KR", "TR", "IQ", "SA", "AE", "KW", "QA", "BH", "OM", "JO", "EG", "MA", "TN", "LB", "NG", "NE", "KE", "SO",
}


def _meetings(rng: random.Random, cities: list[dict], people: list[Person], count: int) -> list[Meeting]:
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(rng.sample(range(span), count))
    kinds = [kind for kind, weight in MEETING_KINDS for _ in range(weight)]
    places = [city["name"] for city in cities if city.get("iso") in _COALITION]
    rows = []
    for number, day in enumerate(days):
        date = FIRST_DAY + datetime.timedelta(days=day)
        virtual = 2020 <= date.year <= 2021 and rng.random() < 0.7
        place = "" if virtual else rng.choice(places)
        kind = rng.choice(kinds)
        members = 60 + (date - FIRST_DAY).days * 27 // span
        label = {"ministerial": "الاجتماع الوزاري", "small_group": "اجتماع المجموعة المصغرة",
                 "political_directors": "اجتماع المديرين السياسيين", "other": "اجتماع مجموعة عمل"}[kind]
        name = f"{label} للتحالف الدولي ضد داعش" + (f" في {place}" if place else " (افتراضي)") + f"، {date.isoformat()}"
        rows.append(Meeting(name=name, date=date, place=place, format="virtual" if virtual else "in_person",
                            kind=kind, member_count=members, participant_count=rng.randint(20, members)))
    Meeting.objects.bulk_create(rows)
    participations = []
    for meeting in rows:
        for index, person in enumerate(rng.sample(people, min(len(people), rng.randint(4, 12)))):
            participations.append(Participation(meeting=meeting, person=person, role=rng.choice(ROLES),
                                                country=person.country, is_chair=index < 2))
    Participation.objects.bulk_create(participations, ignore_conflicts=True)
    return rows


def _articles(rng, pool, size, offset, seed, meetings, people, country_rows, outlet_rows, resolution_rows, adjectives,
              workers=None):
    """One batch of articles, with their mentions and citations."""
    by_meeting = {}
    participations = Participation.objects.filter(meeting__in=meetings).select_related("person", "country").order_by("pk")
    for participation in participations:
        by_meeting.setdefault(participation.meeting_id, []).append(participation)
    plans = [
        _plan(rng, offset + index, meetings, by_meeting, people, country_rows, resolution_rows, adjectives, pool)
        for index in range(size)
    ]
    rows, documents = [], []
    for number, meeting, named, chairs, countries_named, cited, title, body, published, *_ in plans:
        entities = [p.person.name for p in named] + [c.name for c in countries_named] + [meeting.place]
        entities += [str(r.number) for r in cited]
        rows.append(Article(
            title=title, body=body, raw_text=f"{title}\n\n{body}", source_name=f"corpus-{seed}-{number:07d}.txt",
            content_hash=hashlib.sha256(f"corpus:{seed}:{number}".encode()).hexdigest(), published_on=published,
            status=Article.Status.PUBLISHED, outlet=outlet_rows[number % len(outlet_rows)], meeting=meeting,
            flags=[], passages=passages.of_article(title, body),  # bulk_create skips save(), which makes them
        ))
        documents.append((title, entities, body))
    # The vectors are most of the work: built in the worker processes when
    # there are any, in order, so the archive is the same either way.
    documents = workers.starmap(indexing.documents, documents, chunksize=50) if workers else [
        indexing.documents(*parts) for parts in documents
    ]
    Article.objects.bulk_create(rows)
    _copy_documents(rows, documents)
    _write_links(rows, plans)
    _write_statements(rows, plans)
    indexing.refresh_facets(article.pk for article in rows)


def _plan(rng, number, meetings, by_meeting, people, country_rows, resolution_rows, adjectives, pool) -> tuple:
    """One article's meeting, people, countries, resolutions and text, drawn
    from the generator in a fixed order (the archive is the seed's)."""
    meeting = rng.choice(meetings)
    present = by_meeting.get(meeting.pk) or [Participation(person=rng.choice(people), role="وزير الخارجية")]
    named = rng.sample(present, min(len(present), rng.randint(2, 6)))
    chairs = [p for p in present if p.is_chair][:2] or named[:1]
    countries_named = rng.sample(country_rows, rng.randint(3, 10))
    cited = rng.sample(resolution_rows, rng.randint(0, 3))
    sentences = []
    if len(chairs) >= 2:
        a, b = chairs[0], chairs[1]
        sentences.append(CHAIR_SENTENCE.format(
            role=a.role or "وزير الخارجية", adjective=_adjective(a, adjectives), name=a.person.name,
            adjective2=_adjective(b, adjectives), name2=b.person.name))
    evidence = {}
    for participation in named:
        sentence = rng.choice(PARTICIPANT_SENTENCES).format(
            role=participation.role or "وزير الخارجية", adjective=_adjective(participation, adjectives),
            name=participation.person.name)
        evidence[participation.person_id] = sentence
        sentences.append(sentence)
    country_sentence = COUNTRY_SENTENCE.format(names=" و".join(c.name for c in countries_named))
    sentences.append(country_sentence)
    for resolution in cited:
        other = rng.choice(resolution_rows).number
        sentence = rng.choice(CITATION_SENTENCES).format(number=resolution.number, number2=other)
        evidence[("resolution", resolution.number)] = sentence
        sentences.append(sentence)
    body = _body(rng, sentences, pool)
    title = rng.choice(TITLES).format(place=meeting.place or "اجتماع افتراضي",
                                      country=rng.choice(countries_named).name, chair=chairs[0].person.name)
    published = meeting.date + datetime.timedelta(days=rng.randint(0, 2))
    return (number, meeting, named, chairs, countries_named, cited, title, body, published, evidence, country_sentence)


def _body(rng, sentences: list[str], pool) -> str:
    """The article's sentences among filler from the pool, in paragraphs of four."""
    target = rng.randint(WORDS_MIN, WORDS_MAX)
    words = sum(len(s.split()) for s in sentences)
    while words < target:
        sentence = rng.choice(pool)
        sentences.insert(rng.randint(0, len(sentences)), sentence)
        words += len(sentence.split())
    return "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))


def _copy_documents(rows: list[Article], documents) -> None:
    # COPY, not an INSERT: the vectors are tens of kilobytes each, and
    # quoting them into the text of an INSERT was most of this process's time.
    with connection.cursor() as cursor, cursor.cursor.copy(
        f"COPY {SearchDocument._meta.db_table} (article_id, document, head) FROM STDIN"
    ) as copy:
        for article, vectors in zip(rows, documents):
            copy.write_row((article.pk, vectors.document, vectors.head))


def _write_links(rows: list[Article], plans: list[tuple]) -> None:
    """Each article's people, countries and resolutions, with their sentences."""
    person_mentions, country_mentions, citations = [], [], []
    for article, plan in zip(rows, plans):
        _, meeting, named, chairs, countries_named, cited, _, _, _, evidence, country_sentence = plan
        chair_ids = {p.person_id for p in chairs}
        for participation in named:
            person_mentions.append(PersonMention(
                article=article, person_id=participation.person_id, name_as_written=participation.person.name,
                role=participation.role, country_id=participation.country_id,
                is_chair=participation.person_id in chair_ids, in_meeting=True,
                sentence=evidence[participation.person_id]))
        for country in countries_named:
            country_mentions.append(CountryMention(article=article, country=country, name_as_written=country.name,
                                                   sentence=country_sentence))
        for resolution in cited:
            citations.append(Citation(article=article, resolution=resolution,
                                      sentence=evidence[("resolution", resolution.number)]))
    PersonMention.objects.bulk_create(person_mentions, ignore_conflicts=True)
    CountryMention.objects.bulk_create(country_mentions, ignore_conflicts=True)
    Citation.objects.bulk_create(citations, ignore_conflicts=True)


def _write_statements(rows: list[Article], plans: list[tuple]) -> None:
    """Who said what: each person named says the sentence that names them,
    and the ministers together say the countries' sentence, as the import
    would read them (about five statements an article, as on the seeds)."""
    said = []
    for article, plan in zip(rows, plans):
        named, evidence, country_sentence = plan[2], plan[9], plan[10]
        spoken = [(p.person_id, p.person.name, evidence[p.person_id]) for p in named]
        spoken.append((None, "الوزراء", country_sentence))
        for position, (person_id, speaker, sentence) in enumerate(spoken):
            start = article.body.find(sentence)
            if start < 0:
                continue
            said.append(Statement(
                article=article, position=position, speaker_kind="person" if person_id else "collective",
                person_id=person_id, speaker_name=speaker, collective="" if person_id else "ministers",
                verb="وقال" if person_id else "وأكد", text=sentence, start=start, end=start + len(sentence),
                confidence=0.9, search=indexing.statement_document(speaker, sentence),
            ))
    Statement.objects.bulk_create(said)


def _adjective(participation: Participation, adjectives: dict[str, str]) -> str:
    country = participation.country
    return adjectives.get(country.iso_code, "") if country is not None else ""
