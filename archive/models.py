"""The archive's data: articles and the facts extracted from them.

What must always hold is a database constraint, not only a form rule: an
import script, a bulk loader or a bug in a view cannot break it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive import text
from archive.importing import numbering
from archive.importing import passages as wording  # `passages` is also an Article field



def _history(verbose_name: str, excluded_fields: tuple[str, ...] = ()) -> HistoricalRecords:
    """Every editorial change to a record: who, when, before and after."""
    return HistoricalRecords(
        verbose_name=f"سجل {verbose_name}",
        verbose_name_plural=f"سجلات {verbose_name}",
        excluded_fields=list(excluded_fields),
    )


class KeyedName(models.Model):
    """A record known by an Arabic name, matched through its normalized key."""

    name = models.CharField("الاسم", max_length=200)
    name_en = models.CharField("الاسم بالإنجليزية", max_length=200, blank=True)
    key = models.CharField("مفتاح المطابقة", max_length=200, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.key = text.key(self.name)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name


class Outlet(KeyedName):
    """A news source: a newspaper, a site, a news agency."""

    website = models.URLField("الموقع", blank=True)

    history = _history("المصدر الإخباري")

    class Meta:
        verbose_name = "مصدر إخباري"
        verbose_name_plural = "المصادر الإخبارية"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["key"], name="outlet_key_unique")]


class OutletAlias(models.Model):
    """Another spelling of an outlet's name (شبكة أخبار العراق / شبكة اخبار العراق)."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="aliases", verbose_name="المصدر")
    name = models.CharField("الاسم البديل", max_length=200)
    key = models.CharField("مفتاح المطابقة", max_length=200, editable=False)

    history = _history("الاسم البديل لمصدر")

    class Meta:
        verbose_name = "اسم بديل لمصدر إخباري"
        verbose_name_plural = "الأسماء البديلة للمصادر الإخبارية"
        constraints = [models.UniqueConstraint(fields=["key"], name="outlet_alias_key_unique")]

    def save(self, *args, **kwargs):
        self.key = text.key(self.name)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name


class Country(KeyedName):
    iso_code = models.CharField("رمز ISO", max_length=2, unique=True)

    history = _history("الدولة")

    class Meta:
        verbose_name = "دولة"
        verbose_name_plural = "الدول"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="country_key_unique"),
            models.CheckConstraint(condition=Q(iso_code__regex=r"^[A-Z]{2}$"), name="country_iso_code_format"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("archive:country", args=[self.iso_code])


class CountryAlias(models.Model):
    """Another spelling of a country's name (النروج for النرويج)."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="aliases", verbose_name="الدولة")
    name = models.CharField("الاسم البديل", max_length=200)
    key = models.CharField("مفتاح المطابقة", max_length=200, editable=False)

    history = _history("الاسم البديل لدولة")

    class Meta:
        verbose_name = "اسم بديل لدولة"
        verbose_name_plural = "الأسماء البديلة للدول"
        # One spelling names one country, whichever country that is.
        constraints = [models.UniqueConstraint(fields=["key"], name="country_alias_key_unique")]

    def save(self, *args, **kwargs):
        self.key = text.key(self.name)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name


def source_list(sources: list[dict], labels: dict[str, str]) -> list[tuple[str, str]]:
    """Reference data's sources as pages show them: (address, the facts it
    vouches for, named in Arabic), http(s) addresses only."""
    return [
        (source["url"], "، ".join(labels.get(f, f) for f in source.get("facts", ())))
        for source in sources
        if str(source.get("url", "")).startswith(("http://", "https://"))
    ]


class Person(KeyedName):
    country = models.ForeignKey(
        "Country", on_delete=models.SET_NULL, null=True, blank=True, related_name="people", verbose_name="الدولة"
    )
    notes = models.TextField("ملاحظات", blank=True)
    # A known official (archive/reference/data/officials.json): the offices
    # the sources give, and the sources every fact was checked against.
    reference_key = models.CharField(
        "مفتاحه في قائمة المسؤولين", max_length=100, null=True, blank=True, unique=True, editable=False
    )
    offices = models.JSONField("المناصب كما توثقها المصادر", default=list, blank=True, editable=False)
    sources = models.JSONField("المصادر التي تحقق منها", default=list, blank=True, editable=False)

    history = _history("الشخص")

    FACT_LABELS = {
        "name_ar": "الاسم بالعربية", "spellings_ar": "تهجئات عربية", "name_en": "الاسم بالإنجليزية",
        "spellings_en": "تهجئات لاتينية", "offices": "المناصب",
    }

    @property
    def source_list(self) -> list[tuple[str, str]]:
        """(address, the facts it vouches for, in Arabic) for each http(s) source."""
        return source_list(self.sources, self.FACT_LABELS)

    class Meta:
        verbose_name = "شخص"
        verbose_name_plural = "الأشخاص"
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("archive:person", args=[self.pk])


class PersonAlias(models.Model):
    """Another spelling of a person's name (بلنكن for بلينكن)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases", verbose_name="الشخص")
    name = models.CharField("الاسم البديل", max_length=200)
    key = models.CharField("مفتاح المطابقة", max_length=200, editable=False, db_index=True)

    history = _history("الاسم البديل لشخص")

    class Meta:
        verbose_name = "اسم بديل لشخص"
        verbose_name_plural = "الأسماء البديلة للأشخاص"
        # Two people may share a spelling; one person holds each spelling once.
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="person_alias_unique")]

    def save(self, *args, **kwargs):
        self.key = text.key(self.name)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("حضوري")
    VIRTUAL = "virtual", _("افتراضي")
    UNKNOWN = "unknown", _("غير معروف")


