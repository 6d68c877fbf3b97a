"""A public form's field as `{{ field.as_field_group }}` renders it (Jinja2 template
portal/field.html): Bootstrap 5's markup, the label tied to the input, and help text and
errors tied to it by aria-describedby."""

from django import forms

from stadtteilbuero.form_rendering import PublicFormRendering
from tests.form_html import classes, elements_by_id, field_errors, text


class SampleForm(PublicFormRendering, forms.Form):
    name = forms.CharField(label="Name", help_text="Wie Sie heißen.")
    remark = forms.CharField(
        label="Bemerkung", required=False, widget=forms.TextInput(attrs={"class": "wide"})
    )
    size = forms.ChoiceField(label="Größe", choices=[("s", "klein"), ("l", "groß")])
    kind = forms.ChoiceField(
        label="Art", choices=[("a", "Verein"), ("b", "Gruppe")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="Einverstanden", help_text="Bitte lesen.")


def rendered(form) -> str:
    return "".join(str(form[name].as_field_group()) for name in form.fields)


def attrs(elements, element_id) -> dict:
    return dict(elements[element_id].attributes)


def test_unbound_fields_have_labels_help_and_bootstrap_classes():
    html = rendered(SampleForm())
    elements = elements_by_id(html)
    mark = '<span class="asteriskField">*</span>'
    assert f'<label for="id_name" class="form-label requiredField">Name{mark}</label>' in html
    assert '<label for="id_remark" class="form-label">Bemerkung</label>' in html
    assert classes(elements["id_name"]) == {"form-control"}
    assert attrs(elements, "id_name")["aria-describedby"] == "id_name_helptext"
    assert text(elements["id_name_helptext"]) == "Wie Sie heißen."
    assert classes(elements["id_remark"]) == {"wide", "form-control"}  # the widget's class stays
    assert classes(elements["id_size"]) == {"form-select"}
    assert classes(elements["id_agree"]) == {"form-check-input"}
    assert '<label for="id_agree" class="form-check-label requiredField">' in html
    assert classes(elements["id_kind_1"]) == {"form-check-input"}
    assert '<label for="id_kind_1" class="form-check-label">Gruppe</label>' in html
    assert "<legend" in html and "aria-invalid" not in html and "invalid-feedback" not in html


def test_a_field_with_an_error_is_marked_invalid_and_described_by_its_message():
    form = SampleForm(data={"name": "", "size": "m", "kind": "z"})
    html = rendered(form)
    assert "Dieses Feld ist zwingend erforderlich." in field_errors(html, "id_name")
    assert "keine gültige Auswahl" in field_errors(html, "id_size")
    assert "Dieses Feld ist zwingend erforderlich." in field_errors(html, "id_agree")
    elements = elements_by_id(html)
    # help text first, then the error, as Django orders them
    assert attrs(elements, "id_agree")["aria-describedby"] == "id_agree_helptext id_agree_error"
    assert "is-invalid" not in classes(elements["id_remark"])
    assert "aria-invalid" not in attrs(elements, "id_remark")


def test_a_choice_list_is_a_fieldset_described_by_its_error():
    html = rendered(SampleForm(data={"kind": "z"}))
    elements = elements_by_id(html)
    for option in ("id_kind_0", "id_kind_1"):
        assert attrs(elements, option)["aria-invalid"] == "true"
        assert classes(elements[option]) == {"form-check-input", "is-invalid"}
    assert '<fieldset aria-describedby="id_kind_error">' in html
    assert "keine gültige Auswahl" in text(elements["id_kind_error"])
    assert "invalid-feedback" in classes(elements["id_kind_error"])
