"""Addresses of public pages, kept per process.

Django's reverse() walks the URL patterns every time (about 0.1 ms), and a list page asks
for dozens of the same addresses (each card links its office, its themes, itself; the
header its sections); translate_url() resolves and reverses the path again for each
language link. An address depends only on what is asked, the active language (the /en/
prefix), the script prefix and the URL configuration: all of them are in the keys.
"""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils.translation import get_language


def _context() -> tuple:
    return get_language(), get_script_prefix(), get_urlconf()


def public_url(viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs), from the cache where it was asked before. For
    public addresses only: never for a secret one (an applicant's status link)."""
    return _reverse(viewname, tuple(sorted(kwargs.items())), *_context())


def translated_path(path: str, code: str) -> str:
    """`path` (with its query) in the language `code` (translate_url): every page asks
    five times (the language switch, the hreflang links)."""
    return _translate(path, code, *_context())


@lru_cache(maxsize=20_000)
def _reverse(viewname, kwargs, language, script_prefix, urlconf):
    return reverse(viewname, kwargs=dict(kwargs), urlconf=urlconf)


@lru_cache(maxsize=4096)
def _translate(path, code, language, script_prefix, urlconf):
    return translate_url(path, code)
