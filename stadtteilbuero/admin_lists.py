"""Changelists of big tables (tens of thousands of applications, events, proofs): two
things Django's admin does on every page that cost more than they need to.

- When nothing is filtered, the list is counted once. Django counts the filtered list
  for the paginator, then the whole list for "N total": the same rows, and on PostgreSQL
  each count reads the whole table.
- Each row's selection box is written as HTML, as Django's widget writes it, instead of
  being rendered through three form templates (about 8 ms for a page of 50 rows).
"""

from functools import cache

from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.utils.html import format_html
from django.utils.translation import gettext as _


class _CountOnceQuerySetMixin:
    """count() asks the database once per queryset object (clones count again)."""

    def count(self):
        if "_row_count" not in self.__dict__:
            self._row_count = super().count()
        return self._row_count


@cache
def _counting_once(queryset_class):
    if issubclass(queryset_class, _CountOnceQuerySetMixin):
        return queryset_class
    return type(queryset_class.__name__, (_CountOnceQuerySetMixin, queryset_class), {})


def count_once(queryset, known: int | None = None):
    """Let `queryset.count()` ask the database at most once, or not at all when the
    count is `known` already (from a query that counted the same rows)."""
    queryset.__class__ = _counting_once(type(queryset))
    if known is not None:
        queryset._row_count = known
    return queryset


class CountOnceChangeList(ChangeList):
    def get_results(self, request):
        listed, everything = self.queryset.query, self.root_queryset.query
        if listed.where == everything.where and not listed.distinct and not listed.combinator:
            # No filter, search or date applies: the list is the whole list.
            self.root_queryset = count_once(self.queryset)
        super().get_results(request)


class BigChangeListMixin:
    """For a ModelAdmin whose changelist may hold tens of thousands of rows."""

    def get_changelist(self, request, **kwargs):
        return CountOnceChangeList

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), str(obj)),
        )
