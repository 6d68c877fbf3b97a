"""The offices (Stadtteilbüros) and what each one shows: hours, team, work areas,
downloads and news; plus the QuerySet that keeps staff to their own office.

One module per concern; the names are re-exported here so imports stay
`from offices.models import Office` and the migrations find `download_upload_to`.
"""

# In the order of the former models.py, so Django registers the models as before.
# isort: off
from .owned import OfficeOwnedQuerySet, managed_office_ids
from .office import Office, OfficeMembership, OfficeQuerySet, office_code_validator
from .hours import HoursException, HoursKind, OfficeHours, Weekday
from .team import TeamMember, TeamMemberQuerySet, WorkArea
from .downloads import Download, download_upload_to
from .notices import Notice, NoticeQuerySet
# isort: on

__all__ = [
    "Download",
    "HoursException",
    "HoursKind",
    "Notice",
    "NoticeQuerySet",
    "Office",
    "OfficeHours",
    "OfficeMembership",
    "OfficeOwnedQuerySet",
    "OfficeQuerySet",
    "TeamMember",
    "TeamMemberQuerySet",
    "Weekday",
    "WorkArea",
    "download_upload_to",
    "managed_office_ids",
    "office_code_validator",
]
