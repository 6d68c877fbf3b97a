from .booking import MAX_OCCURRENCES, Booking, BookingEvent, BookingRequest
from .room import Room, RoomClosure, RoomHours, RoomPhoto

__all__ = [
    "MAX_OCCURRENCES",
    "Booking",
    "BookingEvent",
    "BookingRequest",
    "Room",
    "RoomClosure",
    "RoomHours",
    "RoomPhoto",
]
