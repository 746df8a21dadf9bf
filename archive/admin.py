"""The editors' admin, in Arabic and right to left (Django's admin under
LANGUAGE_CODE = "ar").

Admin classes stay thin: what an action does lives in archive.editorial.curation,
archive.editorial.merging and archive.importing; these classes validate the request,
call them, and report. Every change is a POST behind Django's CSRF check,
and every change is recorded (django-simple-history's admin shows each
record's history; /admin/history/ shows them all).
"""

from __future__ import annotations

import copy
import dataclasses

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Count, F, Q, QuerySet, TextField, URLField
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.http import urlencode
from simple_history.admin import SimpleHistoryAdmin

from archive import models, plurals
from archive.editorial import curation, flags, merging, review
from archive.importing import confidence, pipeline, rereading, saving, understanding

# The most articles whose statements one request of the article list reads again.
REREAD_MAX = 500


# Merging ------------------------------------------------------------------


class MergeForm(forms.Form):
    kept = forms.IntegerField(label="السجل الذي يبقى")


class MergeableAdmin(SimpleHistoryAdmin):
    """Records that can be merged: an action that asks which one to keep."""

    actions = ["merge_selected"]

    @admin.action(description="دمج السجلات المحددة في سجل واحد", permissions=["change"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        records = list(queryset)
        if len(records) < 2:
            self.message_user(request, "اختر سجلين على الأقل للدمج.", messages.WARNING)
            return None
        if request.POST.get("confirm") == "yes":
            form = MergeForm(request.POST)
            kept = next((r for r in records if form.is_valid() and r.pk == form.cleaned_data["kept"]), None)
            if kept is None:
                self.message_user(request, "اختر السجل الذي يبقى من بين السجلات المحددة.", messages.ERROR)
            else:
                try:
                    record = merging.merge(kept, [r for r in records if r.pk != kept.pk], user=request.user)
                except merging.MergeError as error:
                    self.message_user(request, str(error), messages.ERROR)
                    return None
                url = reverse("admin:archive_merge_change", args=[record.pk])
                self.message_user(
                    request,
                    format_html('دُمجت السجلات في «{}». <a href="{}">التراجع عن الدمج ممكن من هنا</a>.', kept, url),
                    messages.SUCCESS,
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": "دمج السجلات",
            "choices": [(record, _link_count(record)) for record in records],
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/archive/merge_confirm.html", context)


def _link_count(record) -> int:
    return sum(count for _, count in merging.links_of(record))


@admin.register(models.Merge)
class MergeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "created_at", "created_by", "undone_at", "undone_by"]
    list_filter = ["kind", ("undone_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["kind", "kept_name", "merged_names", "created_at", "created_by", "undone_at", "undone_by",
                       "moved_count"]
    fields = readonly_fields
    change_form_template = "admin/archive/merge/change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # the record of a merge is what makes it reversible

    @admin.display(description="الروابط المنقولة")
    def moved_count(self, merge: models.Merge) -> int:
        return len(merge.moved)

    def get_urls(self):
        return [
            path("<int:pk>/undo/", self.admin_site.admin_view(self.undo_view), name="archive_merge_undo"),
            *super().get_urls(),
        ]

    def undo_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:archive_merge_change", args=[pk]))
        merge = get_object_or_404(models.Merge, pk=pk)
        if not request.user.has_perm(f"archive.change_{merging.MERGEABLE[merge.kind]._meta.model_name}"):
            raise PermissionDenied
        try:
            merging.undo(merge, user=request.user)
        except merging.MergeError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, f"تم التراجع عن الدمج: {merge}", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:archive_merge_change", args=[pk]))


# Articles -----------------------------------------------------------------


class MeetingReportInline(admin.StackedInline):
    model = models.MeetingReport
    extra = 0
    classes = ["collapse"]


class PersonMentionInline(admin.StackedInline):
    # Stacked, two or three fields a line: eight columns would not fit a tablet.
    model = models.PersonMention
    extra = 0
    autocomplete_fields = ["person", "country", "proposed_person"]
    fields = [("person", "name_as_written"), ("role", "country"), ("is_chair", "in_meeting", "proposed_person"), "sentence",
              "confidence_shown"]
    readonly_fields = ["confidence_shown"]
    formfield_overrides = {TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}

    @admin.display(description="ثقة الاستخراج")
    def confidence_shown(self, mention: models.PersonMention) -> str:
        return confidence.described(mention.confidence, confidence.MENTION_FACTS)


class StatementInline(admin.StackedInline):
    # Stacked like the people: who, what, where in the body.
    model = models.Statement
    extra = 0
    autocomplete_fields = ["person", "country"]
    fields = [("speaker_kind", "person", "speaker_name"), ("collective", "country"), ("verb", "is_quote", "position"),
              "text", ("start", "end"), "confidence_shown"]
    readonly_fields = ["confidence_shown"]
    formfield_overrides = {TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}

    @admin.display(description="ثقة نسبة التصريح إلى المتحدث")
    def confidence_shown(self, statement: models.Statement) -> str:
        return f"{statement.confidence:.2f}"


class CountryMentionInline(admin.TabularInline):
    model = models.CountryMention
    extra = 0
    autocomplete_fields = ["country"]
    formfield_overrides = {TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class CitationInline(admin.TabularInline):
    model = models.Citation
    extra = 0
    autocomplete_fields = ["resolution"]
    formfield_overrides = {TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class BatchFilter(admin.SimpleListFilter):
    """The articles of one import batch: an editor works through what they
    uploaded together."""

    title = "دفعة الاستيراد"
    parameter_name = "batch"
    SHOWN = 15  # the newest batches listed; an older one is reached by its number in the address

    def lookups(self, request, model_admin):
        batches = models.ImportBatch.objects.annotate(
            articles=Count("records__article", filter=Q(records__article__isnull=False))
        ).filter(articles__gt=0).order_by("-started_at")[: self.SHOWN]
        return [(str(b.pk), f"{b} · {b.started_at:%Y-%m-%d} · {plurals.articles(b.articles)}")
                for b in batches]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(import_records__batch_id=int(value)).distinct()
        return queryset


class ProposalFilter(admin.SimpleListFilter):
    title = "اقتراح الاجتماع"
    parameter_name = "proposal"

    def lookups(self, request, model_admin):
        return [("pending", "اقتراح ينتظر قرار المحرر"), ("linked", "مرتبط باجتماع"), ("none", "بلا اجتماع")]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.filter(proposed_meeting__isnull=False)
        if self.value() == "linked":
            return queryset.filter(meeting__isnull=False)
        if self.value() == "none":
            return queryset.filter(meeting__isnull=True, proposed_meeting__isnull=True)
        return queryset


def sources_html(sources: list[tuple[str, str]]) -> str:
    """Reference sources as links, each with the facts it vouches for (escaped)."""
    return format_html_join(
        "\n", "<p><a href=\"{}\" rel=\"noopener noreferrer\" dir=\"ltr\">{}</a> — {}</p>",
        ((url, url, facts) for url, facts in sources),
    ) or "—"


class ConfidenceFilter(admin.SimpleListFilter):
    """The review queue by the import's least sure fact."""

    title = "أدنى ثقة في الاستخراج"
    parameter_name = "confidence"
    BANDS = {
        "low": ("أقل من 0.5", 0.0, 0.5),
        "doubtful": (f"من 0.5 إلى أقل من {confidence.PUBLISH_MIN}", 0.5, confidence.PUBLISH_MIN),
        "sure": (f"{confidence.PUBLISH_MIN} فأكثر", confidence.PUBLISH_MIN, 1.01),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _, _) in self.BANDS.items()] + [("none", "بلا تقدير")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(min_confidence__isnull=True)
        if self.value() in self.BANDS:
            _, low, high = self.BANDS[self.value()]
            return queryset.filter(min_confidence__gte=low, min_confidence__lt=high)
        return queryset


class ArticleForm(forms.ModelForm):
    def clean_body(self) -> str:
        """A browser sends a textarea's line breaks as CRLF: the body keeps
        the LF it was saved with, so that a save that changed nothing in it
        leaves it, its index and its statements' spans as they were."""
        return self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")


@admin.register(models.Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleForm
    # Django 6 assumes https for an address typed without a scheme; so do we, on 5.2 too.
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    list_display = ["title", "status", "outlet", "published_on", "meeting", "proposed_meeting", "lowest_confidence",
                    "flag_count", "created_at"]
    list_filter = ["status", BatchFilter, ConfidenceFilter, ProposalFilter, "outlet", "published_on"]
    list_select_related = ["outlet", "meeting", "proposed_meeting"]
    search_fields = ["title", "source_name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["outlet", "meeting", "proposed_meeting"]
    # The flags are the pipeline's notes, shown on the review panel; the editor
    # answers them by correcting the facts.
    readonly_fields = ["status", "source_name", "content_hash", "meeting_proposal", "flags_shown", "confidence_shown",
                       "created_at", "updated_at"]
    fields = ["title", "byline", "status", "outlet", "published_on", "source_url", "meeting", "proposed_meeting", "meeting_proposal",
              "body", "flags_shown", "confidence_shown", "source_name", "created_at", "updated_at"]
    inlines = [MeetingReportInline, PersonMentionInline, StatementInline, CountryMentionInline, CitationInline]
    actions = ["publish", "reject", "confirm_proposals", "reread_statements"]
    change_form_template = "admin/archive/article/change_form.html"
    history_list_display = ["status"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).defer("raw_text")

    @admin.display(description="أدنى ثقة", ordering=F("min_confidence").asc(nulls_last=True))
    def lowest_confidence(self, article: models.Article) -> str:
        if article.min_confidence is None:
            return "—"
        weakest = min(article.confidence, key=article.confidence.get, default="")
        return f"{article.min_confidence:.2f} ({confidence.ARTICLE_FACTS.get(weakest, weakest)})"

    @admin.display(description="ثقة الاستخراج في كل حقيقة")
    def confidence_shown(self, article: models.Article) -> str:
        return confidence.described(article.confidence, confidence.ARTICLE_FACTS)

    @admin.display(description="ملاحظات مفتوحة")
    def flag_count(self, article: models.Article) -> int:
        return len(article.flags or [])

    @admin.action(description="نشر المقالات المحددة", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        """Publish the selection, after listing the open flags of those that
        have any and asking (archive.editorial.flags)."""
        flagged = [(article, flags.open_flags(article)) for article in queryset.select_related("outlet", "meeting")]
        flagged = [(article, still) for article, still in flagged if still and not article.is_published]
        if flagged and request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": "نشر مقالات لها ملاحظات مفتوحة",
                "flagged": flagged,
                "selected": queryset.values_list("pk", flat=True),
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/archive/article/publish_confirm.html", context)
        count = curation.publish(queryset, user=request.user)
        self.message_user(request, f"نُشر {plurals.articles(count)}.", messages.SUCCESS)
        return None

    @admin.action(description="رفض المقالات المحددة", permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = curation.reject(queryset, user=request.user)
        self.message_user(request, f"رُفض {plurals.articles(count)}.", messages.SUCCESS)

    @admin.action(description="تأكيد الاجتماع المقترح للمقالات المحددة", permissions=["change"])
    def confirm_proposals(self, request: HttpRequest, queryset: QuerySet) -> None:
        proposed = list(queryset.filter(proposed_meeting__isnull=False).select_related("proposed_meeting"))
        for article in proposed:
            curation.confirm_meeting(article, user=request.user)
            curation.settle_flags(article, user=request.user)
        skipped = queryset.count() - len(proposed)
        message = f"رُبط {plurals.articles(len(proposed))} باجتماعه المقترح."
        if skipped:
            message += f" {plurals.articles(skipped)} بلا اقتراح تُركت كما هي."
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description="قراءة تصريحات المقالات المحددة من جديد", permissions=["change"])
    def reread_statements(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Read the selection's statements again with the reader as it now
        reads, but for published articles and those whose statements an
        editor has touched (archive.importing.rereading)."""
        ids = list(queryset.values_list("pk", flat=True)[:REREAD_MAX + 1])
        if len(ids) > REREAD_MAX:
            # One request reads them: more would outlast it (the command has no such limit).
            self.message_user(
                request, f"حُدد أكثر من {REREAD_MAX} مقال: اقرأها بأمر manage.py reread_statements.", messages.ERROR
            )
            return
        articles, kept = rereading.candidates(ids=ids)
        report = rereading.reread(articles, saving.Context.load(), rereading.Report(kept=kept))
        published = queryset.filter(status=models.Article.Status.PUBLISHED).count()
        message = (
            # The count stands alone (a genitive «مقالين» would need a case of its own).
            f"المقالات التي قُرئت تصريحاتها من جديد: {report.read}؛ التصريحات: "
            f"{report.statements_before} ← {report.statements_after}."
        )
        if report.kept:
            message += f" تُرك {plurals.articles(report.kept)} عدّل محرر تصريحاته."
        if published:
            message += f" لا تُقرأ هنا تصريحات المقالات المنشورة ({published}): تُقرأ بأمر reread_statements --include-published."
        self.message_user(request, message, messages.SUCCESS)
        for article_id, reason in report.failed:
            self.message_user(request, f"المقال {article_id}: {reason}", messages.ERROR)

    @admin.display(description="ملاحظات الاستيراد")
    def flags_shown(self, article: models.Article) -> str:
        if not article.flags:
            return "لا ملاحظات."
        return format_html("<ul class=\"flags\">{}</ul>", format_html_join("", "<li>{}</li>", ((f,) for f in article.flags)))

    def save_model(self, request: HttpRequest, obj: models.Article, form, change: bool) -> None:
        # The meeting facts as they stood, for curation.settle once the
        # inlines (the people, the report) are saved too.
        request.article_before = curation.Before.of(obj)
        # Where the editor goes next, read before this save takes the
        # article out of a filtered queue ("pending", say).
        request.article_queue = self._queue(request, obj) if change else {}
        super().save_model(request, obj, form, change)

    def response_change(self, request: HttpRequest, obj: models.Article) -> HttpResponse:
        """After «احفظ وانتقل إلى التالي», or a decision that ends the
        article's review (published, rejected), the next article of the
        queue: one page load an article."""
        done = request.POST.get("_next") or getattr(request, "article_reviewed", False)
        following = getattr(request, "article_queue", {}).get("next")
        saved = format_html(gettext("The {name} “{obj}” was changed successfully."), name=obj._meta.verbose_name, obj=obj)
        if done and following:
            self.message_user(request, saved, messages.SUCCESS)
            return HttpResponseRedirect(following)
        if request.POST.get("_decision") and not done:
            # A decision on the way (a meeting confirmed, a proposal refused):
            # the editor stays on the article, its queue kept in the address.
            self.message_user(request, saved, messages.SUCCESS)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        """The whole save, then what follows from it, in the admin's one
        transaction: the meeting's participants, chairs and facts derived
        from the people and report as saved, then the review panel's button
        the editor pressed (it submits this form: no edit is left behind)."""
        super().save_related(request, form, formsets, change)
        article = form.instance
        curation.settle(article, getattr(request, "article_before", curation.Before()), user=request.user)
        if decision := request.POST.get("_decision"):
            self._decide(request, article, decision)
            request.article_reviewed = article.status != models.Article.Status.PENDING
        curation.settle_flags(article, user=request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and context.get("errors"):
            # The form failed: the panel tells what the archive holds, not
            # the unsaved values the form put on the instance.
            obj = context["original"] = models.Article.objects.get(pk=obj.pk)
        if obj is not None:
            context["review"] = review.review(obj)
            context["queue"] = self._queue(request, obj)
            context["raw_text"] = obj.raw_text
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def _queue(self, request: HttpRequest, article: models.Article) -> dict:
        """The article's place in the queue the editor came from (the list
        with its filters and order, which the admin keeps in the address):
        its position and its previous and next articles' addresses."""
        filters = request.GET.get("_changelist_filters", "")
        listing = copy.copy(request)
        listing.GET = QueryDict(filters)
        try:
            ids = list(self.get_changelist_instance(listing).queryset.values_list("pk", flat=True))
        except (IncorrectLookupParameters, ValidationError):
            return {}
        if article.pk not in ids:
            return {}
        at = ids.index(article.pk)
        suffix = f"?{urlencode({'_changelist_filters': filters})}" if filters else ""

        def address(pk: int) -> str:
            return reverse("admin:archive_article_change", args=[pk]) + suffix

        return {
            "position": at + 1, "total": len(ids),
            "previous": address(ids[at - 1]) if at > 0 else "",
            "next": address(ids[at + 1]) if at + 1 < len(ids) else "",
        }

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/decide/", view(self.decide_view), name="archive_article_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The review page's buttons: publish, reject, and the decisions on
        the proposed meeting. POST only, with the CSRF token."""
        article = get_object_or_404(models.Article, pk=pk)
        back = HttpResponseRedirect(reverse("admin:archive_article_change", args=[pk]))
        if request.method != "POST":
            return back
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        self._decide(request, article, request.POST.get("decision") or request.POST.get("_decision") or "")
        return back

    def _decide(self, request: HttpRequest, article: models.Article, decision: str) -> None:
        """One of the review panel's decisions, with a message saying what it did."""
        if decision == "publish" and (still := flags.open_flags(article)):
            # Asked first: the editor publishes over open flags knowingly.
            self.message_user(request, format_html(
                "لم يُنشر المقال: له {} مفتوحة: {}. راجعها، أو اضغط «انشر رغم الملاحظات».",
                plurals.notes(len(still)), "؛ ".join(still)), messages.WARNING)
        elif decision in ("publish", "publish_anyway"):
            curation.publish([article], user=request.user)
            self.message_user(request, "نُشر المقال، وهو الآن ظاهر للعموم.", messages.SUCCESS)
        elif decision == "reject":
            curation.reject([article], user=request.user)
            self.message_user(request, "رُفض المقال؛ لن يظهر للعموم.", messages.SUCCESS)
        elif decision in ("confirm_meeting", "confirm_and_publish") and article.proposed_meeting_id:
            meeting = curation.confirm_meeting(article, user=request.user)
            self.message_user(request, f"رُبط المقال بالاجتماع «{meeting}».", messages.SUCCESS)
            if decision == "confirm_and_publish":
                curation.settle_flags(article, user=request.user)  # the meeting's flags are settled now
                self._decide(request, article, "publish")
        elif decision == "refuse_meeting" and article.proposed_meeting_id:
            curation.refuse_meeting(article, user=request.user)
            self.message_user(request, "رُفض اقتراح الاجتماع.", messages.SUCCESS)
        elif decision == "new_meeting" and article.meeting_id is None:
            meeting = curation.meeting_from_article(article, user=request.user)
            self.message_user(request, f"أُنشئ الاجتماع «{meeting}» من هذا المقال.", messages.SUCCESS)
        elif decision == "move_meeting":
            meeting = models.Meeting.objects.filter(pk=request.POST.get("meeting") or 0).first()
            if meeting is None:
                self.message_user(request, "اختر الاجتماع الذي يُنقل إليه المقال.", messages.ERROR)
            else:
                curation.confirm_meeting(article, meeting, user=request.user)
                self.message_user(request, f"نُقل المقال إلى الاجتماع «{meeting}».", messages.SUCCESS)
        else:
            self.message_user(request, "لم يُفهم الطلب.", messages.ERROR)


# Meetings, people, countries, outlets, resolutions -------------------------


class ParticipationInline(admin.TabularInline):
    model = models.Participation
    extra = 0
    autocomplete_fields = ["person", "country"]


class MeetingArticleInline(admin.TabularInline):
    model = models.Article
    fk_name = "meeting"
    verbose_name = "مقال عن هذا الاجتماع"
    verbose_name_plural = "المقالات عن هذا الاجتماع"
    fields = ["title", "status", "outlet", "published_on"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ProposedArticleInline(MeetingArticleInline):
    fk_name = "proposed_meeting"
    verbose_name = "مقال مقترح لهذا الاجتماع"
    verbose_name_plural = "مقالات مقترحة لهذا الاجتماع (تُؤكَّد من صفحة مراجعة المقال)"
    fields = ["title", "status", "meeting_proposal"]
    readonly_fields = fields


class UndatedFilter(admin.SimpleListFilter):
    title = "التاريخ"
    parameter_name = "dated"

    def lookups(self, request, model_admin):
        return [("no", "بلا تاريخ"), ("yes", "مؤرخ")]

    def queryset(self, request, queryset):
        if self.value() in ("no", "yes"):
            return queryset.filter(date__isnull=self.value() == "no")
        return queryset


@admin.register(models.Meeting)
class MeetingAdmin(MergeableAdmin):
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    list_display = ["name", "date_or_flag", "place", "format", "kind", "origin", "member_count", "article_count", "chairs"]
    list_filter = [UndatedFilter, "origin", "unverified", "format", "kind", "ministers"]
    search_fields = ["name", "name_en", "place", "place_en"]
    date_hierarchy = "date"
    readonly_fields = ["origin", "calendar_key", "sources_list"]
    inlines = [ParticipationInline, MeetingArticleInline, ProposedArticleInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(
            _article_count=Count("articles", distinct=True) + Count("proposed_articles", distinct=True)
        )

    @admin.display(description="عدد المقالات (المرتبطة والمقترحة)", ordering="_article_count")
    def article_count(self, meeting: models.Meeting) -> int:
        return meeting._article_count

    @admin.display(description="التاريخ", ordering="date")
    def date_or_flag(self, meeting: models.Meeting) -> str:
        # An undated meeting cannot be told from its neighbours: flagged.
        return meeting.date.isoformat() if meeting.date else "⚠ بلا تاريخ"

    @admin.display(description="المصادر التي تحقق منها التقويم")
    def sources_list(self, meeting: models.Meeting) -> str:
        return sources_html(meeting.source_list)

    def save_model(self, request: HttpRequest, obj: models.Meeting, form, change: bool) -> None:
        if not change:
            obj.origin = models.Meeting.Origin.EDITOR  # added by hand, beside the calendar
        super().save_model(request, obj, form, change)

    def autocomplete_queryset(self, queryset: QuerySet) -> QuerySet:
        annotated = queryset.annotate(_picker_articles=Count("articles", distinct=True))
        return annotated.order_by(F("date").desc(nulls_last=True), "name", "pk")  # undated last

    def autocomplete_label(self, meeting: models.Meeting) -> str:
        return f"{meeting} · المقالات: {getattr(meeting, '_picker_articles', 0)}"

    @admin.display(description="الرئاسة")
    def chairs(self, meeting: models.Meeting) -> str:
        return "، ".join(p.person.name for p in meeting.participations.filter(is_chair=True).select_related("person"))


class PersonAliasInline(admin.TabularInline):
    model = models.PersonAlias
    extra = 0


@admin.register(models.Person)
class PersonAdmin(MergeableAdmin):
    list_display = ["name", "name_en", "country", "alias_list", "mention_count", "is_known_official"]
    list_filter = ["country", ("reference_key", admin.EmptyFieldListFilter)]
    search_fields = ["name", "name_en", "key", "aliases__name"]
    ordering = ["name", "pk"]  # the person picker pages its results: a stable order
    autocomplete_fields = ["country"]
    inlines = [PersonAliasInline]
    readonly_fields = ["office_list", "sources_list"]

    @admin.display(description="من قائمة المسؤولين المعروفين", boolean=True, ordering="reference_key")
    def is_known_official(self, person: models.Person) -> bool:
        return person.reference_key is not None

    @admin.display(description="المناصب كما توثقها المصادر")
    def office_list(self, person: models.Person) -> str:
        return format_html_join(
            "\n", "<p>{} ({} – {})</p>",
            ((o.get("role_ar", ""), o.get("from") or "؟", o.get("to") or "حتى تاريخ المصدر") for o in person.offices),
        ) or "—"

    @admin.display(description="المصادر التي تحقق منها")
    def sources_list(self, person: models.Person) -> str:
        return sources_html(person.source_list)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super().get_queryset(request)
            .select_related("country")
            .prefetch_related("aliases")
            .annotate(_mentions=Count("mentions", distinct=True))
        )

    @admin.display(description="الأسماء البديلة")
    def alias_list(self, person: models.Person) -> str:
        return "، ".join(alias.name for alias in person.aliases.all())

    @admin.display(description="عدد المقالات", ordering="_mentions")
    def mention_count(self, person: models.Person) -> int:
        return person._mentions


class CountryAliasInline(admin.TabularInline):
    model = models.CountryAlias
    extra = 0


@admin.register(models.Statement)
class StatementAdmin(SimpleHistoryAdmin):
    """Every statement, least sure speaker first: the queue an editor works
    through to check who said what."""

    list_display = ["short_text", "speaker_shown", "speaker_kind", "collective", "article", "confidence"]
    list_filter = ["speaker_kind", "collective", "is_quote", "article__status"]
    list_select_related = ["person", "article"]
    search_fields = ["text", "speaker_name", "person__name", "article__title"]
    ordering = ["confidence", "article", "position"]
    autocomplete_fields = ["article", "person", "country"]
    fields = ["article", ("speaker_kind", "person", "speaker_name"), ("collective", "country"),
              ("verb", "is_quote", "position"), "text", ("start", "end"), "confidence", "evidence"]
    readonly_fields = ["confidence", "evidence"]
    formfield_overrides = {TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}}

    @admin.display(description="التصريح")
    def short_text(self, statement: models.Statement) -> str:
        return statement.text[:90]

    @admin.display(description="المتحدث", ordering="speaker_name")
    def speaker_shown(self, statement: models.Statement) -> str:
        return statement.speaker

    @admin.display(description="الشاهد في نص المقال")
    def evidence(self, statement: models.Statement) -> str:
        if statement.pk is None:
            return "—"
        body = statement.article.body
        before, after = max(0, statement.start - 150), min(len(body), statement.end + 150)
        return format_html(
            '<p class="review-body">{}<mark class="evidence">{}</mark>{}</p>',
            body[before:statement.start], body[statement.start:statement.end], body[statement.end:after],
        )


@admin.register(models.Country)
class CountryAdmin(MergeableAdmin):
    list_display = ["name", "name_en", "iso_code"]
    search_fields = ["name", "name_en", "iso_code", "key", "aliases__name"]
    inlines = [CountryAliasInline]


class OutletAliasInline(admin.TabularInline):
    model = models.OutletAlias
    extra = 0


@admin.register(models.Outlet)
class OutletAdmin(MergeableAdmin):
    list_display = ["name", "name_en", "website"]
    search_fields = ["name", "name_en", "key", "aliases__name"]
    inlines = [OutletAliasInline]
    # An address typed without a scheme is read as https (Django 6's default;
    # saying so silences 5.2's warning about the change).
    formfield_overrides = {URLField: {"assume_scheme": "https"}}


@admin.register(models.Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "year", "adopted_on", "title", "topic_en"]
    search_fields = ["number", "title", "subject_en", "topic_en"]
    formfield_overrides = {URLField: {"assume_scheme": "https"}}


@admin.register(models.ZeroResultQuery)
class ZeroResultQueryAdmin(admin.ModelAdmin):
    """What researchers searched for and did not find: a spelling here is
    often an alias to add to a person or a country."""

    list_display = ["query", "count", "last_seen", "search_link"]
    search_fields = ["query"]
    readonly_fields = ["query", "count", "first_seen", "last_seen"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="جرّب البحث")
    def search_link(self, entry: models.ZeroResultQuery) -> str:
        return format_html('<a href="{}?{}">ابحث الآن</a>', reverse("archive:search"), urlencode({"q": entry.query}))


# Imports ------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="ملفات المقالات",
        help_text="ملف ‎.txt أو أكثر، أو ملف ‎.zip يضم ملفات ‎.txt. يُقرأ كل ملف على حدة؛ الملف المعيب لا يوقف البقية.",
        # An empty file is one bad file of the batch, refused by the
        # pipeline with its reason, not an error that stops the upload.
        allow_empty_file=True,
    )
    publish = forms.BooleanField(label="انشر المقالات الجديدة فوراً (دون مراجعة)", required=False)
    published_on = forms.DateField(
        label="تاريخ النشر", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="لملف واحد لا تظهر عليه صفحته تاريخ نشره (أو تظهر تاريخ تحديث لاحق).",
    )
    source_url = forms.URLField(
        label="رابط المقال الأصلي", required=False, max_length=1000, assume_scheme="https",
        help_text="لملف واحد: العنوان الذي نُسخ منه، يظهر رابطاً إلى الأصل.",
    )

    def clean(self):
        data = super().clean()
        files = data.get("files") or []
        given = data.get("published_on") or data.get("source_url")
        if given and (len(files) != 1 or files[0].name.lower().endswith(".zip")):
            raise forms.ValidationError("تاريخ النشر والرابط يخصان ملف ‎.txt واحداً؛ ارفع الملف وحده، أو اتركهما فارغين.")
        return data


def upload_sources(files) -> list[pipeline.Source | pipeline.FileResult]:
    """The uploaded files as pipeline sources: .txt files as they are, the
    .txt members of each .zip, and a clear rejection for anything else."""
    sources: list[pipeline.Source | pipeline.FileResult] = []
    rejected = models.ImportRecord.Outcome.REJECTED
    for upload in files:
        name = upload.name
        if name.lower().endswith(".zip"):
            sources.extend(pipeline.sources_from_zip(name, upload))
        elif name.lower().endswith(".txt"):
            # The size is known before reading: an oversized file is refused unread.
            sources.append(pipeline.Source(name, lambda upload=upload: upload.read(), upload.size))
        else:
            sources.append(pipeline.FileResult(name, rejected, "نوع الملف غير مقبول: ‎.txt أو ‎.zip فقط"))
    return sources


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
    list_display = ["__str__", "source", "started_at", "created_by", "created", "duplicates", "rejected"]
    list_filter = ["source"]
    readonly_fields = ["source", "started_at", "finished_at", "created_by", "review_queue"]
    inlines = [ImportRecordInline]

    @admin.display(description="المراجعة")
    def review_queue(self, batch) -> str:
        """The batch's articles waiting for review, least sure first: where
        the editor goes after an upload."""
        waiting = models.Article.objects.filter(import_records__batch=batch, status=models.Article.Status.PENDING).count()
        if not waiting:
            return "لا مقالات تنتظر المراجعة في هذه الدفعة."
        query = urlencode({"batch": batch.pk, "status__exact": "pending", "o": "7"})  # 7: the lowest confidence
        return format_html('<a class="button default" href="{}?{}">راجع مقالات الدفعة التي تنتظر المراجعة ({})</a>',
                           reverse("admin:archive_article_changelist"), query, waiting)
    change_list_template = "admin/archive/importbatch/change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        Outcome = models.ImportRecord.Outcome
        return (
            super()
            .get_queryset(request)
            .select_related("created_by")
            .annotate(
                _created=Count("records", filter=Q(records__outcome=Outcome.CREATED)),
                _duplicates=Count("records", filter=Q(records__outcome=Outcome.DUPLICATE)),
                _rejected=Count("records", filter=Q(records__outcome=Outcome.REJECTED)),
            )
        )

    @admin.display(description="أُنشئ", ordering="_created")
    def created(self, batch) -> int:
        return batch._created

    @admin.display(description="مكرر", ordering="_duplicates")
    def duplicates(self, batch) -> int:
        return batch._duplicates

    @admin.display(description="مرفوض", ordering="_rejected")
    def rejected(self, batch) -> int:
        return batch._rejected

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    # A batch is the record of what happened: it is read, never edited.
    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        return [
            path("upload/", self.admin_site.admin_view(self.upload_view), name="archive_importbatch_upload"),
            *super().get_urls(),
        ]

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("archive.add_article"):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            sources = upload_sources(form.cleaned_data["files"])
            given = understanding.Given(form.cleaned_data["published_on"], form.cleaned_data["source_url"] or "")
            if given.published_on or given.source_url:
                sources = [dataclasses.replace(s, given=given) if isinstance(s, pipeline.Source) else s for s in sources]
            result = pipeline.import_sources(
                sources,
                batch_source=models.ImportBatch.Source.UPLOAD,
                user=request.user,
                publish=form.cleaned_data["publish"],
            )
            level = messages.WARNING if result.rejected else messages.SUCCESS
            self.message_user(
                request,
                f"أُنشئ {result.created}، ومكرر {result.duplicates}، ومرفوض {result.rejected}.",
                level,
            )
            return HttpResponseRedirect(reverse("admin:archive_importbatch_change", args=[result.batch_id]))
        context = {
            **self.admin_site.each_context(request),
            "title": "رفع ملفات مقالات",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/archive/importbatch/upload.html", context)

