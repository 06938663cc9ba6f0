"""Parsers that turn one spreadsheet cell (already trimmed text) into a typed value.

Each parser returns None for an empty cell (unknown) and raises CellError with a message a
spreadsheet user can act on. They are pure functions so they can be tested without Pelican.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from ..i18n import N_


class CellError(ValueError):
    """A cell that cannot be read; the message names the value and what is expected."""


# Codes the state column accepts, with the names search and the state menus show.
US_STATE_NAMES = {
    "AL": N_("Alabama"),
    "AK": N_("Alaska"),
    "AZ": N_("Arizona"),
    "AR": N_("Arkansas"),
    "CA": N_("California"),
    "CO": N_("Colorado"),
    "CT": N_("Connecticut"),
    "DE": N_("Delaware"),
    "FL": N_("Florida"),
    "GA": N_("Georgia"),
    "HI": N_("Hawaii"),
    "ID": N_("Idaho"),
    "IL": N_("Illinois"),
    "IN": N_("Indiana"),
    "IA": N_("Iowa"),
    "KS": N_("Kansas"),
    "KY": N_("Kentucky"),
    "LA": N_("Louisiana"),
    "ME": N_("Maine"),
    "MD": N_("Maryland"),
    "MA": N_("Massachusetts"),
    "MI": N_("Michigan"),
    "MN": N_("Minnesota"),
    "MS": N_("Mississippi"),
    "MO": N_("Missouri"),
    "MT": N_("Montana"),
    "NE": N_("Nebraska"),
    "NV": N_("Nevada"),
    "NH": N_("New Hampshire"),
    "NJ": N_("New Jersey"),
    "NM": N_("New Mexico"),
    "NY": N_("New York"),
    "NC": N_("North Carolina"),
    "ND": N_("North Dakota"),
    "OH": N_("Ohio"),
    "OK": N_("Oklahoma"),
    "OR": N_("Oregon"),
    "PA": N_("Pennsylvania"),
    "RI": N_("Rhode Island"),
    "SC": N_("South Carolina"),
    "SD": N_("South Dakota"),
    "TN": N_("Tennessee"),
    "TX": N_("Texas"),
    "UT": N_("Utah"),
    "VT": N_("Vermont"),
    "VA": N_("Virginia"),
    "WA": N_("Washington"),
    "WV": N_("West Virginia"),
    "WI": N_("Wisconsin"),
    "WY": N_("Wyoming"),
    "DC": N_("District of Columbia"),
    "PR": N_("Puerto Rico"),
    "GU": N_("Guam"),
    "VI": N_("U.S. Virgin Islands"),
    "AS": N_("American Samoa"),
    "MP": N_("Northern Mariana Islands"),
}
US_STATES = frozenset(US_STATE_NAMES)

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}

FORMATS = ("online", "in-person", "hybrid")
_FORMAT_SYNONYMS = {
    "online": "online",
    "distance": "online",
    "remote": "online",
    "in-person": "in-person",
    "in person": "in-person",
    "on-campus": "in-person",
    "on campus": "in-person",
    "classroom": "in-person",
    "hybrid": "hybrid",
}

PACES = ("self-paced", "scheduled")
_PACE_SYNONYMS = {"self-paced": "self-paced", "self paced": "self-paced", "scheduled": "scheduled"}

# Months per unit; a week is 12/52 of a month so "52 weeks" reads as exactly one year.
_UNIT_MONTHS = {
    "week": 12 / 52,
    "weeks": 12 / 52,
    "wk": 12 / 52,
    "wks": 12 / 52,
    "month": 1.0,
    "months": 1.0,
    "mo": 1.0,
    "mos": 1.0,
    "year": 12.0,
    "years": 12.0,
    "yr": 12.0,
    "yrs": 12.0,
}
# The one way a number is written in any cell: ASCII digits, commas only between thousands (1,200),
# a decimal point. Never `7,5` (read as 75 before), `1_000`, `1e3` or digits of other scripts.
NUMBER = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+"
_PLAIN_NUMBER = re.compile(rf"^(?P<minus>-?)(?P<digits>{NUMBER})$")
_DURATION = re.compile(rf"^(?P<low>{NUMBER})\s*(?:(?:-|–|to)\s*(?P<high>{NUMBER}))?\s*(?P<unit>[a-z]+)?$")
_MONEY = re.compile(rf"^\$?\s*(?P<amount>{NUMBER})$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# An id names a folder (programs/<id>/): well under the 255 bytes a file name may have anywhere.
ID_MAX = 100
_CODE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
_NAMED_CODE = re.compile(r"^.+?\s*\(\s*(?P<code>[A-Z0-9]+(?:-[A-Z0-9]+)*)\s*\)$")
_SPACE = re.compile(r"\s")  # what str.isspace() calls a space, found without a loop in Python
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?$", re.IGNORECASE)


def _blank(value: str | None) -> bool:
    return value is None or value.strip() == ""


def text(value: str | None) -> str | None:
    return None if _blank(value) else value.strip()


def required_text(value: str | None) -> str:
    if _blank(value):
        raise CellError("is empty; this column is required")
    return value.strip()


def number(value: str | None, *, minimum: float = 0.0, strict: bool = False) -> float | None:
    """A plain number; `strict` means it must be greater than `minimum`, not just at least it."""
    if _blank(value):
        return None
    raw = value.strip()
    match = _PLAIN_NUMBER.match(raw)
    if not match:
        raise CellError(f"'{raw}' is not a number (write digits like 12, 1,200 or 7.5)")
    result = _value(match["digits"]) * (-1 if match["minus"] else 1)
    if strict and result <= minimum:
        raise CellError(f"'{raw}' must be greater than {minimum:g}")
    if result < minimum:
        raise CellError(f"'{raw}' must be {minimum:g} or more")
    return result


def _value(digits: str) -> float:
    """A string that matched NUMBER, as a float."""
    return float(digits.replace(",", ""))


def positive_number(value: str | None) -> float | None:
    return number(value, strict=True)


def money(value: str | None) -> float | None:
    """Dollars: `3699`, `$3,699.00`, `USD 3699`."""
    if _blank(value):
        return None
    raw = value.strip()
    match = _MONEY.match(raw[3:].strip() if raw.lower().startswith("usd") else raw)
    if not match:
        if raw.startswith(("-", "$-", "-$")):
            raise CellError(f"'{raw}' must be 0 or more")
        raise CellError(f"'{raw}' is not a number (write dollars like 3699 or $3,699.00)")
    return _value(match["amount"])


def duration(value: str | None) -> tuple[float, float] | None:
    """Months as (shortest, longest); `9`, `24 weeks`, `1 year`, `3-5 months`."""
    if _blank(value):
        return None
    raw = value.strip()
    match = _DURATION.match(raw.lower())
    unit = match["unit"] if match else None
    if not match or (unit is not None and unit not in _UNIT_MONTHS):
        raise CellError(f"'{raw}' is not a duration (write months like 9, or '24 weeks', '1 year', '3-5 months')")
    factor = _UNIT_MONTHS[unit] if unit else 1.0
    low = _value(match["low"]) * factor
    high = _value(match["high"]) * factor if match["high"] else low
    if low <= 0 or high <= 0:
        raise CellError(f"'{raw}' must be greater than 0")
    if high < low:
        raise CellError(f"'{raw}' is a range whose end is before its start")
    return (round(low, 2), round(high, 2))


def yes_no(value: str | None) -> bool | None:
    if _blank(value):
        return None
    raw = value.strip()
    word = raw.lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError(f"'{raw}' is not yes or no (write yes, no, y, n, true, false, 1 or 0)")


def _choice(value: str | None, synonyms: dict[str, str], allowed: tuple[str, ...]) -> str | None:
    if _blank(value):
        return None
    raw = value.strip()
    key = re.sub(r"[\s_]+", " ", raw.lower())
    found = synonyms.get(key) or synonyms.get(key.replace(" ", "-"))
    if found is None:
        raise CellError(f"'{raw}' is not one of: {', '.join(allowed)}")
    return found


def delivery_format(value: str | None) -> str | None:
    return _choice(value, _FORMAT_SYNONYMS, FORMATS)


def pace(value: str | None) -> str | None:
    return _choice(value, _PACE_SYNONYMS, PACES)


def choice(value: str | None, allowed: tuple[str, ...]) -> str | None:
    """One of `allowed` (a declared column's options, data/fields.toml), read as delivery_format reads
    its words: any case, spaces, hyphens and underscores alike; written back as the option is spelled."""
    return _choice(value, {re.sub(r"[\s_]+", " ", option.lower()): option for option in allowed}, allowed)


def choice_list(value: str | None, allowed: tuple[str, ...]) -> list[str]:
    """Options of `allowed` separated by `;`, duplicates dropped, in the order `allowed` lists them."""
    chosen = {choice(part, allowed) for part in split_list(value)}
    return [option for option in allowed if option in chosen]


# Workforce Pell (short-program Pell grants, from July 2026): the program's approval as listed.
WORKFORCE_PELL = ("approved", "pending", "no")
_WORKFORCE_PELL_SYNONYMS = {
    "approved": "approved",
    "yes": "approved",
    "pending": "pending",
    "no": "no",
    "not approved": "no",
}


def workforce_pell(value: str | None) -> str | None:
    return _choice(value, _WORKFORCE_PELL_SYNONYMS, WORKFORCE_PELL)


def state(value: str | None) -> str | None:
    if _blank(value):
        return None
    raw = value.strip()
    code = raw.upper()
    if code not in US_STATES:
        raise CellError(f"'{raw}' is not a US state code (write a 2-letter code like NY)")
    return code


def percent(value: str | None) -> float | None:
    if _blank(value):
        return None
    raw = value.strip()
    digits = raw.removesuffix("%").strip()
    if not _PLAIN_NUMBER.match(digits):
        raise CellError(f"'{raw}' is not a percentage (write 72 or 72%)")
    result = number(digits)
    if result > 100:
        raise CellError(f"'{raw}' is not a percentage between 0 and 100")
    return result


# Outcome figures a report leaves out because too few students are behind them (the WIOA
# training-provider reports write -1): kept as this word, shown as suppressed, never read as 0.
SUPPRESSED = "suppressed"
_SUPPRESSED_WORDS = {"-1", "suppressed", "*"}


def _suppressed(value: str | None) -> bool:
    return not _blank(value) and value.strip().lower() in _SUPPRESSED_WORDS


def outcome_percent(value: str | None) -> float | str | None:
    """A rate, or `suppressed` for -1, `suppressed` or `*`."""
    return SUPPRESSED if _suppressed(value) else percent(value)


def outcome_money(value: str | None) -> float | str | None:
    return SUPPRESSED if _suppressed(value) else money(value)


def outcome_count(value: str | None) -> float | str | None:
    return SUPPRESSED if _suppressed(value) else number(value)


POPULATIONS = ("all", "wioa")
_POPULATION_SYNONYMS = {"all": "all", "all students": "all", "wioa": "wioa", "wioa participants": "wioa"}


def outcomes_population(value: str | None) -> str | None:
    return _choice(value, _POPULATION_SYNONYMS, POPULATIONS)


def date(value: str | None) -> dt.date | None:
    if _blank(value):
        return None
    raw = value.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise CellError(f"'{raw}' is not a date (write YYYY-MM-DD, like 2026-03-31)") from None


def url(value: str | None) -> str | None:
    """An http(s) address; a bare domain gets https://; every other scheme is refused."""
    if _blank(value):
        return None
    raw = value.strip()
    if _SPACE.search(raw):
        raise CellError(f"'{raw}' is not a web address (it contains spaces)")
    parts = urlsplit(raw)
    if parts.scheme.lower() in ("http", "https"):
        if _HOST.match(parts.netloc):
            return raw
        raise CellError(f"'{raw}' is not a web address (no valid host name after {parts.scheme}://)")
    host = re.split(r"[/?#]", raw, maxsplit=1)[0]
    if "://" not in raw and _HOST.match(host):
        return "https://" + raw
    raise CellError(f"'{raw}' is not an http or https web address")


def slug(value: str | None) -> str | None:
    if _blank(value):
        return None
    raw = value.strip()
    if not _ID.match(raw):
        raise CellError(
            f"'{raw}' is not a valid id (use lowercase letters, digits and single hyphens, like acme-coding-101)"
        )
    if len(raw) > ID_MAX:
        raise CellError(
            f"the id is {len(raw)} characters long; use at most {ID_MAX} (it is part of the page's address)"
        )
    return raw


def code(value: str | None) -> str:
    """One credential code, upper-cased: `cpc` reads as CPC, `Certified Coding Associate (CCA®)` as CCA."""
    raw = required_text(value)
    bare = raw.replace("®", "").replace("™", "").strip()
    named = _NAMED_CODE.match(bare)  # exports often write the name with the code after it
    result = (named["code"] if named else bare).upper()
    if not _CODE.match(result):
        raise CellError(f"'{raw}' is not a credential code (letters, digits and hyphens, like CPC or CCS-P)")
    if len(result) > ID_MAX:  # a code names a folder too (credentials/<code>/)
        raise CellError(f"the credential code is {len(result)} characters long; use at most {ID_MAX}")
    return result


def code_list(value: str | None) -> list[str]:
    """Credential codes separated by `;`, duplicates dropped, order kept."""
    items: list[str] = []
    for part in split_list(value):
        item = code(part)
        if item not in items:
            items.append(item)
    return items


def split_list(value: str | None) -> list[str]:
    if _blank(value):
        return []
    return [part.strip() for part in value.split(";") if part.strip()]


def paragraphs(value: str | None) -> list[str]:
    """Plain text; a blank line starts a new paragraph, single line breaks are kept as spaces."""
    if _blank(value):
        return []
    blocks = re.split(r"\n\s*\n", value.strip().replace("\r\n", "\n").replace("\r", "\n"))
    return [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks if block.strip()]


def make_slug(text_value: str) -> str:
    """A URL slug from free text, for programs whose file has no id column."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text_value).encode("ascii", "ignore").decode()
    # Room is left for the -2, -3… that keeps it unique (load._assign_ids) within ID_MAX.
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower())[: ID_MAX - 10].strip("-") or "program"
