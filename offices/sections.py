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
from functools import cached_property


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


class SectionContent:
    """A section of one office's page; its data is read when the section renders, so a
    section served from the fragment cache runs none of its queries."""

    def __init__(self, section: OfficeSection, office):
        self.key = section.key
        self.template = section.template
        self._section = section
        self._office = office

    @cached_property
    def data(self) -> dict:
        return self._section.context(self._office)


def office_sections(office):
    """The registered sections of `office`'s page, in their order."""
    ordered = sorted(_sections.values(), key=lambda section: (section.order, section.key))
    return [SectionContent(section, office) for section in ordered]
