"""The staff group "Büro-Team": what an office's staff may do in the admin.

Kept in sync after every migrate, so new models of the office apps are included
automatically. Which objects a member sees is decided by office membership (see
admin_scoping); the group only says which kinds of objects.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

OFFICE_TEAM_GROUP = "Büro-Team"
OFFICE_TEAM_APPS = ["offices", "projects", "events", "fonds", "rooms"]
# An office's identity and who may work for it are the administrators' business.
ADMIN_ONLY_CODENAMES = [
    "add_office",
    "delete_office",
    "add_officemembership",
    "change_officemembership",
    "delete_officemembership",
    "view_officemembership",
]


def sync_office_team_group(**kwargs):
    group, _created = Group.objects.get_or_create(name=OFFICE_TEAM_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=OFFICE_TEAM_APPS).exclude(
        Q(content_type__app_label="offices") & Q(codename__in=ADMIN_ONLY_CODENAMES)
    )
    group.permissions.set(permissions)
