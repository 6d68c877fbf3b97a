from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """The searchable text of one public object, normalized (see search/text.py).

    One table for every type, so /suche/ counts and ranks all of them in one query and a
    new app joins with a few lines in its search.py. Rows are written when an object is
    saved (stadtteilbuero.search.registry) and by `manage.py rebuild_search_index`; the
    PostgreSQL indexes (full text and trigram) come from migration 0002.
    """

    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("object ID"))
    title = models.CharField(_("title"), max_length=300)
    document = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"
