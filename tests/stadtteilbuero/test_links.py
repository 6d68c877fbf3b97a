"""Addresses of public pages kept per process: the same as reverse() gives, in each
language and under each script prefix."""

from django.urls import reverse, set_script_prefix
from django.utils import translation

from stadtteilbuero.links import public_url


def test_an_address_is_reverse_in_each_language_and_under_each_prefix():
    with translation.override("de"):
        german = public_url("offices:office-detail", slug="nordstadt")
        assert german == reverse("offices:office-detail", kwargs={"slug": "nordstadt"})
    with translation.override("en"):
        assert public_url("offices:office-detail", slug="nordstadt") == "/en" + german
    set_script_prefix("/portal/")
    try:
        with translation.override("de"):
            assert public_url("offices:office-detail", slug="nordstadt") == "/portal" + german
    finally:
        set_script_prefix("/")
    with translation.override("de"):
        assert public_url("offices:office-detail", slug="westhagen") == german.replace(
            "nordstadt", "westhagen"
        )
