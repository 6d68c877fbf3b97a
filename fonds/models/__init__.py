"""The Verfügungsfonds: one fund per office and year, the applications to it, their
finance plans, attachments, jury meetings, payouts, proofs of use and history.

One module per concern; the names are re-exported here so imports stay
`from fonds.models import Application`. Money figures are never stored but computed in
`figures.py`; every status change goes through `fonds.services`.
"""

from .application import Application, ApplicationQuerySet
from .attachment import ATTACHMENT_MAX_FILES, Attachment
from .cost_plan import ExpenseLine, IncomeLine
from .figures import Figures, figures_by_fund, figures_of
from .fund import CostCategory, Fund, FundQuerySet
from .history import ApplicationEvent, ApplicationNote
from .jury import AgendaItem, ConflictOfInterest, JuryMeeting, JuryMember, StandingJuryMember
from .letter import Letter, LetterText
from .money import MONEY, ZERO
from .payout import Payout, Repayment
from .proof import (
    PROOF_MAX_PAYMENTS,
    PROOF_MAX_PHOTOS,
    Proof,
    ProofPayment,
    ProofPhoto,
    ProofSituation,
)
from .storage import PrivateFile, PrivateStorage, private_storage, private_upload_to

__all__ = [
    "ATTACHMENT_MAX_FILES",
    "MONEY",
    "PROOF_MAX_PAYMENTS",
    "PROOF_MAX_PHOTOS",
    "ZERO",
    "AgendaItem",
    "Application",
    "ApplicationEvent",
    "ApplicationNote",
    "ApplicationQuerySet",
    "Attachment",
    "ConflictOfInterest",
    "CostCategory",
    "ExpenseLine",
    "Figures",
    "Fund",
    "FundQuerySet",
    "IncomeLine",
    "JuryMeeting",
    "JuryMember",
    "Letter",
    "LetterText",
    "Payout",
    "Repayment",
    "StandingJuryMember",
    "PrivateFile",
    "PrivateStorage",
    "Proof",
    "ProofPayment",
    "ProofPhoto",
    "ProofSituation",
    "figures_by_fund",
    "figures_of",
    "private_storage",
    "private_upload_to",
]
