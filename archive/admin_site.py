"""The editors' admin site: Django's admin in Arabic, with the archive's own
pages (one history log, file upload) beside the model pages."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from archive import history_log, ratelimit

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
        return [path("history/", self.admin_view(self.history_view), name="history"), *super().get_urls()]

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        return LabelledAutocompleteView.as_view(admin_site=self)(request)

    def history_view(self, request: HttpRequest) -> HttpResponse:
        mine = request.GET.get("mine") == "1"
        entries = history_log.recent(HISTORY_PAGE_SIZE, user_id=request.user.pk if mine else None)
        context = {
            **self.each_context(request),
            "title": "سجل التعديلات",
            "entries": entries,
            "mine": mine,
            "page_size": HISTORY_PAGE_SIZE,
        }
        return TemplateResponse(request, "admin/archive/history_log.html", context)
