from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("veranstaltungen/", views.EventListView.as_view(), name="event-list"),
    path("veranstaltungen/feed.ics", views.event_feed, name="event-feed"),
    path("veranstaltungen/kalender/", views.CalendarRedirectView.as_view(), name="calendar-today"),
    path(
        "veranstaltungen/kalender/<int:year>/<int:month>/",
        views.EventCalendarView.as_view(),
        name="event-calendar",
    ),
    path("veranstaltungen/<slug:slug>.ics", views.event_ics, name="event-ics"),
    path("veranstaltungen/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("bueros/<slug:slug>/veranstaltungen.ics", views.office_feed, name="office-feed"),
]
