"""schema.org data for a fund page: the year's budget as a MonetaryGrant of the office."""

from stadtteilbuero.metadata import absolute_url
from stadtteilbuero.richtext import plain_text


def fund_jsonld(fund):
    office = fund.office
    office_data = {
        "@type": "GovernmentOffice",
        "name": office.name,
        "url": absolute_url(office.get_absolute_url()),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "MonetaryGrant",
        "name": f"{fund.title} {fund.year}",
        "url": absolute_url(fund.get_absolute_url()),
        "description": (fund.summary or plain_text(fund.fundable) or plain_text(fund.rules))[:500],
        "funder": office_data,
        "sponsor": office_data,
        "amount": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": float(fund.budget),
        },
    }
    if not data["description"]:
        del data["description"]
    return data
