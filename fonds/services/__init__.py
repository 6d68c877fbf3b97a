"""The rules of the fund workflow: every write to an application happens here.

Each function takes keyword-only arguments, works inside one transaction, writes its
audit row through `Application.log` and queues its e-mails in the same transaction
(`mail.send_mail_about`). One module per concern; the names are re-exported here.
"""

from .application import (
    PRIVACY_VERSION,
    application_start_review,
    application_submit,
    application_transition,
    application_withdraw,
    reference_number,
)
from .bank import application_book_repayment, application_set_bank_details, derive_bic
from .decision import (
    application_approve,
    application_defer,
    application_reject,
    decision_mail_draft,
)
from .errors import MESSAGES, ApplicationError, message
from .files import attachment_delete
from .finance import application_totals, expense_total, finance_totals
from .jury import (
    PlannedDecision,
    jury_meeting_apply_decisions,
    jury_meeting_build_agenda,
    jury_meeting_plan_decisions,
    jury_meeting_take_standing_jury,
)
from .letters import letter_errors, letter_write
from .paper import application_enter_on_paper
from .payout import application_record_payout, payout_errors
from .privacy import PERSONAL_FIELDS, application_anonymise, personal_fields
from .proof import proof_accept, proof_correct, proof_remind, proof_return, proof_submit

__all__ = [
    "MESSAGES",
    "PERSONAL_FIELDS",
    "PRIVACY_VERSION",
    "PlannedDecision",
    "ApplicationError",
    "application_anonymise",
    "application_approve",
    "application_book_repayment",
    "application_defer",
    "application_enter_on_paper",
    "application_record_payout",
    "application_reject",
    "application_set_bank_details",
    "application_start_review",
    "application_submit",
    "application_totals",
    "application_transition",
    "application_withdraw",
    "attachment_delete",
    "decision_mail_draft",
    "derive_bic",
    "expense_total",
    "finance_totals",
    "jury_meeting_apply_decisions",
    "jury_meeting_build_agenda",
    "jury_meeting_plan_decisions",
    "jury_meeting_take_standing_jury",
    "letter_errors",
    "letter_write",
    "message",
    "payout_errors",
    "personal_fields",
    "proof_accept",
    "proof_correct",
    "proof_remind",
    "proof_return",
    "proof_submit",
    "reference_number",
]
