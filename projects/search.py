"""Projects in the site search (stadtteilbuero.search)."""

from django.utils.translation import gettext_lazy as _

from stadtteilbuero.search import SearchType, register

from .models import Project

register(
    SearchType(
        key="projects",
        title=_("Projects"),
        order=20,
        model=Project,
        public=lambda: Project.objects.published(),
        texts=lambda p: [p.title, p.number, p.summary, p.description],
        results=lambda queryset: queryset.select_related("office"),
        list_url="projects:project-list",
    )
)