class MeetingKind(models.TextChoices):
    MINISTERIAL = "ministerial", _("اجتماع وزاري")
    SMALL_GROUP = "small_group", _("المجموعة المصغرة")
    POLITICAL_DIRECTORS = "political_directors", _("المديرون السياسيون")
    PRECURSOR = "precursor", _("مؤتمر سبق تأسيس التحالف")
    OTHER = "other", _("غير ذلك")


class MeetingMinisters(models.TextChoices):
    """Whose ministers met: the press says "وزراء الدفاع" or "وزراء الخارجية",
    and the calendar holds both kinds in the same cities (Paris 2015 and 2016, Brussels 2014 and 2016)."""

    FOREIGN = "foreign", _("وزراء الخارجية")
    DEFENCE = "defence", _("وزراء الدفاع")
    FOREIGN_AND_DEFENCE = "foreign_and_defence", _("وزراء الخارجية والدفاع")


class MeetingOrigin(models.TextChoices):
    CALENDAR = "calendar", _("تقويم التحالف")
    IMPORT = "import", _("الاستيراد")
    EDITOR = "editor", _("محرر")


class Meeting(models.Model):
    Format = MeetingFormat
    Kind = MeetingKind
    Ministers = MeetingMinisters
    Origin = MeetingOrigin

    name = models.CharField("الاسم", max_length=300)
    date = models.DateField("التاريخ", null=True, blank=True)
    place = models.CharField("المكان", max_length=200, blank=True)
    format = models.CharField("الصيغة", max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.UNKNOWN)
    kind = models.CharField("النوع", max_length=30, choices=MeetingKind.choices, default=MeetingKind.OTHER)
    ministers = models.CharField("الوزراء المجتمعون", max_length=30, choices=MeetingMinisters.choices, blank=True)
    member_count = models.PositiveIntegerField("عدد أعضاء التحالف", null=True, blank=True)
    participant_count = models.PositiveIntegerField("عدد الدول المشاركة", null=True, blank=True)
    notes = models.TextField("ملاحظات", blank=True)
    # The coalition's calendar (archive/reference/data/calendar.json) and
    # what an editor adds beside it; see archive.reference.calendar.
    name_en = models.CharField("الاسم بالإنجليزية", max_length=300, blank=True)
    end_date = models.DateField("آخر أيامه", null=True, blank=True, help_text="لاجتماع امتد أكثر من يوم")
    place_en = models.CharField("المكان بالإنجليزية", max_length=200, blank=True)
    ordinal = models.PositiveSmallIntegerField("رقمه في سلسلته", null=True, blank=True)
    origin = models.CharField("مصدره", max_length=20, choices=MeetingOrigin.choices, default=MeetingOrigin.IMPORT)
    calendar_key = models.CharField("مفتاحه في التقويم", max_length=100, null=True, blank=True, unique=True, editable=False)
    statement_url = models.URLField("البيان الرسمي", max_length=500, blank=True)
    sources = models.JSONField("المصادر التي تحقق منها", default=list, blank=True, editable=False)
    unverified = models.BooleanField("لم يُتحقق منه", default=False)
    # Other names the press gives it and phrases only its reports use
    # ("مؤتمر روما", "الذكرى العاشرة لتأسيس التحالف"): a matching signal.
    cues = models.JSONField("أسماء وعبارات تميزه", default=list, blank=True)

    history = _history("الاجتماع")

    class Meta:
        verbose_name = "اجتماع"
        verbose_name_plural = "الاجتماعات"
        # Undated meetings last: PostgreSQL puts NULL first in a descending sort.
        ordering = [models.F("date").desc(nulls_last=True), "name"]
        constraints = [
            models.CheckConstraint(condition=Q(format__in=MeetingFormat.values), name="meeting_format_valid"),
            models.CheckConstraint(condition=Q(kind__in=MeetingKind.values), name="meeting_kind_valid"),
            models.CheckConstraint(condition=Q(member_count__gte=0), name="meeting_member_count_non_negative"),
            models.CheckConstraint(
                condition=Q(participant_count__gte=0), name="meeting_participant_count_non_negative"
            ),
        ]

    def __str__(self) -> str:
        """Told apart in every list and picker: date, place and kind."""
        return f"{self.name} ({self.facts_label})"

    # The calendar's fact names as a reader reads them beside each source.
    FACT_LABELS = {
        "date": "التاريخ", "place": "المكان", "format": "الصيغة", "kind": "النوع", "chairs": "الرئاسة",
        "member_count": "عدد الأعضاء", "participant_count": "عدد المشاركين", "ordinal": "الرقم",
        "statement_url": "البيان",
    }

    @property
    def source_list(self) -> list[tuple[str, str]]:
        """(address, the facts it vouches for, in Arabic) for each http(s) source."""
        return source_list(self.sources, self.FACT_LABELS)

    @property
    def facts_label(self) -> str:
        date = self.date.isoformat() if self.date else "بلا تاريخ"
        place = self.place or ("عبر الفيديو" if self.format == MeetingFormat.VIRTUAL else "مكان غير معروف")
        return f"{date} · {place} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("archive:meeting", args=[self.pk])


