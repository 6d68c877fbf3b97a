"""The one admin mixin every office-owned model uses: staff see and change only the
objects of their own offices; superusers see all.

A model takes part by giving its manager a QuerySet derived from OfficeOwnedQuerySet
(which knows the path to the office). Then:
- changelists, change/delete/history pages and autocomplete show only managed objects;
  another office's object (a guessed ID too) answers 404;
- every foreign key to an office, or to another office-owned model, offers only
  the managed offices' objects, so a save cannot move an object to a foreign office.
"""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.http import Http404

from accounts.roles import is_city_admin
from stadtteilbuero.admin_dates import IndexedDateHierarchyMixin
from stadtteilbuero.admin_lists import BigChangeListMixin

from .models import Office, managed_office_ids


def is_office_scoped(model):
    return hasattr(model._default_manager.all(), "managed_by")


def limit_choices(db_field, request, kwargs):
    related = db_field.related_model
    if related is not None and is_office_scoped(related) and "queryset" not in kwargs:
        kwargs["queryset"] = related._default_manager.managed_by(request.user)
    return kwargs


class OfficeScopedAdminMixin:
    def get_queryset(self, request):
        return super().get_queryset(request).managed_by(request.user)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Django would redirect with "does not exist"; a foreign object is simply not there.
            raise Http404
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **limit_choices(db_field, request, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(
            db_field, request, **limit_choices(db_field, request, kwargs)
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        office_field = form.base_fields.get("office")
        if office_field is not None and not is_city_admin(request.user):
            # Only administrators write portal-wide content (office left empty).
            office_field.required = True
            offices = managed_office_ids(request.user)
            if len(offices) == 1 and obj is None:
                office_field.initial = offices[0]
        return form

    def has_module_permission(self, request):
        return super().has_module_permission(request) and (
            is_city_admin(request.user) or bool(managed_office_ids(request.user))
        )


class OfficeScopedAdmin(
    OfficeScopedAdminMixin, BigChangeListMixin, IndexedDateHierarchyMixin, admin.ModelAdmin
):
    list_per_page = 50


class OfficesWithRowsFilter(admin.RelatedFieldListFilter):
    """Filter by office, offering the offices that have rows in the list (as Django's
    RelatedOnlyFieldListFilter does), asked office by office: an index probe each, where
    Django collects the distinct offices of every row (all 50,000 events)."""

    def field_choices(self, field, request, model_admin):
        rows = model_admin.get_queryset(request).filter(**{self.field_path: OuterRef("pk")})
        offices = Office.objects.filter(Exists(rows))
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            offices = offices.order_by(*ordering)
        return list(offices.values_list("pk", "name"))


class OfficeScopedInlineMixin:
    """Inlines sit inside a scoped parent; their own FK choices are scoped as well."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **limit_choices(db_field, request, kwargs)
        )


class ReadOnlyAdminMixin:
    """Rows that are written by the workflow or kept as a record: staff look them up,
    nobody adds, changes or deletes them in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInlineMixin(OfficeScopedInlineMixin):
    """A scoped inline that shows rows without adding, changing or deleting them."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
