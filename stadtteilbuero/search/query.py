"""Finding entries: the one text search of /suche/ and of the lists' ?q= filters.

Every term's stem is looked for inside the normalized text (LIKE '%stem%'), which a
trigram GIN index serves on PostgreSQL; there, when the words as written find nothing,
title words within trigram word similarity match instead ("Muhlenbreg"). Hits whose title
contains the words come first, then the newest (the highest object ID); the same order on
both databases, on the overview and on a type's pages.

One statement finds the hits of every type (`_ranked_ids`): it reads the matching entries
once, sorts each type's, and checks only as many against what the public may see as the
page shows or counts. Counts stop at COUNT_LIMIT ("more than 100"). At city scale a
district's name is in 10,000 of 55,000 entries, three in four of them past events:
checking every one of them for the count, and ranking every one of them by full-text rank
and trigram similarity, took 200 ms. Queries: the overview runs that statement and one
per type shown whose hits are not in the cache (hits.py); a type's page, that statement
and at most one for the objects.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, DateTimeField, Func, Q, Value, When
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext

from stadtteilbuero import pagination

from . import text as search_text
from .hits import hits_of
from .registry import TYPES, SearchType, types

HITS_PER_TYPE = 5
# Counts above this read "more than 100": each hit counted is a visibility check, and
# three in four entries that mention a district are past events.
COUNT_LIMIT = 100


def _term_condition(term, fuzzy):
    condition = Q(document__contains=term.needle)
    if fuzzy and not term.phrase and len(term.needle) >= 4:
        # "Muhlenbreg" → "Mühlenberg": word similarity uses the trigram index too.
        condition |= Q(title__trigram_word_similar=search_text.normalize(term.text))
    return ~condition if term.negated else condition


def entry_condition(clauses, fuzzy=True):
    """The WHERE of a parsed query over SearchEntry. Only trigram-indexed tests: a full
    text vector computed for every row costs seconds at a few thousand entries (see the
    README)."""
    fuzzy = fuzzy and connection.vendor == "postgresql"
    condition = Q()
    for alternatives in clauses:
        either = Q()
        for term in alternatives:
            either |= _term_condition(term, fuzzy)
        condition &= either
    return condition


def title_condition(clauses):
    """The words looked for (not the excluded ones) all in the title: these hits come
    first. Empty (Q()) for a query of exclusions only."""
    condition = Q()
    for alternatives in clauses:
        either = Q()
        for term in alternatives:
            if not term.negated:
                either |= Q(title__contains=term.needle)
        condition &= either
    return condition


def matching_entries(clauses, fuzzy=True):
    from stadtteilbuero.models import SearchEntry

    return SearchEntry.objects.filter(entry_condition(clauses, fuzzy))


class EndOrNever(Func):
    """An entry's end, 'infinity' where it has none: on PostgreSQL the form the text
    index keeps beside the trigrams (migration 0005), so the index scan leaves out past
    events. SQLite has no 'infinity' and no such index: there an empty end stays NULL."""

    template = "COALESCE(%(expressions)s, 'infinity'::timestamptz)"
    output_field = DateTimeField()


def still_visible():
    """Entries whose object has not stopped being public by itself (past events)."""
    if connection.vendor == "postgresql":
        return Q(GreaterThan(EndOrNever("visible_until"), timezone.now()))
    return Q(visible_until__isnull=True) | Q(visible_until__gt=timezone.now())


def matching_ids(kind: str, query_text: str):
    """IDs of the objects of one type that match (a subquery for the lists' ?q=)."""
    clauses = search_text.parse(query_text)
    if not clauses:
        return None
    return matching_entries(clauses).filter(kind=kind).values("object_id")


def _compiled(queryset):
    return queryset.query.sql_with_params()


# One type's visible hits, best first. The matches are sorted in a subquery of their own
# so that PostgreSQL checks visibility (IN: a semi-join, one primary-key probe per entry)
# in that order and stops at the LIMIT, instead of checking every match first.
TYPE_HITS = (
    "SELECT * FROM (SELECT kind, object_id, in_title FROM"
    " (SELECT * FROM matches WHERE kind = %s ORDER BY in_title DESC, object_id DESC)"
    " AS sorted WHERE object_id IN ({visible})"
    " ORDER BY in_title DESC, object_id DESC LIMIT %s) AS hits_{number}"
)


def _ranked_ids(clauses, search_types, limit, fuzzy):
    """{kind: [object ID, …]}: every type's visible hits in order, at most `limit` each.
    One statement on both databases; the matches are read once (WITH)."""
    in_title = title_condition(clauses)
    matches = (
        matching_entries(clauses, fuzzy)
        # Past events are left out before the sort (three in four entries that name a
        # district at city scale); the objects' public() still decides what is shown.
        .filter(still_visible())
        # Every registered type, also on one type's page: the same WITH on both pages.
        # (This filter, costed per row read, also tips PostgreSQL towards the trigram
        # index, which it underrates: LIKE on every text of the table is 5 × slower.)
        .filter(kind__in=[search_type.key for search_type in types()])
        .order_by()
        .annotate(
            in_title=Case(When(in_title, then=Value(True)), default=Value(False))
            if in_title
            else Value(False),
        )
        .values_list("kind", "object_id", "in_title")
    )
    matches_sql, params = _compiled(matches)
    parts = []
    for number, search_type in enumerate(search_types):
        visible_sql, visible_params = _compiled(search_type.public().order_by().values("pk"))
        parts.append(TYPE_HITS.format(visible=visible_sql, number=number))
        params += (search_type.key, *visible_params, limit)
    # MATERIALIZED: read once through the trigram index, also when one type is asked
    # for; PostgreSQL would otherwise fold the kind into the scan and read the table.
    materialized = "MATERIALIZED" if connection.vendor == "postgresql" else ""
    sql = f"WITH matches (kind, object_id, in_title) AS {materialized} ({matches_sql}) "
    sql += " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    ranked = {}
    # Sorted here as well: the order of UNION ALL's rows is the database's to choose.
    for kind, object_id, _in_title in sorted(rows, key=lambda row: (not row[2], -row[1])):
        ranked.setdefault(kind, []).append(object_id)
    return ranked


@dataclass
class Section:
    type: SearchType
    # The hits' object IDs in order, fetched up to one past what the page counts or shows.
    ids: list
    hits: list = field(default_factory=list)

    @property
    def key(self):
        return self.type.key

    @property
    def title(self):
        return self.type.title

    @property
    def count(self):
        return min(len(self.ids), COUNT_LIMIT)

    @property
    def more(self):
        """There are more hits than counted."""
        return len(self.ids) > COUNT_LIMIT

    @property
    def count_text(self):
        """'42', or 'more than 100' where counting stopped."""
        count = number_format(self.count, force_grouping=True)
        return gettext("more than %(count)s") % {"count": count} if self.more else count


def hit_total(sections):
    """(number, more) for the line above the results: the sum of the counts, and where
    a count stopped, that sum rounded down ("more than 300", not "more than 304")."""
    total = sum(section.count for section in sections)
    more = any(section.more for section in sections)
    return (total - total % COUNT_LIMIT if more else total), more


def _sections(clauses, search_types, limit):
    # The words as written first; similar words ("Muhlenbreg") only when they find
    # nothing: the similarity of every title to a common word took seconds.
    for fuzzy in (False, True):
        ranked = _ranked_ids(clauses, search_types, limit, fuzzy)
        if ranked or connection.vendor != "postgresql":
            break
    return [Section(t, ranked[t.key]) for t in search_types if t.key in ranked]


def search_overview(query_text):
    """Sections of every type with hits: the count and the best HITS_PER_TYPE hits."""
    clauses = search_text.parse(query_text)
    if not clauses:
        return []
    wanted = search_text.needles(clauses)
    sections = _sections(clauses, types(), COUNT_LIMIT + 1)
    shown = hits_of([(section.type, section.ids[:HITS_PER_TYPE]) for section in sections], wanted)
    for section, hits in zip(sections, shown, strict=True):
        section.hits = hits
    return sections


class HitPaginator(Paginator):
    """Pages through a type's hits, read with LIMIT `limit` up to one past the page
    shown: it knows whether there is a next page, not always how many (`capped`, as
    pagination.CappedPaginator: the template then leaves out "of N"). Pages stop at
    pagination.COUNT_LIMIT hits, as every list's."""

    def __init__(self, ids, per_page, *, limit):
        pageable = ids[: pagination.COUNT_LIMIT]
        super().__init__(pageable, per_page)
        self.capped = len(ids) >= limit or len(pageable) < len(ids)


def type_page(query_text, key, page_number, per_page):
    """([the type's section], page) for ?typ=<key>, or ([], None) without hits. Reads
    the hits up to the page asked for (at most pagination.COUNT_LIMIT, as every list)
    and at least COUNT_LIMIT + 1, so the count reads as on the overview."""
    clauses = search_text.parse(query_text)
    if not clauses:
        return [], None
    try:
        number = max(1, int(page_number))
    except (TypeError, ValueError):
        number = 1
    last = pagination.COUNT_LIMIT // per_page
    limit = max(COUNT_LIMIT, min(number, last) * per_page) + 1
    sections = _sections(clauses, [TYPES[key]], limit)
    if not sections:
        return [], None
    [section] = sections
    page = HitPaginator(section.ids, per_page, limit=limit).get_page(number)
    [section.hits] = hits_of([(section.type, list(page.object_list))], search_text.needles(clauses))
    return sections, page
