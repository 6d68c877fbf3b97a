"""The renderer of the public forms: their widgets and their fields.

Django renders every widget through a template; the application form has about sixty, and
with Django's own template engine they were a third of its time. Django ships the same
widget templates for Jinja2, which renders them compiled (the same HTML, about half the
time). Only the forms residents fill in use it: the admin's widgets have templates for
Django's engine only.

A whole field (label, required mark, input, errors, help text) is `{{ field.as_field_group }}`:
the Jinja2 template `stadtteilbuero/jinja2/portal/field.html` with Bootstrap 5's markup.
"""

from django import forms
from django.forms.boundfield import BoundWidget
from django.forms.renderers import Jinja2


def bootstrap_class(widget) -> str:
    """Bootstrap's class of an input: check boxes and radio buttons, selects, the rest."""
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class PublicBoundField(forms.BoundField):
    """A public form's field as portal/field.html shows it. Django adds `aria-invalid`
    and `aria-describedby` (help text, errors) to the input; this adds the classes."""

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)

    @property
    def is_choice_list(self) -> bool:
        """Radio buttons or check boxes, one per choice, grouped in a fieldset."""
        return isinstance(self.field.widget, forms.RadioSelect)

    def input_class(self) -> str:
        widget = self.field.widget
        classes = [widget.attrs.get("class", ""), bootstrap_class(widget)]
        if self.errors:
            classes.append("is-invalid")
        return " ".join(name for name in classes if name)

    def control(self):
        """The input, with Bootstrap's classes."""
        return self.as_widget(attrs={"class": self.input_class()})

    def choices(self) -> list[BoundWidget]:
        """The radio buttons or check boxes of a choice list, with Bootstrap's classes."""
        widget = self.field.widget
        attrs = {"class": self.input_class()}
        if id_ := widget.attrs.get("id") or self.auto_id:
            attrs["id"] = id_
        options = widget.subwidgets(self.html_name, self.value(), self.build_widget_attrs(attrs))
        return [BoundWidget(widget, option, self.form.renderer) for option in options]


class PublicFormRenderer(Jinja2):
    field_template_name = "portal/field.html"
    bound_field_class = PublicBoundField


PUBLIC_FORM_RENDERER = PublicFormRenderer()


class PublicFormRendering:
    """Mixin for a public form class: its widgets and fields render with Jinja2."""

    default_renderer = PUBLIC_FORM_RENDERER
