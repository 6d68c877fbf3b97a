from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("projekte/", views.ProjectListView.as_view(), name="project-list"),
    path("projekte/<slug:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
]
