"""Event texts in more languages (django-modeltranslation, see offices/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "description")
    required_languages = ("de",)
