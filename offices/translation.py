"""Content that an office can write in more languages (django-modeltranslation): German
is required, English (and later Turkish, Arabic, Ukrainian ...) optional; an empty
translation shows the German text, marked lang="de" ({% content_lang %})."""

from modeltranslation.translator import TranslationOptions, register

from .models import Notice, Office


@register(Office)
class OfficeTranslation(TranslationOptions):
    fields = ("summary", "description", "history")
    required_languages = ()


@register(Notice)
class NoticeTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("de",)
