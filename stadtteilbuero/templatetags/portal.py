"""Template helpers shared by every app: rich text, images, JSON-LD, query strings."""

import json
from functools import lru_cache
from types import SimpleNamespace

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from stadtteilbuero import metadata
from stadtteilbuero.links import translated_path
from stadtteilbuero.money import format_euro
from stadtteilbuero.richtext import plain_text, render_markdown

register = template.Library()

# The characters json_script escapes, so the JSON cannot close its <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def euro(value):
    """An amount in euros: "1.234,56 €" (see stadtteilbuero.money)."""
    return format_euro(value)


@register.filter
def richtext(value):
    """Markdown written by staff, as sanitized HTML."""
    return render_markdown(value or "")


@lru_cache(maxsize=4096)
def _day_names(day, language):
    return SimpleNamespace(
        iso=day.isoformat(),
        weekday=date_format(day, "l"),
        weekday_short=date_format(day, "D"),
        day=day.day,
        month_short=date_format(day, "M"),
        long=date_format(day, "DATE_FORMAT"),
    )


@register.filter
def day_names(day):
    """A day's names for a heading (`.weekday`, `.long`, `.iso`, ...): lists group many
    dates by day, and formatting each name anew cost a sixth of the event list's time;
    kept per day and language in the process."""
    return _day_names(day, get_language())


@register.simple_tag
def clock_suffix():
    """ " Uhr" after a time in German; nothing where times carry a.m./p.m. (English)."""
    if any(code in get_format("TIME_FORMAT") for code in "aAP"):
        return ""
    return " " + gettext("o'clock")


@register.simple_tag
def content_lang(obj, field):
    """' lang="de"' where `obj.field` shows the German text on a page in another language
    (no translation yet), so screen readers pronounce it right; else nothing."""
    language = get_language()
    if language == settings.LANGUAGE_CODE:
        return ""
    if getattr(obj, f"{field}_{language.replace('-', '_')}", None):
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


@register.filter
def plaintext(value):
    return plain_text(value or "")


@register.simple_tag
def picture(obj, size="card"):
    """What includes/_img.html needs to show a rendition of obj.image (ImageMixin), or
    None without one."""
    return obj.picture(size)


@register.inclusion_tag("includes/_page_metadata.html", takes_context=True)
def page_metadata(context):
    """Canonical and hreflang links, Open Graph and Twitter card tags of the page."""
    if "request" not in context:  # the 500 page renders without context processors
        return {}
    path = context["request"].path
    return {
        "canonical": metadata.absolute_url(path),
        "alternates": metadata.language_alternates(path),
        "x_default": metadata.absolute_url(translated_path(path, settings.LANGUAGE_CODE)),
        "card": metadata.social_card(context),
    }


@register.filter
def jsonld(data):
    """A schema.org <script type="application/ld+json"> element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped JSON
    )


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one).

    Keeps the filters when paging: {% query_with page=2 %}."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def isodatetime(value):
    """A valid HTML datetime value: local time with offset, to the second (the `c`
    format adds microseconds, which <time datetime> does not allow)."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
