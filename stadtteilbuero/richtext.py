"""Rich text that staff write as Markdown, rendered to sanitized HTML.

Markdown instead of a WYSIWYG editor: it needs no JavaScript in the admin (keyboard and
screen-reader friendly, no third-party code), the stored text stays readable, and every
output goes through nh3 so no script, event handler or style can reach a page.
"""

import re
import threading
from functools import lru_cache
from html import unescape

import markdown
import nh3
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "a", "blockquote", "br", "em", "h2", "h3", "h4", "hr", "li", "ol", "p", "strong", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

MARKDOWN_HELP = _(
    "Formatting with Markdown: ## Heading, **bold**, *italic*, - list item, "
    "1. numbered item, [link text](https://example.org). HTML is removed."
)


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


# Building a Markdown converter costs far more than converting a short text (it
# registers ~100 processors), so each thread keeps its two converters and resets them.
_converters = threading.local()


def _convert(text: str, *, lists: bool) -> str:
    if not text:
        return ""
    key = "lists" if lists else "plain"
    converter = getattr(_converters, key, None)
    if converter is None:
        extensions = ["sane_lists"] if lists else []
        converter = markdown.Markdown(extensions=extensions, output_format="html")
        setattr(_converters, key, converter)
    return converter.reset().convert(text)


@lru_cache(maxsize=1024)
def render_markdown(text: str) -> str:
    """Markdown to safe HTML. A page has exactly one h1, so "# Heading" becomes h2 too."""
    html = _convert(text, lists=True)
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return mark_safe(sanitize_html(html))  # noqa: S308 - sanitized by nh3 just above


# What Markdown or HTML could change: markup characters anywhere, list, heading-rule and
# quote marks at a line's start. Most titles, names and short texts have none of them.
_MARKUP = re.compile(r"[\\`*_\[\]<>&#]|^[ \t]*(?:[-+=]|\d+[.)])", re.MULTILINE)


@lru_cache(maxsize=1024)
def plain_text(text: str) -> str:
    """The words of a rich text without any markup, for feeds, meta tags, JSON-LD and
    the search index (which asks for each text in every language)."""
    if not text:
        return ""
    if not _MARKUP.search(text):
        return " ".join(text.split())  # what converting and stripping would give
    rendered = _convert(text, lists=False)
    return " ".join(unescape(nh3.clean(rendered, tags=set())).split())


class RichTextField(models.TextField):
    """A text field written in Markdown and shown as sanitized HTML (|richtext filter)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("help_text", MARKDOWN_HELP)
        super().__init__(*args, **kwargs)
