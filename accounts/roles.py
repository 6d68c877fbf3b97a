"""The staff roles, as auth groups: what each may do in the admin.

Which objects a member sees is decided by office membership (offices.admin_scoping);
a role only says which kinds of objects and what may be done with them. The groups are
rewritten from this module after every `migrate` (accounts.apps), so a permission added
here or by a new model takes effect with the next deployment.
"""

from django.db.models import Q

EDITORIAL = "Redaktion"
FUND = "Fonds"
CITY = "Stadt"
ROLES = [EDITORIAL, FUND, CITY]
# The single group of earlier versions; its members get both office roles.
LEGACY_GROUP = "Büro-Team"

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

# app label -> model -> actions. Portal-wide lists (themes, partners, categories) are
# read-only: they are the city administrators' business.
EDITORIAL_PERMISSIONS = {
    "offices": {
        "office": ("change", "view"),
        "officehours": ALL,
        "hoursexception": ALL,
        "workarea": ALL,
        "teammember": ALL,
        "download": ALL,
        "notice": ALL,
    },
    "projects": {
        "project": ALL,
        "projectpartner": ALL,
        "galleryimage": ALL,
        "theme": VIEW,
        "partner": VIEW,
    },
    "events": {"event": ALL, "cancelleddate": ALL, "occurrence": VIEW, "category": VIEW},
    # Community rooms: requests come from residents and change only through the
    # workflow's buttons; their history is a record.
    "rooms": {
        "room": ALL,
        "roomhours": ALL,
        "roomphoto": ALL,
        "roomclosure": ALL,
        "booking": ALL,
        "bookingrequest": ("change", "view"),
        "bookingevent": VIEW,
    },
}
# Fund staff work on everything of the fund app except what only the city decides:
# creating or removing a fund and the portal-wide cost categories. (A fund's budget
# and rules are read-only fields for them in the fund's admin.)
FUND_PERMISSIONS = {"offices": {"office": VIEW}}
FUND_APP = "fonds"
FUND_CITY_ONLY = [
    "add_fund",
    "delete_fund",
    "add_costcategory",
    "change_costcategory",
    "delete_costcategory",
]


def _codenames(permissions):
    condition = Q(pk__in=[])
    for app_label, models in permissions.items():
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        condition |= Q(content_type__app_label=app_label, codename__in=codenames)
    return condition


def role_permissions(permission_model, role):
    permissions = permission_model.objects.all()
    if role == EDITORIAL:
        return permissions.filter(_codenames(EDITORIAL_PERMISSIONS))
    if role == FUND:
        fund_app = Q(content_type__app_label=FUND_APP) & ~Q(codename__in=FUND_CITY_ONLY)
        # Change history rows are read through the objects, never edited.
        fund_app &= ~Q(content_type__model__startswith="historical")
        return permissions.filter(_codenames(FUND_PERMISSIONS) | fund_app)
    return permissions  # CITY: everything, users and lockouts included


def sync_roles(group_model, permission_model):
    """Create the role groups and set their permissions; fold the legacy group in."""
    groups = {}
    for role in ROLES:
        groups[role], _created = group_model.objects.get_or_create(name=role)
        groups[role].permissions.set(role_permissions(permission_model, role))
    legacy = group_model.objects.filter(name=LEGACY_GROUP).first()
    if legacy is not None:
        for user in legacy.user_set.all():
            user.groups.add(groups[EDITORIAL], groups[FUND])
        legacy.delete()


def sync_role_groups(**kwargs):
    from django.contrib.auth.models import Group, Permission

    sync_roles(Group, Permission)


def role_names(user):
    """The names of the roles the user has (cached on the user for the request)."""
    if not hasattr(user, "_role_names"):
        user._role_names = (
            set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
            if user.is_authenticated and user.is_active
            else set()
        )
    return user._role_names


# Whoever may change user accounts can give themselves any right, so this permission
# (of the Stadt role only) marks a city administrator. Reading it costs no query of its
# own in the admin, where Django has loaded the request user's permissions anyway.
CITY_PERMISSION = "auth.change_user"


def is_city_admin(user):
    """City or carrier administrators see and change everything, all offices."""
    return user.is_active and (
        user.is_superuser or (user.is_staff and user.has_perm(CITY_PERMISSION))
    )


def two_factor_required(user):
    """Administrators and fund staff must log in with a second factor (REQUIRE_2FA)."""
    from django.conf import settings

    return settings.REQUIRE_2FA and (is_city_admin(user) or FUND in role_names(user))