class ReferenceLoad(models.Model):
    """A reference entry (a calendar meeting) once loaded into the archive.

    Loaded once: an entry an editor later deletes or merges away is not
    brought back by the next migrate, and one an editor corrected is never
    overwritten (archive.reference.loading).
    """

    kind = models.CharField("النوع", max_length=30)
    key = models.CharField("المفتاح", max_length=100)
    loaded_at = models.DateTimeField("حُمّل في", auto_now_add=True)
    # The entry as last applied ("" before migration 0021): a later release
    # that changes the entry adds what it adds (archive.reference.loading).
    digest = models.CharField("بصمة المدخل كما طُبّق", max_length=64, blank=True, default="")

    class Meta:
        verbose_name = "مدخل مرجعي محمّل"
        verbose_name_plural = "المداخل المرجعية المحمّلة"
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="reference_load_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class Participation(models.Model):
    """A person's part in a meeting, as the editors confirmed it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations", verbose_name="الاجتماع")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations", verbose_name="الشخص")
    role = models.CharField("الصفة", max_length=200, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.SET_NULL, null=True, blank=True, related_name="participations", verbose_name="الدولة"
    )
    is_chair = models.BooleanField("رئيس الاجتماع أو مضيفه", default=False)

    history = _history("المشاركة")

    class Meta:
        verbose_name = "مشاركة"
        verbose_name_plural = "المشاركات"
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="participation_unique")]

    def __str__(self) -> str:
        return f"{self.person} — {self.meeting}"


class Resolution(models.Model):
    """A UN Security Council resolution."""

    number = models.PositiveIntegerField("رقم القرار", unique=True)
    year = models.PositiveSmallIntegerField("سنة الصدور", null=True, blank=True)
    title = models.CharField("العنوان", max_length=300, blank=True)
    # From the reference data (archive.reference.resolutions) where it
    # details the resolution; an editor may correct them.
    adopted_on = models.DateField("تاريخ الاعتماد", null=True, blank=True)
    subject_en = models.CharField("بند جدول الأعمال (بالإنجليزية)", max_length=300, blank=True)
    topic_en = models.CharField("موضوعه (بالإنجليزية)", max_length=300, blank=True)
    source_url = models.URLField("مصدر التاريخ والموضوع", max_length=500, blank=True)

    history = _history("القرار")

    class Meta:
        verbose_name = "قرار مجلس الأمن"
        verbose_name_plural = "قرارات مجلس الأمن"
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="resolution_number_positive"),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1946), name="resolution_year_after_1946"
            ),
        ]

    def __str__(self) -> str:
        return f"S/RES/{self.number} ({self.year})" if self.year else f"S/RES/{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("archive:resolution", args=[self.number])


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.PUBLISHED)


class ArticleStatus(models.TextChoices):
    PENDING = "pending", "بانتظار المراجعة"
    PUBLISHED = "published", "منشور"
    REJECTED = "rejected", "مرفوض"


class Article(models.Model):
    Status = ArticleStatus
    # What lists of articles, or of their statements and citations, never
    # show: the texts (about 10 KB an article, stored out of line) and the
    # passages' fingerprints, read for the article's own page, its exports
    # and feeds. At 100,000 generated articles reading them made a country's
    # page list 50 bodies, and the statements' CSV one body a statement.
    TEXT_FIELDS = ("body", "raw_text", "passages")

    title = models.CharField("العنوان", max_length=500)
    body = models.TextField("النص بعد التنظيف")
    raw_text = models.TextField("النص الأصلي كما ورد")
    source_name = models.CharField("اسم الملف المصدر", max_length=255)
    source_url = models.URLField("رابط المقال الأصلي", max_length=1000, blank=True)
    # The site's numbering and the article's number in it, read off its
    # address (archive.importing.numbering): a dated article bounds when an
    # undated one of the same site was published.
    source_site = models.CharField("ترقيم الموقع", max_length=300, blank=True, default="", editable=False)
    source_number = models.BigIntegerField("رقم المقال في موقعه", null=True, blank=True, editable=False)
    # The author the page credits ("كتب: فلان"), as written: for citing the
    # article, not a person of the story (no Person, no facet).
    byline = models.CharField("الكاتب", max_length=200, blank=True, default="")
    content_hash = models.CharField("بصمة المحتوى", max_length=64, unique=True, editable=False)
    published_on = models.DateField("تاريخ النشر", null=True, blank=True)
    status = models.CharField("الحالة", max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.PENDING)
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="articles", verbose_name="المصدر"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles", verbose_name="الاجتماع"
    )
    proposed_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_articles",
        verbose_name="الاجتماع المقترح",
        help_text="اجتماع يرى الاستيراد أن المقال يتحدث عنه؛ يؤكده المحرر أو يرفضه.",
    )
    meeting_proposal = models.TextField("سبب اقتراح الاجتماع", blank=True)
    flags = models.JSONField("ملاحظات الاستخراج", default=list, blank=True)
    # How sure the import was of each fact (archive.importing.confidence):
    # {"title": 0.9, "date": 0.85, "outlet": 0.95, "meeting": 0.8, "people": 0.65};
    # the lowest is kept apart, for the review queue to sort and filter by.
    confidence = models.JSONField("ثقة الاستخراج في كل حقيقة", default=dict, blank=True, editable=False)
    min_confidence = models.FloatField("أدنى ثقة", null=True, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField("أنشئ في", auto_now_add=True)
    updated_at = models.DateTimeField("عُدّل في", auto_now=True)
    # Copies of the article's facts for the filters and facet counts, kept
    # current with the index (archive.search.indexing.refresh_facets): counting a
    # facet over a broad query then reads one row per article, with no join.
    event_date = models.DateField("تاريخ الحدث", null=True, editable=False)
    event_year = models.IntegerField("سنة الحدث", null=True, editable=False)
    meeting_format = models.CharField("صيغة الاجتماع", max_length=20, blank=True, default="", editable=False)
    meeting_kind = models.CharField("نوع الاجتماع", max_length=30, blank=True, default="", editable=False)
    person_ids = ArrayField(models.IntegerField(), verbose_name="الأشخاص المذكورون", default=list, blank=True, editable=False)
    country_ids = ArrayField(models.IntegerField(), verbose_name="الدول المذكورة", default=list, blank=True, editable=False)
    resolution_numbers = ArrayField(models.IntegerField(), verbose_name="القرارات المستشهد بها", default=list, blank=True, editable=False)
    # The same facts as an export writes them (archive.public.export.copy_csv), so
    # that exporting the whole archive reads one row per article: grouping
    # the names of 100,000 articles' mentions took most of the export's time.
    export_people = models.TextField("الأشخاص كما يصدَّرون", blank=True, default="", editable=False)
    export_chairs = models.TextField("الرؤساء كما يصدَّرون", blank=True, default="", editable=False)
    export_countries = models.TextField("الدول كما تصدَّر", blank=True, default="", editable=False)
    export_resolutions = models.TextField("القرارات كما تصدَّر", blank=True, default="", editable=False)
    # The fingerprint of its wording (importing.passages), kept by save():
    # a page that copies the wire of an article already on a meeting
    # reports that meeting (importing.matching.story_signal).
    passages = ArrayField(models.IntegerField(), verbose_name="بصمات الفقرات", default=list, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    history = _history(
        "المقال",
        excluded_fields=(
            "raw_text", "source_site", "source_number", "event_date", "event_year", "meeting_format", "meeting_kind",
            "person_ids", "country_ids", "resolution_numbers",
            "export_people", "export_chairs", "export_countries", "export_resolutions", "passages",
        ),
    )

    class Meta:
        verbose_name = "مقال"
        verbose_name_plural = "المقالات"
        ordering = ["-published_on", "-id"]
        indexes = [
            GinIndex(fields=["person_ids"], name="article_person_ids_gin"),
            GinIndex(fields=["country_ids"], name="article_country_ids_gin"),
            GinIndex(fields=["resolution_numbers"], name="article_resolution_numbers_gin"),
            GinIndex(fields=["passages"], name="article_passages_gin"),
            models.Index(fields=["event_date"], name="article_event_date", condition=Q(status="published")),
            # The public order (newest first) read straight from an index, so
            # an export of any size starts at once instead of sorting first.
            models.Index(
                models.F("published_on").desc(nulls_last=True),
                models.F("id").desc(),
                name="article_published_newest",
                condition=Q(status="published"),
            ),
            # A record page's latest articles, newest event first, read from
            # an index with the record's condition checked along the way:
            # sorting all of Iraq's articles took 0.06 s at 100,000.
            models.Index(
                models.F("event_date").desc(nulls_last=True),
                models.F("id").desc(),
                name="article_event_newest",
                condition=Q(status="published"),
            ),
            models.Index(fields=["status", "published_on"], name="article_status_published_on"),
            models.Index(
                fields=["source_site", "source_number"], name="article_site_number",
                condition=Q(published_on__isnull=False, source_number__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ArticleStatus.values), name="article_status_valid"),
            models.CheckConstraint(condition=Q(content_hash__regex=r"^[0-9a-f]{64}$"), name="article_content_hash_sha256"),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        numbered = numbering.site_number(self.source_url)
        self.source_site, self.source_number = (numbered.site, numbered.number) if numbered else ("", None)
        if kwargs.get("update_fields") is not None and "source_url" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "source_site", "source_number"}
        fields = kwargs.get("update_fields")
        if fields is None or {"title", "body"} & set(fields):
            # Only when the text is saved: an import saves each article twice.
            self.passages = wording.of_article(self.title, self.body)
            if fields is not None:
                kwargs["update_fields"] = {*fields, "passages"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("archive:article", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class SearchDocument(models.Model):
    """An article's search index (archive.search.indexing), in a table of its own.

    Built in Python and written in the same transaction as every change it
    follows: a generated column cannot run the Arabic normalization and
    clitic expansion the index needs. Kept apart from the article because a
    broad query visits the heap row of every match: here a row is a few
    bytes (the vectors are stored out of line), so 100,000 matches are read
    from a few hundred pages instead of tens of thousands.
    """

    # Deleted by the database with its article (migration 0011), not by
    # Django beforehand: deleting an article deletes its mentions first,
    # and each asks for the article to be indexed again on its way out.
    article = models.OneToOneField(
        Article, on_delete=models.DO_NOTHING, primary_key=True, related_name="search", verbose_name="المقال"
    )
    document = SearchVectorField("فهرس البحث")
    # The title and the entities only: the first pass of ranking (archive.search).
    head = SearchVectorField("فهرس العنوان والأسماء")

    class Meta:
        verbose_name = "فهرس بحث"
        verbose_name_plural = "فهارس البحث"
        indexes = [
            GinIndex(fields=["document"], name="search_document_gin"),
            GinIndex(fields=["head"], name="search_head_gin"),
        ]

    def __str__(self) -> str:
        return f"فهرس «{self.article_id}»"


class MeetingReport(models.Model):
    """What an article says about the meeting it reports, each fact with the
    sentence that states it. Empty where the article does not say."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="meeting_report", verbose_name="المقال"
    )
    sentence = models.TextField("الجملة التي تذكر الاجتماع", blank=True)
    date = models.DateField("التاريخ", null=True, blank=True)
    date_sentence = models.TextField("شاهد التاريخ", blank=True)
    place = models.CharField("المكان", max_length=200, blank=True)
    place_sentence = models.TextField("شاهد المكان", blank=True)
    format = models.CharField("الصيغة", max_length=20, choices=MeetingFormat.choices, blank=True)
    format_sentence = models.TextField("شاهد الصيغة", blank=True)
    kind = models.CharField("النوع", max_length=30, choices=MeetingKind.choices, blank=True)
    kind_sentence = models.TextField("شاهد النوع", blank=True)
    ministers = models.CharField("الوزراء المجتمعون", max_length=30, choices=MeetingMinisters.choices, blank=True)
    ministers_sentence = models.TextField("شاهد الوزراء", blank=True)
    member_count = models.PositiveIntegerField("عدد أعضاء التحالف", null=True, blank=True)
    member_count_sentence = models.TextField("شاهد عدد الأعضاء", blank=True)
    participant_count = models.PositiveIntegerField("عدد الدول المشاركة", null=True, blank=True)
    participant_count_sentence = models.TextField("شاهد عدد المشاركين", blank=True)
    ordinal = models.PositiveSmallIntegerField("رقم الاجتماع في سلسلته", null=True, blank=True)
    ordinal_sentence = models.TextField("شاهد الرقم", blank=True)

    history = _history("ما ذكره المقال عن الاجتماع")

    class Meta:
        verbose_name = "ما ذكره المقال عن الاجتماع"
        verbose_name_plural = "ما ذكرته المقالات عن الاجتماعات"
        constraints = [
            models.CheckConstraint(
                condition=Q(format="") | Q(format__in=MeetingFormat.values), name="meeting_report_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind="") | Q(kind__in=MeetingKind.values), name="meeting_report_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"الاجتماع في «{self.article}»"


class PersonMention(models.Model):
    """A person named in an article, with the sentence that names them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="person_mentions", verbose_name="المقال")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentions", verbose_name="الشخص")
    name_as_written = models.CharField("الاسم كما ورد", max_length=200)
    role = models.CharField("الصفة", max_length=200, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.SET_NULL, null=True, blank=True, related_name="person_mentions", verbose_name="الدولة"
    )
    is_chair = models.BooleanField("رئيس الاجتماع أو مضيفه", default=False)
    in_meeting = models.BooleanField(
        "مشارك في الاجتماع", default=False, help_text="ذُكر في جملة عن الاجتماع الذي يغطيه المقال."
    )
    sentence = models.TextField("الجملة الشاهدة")
    # {"person": 0.85, "role": 0.85, "chair": 1.0, "country": 0.85} (archive.importing.confidence)
    confidence = models.JSONField("ثقة الاستخراج", default=dict, blank=True, editable=False)
    proposed_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_mentions",
        verbose_name="قد يكون الشخص نفسه",
        help_text="شخص في الأرشيف يشبه اسمه هذا الاسم دون يقين؛ يقرر المحرر الدمج.",
    )

    history = _history("ذكر الشخص")

    class Meta:
        verbose_name = "ذكر شخص"
        verbose_name_plural = "الأشخاص المذكورون"
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="person_mention_unique")]

    def __str__(self) -> str:
        return self.name_as_written


class CountryMention(models.Model):
    """A country named in an article, with the sentence that names it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="country_mentions", verbose_name="المقال")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="mentions", verbose_name="الدولة")
    name_as_written = models.CharField("الاسم كما ورد", max_length=200)
    sentence = models.TextField("الجملة الشاهدة")

    history = _history("ذكر الدولة")

    class Meta:
        verbose_name = "ذكر دولة"
        verbose_name_plural = "الدول المذكورة"
        constraints = [models.UniqueConstraint(fields=["article", "country"], name="country_mention_unique")]

    def __str__(self) -> str:
        return self.name_as_written


