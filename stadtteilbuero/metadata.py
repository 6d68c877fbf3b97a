"""What machines read about a page: absolute URLs, language alternates, social cards.

Absolute URLs come from the PORTAL_BASE_URL setting, never from the Site record or the
request's Host header, so feeds, sitemap and JSON-LD name the public address also when
they are built behind a proxy or in a management command.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from .links import translated_path

OG_LOCALES = {"de": "de_DE", "en": "en_GB"}


def base_url() -> str:
    return settings.PORTAL_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` ("/bueros/nordstadt/") under PORTAL_BASE_URL; absolute URLs stay as they are."""
    if not path or urlsplit(path).scheme:
        return path
    return base_url() + path


def language_alternates(path: str) -> list[dict]:
    """This page in every language, as absolute URLs (for hreflang links)."""
    return [
        {"code": code, "url": absolute_url(translated_path(path, code))}
        for code, _name in settings.LANGUAGES
    ]


def social_card(context) -> dict:
    """Open Graph / Twitter card values of a page: from its `object` where it shows one
    (title, summary, image), else the portal's."""
    request = context["request"]
    obj = context.get("object")
    card = {
        "site_name": settings.PORTAL_NAME,
        "url": absolute_url(request.path),
        "locale": OG_LOCALES.get(get_language(), "de_DE"),
        "type": "website",
        "title": settings.PORTAL_NAME,
        "description": "",
        "image": "",
        "image_alt": "",
    }
    if obj is not None and hasattr(obj, "get_absolute_url"):
        card["title"] = str(obj)
        card["description"] = getattr(obj, "summary", "") or ""
        if getattr(obj, "published_at", None):
            card["type"] = "article"
        image = obj.rendition_url("large") if hasattr(obj, "rendition_url") else None
        if image:
            card["image"] = absolute_url(image)
            card["image_alt"] = obj.image_alt
            card["image_size"] = obj.rendition_size("large")
    return card


def website_jsonld() -> dict:
    """schema.org WebSite with a SearchAction, so search engines can offer our search."""
    search = absolute_url(reverse("search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.PORTAL_NAME,
        "url": absolute_url(reverse("home")),
        "inLanguage": get_language(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
