"""The fund's forms, one module per concern; the names are re-exported here."""

from .application import APPLICATION_FIELDS, ApplicationFieldsForm, ApplicationForm
from .cost_plan import ExpenseFormSet, ExpenseLineForm, IncomeFormSet, IncomeLineForm
from .decision import ApproveForm, DeferForm, RejectForm, StartReviewForm
from .fields import AmountField, DocumentField, DocumentsField, PhotosField, parse_amount
from .money import BankDetailsForm, IBANField, LetterForm, RecordPayoutForm, RepaymentForm
from .paper import PaperApplicationForm, PaperApplicationSubmission
from .proof import PayoutForm, ProofForm, ProofPaymentForm, ProofReviewForm, ProofSubmission
from .submission import ApplicationSubmission

__all__ = [
    "APPLICATION_FIELDS",
    "AmountField",
    "BankDetailsForm",
    "ApplicationFieldsForm",
    "ApplicationForm",
    "ApplicationSubmission",
    "ApproveForm",
    "DeferForm",
    "DocumentField",
    "DocumentsField",
    "ExpenseFormSet",
    "IBANField",
    "ExpenseLineForm",
    "IncomeFormSet",
    "IncomeLineForm",
    "LetterForm",
    "PaperApplicationForm",
    "PaperApplicationSubmission",
    "PayoutForm",
    "PhotosField",
    "ProofForm",
    "ProofPaymentForm",
    "ProofReviewForm",
    "ProofSubmission",
    "RecordPayoutForm",
    "RejectForm",
    "RepaymentForm",
    "StartReviewForm",
    "parse_amount",
]
