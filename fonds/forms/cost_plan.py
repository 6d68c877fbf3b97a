"""The finance plan's rows (costs and income) as formsets."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from fonds.models import ExpenseLine, IncomeLine
from stadtteilbuero.form_rendering import PUBLIC_FORM_RENDERER, bootstrap_class

from .fields import AmountField, parse_amount


def style_line_widgets(form):
    """Bootstrap classes for the compact rows of the cost and income tables."""
    for field in form.fields.values():
        field.widget.attrs["class"] = bootstrap_class(field.widget)


class ExpenseLineForm(forms.ModelForm):
    quantity = AmountField(
        label=_("quantity"), max_digits=8, min_value=Decimal("0.01"), initial=Decimal("1")
    )
    unit_price = AmountField(label=_("unit price (€)"))

    class Meta:
        model = ExpenseLine
        fields = ["category", "description", "quantity", "unit_price"]

    def __init__(self, *args, category_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].empty_label = _("– please choose –")
        if category_choices is not None:
            # The rows share one list (a cached callable): the categories are read once,
            # when a row first renders, not once per row.
            self.fields["category"].choices = category_choices
        style_line_widgets(self)
        self.fields["quantity"].widget.attrs["data-quantity"] = ""
        self.fields["unit_price"].widget.attrs["data-unit-price"] = ""

    @property
    def typed_total(self):
        """The row's total from what was typed (None before a price is there)."""
        if not self.is_bound:
            return None
        price = parse_amount(self.data.get(self.add_prefix("unit_price")) or None)
        quantity = parse_amount(self.data.get(self.add_prefix("quantity")) or None)
        if price is None:
            return None
        return (price * (quantity if quantity is not None else Decimal(1))).quantize(
            Decimal("0.01")
        )

    def has_changed(self):
        # The preset quantity "1" alone does not make a row worth checking.
        return any(
            self.data.get(self.add_prefix(name), "").strip()
            for name in ("category", "description", "unit_price")
        )


class IncomeLineForm(forms.ModelForm):
    amount = AmountField(label=_("amount (€)"))

    class Meta:
        model = IncomeLine
        fields = ["kind", "description", "amount"]
        labels = {"kind": _("type of income"), "description": _("details")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("– please choose –")), *IncomeLine.Kind.choices]
        style_line_widgets(self)
        self.fields["kind"].widget.attrs["data-income-kind"] = ""
        self.fields["amount"].widget.attrs["data-amount"] = ""
        self.fields["kind"].widget.attrs["data-own-kinds"] = " ".join(
            IncomeLine.Kind.own_contribution()
        )

    def has_changed(self):
        return any(
            self.data.get(self.add_prefix(name), "").strip() for name in ("description", "amount")
        )


class BaseLineFormSet(forms.BaseFormSet):
    def instances(self):
        return [
            form.save(commit=False) for form in self.forms if form.has_changed() and form.is_valid()
        ]


ExpenseFormSet = forms.formset_factory(
    ExpenseLineForm,
    renderer=PUBLIC_FORM_RENDERER,
    formset=BaseLineFormSet,
    extra=3,
    min_num=1,
    validate_min=True,
    max_num=30,
    validate_max=True,
    absolute_max=30,
)
IncomeFormSet = forms.formset_factory(
    IncomeLineForm,
    renderer=PUBLIC_FORM_RENDERER,
    formset=BaseLineFormSet,
    extra=2,
    max_num=20,
    validate_max=True,
    absolute_max=20,
)


def unvalidated(form):
    """Show what was typed without error messages (after 'add row' or 'recalculate')."""
    form._errors = forms.utils.ErrorDict()
    return form
