"""Reading a rendered form as assistive technology does: a field's input, its state and
the texts its aria-describedby points to."""

from django.test.html import Element, parse_html


def elements_by_id(html: str) -> dict[str, Element]:
    found, stack = {}, [parse_html(html)]
    while stack:
        element = stack.pop()
        if not isinstance(element, Element):
            continue
        if element_id := dict(element.attributes).get("id"):
            found[element_id] = element
        stack.extend(element.children)
    return found


def text(element) -> str:
    if not isinstance(element, Element):
        return str(element)
    return " ".join(text(child) for child in element.children)


def classes(element: Element) -> set[str]:
    return set((dict(element.attributes).get("class") or "").split())


def field_errors(html: str, field_id: str) -> str:
    """The error messages of a field as a screen reader reaches them: its input is marked
    invalid (aria-invalid; is-invalid gives Bootstrap's red border) and is described by
    the messages shown next to it."""
    elements = elements_by_id(html)
    attrs = dict(elements[field_id].attributes)
    assert attrs.get("aria-invalid") == "true"
    assert "is-invalid" in classes(elements[field_id])
    described = [elements[ref] for ref in attrs.get("aria-describedby", "").split()]
    errors = [element for element in described if "invalid-feedback" in classes(element)]
    return " ".join(text(element) for element in errors)
