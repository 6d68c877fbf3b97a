"""The public project filter (a django-filter FilterSet, a form in all but name).

Parameters are German, as the URLs: ?buero=<office slug>&thema=<theme slug>
&status=geplant|laufend|abgeschlossen&art=projekt|massnahme&q=<text>. An office shows
its projects and those that also concern its district; a status is the shown one
(projects/status.py). A value that is not valid is reported next to its field and
ignored; it never causes an error page.
"""

import django_filters
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from offices.models import Office

from .models import Project, Theme

STATUS_PARAMETERS = {
    "geplant": Project.Status.PLANNED,
    "laufend": Project.Status.ONGOING,
    "abgeschlossen": Project.Status.COMPLETED,
}
KIND_PARAMETERS = {"projekt": Project.Kind.PROJECT, "massnahme": Project.Kind.MEASURE}


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=100)
    buero = django_filters.ModelChoiceFilter(
        label=_("Office"),
        field_name="office",
        to_field_name="slug",
        method="filter_office",
        queryset=Office.objects.active().order_by("city", "name"),
        empty_label=_("All offices"),
    )
    thema = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label=_("All themes"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(parameter, value.label) for parameter, value in STATUS_PARAMETERS.items()],
        empty_label=_("Any status"),
        method="filter_status",
    )
    art = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=[(parameter, value.label) for parameter, value in KIND_PARAMETERS.items()],
        empty_label=_("Projects and measures"),
        method="filter_kind",
    )

    class Meta:
        model = Project
        fields = ["q", "buero", "thema", "status", "art"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            field.required = False
            field.widget.attrs["class"] = "form-control" if name == "q" else "form-select"
        self.form.fields["q"].widget.input_type = "search"

    def filter_queryset(self, queryset):
        # Invalid values are left out of the filtering; screen readers learn which field
        # holds one (the message stands right below it, see project_list.html).
        for name in self.form.errors:
            self.form.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{self.form[name].auto_id}-error"}
            )
        return super().filter_queryset(queryset)

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_office(self, queryset, name, value):
        return queryset.concerning(value)

    def filter_status(self, queryset, name, value):
        return queryset.in_status(STATUS_PARAMETERS[value])

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind=KIND_PARAMETERS[value])

    LINKED_FILTERS = ("thema", "status", "art")

    def link_groups(self):
        """The filters offered as links too, each link keeping the other filters:
        [(name, label, [(query string, label, current)])]."""
        groups = []
        for name in self.LINKED_FILTERS:
            field = self.form.fields[name]
            selected = str(self.data.get(name, ""))
            links = []
            for value, label in field.choices:
                params = QueryDict(mutable=True)
                params.update(self.data)
                params.pop("page", None)
                params.pop(name, None)
                if str(value):
                    params[name] = str(value)
                links.append((f"?{params.urlencode()}", label, str(value) == selected))
            groups.append((name, field.label, links))
        return groups

    @property
    def is_active(self):
        """True when the request sets at least one filter (the page offers a reset)."""
        return any(self.data.get(name) for name in self.filters)