class Citation(models.Model):
    """An article's citation of a Security Council resolution."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations", verbose_name="المقال")
    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, related_name="citations", verbose_name="القرار"
    )
    sentence = models.TextField("الجملة الشاهدة")

    history = _history("الاستشهاد بالقرار")

    class Meta:
        verbose_name = "استشهاد بقرار"
        verbose_name_plural = "الاستشهادات بالقرارات"
        constraints = [models.UniqueConstraint(fields=["article", "resolution"], name="citation_unique")]

    def __str__(self) -> str:
        return f"{self.article} → {self.resolution}"


# How far before its words a statement's verb is looked for when its span is found again.
_VERB_REACH = 300


class SpeakerKind(models.TextChoices):
    PERSON = "person", _("شخص")
    COLLECTIVE = "collective", _("جهة جماعية")


class Collective(models.TextChoices):
    """Who speaks when no one person does (archive.importing.statements)."""

    MINISTERS = "ministers", _("الوزراء المجتمعون")
    STATEMENT = "statement", _("البيان المشترك")
    COALITION = "coalition", _("التحالف")
    GOVERNMENT = "government", _("حكومة")
    ORGANIZATION = "organization", _("منظمة دولية")
    OTHER = "other", _("مصادر أخرى")


class StatementQuerySet(models.QuerySet):
    def public(self) -> StatementQuerySet:
        """The statements researchers see: those of published articles."""
        return self.filter(public=True)

    def matching(self, tsquery: str) -> StatementQuerySet:
        """The statements whose words match a query in tsquery form
        (archive.search.queries.Query.tsquery), parameterized."""
        return self.extra(where=["archive_statement.search @@ %s::tsquery"], params=[tsquery])


class Statement(models.Model):
    """Who said what: one reported statement of an article, with its speaker
    and the span of the body it was read from.

    Its meeting is its article's (Statement.meeting): stored once, on the
    article, so that an editor moving an article to another meeting moves
    its statements with it in the same save.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="statements", verbose_name="المقال")
    position = models.PositiveSmallIntegerField("الترتيب في المقال", default=0)
    speaker_kind = models.CharField("نوع المتحدث", max_length=12, choices=SpeakerKind.choices)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="statements", verbose_name="الشخص",
        help_text="المتحدث إن كان شخصاً في الأرشيف.",
    )
    speaker_name = models.CharField(
        "المتحدث كما ورد", max_length=200, blank=True, help_text="اسم المتحدث أو صفته أو الجهة كما وردت في المقال."
    )
    collective = models.CharField("الجهة", max_length=16, choices=Collective.choices, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.SET_NULL, null=True, blank=True, related_name="statements", verbose_name="الدولة",
        help_text="دولة الحكومة المتحدثة.",
    )
    verb = models.CharField("فعل القول", max_length=40, blank=True)
    text = models.TextField("نص التصريح")
    is_quote = models.BooleanField("اقتباس مباشر", default=False)
    start = models.PositiveIntegerField(
        "بداية الشاهد", blank=True, help_text="موضع بداية التصريح في نص المقال؛ يُحدد من النص إن تُرك فارغاً."
    )
    end = models.PositiveIntegerField("نهاية الشاهد", blank=True)
    confidence = models.FloatField("ثقة الاستخراج", default=1.0, editable=False)
    # Copied from the article, as its facet columns are (archive.search.indexing
    # .refresh_statement_facts, in the save that changes them): whether it is
    # published, and its meeting's date, else its publication's. The
    # statements search then reads one table: at 100,000 articles a broad
    # query's count and facets joined to the articles took 2-3 s.
    public = models.BooleanField("منشور", default=False, editable=False)
    event_date = models.DateField("تاريخ الحدث", null=True, blank=True, editable=False)
    # The statement's words and its speaker as written, analysed like the
    # articles' (archive.search.indexing.statement_document), rebuilt from
    # them on every save (archive.signals) and by the import.
    search = SearchVectorField("فهرس البحث", null=True, editable=False)

    history = _history("التصريح", excluded_fields=("search",))
    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = "تصريح"
        verbose_name_plural = "التصريحات"
        ordering = ["article", "position"]
        indexes = [
            GinIndex(fields=["search"], name="statement_search"),
            models.Index(fields=["person", "article"], name="statement_person"),
            # The statements search's order (archive.search.statements.published), public ones only:
            # the first page of a broad search is read off the index, not sorted out of 491,288 rows.
            models.Index(
                F("event_date").desc(nulls_last=True), F("article_id").desc(), "position",
                name="statement_public_order", condition=Q(public=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="statement_span_ordered"),
            models.CheckConstraint(
                condition=Q(speaker_kind="person", collective="") | Q(speaker_kind="collective") & ~Q(collective=""),
                name="statement_speaker_kind_matches",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:60]}"

    @property
    def speaker(self) -> str:
        return self.person.name if self.person_id and self.person else self.speaker_name

    @property
    def meeting(self) -> Meeting | None:
        return self.article.meeting

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#statement-{self.pk}"

    @staticmethod
    def span_of(body: str, said: str, verb: str = "") -> tuple[int, int] | None:
        """Where these words stand in the body, from the verb before them
        when it is near; None when the body does not hold them."""
        found = body.find(said) if said else -1
        if found < 0:
            return None
        verb_at = body.rfind(verb, max(0, found - _VERB_REACH), found) if verb else -1
        return (verb_at if verb_at >= 0 else found), found + len(said)

    def clean(self) -> None:
        """An editor's statement, checked the way the constraints check it,
        so that a form names the field rather than the database refusing
        the save; a span left empty is found from the text."""
        errors: dict[str, str] = {}
        if self.speaker_kind == SpeakerKind.PERSON:
            self.collective = ""
            if self.person_id is None and not self.speaker_name:
                errors["speaker_name"] = "اختر الشخص أو اكتب المتحدث كما ورد في المقال."
        elif self.speaker_kind == SpeakerKind.COLLECTIVE and not self.collective:
            errors["collective"] = "اختر الجهة المتحدثة: الوزراء أو البيان أو التحالف أو حكومة أو منظمة أو غيرها."
        if not self.speaker_name and self.person_id is not None:
            self.speaker_name = self.person.name
        body = self.article.body if self.article_id else ""
        spanned = self.start is not None and self.end is not None and self.start <= self.end <= len(body)
        if self.text and body and (not spanned or self.text not in body[self.start:self.end]):
            # Left empty, or the body was edited around it: found again from
            # the words (an editor's own wording keeps a span that holds).
            span = self.span_of(body, self.text, self.verb)
            if span is not None:
                self.start, self.end = span
            elif not spanned:
                errors["text"] = "لم يُعثر على هذا النص في المقال: انسخه من نص المقال أو حدد موضعه (البداية والنهاية)."
        if self.start is not None and self.end is not None:
            if self.end < self.start:
                errors["end"] = "نهاية الشاهد قبل بدايته."
            elif body and self.end > len(body):
                errors["end"] = f"نهاية الشاهد بعد نهاية نص المقال ({len(body)} حرفاً)."
        if errors:
            raise ValidationError(errors)


class ImportSource(models.TextChoices):
    COMMAND = "command", "سطر الأوامر"
    UPLOAD = "upload", "رفع من لوحة الإدارة"
    DEMO = "demo", "البيانات التجريبية"


class ImportBatch(models.Model):
    Source = ImportSource

    source = models.CharField("الطريقة", max_length=20, choices=ImportSource.choices)
    started_at = models.DateTimeField("بدأ في", auto_now_add=True)
    finished_at = models.DateTimeField("انتهى في", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="بواسطة"
    )

    class Meta:
        verbose_name = "دفعة استيراد"
        verbose_name_plural = "دفعات الاستيراد"
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(condition=Q(source__in=ImportSource.values), name="import_batch_source_valid"),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=models.F("started_at")),
                name="import_batch_finishes_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"دفعة {self.pk} ({self.get_source_display()})"


