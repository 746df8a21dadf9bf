from django.contrib import admin
from django.urls import include, path

from archive import views

public_patterns = [
    path("", views.search_page, name="search"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("people/", views.person_list, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:iso>/", views.country_detail, name="country"),
    path("resolutions/", views.resolution_list, name="resolutions"),
    path("resolutions/<int:number>/", views.resolution_detail, name="resolution"),
    path("outlets/", views.outlet_list, name="outlets"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include((public_patterns, "archive"))),
]
