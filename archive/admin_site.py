"""The editors' admin site: Django's admin in Arabic, with the archive's own
pages (one history log, file upload) beside the model pages."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from archive.editorial import history, merging, suggestions
from archive.ops import ratelimit

HISTORY_PAGE_SIZE = 100


class LabelledAutocompleteView(AutocompleteJsonView):
    """Django's picker search, each result labelled as its model's admin
    chooses (`autocomplete_queryset`, `autocomplete_label`): two meetings
    of one name are told apart by date, place, kind and articles."""

    def get_queryset(self):
        queryset = super().get_queryset()
        annotate = getattr(self.model_admin, "autocomplete_queryset", None)
        return annotate(queryset) if annotate else queryset

    def serialize_result(self, obj, to_field_name):
        label = getattr(self.model_admin, "autocomplete_label", str)
        return {"id": str(getattr(obj, to_field_name)), "text": label(obj)}


class ArchiveAdminSite(admin.AdminSite):
    site_header = "إدارة أرشيف التحالف الدولي ضد داعش"
    site_title = "إدارة الأرشيف"
    index_title = "التحرير والمراجعة"
    index_template = "admin/archive/index.html"

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """Django's login, with a bound on failed attempts per address and user
        name (RATELIMIT_LOGIN): past it, every attempt waits, right or wrong,
        so a password cannot be guessed at the server's speed."""
        if request.method != "POST":
            return super().login(request, extra_context)
        who = f"{ratelimit.client_address(request)} {request.POST.get('username', '')}"
        wait = ratelimit.used("login", who)
        if wait is not None:
            return ratelimit.too_many_requests(request, wait)
        response = super().login(request, extra_context)
        if response.status_code == 200:  # the form came back: the credentials were refused
            ratelimit.spend("login", who)
        return response

    def get_urls(self):
        return [
            path("history/", self.admin_view(self.history_view), name="history"),
            path("duplicates/", self.admin_view(self.duplicates_view), name="duplicates"),
            *super().get_urls(),
        ]

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        return LabelledAutocompleteView.as_view(admin_site=self)(request)

    def history_view(self, request: HttpRequest) -> HttpResponse:
        mine = request.GET.get("mine") == "1"
        entries = history.recent(HISTORY_PAGE_SIZE, user_id=request.user.pk if mine else None)
        context = {
            **self.each_context(request),
            "title": "سجل التعديلات",
            "entries": entries,
            "mine": mine,
            "page_size": HISTORY_PAGE_SIZE,
        }
        return TemplateResponse(request, "admin/archive/history_log.html", context)

    def duplicates_view(self, request: HttpRequest) -> HttpResponse:
        """Records that look like one (archive.editorial.suggestions): each pair with
        why, and what a merge would move; merged, or marked as two, in one
        click. POST with the CSRF token for either."""
        if request.method == "POST":
            self._decide_pair(request)
            return HttpResponseRedirect(reverse("admin:duplicates"))
        sections = []
        for kind in suggestions.FINDERS:
            model = merging.MERGEABLE[kind]
            if request.user.has_perm(f"archive.change_{model._meta.model_name}"):
                found = [suggestions.proposal(pair) for pair in suggestions.pairs(kind)]
                sections.append((kind, model._meta.verbose_name_plural, model._meta.model_name, found))
        context = {**self.each_context(request), "title": "سجلات تبدو مكررة", "sections": sections,
                   "limit": suggestions.LIMIT}
        return TemplateResponse(request, "admin/archive/duplicates.html", context)

    def _decide_pair(self, request: HttpRequest) -> None:
        kind = request.POST.get("kind", "")
        model = merging.MERGEABLE.get(kind)
        ids = [value for value in (request.POST.get("kept", ""), request.POST.get("other", "")) if value.isdigit()]
        if model is None or len(ids) != 2 or not request.user.has_perm(f"archive.change_{model._meta.model_name}"):
            messages.error(request, "لم يُفهم الطلب أو لا تملك صلاحية تعديل هذه السجلات.")
            return
        records = {record.pk: record for record in model.objects.filter(pk__in=ids)}
        kept, other = records.get(int(ids[0])), records.get(int(ids[1]))
        if kept is None or other is None:
            messages.error(request, "أحد السجلين لم يعد موجوداً؛ ربما دُمج أو حُذف.")
        elif request.POST.get("decision") == "distinct":
            suggestions.mark_distinct(kind, kept.pk, other.pk, request.user)
            messages.success(request, f"«{kept}» و«{other}» سجلان مختلفان؛ لن يُقترح دمجهما ثانية.")
        else:
            try:
                record = merging.merge(kept, [other], user=request.user)
            except merging.MergeError as error:
                messages.error(request, str(error))
                return
            undo = reverse("admin:archive_merge_change", args=[record.pk])
            messages.success(request, format_html('دُمج «{}» في «{}». <a href="{}">التراجع عن الدمج ممكن من هنا</a>.',
                                                  other, kept, undo))
