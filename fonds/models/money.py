"""How money is stored: euros with cents, never negative where it is counted."""

from decimal import Decimal

ZERO = Decimal("0.00")
MONEY = {"max_digits": 10, "decimal_places": 2}
