from django.contrib import admin
from django.urls import include, path

from archive import views

public_patterns = [
    path("", views.search_page, name="search"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("export.csv", views.export_csv, name="export_csv"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include((public_patterns, "archive"))),
]
