"""The renderer of the public forms' widgets.

Django renders every widget through a template; the application form has about sixty, and
with Django's own template engine they were a third of its time. Django ships the same
widget templates for Jinja2, which renders them compiled (the same HTML, about half the
time). Only the forms residents fill in use it: the admin's widgets have templates for
Django's engine only.
"""

from django.forms.renderers import Jinja2

PUBLIC_FORM_RENDERER = Jinja2()


class PublicFormRendering:
    """Mixin for a public form class: its widgets render with Jinja2."""

    default_renderer = PUBLIC_FORM_RENDERER
