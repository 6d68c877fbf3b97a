"""The searchable types. Each app registers its own in `<app>/search.py`, for example:

    register(SearchType(
        key="projects", title=_("Projects"), order=20, model=Project,
        public=lambda: Project.objects.published(),
        texts=lambda p: [p.title, p.summary, p.description],
        list_url="projects:project-list",
    ))

The first text is the title (ranked above the rest). Saving or deleting an object
updates its entry; `reindex(obj)` writes it where what it keeps changed without a save
(an event's dates: `visible_until`); `manage.py rebuild_search_index` rewrites all of them
(after bulk changes, or when a related name in a text changed).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from stadtteilbuero.richtext import plain_text

from .text import normalize


@dataclass(frozen=True)
class SearchType:
    key: str
    title: str
    order: int
    model: type[Model]
    # The objects the public may find, e.g. Project.objects.published().
    public: Callable[[], QuerySet]
    # The texts of an object, title first; rich text (Markdown) is reduced to plain text.
    texts: Callable[[Model], Iterable[str]]
    # The objects of one result page, with what their template shows (select_related ...).
    results: Callable[[QuerySet], QuerySet] = lambda queryset: queryset
    # The list page that takes ?q= (URL name), for the "all results" link.
    list_url: str = ""
    template: str = "stadtteilbuero/_search_hit.html"
    # When an object stops being public by itself (None: never), e.g. an event after its
    # last date. Kept on the entry; whoever changes that moment re-indexes the object.
    visible_until: Callable[[Model], datetime.datetime | None] = lambda obj: None
    # What `rebuild` reads with the objects, so that `texts` and `visible_until` run no
    # query per object (select_related, annotations).
    index_queryset: Callable[[QuerySet], QuerySet] = lambda queryset: queryset

    def snippet_text(self, obj) -> str:
        """The texts after the title, as plain text: the snippet shows the first hit."""
        return " ".join(plain_text(text or "") for text in list(self.texts(obj))[1:])


TYPES: dict[str, SearchType] = {}


def register(search_type: SearchType):
    TYPES[search_type.key] = search_type
    uid = f"search-{search_type.key}"
    post_save.connect(_saved, sender=search_type.model, dispatch_uid=uid, weak=False)
    post_delete.connect(_deleted, sender=search_type.model, dispatch_uid=uid, weak=False)


def types() -> list[SearchType]:
    return sorted(TYPES.values(), key=lambda search_type: search_type.order)


def type_of(model) -> SearchType | None:
    return next((t for t in TYPES.values() if t.model is model), None)


def entry_values(search_type: SearchType, obj) -> dict:
    """The normalized title (German) and text of every language (translated fields,
    offices/translation.py), so an English word finds the English text too."""
    texts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts += [plain_text(text or "") for text in search_type.texts(obj)]
    title = normalize(texts[0])[:300]
    return {
        "title": title,
        "document": normalize("\n".join(dict.fromkeys(texts))),
        "visible_until": search_type.visible_until(obj),
    }


def index_object(search_type: SearchType, obj):
    """Write the object's entry (saving does it; call it when what an entry keeps changed
    without a save, as an event's dates)."""
    from stadtteilbuero.models import SearchEntry

    # One upsert statement instead of update_or_create's savepoint, lock and write.
    entry = SearchEntry(kind=search_type.key, object_id=obj.pk, **entry_values(search_type, obj))
    SearchEntry.objects.bulk_create(
        [entry],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["title", "document", "visible_until", "updated_at"],
    )


def reindex(obj) -> None:
    """Write the entry of an object of a registered type."""
    index_object(type_of(type(obj)), obj)


def rebuild(batch_size: int = 500) -> int:
    """Rewrite the entries of every registered type; returns how many were written."""
    from stadtteilbuero.models import SearchEntry

    written = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for search_type in types():
            objects = search_type.index_queryset(search_type.model._default_manager.all()).iterator(
                chunk_size=batch_size
            )
            entries = (
                SearchEntry(kind=search_type.key, object_id=o.pk, **entry_values(search_type, o))
                for o in objects
            )
            written += len(SearchEntry.objects.bulk_create(entries, batch_size=batch_size))
    return written


def _saved(sender, instance, raw=False, **kwargs):
    # An object's search entry is a copy of its own fields, like a denormalized column:
    # written here so every path that saves (admin, services, demo, shell) keeps it.
    if not raw:
        index_object(type_of(sender), instance)


def _deleted(sender, instance, **kwargs):
    from stadtteilbuero.models import SearchEntry

    SearchEntry.objects.filter(kind=type_of(sender).key, object_id=instance.pk).delete()
