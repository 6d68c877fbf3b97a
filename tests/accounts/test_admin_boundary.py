"""The admin boundary, generated over every registered admin model: staff of another
office and staff whose role lacks the permission reach nothing through any admin URL.

A model registered in the admin needs a factory in tests/factories.py (office-owned
models) or an entry in PORTAL_WIDE; otherwise its test fails, so a new model cannot
slip past this check. Custom admin views that take the object's id are found through
the ModelAdmin's URLs and checked the same way; others are listed in CUSTOM_VIEWS.
"""

import datetime
import inspect

import factory
import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.roles import CITY, EDITORIAL, FUND, role_permissions
from offices.admin_scoping import is_office_scoped
from tests import factories
from tests.factories import OfficeFactory

from .conftest import staff_with_roles

pytestmark = pytest.mark.django_db

STANDARD_VIEWS = {"changelist", "add", "history", "delete", "change", "simple_history"}
# Models without an office: office staff may at most look at them (view permission).
PORTAL_WIDE = {
    "auth.user",
    "auth.group",
    "sites.site",
    "flatpages.flatpage",
    "projects.theme",
    "projects.partner",
    "events.category",
    "fonds.costcategory",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
    # The mail queue and the task results are the administrators' (superusers') only.
    "stadtteilbuero.outgoingmail",
    "django_tasks_database.dbtaskresult",
    # The Leichte-Sprache pages (city administrators) and the search index (read-only).
    "stadtteilbuero.easyreadpage",
    "stadtteilbuero.searchentry",
}


def not_listed(response, obj):
    """A list or form view of one's own office: answers, but without the foreign object."""
    return response.status_code in (200, 403) and obj.reference_number not in response.text


def refused(response, obj):
    return response.status_code in (403, 404)


# Fields that offer other offices on purpose: they mark, they do not hand over. A
# project's staff may mark that it also concerns another office's district; that
# office's staff gain no rights (tests/projects/test_concerned_offices.py).
OTHER_OFFICES_OFFERED = {("projects.project", "also_concerns")}

# Custom admin views that take more than the object's id, or none: url name ->
# (url builder for the foreign object, check of the answer).
CUSTOM_VIEWS = {
    "fonds_application_export": (
        lambda obj: reverse("admin:fonds_application_export", args=["csv"]),
        not_listed,
    ),
    "fonds_application_paper": (lambda obj: reverse("admin:fonds_application_paper"), refused),
    "fonds_application_payouts_due": (
        lambda obj: reverse("admin:fonds_application_payouts_due", args=["csv"]),
        not_listed,
    ),
}
# Objects that no plain factory call makes.
MAKERS = {
    "offices.officemembership": lambda: factories.UserFactory().office_memberships.create(
        office=OfficeFactory()
    ),
    "events.occurrence": lambda: factories.EventFactory().occurrences.get(),
    "events.cancelleddate": lambda: factories.CancelledDateFactory(
        date=timezone.localdate() + datetime.timedelta(days=1)
    ),
    "fonds.jurymeeting": lambda: factories.FundFactory().jury_meetings.get(),
}


def label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def factory_for(model):
    if label(model) in MAKERS:
        return MAKERS[label(model)]
    for _name, candidate in inspect.getmembers(factories, inspect.isclass):
        if (
            issubclass(candidate, factory.django.DjangoModelFactory)
            and candidate._meta.model
            and candidate._meta.get_model_class() is model
        ):
            return candidate
    return None


def admin_params():
    params = []
    for model in admin.site._registry:
        params.append(pytest.param(model, id=label(model)))
    return params


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def office_of(obj):
    queryset = type(obj)._default_manager.all()
    return queryset.filter(pk=obj.pk).values_list(queryset.office_lookup, flat=True).get()


def custom_urls(model_admin):
    """Names and argument counts of the ModelAdmin's own URLs (beyond Django's)."""
    prefix = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}_"
    for pattern in model_admin.get_urls():
        name = pattern.name or ""
        if name.startswith(prefix) and name[len(prefix) :] not in STANDARD_VIEWS:
            yield name, set(pattern.pattern.regex.groupindex)


def role_lacking(model):
    """A role of office staff without the view permission for the model, if any."""
    for role in (EDITORIAL, FUND):
        codenames = set(
            role_permissions(Group.permissions.field.related_model, role)
            .filter(content_type__app_label=model._meta.app_label)
            .values_list("codename", flat=True)
        )
        if f"view_{model._meta.model_name}" not in codenames:
            return role
    return None


