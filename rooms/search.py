"""Community rooms in the site search (stadtteilbuero.search)."""

from django.utils.translation import gettext_lazy as _

from stadtteilbuero.search import SearchType, register

from .models import Room

register(
    SearchType(
        key="rooms",
        title=_("Rooms"),
        order=50,
        model=Room,
        public=lambda: Room.objects.active(),
        texts=lambda room: [
            room.name,
            room.summary,
            room.description,
            room.location,
            room.office.name,
            room.office.district,
        ],
        results=lambda queryset: queryset.select_related("office"),
        index_queryset=lambda queryset: queryset.select_related("office"),
    )
)
