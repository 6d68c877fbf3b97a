from django.utils import timezone
from django.views.generic import DetailView, ListView

from .hours import office_hours
from .jsonld import notice_jsonld, office_jsonld
from .models import Notice, Office, TeamMember
from .sections import office_sections

NEWS_ON_OFFICE_PAGE = 5
# "Find your office" with a postcode nobody has: the offices of its postal region.
POSTAL_REGION_DIGITS = 3


class OfficeListView(ListView):
    """All active offices with their state now; `?ort=` finds the office of a postcode,
    district or city ("find your office" on the home page, a plain GET form)."""

    model = Office
    paginate_by = 50
    context_object_name = "offices"

    def get_queryset(self):
        offices = Office.objects.active().with_hours().order_by("city", "district", "name")
        place = self.place
        if not place:
            return offices
        found = offices.matching_place(place)
        if place.isdigit() and len(place) == 5 and not found.exists():
            found = offices.matching_place(place[:POSTAL_REGION_DIGITS])
        return found

    @property
    def place(self):
        return self.request.GET.get("ort", "").strip()[:100]

    def get_context_data(self, **kwargs):
        return super().get_context_data(place=self.place, **kwargs)


class OfficeDetailView(DetailView):
    model = Office
    context_object_name = "office"

    def get_queryset(self):
        return Office.objects.active().with_hours()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        office = self.object
        now = timezone.localtime()
        hours = office_hours(office, now)
        # Lazy: the sections below the first screen come from the fragment cache.
        context.update(
            hours=hours,
            team=TeamMember.objects.visible().filter(office=office),
            work_areas=office.work_areas.all(),
            downloads=office.downloads.all(),
            pinned_notices=Notice.objects.pinned()
            .for_office_or_portal(office)
            .select_related("office"),
            notices=Notice.objects.published()
            .for_office(office)
            .select_related("office")[:NEWS_ON_OFFICE_PAGE],
            # Projects, events, the fund and rooms: each app adds its own section.
            sections=office_sections(office),
            jsonld=office_jsonld(
                office,
                list(office.hours.all()),
                self.request,
                list(office.hours_exceptions.all()),
                now.date(),
            ),
        )
        return context


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
