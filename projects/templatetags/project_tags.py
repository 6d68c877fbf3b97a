"""Template filters of the projects app."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euro(value):
    """An amount in euros in the active language's number format: "960.000 €",
    "1.234,56 €" in German. Whole amounts show no cents."""
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    places = 0 if amount == amount.to_integral_value() else 2
    return f"{number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)} €"
