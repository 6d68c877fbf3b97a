from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from events.models import Occurrence
from offices.models import Office
from stadtteilbuero.pagination import KeptCountMixin

from .forms import ProjectFilter
from .jsonld import project_jsonld
from .models import Project, ProjectPartner

EVENTS_ON_PROJECT_PAGE = 5
RELATED_PROJECTS = 3


class ProjectListView(KeptCountMixin, ListView):
    paginate_by = 12
    context_object_name = "projects"
    template_name = "projects/project_list.html"

    def get_queryset(self):
        self.filterset = ProjectFilter(
            self.request.GET or None,
            queryset=Project.objects.published().with_card_data(),
            request=self.request,
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        return context


class ProjectDetailView(DetailView):
    context_object_name = "project"

    def get_queryset(self):
        return (
            Project.objects.visible_to(self.request.user)
            .select_related("office")
            .prefetch_related(
                "themes",
                "gallery",
                Prefetch("also_concerns", queryset=Office.objects.active().order_by("name")),
                Prefetch(
                    "project_partners", queryset=ProjectPartner.objects.select_related("partner")
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_projects"] = (
            Project.objects.published().related_to(self.object).with_card_data()[:RELATED_PROJECTS]
        )
        context["upcoming_events"] = (
            Occurrence.objects.published()
            .upcoming()
            .for_project(self.object)
            .with_event()[:EVENTS_ON_PROJECT_PAGE]
        )
        context["jsonld"] = project_jsonld(self.object)
        return context
