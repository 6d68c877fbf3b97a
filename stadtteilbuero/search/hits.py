"""What a search hit shows, kept per object.

A hit is its object's head (the link, and for an event its next date: the type's
template) and a snippet of its text around the words looked for. The head and the text
a snippet is cut from are the same in every search that finds the object, so they are
kept in the cache like a list's rows ({% fragment %}): per object, language and content
generation (`pagecache.last_change`, so a change in the admin shows on the next request),
for at most FRAGMENT_CACHE_SECONDS (an event's next date moves with the clock). Only the
objects not in the cache are read, one query per type, and only their template renders;
the snippet is cut for each search. The objects are the ones the search's statement has
just checked against `public()`, so a hit looks the same to everyone.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from stadtteilbuero.pagecache import fragment_key, last_change

from . import text as search_text
from .registry import SearchType


@dataclass
class Hit:
    id: int  # the object's
    title: str  # the object's name, as text
    head: SafeString  # the type's template: the link and what it shows beside it
    snippet: SafeString  # the text around the first word looked for, words marked
    # The snippet's language where it is not the page's (an untranslated text), else "".
    snippet_lang: str = ""


def _hit_parts(search_type: SearchType, obj) -> tuple[str, str, str, str]:
    """(name, head HTML, the text snippets are cut from, its language if not the page's)
    of one object."""
    head = render_to_string(search_type.template, {"obj": obj})
    text = search_type.snippet_text(obj)
    return str(obj), str(head), text, _untranslated(search_type, obj, text)


def _untranslated(search_type: SearchType, obj, text) -> str:
    """The default language's code where `text`, read in another language, is the same as
    in the default language (its fields have no translation and fall back), so screen
    readers pronounce the snippet right; else ""."""
    default = settings.LANGUAGE_CODE
    if translation.get_language() == default or not text:
        return ""
    with translation.override(default):
        return default if search_type.snippet_text(obj) == text else ""


def _read(search_type: SearchType, ids) -> dict:
    """{id: what is shown} of the objects with these IDs, one query."""
    # Unordered: the IDs give the order (a model's ordering cost compiling and sorting),
    # and no second public(): asking it again doubled the cost of these queries.
    everything = search_type.model._default_manager.all()
    objects = search_type.results(everything).order_by().in_bulk(ids)
    return {pk: _hit_parts(search_type, obj) for pk, obj in objects.items()}


def hits_of(ids_by_type: list[tuple[SearchType, list]], needles: list[str]) -> list[list[Hit]]:
    """For each (type, IDs in order): its hits in that order, snippets marked for the
    needles. One cache read for all of them and one query per type with objects
    not in the cache."""
    use_cache = settings.FRAGMENT_CACHE_SECONDS > 0
    generation = last_change() if use_cache else 0
    keys = {
        (search_type.key, pk): fragment_key("search-hit", [search_type.key, pk], generation)
        for search_type, ids in ids_by_type
        for pk in ids
    }
    cached = cache.get_many(list(keys.values())) if use_cache and keys else {}
    shown = {kind_and_id: cached[key] for kind_and_id, key in keys.items() if key in cached}
    fresh = {}
    for search_type, ids in ids_by_type:
        missing = [pk for pk in ids if (search_type.key, pk) not in shown]
        if missing:
            for pk, values in _read(search_type, missing).items():
                shown[search_type.key, pk] = fresh[keys[search_type.key, pk]] = values
    if use_cache and fresh:
        cache.set_many(fresh, settings.FRAGMENT_CACHE_SECONDS)
    return [
        [
            _hit(pk, shown[search_type.key, pk], needles)
            for pk in ids
            if (search_type.key, pk) in shown
        ]
        for search_type, ids in ids_by_type
    ]


def _hit(pk, shown, needles) -> Hit:
    title, head, text, snippet_lang = shown
    # The head was rendered by a template (escaped) and kept as text in the cache.
    head = mark_safe(head)  # noqa: S308
    return Hit(pk, title, head, search_text.highlight(text, needles), snippet_lang)
