from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stadtteilbuero.metadata import absolute_url
from stadtteilbuero.richtext import plain_text

from .models import Notice


class LatestNoticesFeed(Feed):
    """News as RSS; links are absolute under PORTAL_BASE_URL (not the Site record)."""

    description = _("News, notices and dates of the neighbourhood offices.")

    def link(self):
        return absolute_url(reverse("offices:notice-list"))

    def feed_url(self):
        return absolute_url(reverse("offices:notice-feed"))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def title(self):
        return f"{settings.PORTAL_NAME}: {_('News')}"

    def items(self):
        return Notice.objects.published().select_related("office")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or plain_text(item.body)[:500]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.office.name if item.office else settings.PORTAL_NAME
