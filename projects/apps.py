from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        # This app's section of the office page (offices imports no app above it).
        from offices.sections import register_office_section

        from .office_page import office_projects

        register_office_section(
            "projects", order=20, template="projects/_office_projects.html", context=office_projects
        )