@pytest.mark.parametrize("model", admin_params())
def test_admin_boundary(client, model):
    model_admin = admin.site._registry[model]
    if label(model) in PORTAL_WIDE:
        check_portal_wide(client, model)
        return
    assert is_office_scoped(model), f"{label(model)} is neither office-scoped nor portal-wide"
    model_factory = factory_for(model)
    assert model_factory, f"add a factory for {label(model)} to tests/factories.py"
    obj = model_factory()
    stranger = staff_with_roles(OfficeFactory(), EDITORIAL, FUND)
    client.force_login(stranger)
    check_foreign_object(client, model, model_admin, obj)
    check_custom_views(client, model_admin, obj)
    role = role_lacking(model)
    if role is not None:
        colleague = staff_with_roles(None, role)
        colleague.office_memberships.create(office_id=office_of(obj))
        client.force_login(colleague)
        for view, args in (("changelist", ()), ("change", (obj.pk,)), ("add", ())):
            assert client.get(url(model, view, *args)).status_code == 403, (role, view)


def check_foreign_object(client, model, model_admin, obj):
    changelist = client.get(url(model, "changelist"))
    if changelist.status_code == 200:
        assert obj.pk not in {row.pk for row in changelist.context["cl"].result_list}
    for view in ("change", "delete", "history"):
        assert client.get(url(model, view, obj.pk)).status_code in (403, 404), view
    assert client.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code in (403, 404)
    count = model._default_manager.count()
    for action in model_admin.get_actions(_request(client)) or ["delete_selected"]:
        client.post(
            url(model, "changelist"),
            {"action": action, "_selected_action": [obj.pk], "post": "yes"},
        )
        assert model._default_manager.filter(pk=obj.pk).exists(), action
        assert model._default_manager.count() == count, action
    add = client.get(url(model, "add"))
    if add.status_code == 200:
        check_choices_exclude(add.context["adminform"].form, obj)
    else:
        assert add.status_code == 403


def check_choices_exclude(form, obj):
    """No foreign key of the add form offers the foreign object, its office or parent."""
    foreign_office = office_of(obj)
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or (obj._meta.label_lower, name) in OTHER_OFFICES_OFFERED:
            continue
        related = queryset.model
        if related._meta.label_lower == "offices.office":
            assert not queryset.filter(pk=foreign_office).exists(), name
        elif is_office_scoped(related):
            lookup = related._default_manager.all().office_lookup
            assert not queryset.filter(**{lookup: foreign_office}).exists(), name


def check_custom_views(client, model_admin, obj):
    for name, arguments in custom_urls(model_admin):
        if name in CUSTOM_VIEWS:
            build, check = CUSTOM_VIEWS[name]
        elif arguments in ({"object_id"}, {"pk"}):
            build, check = (lambda obj, name=name: reverse(f"admin:{name}", args=[obj.pk])), refused
        else:
            pytest.fail(f"custom admin view {name} needs an entry in CUSTOM_VIEWS")
        # GET and POST: some of these views only take one of them (405 for the other).
        answers = [client.get(build(obj)), client.post(build(obj))]
        assert all(a.status_code == 405 or check(a, obj) for a in answers), name
        assert any(a.status_code != 405 for a in answers), name


def check_portal_wide(client, model):
    staff = staff_with_roles(OfficeFactory(), EDITORIAL, FUND)
    client.force_login(staff)
    assert client.get(url(model, "add")).status_code == 403
    model_factory = factory_for(model)
    if model_factory is None:
        return
    obj = model_factory()
    assert client.post(url(model, "change", obj.pk), {}).status_code == 403
    assert client.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model._default_manager.filter(pk=obj.pk).exists()


def _request(client):
    """A request of the logged-in client, for ModelAdmin.get_actions()."""
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = client.session and _user(client)
    return request


def _user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_autocomplete_offers_nothing_of_another_office(client):
    stranger = staff_with_roles(OfficeFactory(), EDITORIAL, FUND)
    client.force_login(stranger)
    for model, model_admin in admin.site._registry.items():
        for field_name in model_admin.autocomplete_fields:
            target = model._meta.get_field(field_name).related_model
            target_factory = factory_for(target)
            if not is_office_scoped(target) or target_factory is None:
                continue
            foreign = target_factory()
            response = client.get(
                "/admin/autocomplete/",
                {
                    "app_label": model._meta.app_label,
                    "model_name": model._meta.model_name,
                    "field_name": field_name,
                    "term": "",
                },
            )
            ok = response.status_code == 200
            ids = {item["id"] for item in response.json()["results"]} if ok else set()
            assert str(foreign.pk) not in ids, (label(model), field_name)


def test_city_role_has_every_permission():
    city = Group.objects.get(name=CITY)
    assert city.permissions.count() == Group.permissions.field.related_model.objects.count()
