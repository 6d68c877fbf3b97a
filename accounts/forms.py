from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from offices.models import Office

from .roles import CITY, ROLES


class OTPCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The six digits from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class InviteForm(forms.ModelForm):
    """Add a staff member: the account has no password until the invited person sets one
    through the link in the invitation e-mail."""

    roles = forms.ModelMultipleChoiceField(
        label=_("roles"),
        queryset=Group.objects.filter(name__in=ROLES).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Redaktion: office pages, news, projects, events. Fonds: fund "
            "applications. Stadt: everything, all offices and user accounts."
        ),
    )
    offices = forms.ModelMultipleChoiceField(
        label=_("offices"),
        queryset=Office.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The offices whose objects the staff member sees and changes."),
    )

    class Meta:
        model = get_user_model()
        fields = ["email", "first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail address exists already."), code="exists"
            )
        return email

    def clean(self):
        cleaned = super().clean()
        roles = {group.name for group in cleaned.get("roles") or []}
        if roles and CITY not in roles and not cleaned.get("offices"):
            self.add_error("offices", _("Choose the offices this staff member works for."))
        return cleaned
