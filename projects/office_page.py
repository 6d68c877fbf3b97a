"""The "Current projects" section of an office page (registered in ProjectsConfig.ready)."""

from .models import Project

PROJECTS_ON_OFFICE_PAGE = 6


def office_projects(office):
    return {
        "projects": Project.objects.published()
        .current()
        .for_office(office)
        .with_card_data()[:PROJECTS_ON_OFFICE_PAGE]
    }
