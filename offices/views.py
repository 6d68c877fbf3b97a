from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import DetailView, ListView

from events.models import Occurrence
from fonds.models import Fund
from projects.models import Project
from rooms.models import Room

from . import hours as hours_logic
from .jsonld import notice_jsonld, office_jsonld
from .models import HoursException, Notice, Office, TeamMember

NEWS_ON_OFFICE_PAGE = 5
PROJECTS_ON_OFFICE_PAGE = 6
EVENTS_ON_OFFICE_PAGE = 5


class OfficeListView(ListView):
    model = Office
    paginate_by = 50
    context_object_name = "offices"

    def get_queryset(self):
        return Office.objects.active().order_by("city", "district", "name")


class OfficeDetailView(DetailView):
    model = Office
    context_object_name = "office"

    def get_queryset(self):
        today = timezone.localdate()
        return Office.objects.active().prefetch_related(
            "hours",
            Prefetch(
                "hours_exceptions",
                queryset=HoursException.objects.filter(end_date__gte=today),
            ),
            "work_areas",
            Prefetch("team", queryset=TeamMember.objects.visible()),
            "downloads",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        office = self.object
        now = timezone.localtime()
        hours = list(office.hours.all())
        exceptions = list(office.hours_exceptions.all())
        context.update(
            week=hours_logic.week_schedule(hours, exceptions, now.date()),
            status=hours_logic.current_status(hours, exceptions, now),
            announced_exceptions=hours_logic.upcoming_exceptions(exceptions, now.date()),
            pinned_notices=Notice.objects.pinned()
            .for_office_or_portal(office)
            .select_related("office"),
            notices=Notice.objects.published()
            .for_office(office)
            .select_related("office")[:NEWS_ON_OFFICE_PAGE],
            projects=Project.objects.published()
            .current()
            .for_office(office)
            .with_card_data()[:PROJECTS_ON_OFFICE_PAGE],
            upcoming_events=Occurrence.objects.published()
            .upcoming()
            .for_office(office)
            .with_event()[:EVENTS_ON_OFFICE_PAGE],
            jsonld=office_jsonld(office, hours, self.request, exceptions, now.date()),
            fund=self.current_fund(office),
            rooms=Room.objects.active().for_office(office).order_by("name"),
        )
        return context

    def current_fund(self, office):
        """This year's Verfügungsfonds of the office with its figures, or None."""
        funds = Fund.objects.current().for_office(office).with_figures()
        return funds.select_related("office").first()


class NoticeListView(ListView):
    paginate_by = 10
    context_object_name = "notices"

    def get_queryset(self):
        return Notice.objects.published().select_related("office")


class NoticeDetailView(DetailView):
    context_object_name = "notice"

    def get_queryset(self):
        return Notice.objects.visible_to(self.request.user).select_related("office")

    def get_context_data(self, **kwargs):
        return super().get_context_data(jsonld=notice_jsonld(self.object), **kwargs)
