"""News of an office or of the whole portal, optionally pinned as a banner."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtteilbuero.history import HistoricalRecords
from stadtteilbuero.images import ImageMixin
from stadtteilbuero.links import public_url
from stadtteilbuero.richtext import RichTextField

from .office import Office
from .owned import OfficeOwnedQuerySet


class NoticeQuerySet(OfficeOwnedQuerySet):
    def published(self):
        return self.filter(is_published=True, published_at__lte=timezone.now())

    def pinned(self):
        """Published notices that should stand as a banner on top until their date."""
        return self.published().filter(pinned_until__gte=timezone.now())

    def portal_wide(self):
        """News for every page: of the whole portal, or pinned portal-wide by a city
        administrator. Only these appear as a banner on the home page."""
        return self.filter(Q(office__isnull=True) | Q(pinned_portal_wide=True))

    def for_office_or_portal(self, office):
        return self.filter(Q(office=office) | Q(office__isnull=True) | Q(pinned_portal_wide=True))

    def visible_to(self, user):
        """The public sees published news; staff also preview their offices' drafts."""
        if user.is_staff and user.has_perm("offices.change_notice"):
            return self.filter(
                Q(pk__in=self.published().values("pk"))
                | Q(pk__in=self.managed_by(user).values("pk"))
            )
        return self.published()


class Notice(ImageMixin, models.Model):
    """News of an office or of the whole portal; optionally pinned as a banner."""

    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="notices",
        verbose_name=_("office"),
        null=True,
        blank=True,
        help_text=_("Leave empty for news of the whole portal (administrators only)."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(
        _("summary"), max_length=400, blank=True, help_text=_("One or two sentences for lists.")
    )
    body = RichTextField(_("text"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    pinned_until = models.DateTimeField(
        _("pinned until"),
        null=True,
        blank=True,
        help_text=_("Shown as a notice on top of the office's pages until this date."),
    )
    pinned_portal_wide = models.BooleanField(
        _("pinned on the whole portal"),
        default=False,
        help_text=_(
            "Also shown on the home page and on every office's page (administrators only)."
        ),
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NoticeQuerySet.as_manager()
    change_history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta(ImageMixin.Meta):
        ordering = ["-published_at"]
        get_latest_by = "published_at"
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        indexes = [
            models.Index(fields=["is_published", "-published_at"], name="notice_published_idx"),
            models.Index(fields=["office", "-published_at"], name="notice_office_idx"),
            models.Index(fields=["pinned_until"], name="notice_pinned_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return public_url("offices:notice-detail", slug=self.slug)

    @property
    def is_pinned(self):
        return self.pinned_until is not None and self.pinned_until >= timezone.now()
