"""The editors' admin, in Arabic and right to left (Django's admin under
LANGUAGE_CODE = "ar")."""

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from archive import models


class PersonMentionInline(admin.TabularInline):
    model = models.PersonMention
    extra = 0
    autocomplete_fields = ["person", "country", "proposed_person"]
    fields = ["person", "name_as_written", "role", "country", "is_chair", "in_meeting", "proposed_person", "sentence"]


class MeetingReportInline(admin.StackedInline):
    model = models.MeetingReport
    extra = 0
    can_delete = True


class CountryMentionInline(admin.TabularInline):
    model = models.CountryMention
    extra = 0
    autocomplete_fields = ["country"]


class CitationInline(admin.TabularInline):
    model = models.Citation
    extra = 0
    autocomplete_fields = ["resolution"]


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "outlet", "published_on", "meeting", "created_at"]
    list_filter = ["status", "outlet", "published_on"]
    search_fields = ["title", "source_name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["outlet", "meeting", "proposed_meeting"]
    readonly_fields = ["raw_text", "content_hash", "source_name", "created_at", "updated_at"]
    inlines = [MeetingReportInline, PersonMentionInline, CountryMentionInline, CitationInline]
    actions = ["publish", "reject"]

    @admin.action(description="نشر المقالات المحددة")
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.exclude(status=models.Article.Status.PUBLISHED).update(
            status=models.Article.Status.PUBLISHED
        )
        self.message_user(request, f"نُشر {count} مقالاً.", messages.SUCCESS)

    @admin.action(description="رفض المقالات المحددة")
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.exclude(status=models.Article.Status.REJECTED).update(
            status=models.Article.Status.REJECTED
        )
        self.message_user(request, f"رُفض {count} مقالاً.", messages.SUCCESS)


class ParticipationInline(admin.TabularInline):
    model = models.Participation
    extra = 0
    autocomplete_fields = ["person", "country"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["name", "date", "place", "format", "kind", "member_count", "article_count"]
    list_filter = ["format", "kind"]
    search_fields = ["name", "place"]
    inlines = [ParticipationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(_article_count=Count("articles"))

    @admin.display(description="عدد المقالات", ordering="_article_count")
    def article_count(self, meeting: models.Meeting) -> int:
        return meeting._article_count


class PersonAliasInline(admin.TabularInline):
    model = models.PersonAlias
    extra = 0


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en"]
    search_fields = ["name", "name_en", "key", "aliases__name"]
    inlines = [PersonAliasInline]


class CountryAliasInline(admin.TabularInline):
    model = models.CountryAlias
    extra = 0


@admin.register(models.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "iso_code"]
    search_fields = ["name", "name_en", "iso_code", "key", "aliases__name"]
    inlines = [CountryAliasInline]


@admin.register(models.Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "website"]
    search_fields = ["name", "name_en", "key"]


@admin.register(models.Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["number", "year", "title"]
    search_fields = ["number", "title"]


class ImportRecordInline(admin.TabularInline):
    model = models.ImportRecord
    extra = 0
    can_delete = False
    fields = ["file_name", "outcome", "message", "article"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(models.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "started_at", "finished_at", "created_by"]
    list_filter = ["source"]
    readonly_fields = ["source", "started_at", "finished_at", "created_by"]
    inlines = [ImportRecordInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
