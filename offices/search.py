"""Offices and news in the site search (stadtteilbuero.search)."""

from django.utils.translation import gettext_lazy as _

from stadtteilbuero.search import SearchType, register

from .models import Notice, Office

register(
    SearchType(
        key="offices",
        title=_("Offices"),
        order=10,
        model=Office,
        public=lambda: Office.objects.active(),
        texts=lambda o: [o.name, o.district, o.city, o.summary, o.description],
        list_url="offices:office-list",
    )
)
register(
    SearchType(
        key="news",
        title=_("News"),
        order=40,
        model=Notice,
        public=lambda: Notice.objects.published(),
        texts=lambda n: [n.title, n.summary, n.body],
        results=lambda queryset: queryset.select_related("office"),
        template="offices/_notice_search_hit.html",
        list_url="offices:notice-list",
    )
)
