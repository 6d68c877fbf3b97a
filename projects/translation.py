"""Project texts in more languages (django-modeltranslation, see offices/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Project


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "summary", "description")
    required_languages = ("de",)
