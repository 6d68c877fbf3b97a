"""Finding entries: the one text search of /suche/ and of the lists' ?q= filters.

Every term's stem is looked for inside the normalized text (LIKE '%stem%'), which a
trigram GIN index serves on PostgreSQL; there, title words within trigram word
similarity also match ("Muhlenbreg"), and hits are ranked by German full-text rank of
the title plus its similarity. SQLite ranks title hits first. Queries: two for the
overview (counts; the best hits of every type in one window query) plus one per type
shown; a type's page: count, page, objects.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Case, Count, Exists, F, FloatField, OuterRef, Q, Value, When, Window
from django.db.models.functions import RowNumber

from . import text as search_text
from .registry import SearchType, types

HITS_PER_TYPE = 5
CONFIG = "german"


def _term_condition(term, fuzzy):
    condition = Q(document__contains=term.needle)
    if fuzzy and not term.phrase and len(term.needle) >= 4:
        # "Muhlenbreg" → "Mühlenberg": word similarity uses the trigram index too.
        condition |= Q(title__trigram_word_similar=search_text.normalize(term.text))
    return ~condition if term.negated else condition


def entry_condition(clauses):
    """The WHERE of a parsed query over SearchEntry. Only trigram-indexed tests: the full
    text vector is computed for ranking the hits alone, since computing it for every row
    costs seconds at a few thousand entries (see the README)."""
    postgres = connection.vendor == "postgresql"
    condition = Q()
    for alternatives in clauses:
        either = Q()
        for term in alternatives:
            either |= _term_condition(term, postgres)
        condition &= either
    return condition


def matching_entries(clauses, query_text):
    from stadtteilbuero.models import SearchEntry

    entries = SearchEntry.objects.all()
    if connection.vendor == "postgresql":
        normalized = search_text.normalize(query_text)
        query = SearchQuery(normalized, search_type="websearch", config=CONFIG)
        # Ranked by the title only: a vector of every hit's whole text would take a
        # second for a common word among a few thousand entries.
        vector = SearchVector("title", weight="A", config=CONFIG)
        return entries.filter(entry_condition(clauses)).annotate(
            rank=SearchRank(vector, query) + TrigramWordSimilarity(Value(normalized), "title"),
        )
    first = search_text.needles(clauses)[:1]
    entries = entries.annotate(
        rank=Case(
            When(title__contains=first[0], then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        if first
        else Value(0.0, output_field=FloatField())
    )
    return entries.filter(entry_condition(clauses))


def matching_ids(kind: str, query_text: str):
    """IDs of the objects of one type that match (a subquery for the lists' ?q=)."""
    clauses = search_text.parse(query_text)
    if not clauses:
        return None
    return matching_entries(clauses, query_text).filter(kind=kind).values("object_id")


def visible_entries(entries, search_types):
    """The entries whose object the public may see. EXISTS per entry, not IN (all visible
    ids): the few matching entries are checked by primary key, instead of listing the
    13,000 upcoming events of a city for every search."""
    condition = Q()
    for search_type in search_types:
        visible = search_type.public().filter(pk=OuterRef("object_id"))
        condition |= Q(kind=search_type.key) & Exists(visible)
    return entries.filter(condition)


@dataclass
class Section:
    type: SearchType
    count: int
    hits: list = field(default_factory=list)
    # With a single type shown: all its entries, for the view to paginate.
    entries: object = None
    wanted: list = field(default_factory=list)

    @property
    def key(self):
        return self.type.key

    @property
    def title(self):
        return self.type.title


@dataclass
class Hit:
    object: object
    snippet: str
    template: str


def _hits(search_type, entries, wanted):
    """The objects of `entries` (already ordered) in that order, with snippets."""
    ids = [entry.object_id for entry in entries]
    objects = search_type.results(search_type.public()).in_bulk(ids)
    return [
        Hit(obj, search_text.highlight(search_type.snippet_text(obj), wanted), search_type.template)
        for obj in (objects.get(pk) for pk in ids)
        if obj is not None
    ]


def search_overview(query_text, only=None):
    """Sections of every type with hits: the count and the best HITS_PER_TYPE hits.
    With `only` (a type key), that type alone with all its entries as a queryset
    (`section.entries`) for the view to paginate."""
    clauses = search_text.parse(query_text)
    if not clauses:
        return []
    wanted = search_text.needles(clauses)
    search_types = [t for t in types() if only in (None, t.key)]
    entries = visible_entries(matching_entries(clauses, query_text), search_types)
    counts = dict(entries.order_by().values_list("kind").annotate(n=Count("id")))
    sections = [Section(t, counts[t.key]) for t in search_types if counts.get(t.key)]
    if only:
        for section in sections:
            section.entries = entries.order_by("-rank", "object_id")
            section.wanted = wanted
        return sections
    best_first = [F("rank").desc(), "object_id"]
    top = (
        entries.annotate(row=Window(RowNumber(), partition_by=F("kind"), order_by=best_first))
        .filter(row__lte=HITS_PER_TYPE)
        .order_by("kind", "row")
    )
    by_kind = {}
    for entry in top:
        by_kind.setdefault(entry.kind, []).append(entry)
    for section in sections:
        section.hits = _hits(section.type, by_kind.get(section.key, []), wanted)
    return sections


def page_hits(section, entries):
    """The hits of one page of a type's entries."""
    return _hits(section.type, list(entries), section.wanted)
