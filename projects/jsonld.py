"""schema.org data for a project page (Project: an undertaking of an office, with its
period, the districts it concerns, partners, themes and funding)."""

from django.conf import settings

from stadtteilbuero.metadata import absolute_url
from stadtteilbuero.richtext import plain_text


def area_served(offices):
    """The districts of the project's office and of the offices it also concerns."""
    places = [{"@type": "Place", "name": f"{office.district}, {office.city}"} for office in offices]
    return places[0] if len(places) == 1 else places


def project_jsonld(project):
    office = project.office
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": f"{project.number} {project.title}".strip(),
        "url": absolute_url(project.get_absolute_url()),
        "description": (project.summary or plain_text(project.description))[:500],
        "foundingDate": project.start_date.isoformat(),
        "parentOrganization": {
            "@type": "GovernmentOffice",
            "name": office.name,
            "url": absolute_url(office.get_absolute_url()),
        },
        "areaServed": area_served([office, *project.also_concerns.all()]),
        "inLanguage": settings.LANGUAGE_CODE,
    }
    if project.end_date:
        data["dissolutionDate"] = project.end_date.isoformat()
    themes = [theme.name for theme in project.themes.all()]
    if themes:
        data["keywords"] = ", ".join(themes)
    partners = [link.partner for link in project.project_partners.all()]
    if partners:
        data["member"] = [
            {"@type": "Organization", "name": p.name, **({"url": p.website} if p.website else {})}
            for p in partners
        ]
    if project.financing:
        data["funder"] = {"@type": "Organization", "name": project.financing}
    if project.image:
        image = project.rendition_url("large")
        if image:
            data["image"] = absolute_url(image)
    return data
