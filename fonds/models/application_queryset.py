"""What the pages and the admin ask of applications: status groups, the jury sheet,
overdue proofs, payouts and repayments per row, payouts due, the figures of a list,
anonymisation."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from offices.models import OfficeOwnedQuerySet

from .figures import Figures, Totals, figures_of, money_of_each, totals_of


class ApplicationQuerySet(OfficeOwnedQuerySet):
    office_lookup = "fund__office"

    def granted(self):
        return self.filter(status__in=self.model.Status.granted())

    def open(self):
        """Not decided yet: submitted or in review."""
        return self.filter(status__in=self.model.Status.open())

    def for_jury_sheet(self, meeting):
        """The open applications of a meeting: assigned to it or on its agenda."""
        return (
            self.open()
            .filter(Q(jury_meeting=meeting) | Q(agenda_items__meeting=meeting))
            .distinct()
            .order_by("submitted_at", "pk")
        )

    def publishable(self):
        """Funded projects whose applicants agreed to show title and amount."""
        return self.granted().filter(consent_publish=True)

    def proof_overdue(self, today: datetime.date | None = None):
        """Approved or paid applications whose proof of use is overdue: the project ended
        more than settings.FONDS_PROOF_DUE_DAYS ago and no proof is submitted or accepted
        (a proof sent back counts as none)."""
        from .proof import Proof

        today = today or timezone.localdate()
        due_days = settings.FONDS_PROOF_DUE_DAYS
        open_proofs = Proof.objects.filter(
            application=OuterRef("pk"), status__in=Proof.Status.counting()
        )
        return self.filter(
            status__in=self.model.Status.payable(),
            end_date__lt=today - datetime.timedelta(days=due_days),
        ).exclude(Exists(open_proofs))

    def with_paid(self):
        """Annotate `paid_total` and `repaid_total`, each application's payouts and
        repayments (for a page or an export of applications; the sums of a whole list
        come from `figures()`)."""
        from .payout import Payout, Repayment

        return self.annotate(
            paid_total=money_of_each(Payout), repaid_total=money_of_each(Repayment)
        )

    def payout_due(self):
        """Approved or paid applications with bank details given (the accounting's list;
        `rest_to_pay` of each says how much is left to pay)."""
        return self.filter(status__in=self.model.Status.payable()).exclude(iban="")

    def figures(self) -> Figures:
        """Requested, approved, paid, spent and committed money of the whole list."""
        return figures_of(self)

    def totals(self) -> Totals:
        """Count, requested, approved, spent and paid money of the whole list (the
        admin list's totals)."""
        return totals_of(self)

    def due_for_anonymisation(self, now=None):
        """Closed applications unchanged for FONDS_RETENTION_DAYS, not anonymised yet."""
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=settings.FONDS_RETENTION_DAYS)
        return self.filter(
            status__in=self.model.Status.closed(),
            updated_at__lt=cutoff,
            anonymised_at__isnull=True,
        )
