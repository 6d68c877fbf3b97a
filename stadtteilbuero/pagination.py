"""A paginator that never counts more rows than a reader could page through."""

from functools import cached_property

from django.core.paginator import Paginator

# 50 pages of 20: more than anyone pages through; the filters narrow the rest.
COUNT_LIMIT = 1000


class CappedPaginator(Paginator):
    """Counts at most COUNT_LIMIT rows (SELECT COUNT(*) FROM (... LIMIT n)), so a list
    over 180,000 dates costs what a list over a thousand does. `capped` tells the
    template to say "more than 1,000"; the pages stop there."""

    @cached_property
    def count(self):
        return min(self.full_count, COUNT_LIMIT)

    @cached_property
    def full_count(self):
        """The number of rows up to COUNT_LIMIT + 1 (one more tells that there are more)."""
        return self.object_list[: COUNT_LIMIT + 1].count()

    @property
    def capped(self):
        return self.full_count > COUNT_LIMIT
