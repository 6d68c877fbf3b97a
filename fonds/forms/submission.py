"""The application form, its two finance-plan formsets and the fund's rules as one
submission, online and on paper."""

from decimal import Decimal
from functools import cache

from django.utils.translation import gettext_lazy as _

from fonds.models import Application, CostCategory, ExpenseLine, Fund, IncomeLine
from fonds.services import finance_totals

from .application import ApplicationForm
from .cost_plan import ExpenseFormSet, IncomeFormSet, unvalidated
from .fields import parse_amount
from .summary import form_error_items, formset_error_items


class ApplicationSubmission:
    """The application form, its two finance-plan formsets, and the fund's rules.

    `is_valid()` checks each part, then the rules of the fund (maximum, remaining budget,
    own contribution, excluded categories, income = costs, no early start). Messages
    go next to the fields; finance-plan messages to the money section.
    """

    def __init__(self, fund: Fund, data=None, files=None, *, add_row=None):
        self.fund = fund

        @cache
        def category_choices():
            # Read when a row first renders: the empty form from the fragment cache
            # renders none (the rows' select then reads this one list, once).
            return [("", _("– please choose –"))] + [
                (category.pk, category.name) for category in CostCategory.objects.all()
            ]

        if data is not None and add_row in ("expenses", "incomes"):
            data = data.copy()
            key = f"{add_row}-TOTAL_FORMS"
            limit = {"expenses": ExpenseFormSet, "incomes": IncomeFormSet}[add_row].max_num
            try:
                data[key] = str(min(int(data.get(key, 0)) + 1, limit))
            except ValueError:
                data[key] = "1"
        self.form = ApplicationForm(data, files, prefix=None)
        self.expenses = ExpenseFormSet(
            data, prefix="expenses", form_kwargs={"category_choices": category_choices}
        )
        self.incomes = IncomeFormSet(data, prefix="incomes")
        self.finance_errors = []

    @property
    def is_bound(self):
        return self.form.is_bound

    def show_without_errors(self):
        unvalidated(self.form)
        for form in [*self.expenses.forms, *self.incomes.forms]:
            unvalidated(form)
        self.expenses._non_form_errors = self.expenses.error_class()
        self.incomes._non_form_errors = self.incomes.error_class()
        self.expenses._errors = []
        self.incomes._errors = []

    def is_valid(self) -> bool:
        parts_valid = all([self.form.is_valid(), self.expenses.is_valid(), self.incomes.is_valid()])
        cleaned = getattr(self.form, "cleaned_data", {})
        requested = cleaned.get("requested_amount")
        expenses = self.expenses.instances()
        incomes = self.incomes.instances()
        totals = finance_totals(expenses=expenses, incomes=incomes, requested=requested)
        errors = self.fund.check_application(
            requested_amount=requested,
            total_expenses=totals["expenses"],
            total_income=totals["income"],
            own_contribution=totals["own"],
            categories=[line.category for line in expenses],
            start_date=cleaned.get("start_date"),
            end_date=cleaned.get("end_date"),
            today=self.rules_date(cleaned),
        )
        if not parts_valid:
            # Show the fund's rules for the fields that are readable already (maximum,
            # dates); the sums wait until every row is complete.
            errors = {field: messages for field, messages in errors.items() if field != "__all__"}
        self.add_errors(errors)
        return parts_valid and not errors

    def rules_date(self, cleaned):
        """The day whose rules apply (deadlines, no early start); None is today."""
        return None

    def add_errors(self, errors: dict):
        for field, messages in errors.items():
            for message in messages:
                if field == "__all__":
                    self.finance_errors.append(message)
                else:
                    self.form.add_error(field, message)

    def application(self) -> Application:
        return self.form.instance

    def totals(self) -> dict:
        """Totals of what was typed so far, also while some rows are not valid yet."""
        data = self.form.data

        def amount(form, name):
            return parse_amount(data.get(form.add_prefix(name)) or None)

        expenses = [
            ExpenseLine(quantity=amount(form, "quantity") or Decimal(1), unit_price=price)
            for form in self.expenses.forms
            if (price := amount(form, "unit_price")) is not None
        ]
        incomes = [
            IncomeLine(kind=data.get(form.add_prefix("kind"), ""), amount=value)
            for form in self.incomes.forms
            if (value := amount(form, "amount")) is not None
        ]
        requested = parse_amount(data.get("requested_amount") or None)
        return finance_totals(expenses=expenses, incomes=incomes, requested=requested)

    def error_summary(self):
        """(anchor, message) pairs for the summary on top of the page."""
        items = form_error_items(self.form)
        for title, formset in ((_("Costs"), self.expenses), (_("Income"), self.incomes)):
            items += formset_error_items(title, formset)
        for message in self.finance_errors:
            items.append(("finance", message))
        return items