class ImportOutcome(models.TextChoices):
    CREATED = "created", "أُنشئ"
    DUPLICATE = "duplicate", "مكرر"
    REJECTED = "rejected", "مرفوض"


class ImportRecord(models.Model):
    Outcome = ImportOutcome

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="records", verbose_name="الدفعة")
    file_name = models.CharField("الملف", max_length=1000)
    outcome = models.CharField("النتيجة", max_length=20, choices=ImportOutcome.choices)
    message = models.TextField("الرسالة", blank=True)
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="import_records", verbose_name="المقال"
    )

    class Meta:
        verbose_name = "نتيجة استيراد ملف"
        verbose_name_plural = "نتائج استيراد الملفات"
        ordering = ["batch", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=ImportOutcome.values), name="import_record_outcome_valid"),
            # A rejection always says why.
            models.CheckConstraint(
                condition=~Q(outcome="rejected") | ~Q(message=""), name="import_record_rejection_explained"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name}: {self.get_outcome_display()}"


class MergeKind(models.TextChoices):
    PERSON = "person", "أشخاص"
    COUNTRY = "country", "دول"
    OUTLET = "outlet", "مصادر إخبارية"
    MEETING = "meeting", "اجتماعات"


class Merge(models.Model):
    """Records merged into one, with all it takes to undo the merge exactly:
    the merged-away records as they were, every link that moved, every row
    that had to go because the kept record already had its twin, and the
    aliases the merge added."""

    Kind = MergeKind

    kind = models.CharField("النوع", max_length=20, choices=MergeKind.choices)
    kept_id = models.PositiveBigIntegerField("رقم السجل المُبقى")
    kept_name = models.CharField("السجل المُبقى", max_length=300)
    merged_names = models.TextField("السجلات المدموجة")
    merged = models.JSONField("السجلات المدموجة كما كانت", default=list)
    moved = models.JSONField("الروابط المنقولة", default=list)
    removed = models.JSONField("الصفوف المحذوفة لتكرارها", default=list)
    aliases = models.JSONField("الأسماء البديلة المضافة", default=list)
    created_at = models.DateTimeField("وقت الدمج", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="دمجه",
    )
    undone_at = models.DateTimeField("وقت التراجع", null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="تراجع عنه",
    )

    class Meta:
        verbose_name = "عملية دمج"
        verbose_name_plural = "عمليات الدمج"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=MergeKind.values), name="merge_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"دمج {self.merged_names} في {self.kept_name}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class ZeroResultQuery(models.Model):
    """A search that found nothing, counted: the editors' list of spellings
    the archive may lack. The query is stored normalized; nothing about who
    searched is kept."""

    query = models.CharField("البحث", max_length=300, unique=True)
    count = models.PositiveIntegerField("عدد المرات", default=1)
    first_seen = models.DateTimeField("أول مرة", auto_now_add=True)
    last_seen = models.DateTimeField("آخر مرة", auto_now=True)

    class Meta:
        verbose_name = "بحث بلا نتائج"
        verbose_name_plural = "عمليات بحث بلا نتائج"
        ordering = ["-count", "-last_seen"]

    def __str__(self) -> str:
        return self.query


class DistinctPair(models.Model):
    """Two records an editor said are not one: never suggested for a merge
    again (archive.editorial.suggestions)."""

    kind = models.CharField("النوع", max_length=20, choices=MergeKind.choices)
    first_id = models.PositiveBigIntegerField("السجل الأول")
    second_id = models.PositiveBigIntegerField("السجل الثاني")
    created_at = models.DateTimeField("الوقت", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="المحرر"
    )

    class Meta:
        verbose_name = "سجلان ليسا سجلاً واحداً"
        verbose_name_plural = "سجلات قيل إنها ليست مكررة"
        constraints = [
            models.UniqueConstraint(fields=["kind", "first_id", "second_id"], name="distinct_pair_unique"),
            models.CheckConstraint(condition=Q(first_id__lt=models.F("second_id")), name="distinct_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.first_id} ≠ {self.second_id}"
