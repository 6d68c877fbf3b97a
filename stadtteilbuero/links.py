"""Addresses of the public pages of objects, kept per process.

Django's reverse() walks the URL patterns every time (about 0.1 ms), and a list page asks
for dozens of the same addresses (each card links its office, its themes, itself). An
address depends only on the pattern's name and arguments, the active language (the /en/
prefix), the script prefix and the URL configuration: all four are in the key.
"""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def public_url(viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs), from the cache where it was asked before. For
    public addresses only: never for a secret one (an applicant's status link)."""
    return _reverse(
        viewname, tuple(sorted(kwargs.items())), get_language(), get_script_prefix(), get_urlconf()
    )


@lru_cache(maxsize=20_000)
def _reverse(viewname, kwargs, language, script_prefix, urlconf):
    return reverse(viewname, kwargs=dict(kwargs), urlconf=urlconf)
