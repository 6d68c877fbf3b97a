"""The status a project shows: the one staff set, else what its period says today
(planned before the start, ongoing until the end day, completed after it).

`status_on` states the rule in Python (Project.status), `status_condition` the same rule
in SQL (ProjectQuerySet.in_status and current); tests/projects/test_status.py holds the
two together.
"""

import operator
from functools import reduce

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


# The choices of Project.status_override: empty means "follow the period".
OVERRIDE_CHOICES = [("", _("automatic (by period)")), *Status.choices]


def status_on(override, start_date, end_date, day):
    if override:
        return Status(override)
    if start_date and day < start_date:
        return Status.PLANNED
    if end_date and end_date < day:
        return Status.COMPLETED
    # Started (or no start known) and the end not passed: ongoing.
    return Status.ONGOING


def status_condition(statuses, day):
    """Projects whose status on `day` is one of `statuses` (start_date is never empty
    in the database)."""
    if not statuses:
        return Q(pk__in=[])
    by_period = {
        Status.PLANNED: Q(start_date__gt=day),
        Status.ONGOING: Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day)),
        Status.COMPLETED: Q(start_date__lte=day, end_date__lt=day),
    }
    automatic = reduce(operator.or_, (by_period[status] for status in statuses))
    return Q(status_override__in=statuses) | (Q(status_override="") & automatic)
