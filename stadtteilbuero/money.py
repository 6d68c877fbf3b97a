"""Money shown one way everywhere: German grouping, decimal comma and always the cents,
the € sign after the amount ("1.234,56 €", "960.000,00 €"). The template filter `euro`
(portal tags), the admin, the services' messages and the e-mails all use `format_euro`."""

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
    text = number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{text} €"
