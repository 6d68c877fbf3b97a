"""The "Rooms" section of an office page (registered in RoomsConfig.ready)."""

from .models import Room


def office_rooms(office):
    return {"rooms": Room.objects.active().for_office(office).order_by("name")}
