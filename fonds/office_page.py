"""The "Neighbourhood fund" section of an office page (registered in FondsConfig.ready)."""

from .models import Fund


def office_fund(office):
    """This year's Verfügungsfonds of the office with its figures, or None."""
    funds = Fund.objects.current().for_office(office).with_figures()
    return {"fund": funds.select_related("office").first()}
