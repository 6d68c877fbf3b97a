"""This year's funds in the site search (stadtteilbuero.search)."""

from django.utils.translation import gettext_lazy as _

from stadtteilbuero.search import SearchType, register

from .models import Fund

register(
    SearchType(
        key="funds",
        title=_("Neighbourhood fund"),
        order=45,
        model=Fund,
        public=lambda: Fund.objects.current(),
        texts=lambda fund: [
            f"{fund.title} {fund.year}",
            fund.summary,
            fund.office.name,
            fund.office.district,
            fund.fundable,
            fund.rules,
        ],
        results=lambda queryset: queryset.select_related("office"),
        index_queryset=lambda queryset: queryset.select_related("office"),
    )
)
