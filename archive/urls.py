from django.contrib import admin
from django.urls import include, path

from archive import views

admin.site.site_header = "إدارة أرشيف التحالف الدولي ضد داعش"
admin.site.site_title = "إدارة الأرشيف"
admin.site.index_title = "التحرير والمراجعة"

public_patterns = [
    path("", views.search_page, name="search"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("export.csv", views.export_csv, name="export_csv"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include((public_patterns, "archive"))),
]
