"""The error summary on top of a long form: (anchor, message) pairs that link to the
fields, for the form itself and for the rows of its formsets."""

from django.utils.translation import gettext as _


def form_error_items(form, *, all_anchor="form-errors"):
    items = []
    for name, errors in form.errors.items():
        anchor = all_anchor if name == "__all__" else f"id_{name}"
        label = "" if name == "__all__" else str(form.fields[name].label).rstrip(".")
        for message in errors:
            items.append((anchor, f"{label}: {message}" if label else message))
    return items


def formset_error_items(title, formset):
    items = [(formset.prefix, f"{title}: {message}") for message in formset.non_form_errors()]
    for index, form in enumerate(formset.forms):
        for name, errors in form.errors.items():
            field = form.fields.get(name)
            for message in errors:
                text = _("%(section)s, row %(number)s, %(field)s: %(message)s") % {
                    "section": title,
                    "number": index + 1,
                    "field": field.label if field else "",
                    "message": message,
                }
                items.append((f"id_{form.add_prefix(name)}", text))
    return items
