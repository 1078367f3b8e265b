"""Reading and writing the amounts, percentages and horizons of a business case.

Amounts are read the way the project writes them: digits with an optional "," between
thousands and "." before the cents, with or without the project's currency sign or code
("$1,299.00", "1299 USD"). Anything else is refused with a sentence rather than guessed:
"1.299,00 €" means one thousand two hundred and ninety-nine euros to one reader and 1.299 to
another, so a silent guess could be off by a factor of a thousand or in the wrong currency.
"""

from __future__ import annotations

import math
import re

from pmdesk.domain.values import PLAIN_NUMBER, POINT_DECIMAL, NumberFormat
from pmdesk.errors import ValidationError
from pmdesk.workspaces.business_case.model import CURRENCY_SYMBOLS, HORIZON_MAX

# The project's own way of writing amounts: "," between thousands, "." before the cents.
_AMOUNT = NumberFormat(".", ",")
_FOREIGN_SIGNS = "€£$¥₹₩₽₺₪₫₴₦฿"
_HORIZON = re.compile(r"^(\d+)\s*(q|qs|quarters?|y|yrs?|years?)?$", re.IGNORECASE)


def symbol(currency: str) -> str:
    return CURRENCY_SYMBOLS.get(currency, f"{currency} ")


def _shown(value: object) -> str:
    return "nothing" if value is None or str(value).strip() == "" else f"“{value}”"


def parse_amount(label: str, value: object, currency: str) -> float:
    """An amount in the project's currency, from a number or text a person typed."""
    if isinstance(value, bool) or value is None:
        raise ValidationError(f"{label} must be an amount, not {_shown(value)}.")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace("\u00a0", " ").replace("\u202f", " ")
        sign = symbol(currency).strip()
        bare = text
        for mark in (sign, currency):
            if bare.startswith(mark):
                bare = bare[len(mark) :].strip()
            if bare.endswith(mark):
                bare = bare[: -len(mark)].strip()
        if not bare:
            raise ValidationError(f"{label} must be an amount, not {_shown(value)}.")
        if any(mark in bare for mark in _FOREIGN_SIGNS) or re.search(r"[A-Za-z]{3}", bare):
            raise ValidationError(
                f"{label} must be in {currency}, the project's currency: “{text}” is not. "
                f"Type the amount in {currency}, like {format_money(1299, currency, cents=True)}."
            )
        read = _AMOUNT.read(bare) if "e" not in bare.lower() else None
        if read is None:
            raise ValidationError(
                f"{label} must be written like {format_money(1299, currency, cents=True)} "
                f"(“,” between thousands, “.” before the cents), not “{text}”."
            )
        number = read
    if not math.isfinite(number):
        raise ValidationError(f"{label} must be an amount, not {_shown(value)}.")
    return number


def parse_percent(label: str, value: object, low: float = 0.0, high: float = 100.0) -> float:
    """A percentage from ``low`` to ``high``, typed as "3", "3 %" or "3.5%"."""
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        number = PLAIN_NUMBER.read(value, "%")
    if number is None or not math.isfinite(number):
        raise ValidationError(f"{label} must be a percentage, not {_shown(value)}.")
    if not low <= number <= high:
        raise ValidationError(f"{label} must be from {low:g} % to {high:g} %, not {number:g} %.")
    return number


def parse_count(label: str, value: object, low: float = 0.0, high: float = 1e9) -> float:
    """A count or quantity (people, months, customers a quarter): a number, not negative."""
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and value.strip():
        number = POINT_DECIMAL.read(value)  # "1,5" is not fifteen: refused, not misread
    if number is None or not math.isfinite(number):
        raise ValidationError(f"{label} must be a number, not {_shown(value)}.")
    if not low <= number <= high:
        raise ValidationError(f"{label} must be from {low:g} to {high:g}, not {number:g}.")
    return number


def parse_horizon(value: object) -> int:
    """How many quarters the forecast runs: "12", "12 quarters" or "3 years"."""
    quarters: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        quarters = value
    elif isinstance(value, str):
        found = _HORIZON.match(value.strip())
        if found:
            number = int(found.group(1))
            years = (found.group(2) or "q").lower().startswith("y")
            quarters = number * 4 if years else number
    if quarters is None:
        raise ValidationError(
            f"The horizon must be a number of quarters, like 12 or “3 years”, not {_shown(value)}."
        )
    if not 1 <= quarters <= HORIZON_MAX:
        raise ValidationError(
            f"A forecast runs for 1 to {HORIZON_MAX} quarters ({HORIZON_MAX // 4} years); "
            f"{quarters} quarters is too far ahead to mean anything."
        )
    return quarters


def format_money(amount: float, currency: str, *, cents: bool = False, short: bool = False) -> str:
    """ "$1,299.00", "$671,000", or with ``short`` "$1.2M"; negatives as "−$5,000"."""
    sign = "−" if amount < 0 else ""
    value = abs(amount)
    mark = symbol(currency)
    if short and value >= 1_000_000:
        return f"{sign}{mark}{value / 1_000_000:.1f}M"
    if short and value >= 10_000:
        return f"{sign}{mark}{value / 1_000:.0f}k"
    return f"{sign}{mark}{value:,.2f}" if cents else f"{sign}{mark}{value:,.0f}"


def format_number(value: float) -> str:
    """A quantity without needless decimals: 12, 2.5, 1,200."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def payback_text(months: float | None) -> str:
    if months is None:
        return "not within the horizon"
    return f"{months:.1f} months"


def roi_text(roi: float | None) -> str:
    return "–" if roi is None else f"{roi * 100:,.0f} %"
