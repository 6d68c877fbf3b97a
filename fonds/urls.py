from django.urls import path, re_path

from . import views

app_name = "fonds"

# Tokens from secrets.token_urlsafe(32) have 43 characters; requiring 40 or more keeps
# the status pages apart from an office that might be called "antrag".
TOKEN = r"(?P<token>[-\w]{40,100})"

urlpatterns = [
    path("verfuegungsfonds/", views.FundListView.as_view(), name="fund-list"),
    re_path(
        rf"^verfuegungsfonds/antrag/{TOKEN}/$",
        views.ApplicationDetailView.as_view(),
        name="application-detail",
    ),
    re_path(
        rf"^verfuegungsfonds/antrag/{TOKEN}/bestaetigung/$",
        views.ApplicationConfirmationView.as_view(),
        name="application-confirmation",
    ),
    re_path(
        rf"^verfuegungsfonds/antrag/{TOKEN}/zurueckziehen/$",
        views.application_withdraw,
        name="application-withdraw",
    ),
    path(
        "verfuegungsfonds/anhaenge/<int:pk>/",
        views.attachment_download,
        name="attachment-download",
    ),
    re_path(
        rf"^verfuegungsfonds/antrag/{TOKEN}/nachweis/$",
        views.ProofCreateView.as_view(),
        name="proof-create",
    ),
    path(
        "verfuegungsfonds/nachweise/belege/<int:pk>/",
        views.receipt_download,
        name="receipt-download",
    ),
    path(
        "verfuegungsfonds/nachweise/fotos/<int:pk>/",
        views.proof_photo_download,
        name="proof-photo-download",
    ),
    path(
        "verfuegungsfonds/briefe/<int:pk>/",
        views.letter_download,
        name="letter-download",
    ),
    path("verfuegungsfonds/<slug:slug>/", views.FundDetailView.as_view(), name="fund-detail"),
    path(
        "verfuegungsfonds/<slug:slug>/antrag/",
        views.ApplicationCreateView.as_view(),
        name="application-create",
    ),
]
