"""Jury meetings: building the agenda of a meeting."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fonds.models import AgendaItem, Application, JuryMeeting


def jury_meeting_build_agenda(*, meeting: JuryMeeting) -> int:
    """Put the meeting's undecided applications on its agenda; returns how many were added.

    These are the open applications assigned to this meeting (received before its
    deadline, or deferred to it) and open applications of the fund received up to the
    deadline without any meeting. Items already there keep their place and their votes;
    new ones are appended in the order the applications came in.
    """
    deadline_end = timezone.make_aware(
        datetime.datetime.combine(
            meeting.application_deadline + datetime.timedelta(days=1), datetime.time.min
        )
    )
    with transaction.atomic():
        JuryMeeting.objects.select_for_update().filter(pk=meeting.pk).first()
        existing = set(meeting.agenda_items.values_list("application_id", flat=True))
        last = max(meeting.agenda_items.values_list("order", flat=True), default=0)
        candidates = (
            Application.objects.filter(fund_id=meeting.fund_id)
            .open()
            .filter(
                Q(jury_meeting=meeting)
                | Q(jury_meeting__isnull=True, submitted_at__lt=deadline_end)
            )
            .exclude(pk__in=existing)
            .order_by("submitted_at", "pk")
            .values_list("pk", flat=True)
        )
        items = [
            AgendaItem(meeting=meeting, application_id=pk, order=last + number)
            for number, pk in enumerate(candidates, start=1)
        ]
        AgendaItem.objects.bulk_create(items)
    return len(items)
