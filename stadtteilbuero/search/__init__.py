"""Site search over every registered type; see registry.py (how a type joins),
text.py (how text is read) and query.py (how entries are found and ranked)."""

from .query import HITS_PER_TYPE, hit_total, matching_ids, search_overview, type_page
from .registry import SearchType, rebuild, register, reindex, types

__all__ = [
    "HITS_PER_TYPE",
    "SearchType",
    "hit_total",
    "matching_ids",
    "rebuild",
    "register",
    "reindex",
    "search_overview",
    "type_page",
    "types",
]
