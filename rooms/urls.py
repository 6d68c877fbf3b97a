from django.urls import path, re_path

from . import views

app_name = "rooms"

# Tokens from secrets.token_urlsafe(32) have 43 characters; requiring 40 or more keeps
# the status pages apart from a room that might be called "anfrage".
TOKEN = r"(?P<token>[-\w]{40,100})"

urlpatterns = [
    path("raeume/", views.RoomListView.as_view(), name="room-list"),
    re_path(
        rf"^raeume/anfrage/{TOKEN}/$", views.RequestDetailView.as_view(), name="request-detail"
    ),
    re_path(rf"^raeume/anfrage/{TOKEN}/stornieren/$", views.request_cancel, name="request-cancel"),
    re_path(rf"^raeume/anfrage/{TOKEN}/annehmen/$", views.request_accept, name="request-accept"),
    re_path(rf"^raeume/anfrage/{TOKEN}/buchung\.ics$", views.request_ics, name="request-ics"),
    path("raeume/<slug:slug>/", views.RoomDetailView.as_view(), name="room-detail"),
    path("raeume/<slug:slug>/anfrage/", views.RequestCreateView.as_view(), name="request-create"),
    path("raeume/<slug:slug>/belegt.ics", views.room_busy_ics, name="room-busy-feed"),
    re_path(
        rf"^raeume/(?P<slug>[-\w]+)/buchungen/{TOKEN}\.ics$",
        views.room_staff_ics,
        name="room-staff-feed",
    ),
]
