from django.urls import path

from . import views
from .feeds import LatestNoticesFeed

app_name = "offices"

urlpatterns = [
    path("bueros/", views.OfficeListView.as_view(), name="office-list"),
    path("bueros/<slug:slug>/", views.OfficeDetailView.as_view(), name="office-detail"),
    path("aktuelles/", views.NoticeListView.as_view(), name="notice-list"),
    path("aktuelles/feed/", LatestNoticesFeed(), name="notice-feed"),
    path("aktuelles/<slug:slug>/", views.NoticeDetailView.as_view(), name="notice-detail"),
]
