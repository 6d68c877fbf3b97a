"""Money shown one way everywhere: German grouping and decimal comma, the € sign after
the amount ("1.234,56 €", "960.000 €"). Whole amounts show no cents. The template filter
`euro` (portal tags), the admin and the e-mails all use `format_euro`."""

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format


def format_euro(value) -> str:
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return ""
    if not amount.is_finite():
        return ""
    places = 0 if amount == amount.to_integral_value() else 2
    text = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"{text} €"
