from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from stadtteilbuero.richtext import plain_text

from .models import Notice


class LatestNoticesFeed(Feed):
    link = reverse_lazy("offices:notice-list")
    description = _("News, notices and dates of the neighbourhood offices.")

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
