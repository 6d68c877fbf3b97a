"""Sections that other apps add to an office page.

`offices` is the ground every app stands on, so it imports none of them; each app
registers what it shows on an office page in its AppConfig.ready() instead:

    register_office_section("events", order=20, template="events/_office_events.html",
                            context=office_events)

`context(office)` returns a dict the template reads as `data` (querysets stay lazy, so
each section costs its own small, fixed number of queries when it renders). The office
page includes each template `with office=office data=section.data only`.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class OfficeSection:
    key: str
    order: int
    template: str
    context: Callable


_sections: dict[str, OfficeSection] = {}


def register_office_section(key, *, order, template, context):
    """Add (or replace, by key) a section of the office page; order sorts them."""
    _sections[key] = OfficeSection(key, order, template, context)


@dataclass(frozen=True)
class SectionContent:
    key: str
    template: str
    data: dict


def office_sections(office):
    """The registered sections of `office`'s page, in their order, with their data."""
    ordered = sorted(_sections.values(), key=lambda section: (section.order, section.key))
    return [SectionContent(s.key, s.template, s.context(office)) for s in ordered]
