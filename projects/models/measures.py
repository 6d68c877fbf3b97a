"""ISEK measures (Maßnahmen of an integrated urban development concept): the facts only
a measure has, and their checks. The fields stay on Project; this abstract model holds
what is computed from them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

LIST_HELP = _("One item per line.")


def lines(text):
    """The non-empty lines of a text field that holds a list (one item per line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ProjectMeasure(models.Model):
    """The measure facts of a Project (fields `kind`, `number`, `costs`, ...)."""

    MEASURE_FIELDS = (
        "number",
        "actors",
        "goals",
        "first_steps",
        "costs",
        "financing",
        "priority",
        "start_year",
        "duration_years",
        "development_goals",
        "synergies",
    )

    class Meta:
        abstract = True

    @property
    def is_measure(self):
        return self.kind == self.Kind.MEASURE

    @property
    def goals_list(self):
        return lines(self.goals)

    @property
    def first_steps_list(self):
        return lines(self.first_steps)

    @property
    def development_goals_list(self):
        return lines(self.development_goals)

    @property
    def synergies_list(self):
        return lines(self.synergies)

    def _add_measure_errors(self, errors):
        """A measure has its number, costs and priority; a plain project none of the
        measure facts (called by Project.clean, adds to its `errors`)."""
        if self.kind == self.Kind.MEASURE:
            required = {
                "number": _("A measure needs its number, e.g. O/N 1."),
                "costs": _("A measure needs its costs in euros."),
                "priority": _("A measure needs a priority."),
            }
            for name, message in required.items():
                if getattr(self, name) in (None, ""):
                    errors.setdefault(name, []).append(
                        ValidationError(message, code="measure_required")
                    )
        else:
            for name in self.MEASURE_FIELDS:
                if getattr(self, name) not in (None, ""):
                    errors.setdefault(name, []).append(
                        ValidationError(
                            _(
                                "Only ISEK measures have this detail. Please clear the field "
                                "or choose the kind “ISEK measure”."
                            ),
                            code="measure_only",
                        )
                    )
