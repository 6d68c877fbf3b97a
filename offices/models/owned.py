"""Who manages what: the office a staff member belongs to, and the QuerySet that every
model of an office inherits to limit staff to their own office's objects."""

from django.db import models

from accounts.roles import is_city_admin


def managed_office_ids(user):
    """IDs of the offices a staff member belongs to, cached on the user for the request."""
    if not hasattr(user, "_managed_office_ids"):
        user._managed_office_ids = (
            list(user.office_memberships.values_list("office_id", flat=True))
            if user.is_authenticated and user.is_active and user.is_staff
            else []
        )
    return user._managed_office_ids


class OfficeOwnedQuerySet(models.QuerySet):
    """Base for every model that belongs to an office: staff manage only their own.

    `office_lookup` is the path from the model to its Office ("office",
    "project__office", ...). The admin mixin and the FK choices use `managed_by`.
    """

    office_lookup = "office"

    def managed_by(self, user):
        if is_city_admin(user):
            return self
        return self.filter(**{f"{self.office_lookup}__in": managed_office_ids(user)})

    def for_office(self, office):
        return self.filter(**{self.office_lookup: office})

    # `search()` uses the entries of the search type registered for `search_model`
    # (this model by default); `search_lookup` leads from this model to those objects.
    search_model = None
    search_lookup = "pk"

    def search(self, text):
        """Objects whose search entry matches `text` (stadtteilbuero.search): the one text
        search of every list's ?q= and of /suche/. A text without searchable words
        leaves the QuerySet as it is."""
        from stadtteilbuero.search import matching_ids
        from stadtteilbuero.search.registry import type_of

        search_type = type_of(self.search_model or self.model)
        ids = matching_ids(search_type.key, text)
        return self if ids is None else self.filter(**{f"{self.search_lookup}__in": ids})
