"""The "Current projects" section of an office page (registered in ProjectsConfig.ready):
the office's own projects and those of other offices that also concern its district."""

from .models import Project

PROJECTS_ON_OFFICE_PAGE = 6


def office_projects(office):
    return {
        "projects": Project.objects.published()
        .current()
        .concerning(office)
        .with_card_data()[:PROJECTS_ON_OFFICE_PAGE]
    }
