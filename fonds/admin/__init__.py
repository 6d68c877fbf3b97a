"""The fund admin, limited to the staff member's offices, one module per model family:
funds, applications (with its decisions, paper entry and inlines), jury meetings,
payouts, proofs of use, and the records behind applications. Importing the modules
registers their admins."""

from . import application, fund, jury, payout, proof, records  # noqa: F401
