"""Change history of office content in the admin (django-simple-history): who changed
what and when, in the portal's time zone and with the labels staff know."""

import datetime

from django.contrib.admin.utils import unquote
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

# Changes of rows that are edited inside another object's page are shown with it.
RELATED_HISTORY_LIMIT = 50


class LabelledHistoryHelper(HistoricalRecordContextHelper):
    """Show a choice by its label, a time in Europe/Berlin, a flag as yes/no."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if field.choices and not isinstance(value, list):
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, datetime.datetime):
            return formats.localize(timezone.localtime(value))
        if isinstance(value, datetime.date | datetime.time):
            return formats.localize(value)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        return value


class HistoryAdminMixin(SimpleHistoryAdmin):
    """For office-scoped admins: the history pages answer 404 for objects outside the
    staff member's offices (simple-history itself would show a foreign or deleted
    object's history), and nothing is reverted from the history."""

    object_history_template = "admin/change_history.html"
    object_history_list_template = "admin/_change_history_list.html"
    history_list_per_page = 50
    # Names of reverse relations whose rows are edited inline on this object's page.
    history_related = ()

    def revert_disabled(self, request, obj=None):
        return True

    def get_historical_record_context_helper(self, request, historical_record):
        return LabelledHistoryHelper(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = {"related_histories": self.related_histories(request, obj)}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.get_object(request, unquote(object_id))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def related_histories(self, request, obj):
        sections = []
        for name in self.history_related:
            related = getattr(obj, name).model
            history = getattr(related, related._meta.simple_history_manager_attribute)
            field = obj._meta.get_field(name).field.name
            records = list(
                history.filter(**{f"{field}_id": obj.pk})
                .select_related("history_user")
                .order_by("-history_date")[:RELATED_HISTORY_LIMIT]
            )
            by_object = {}
            for record in reversed(records):
                previous = by_object.get(record.id)
                if previous is not None:
                    delta = record.diff_against(previous)
                    helper = LabelledHistoryHelper(related, record)
                    record.history_delta_changes = helper.context_for_delta_changes(delta)
                by_object[record.id] = record
            sections.append((related._meta.verbose_name_plural, records))
        return sections
