"""The aid figures (data/aid.toml): read, checked, and the period in force on the build day chosen.

Every rate, cap and limit the "What you would pay" estimate uses lives in that file with its dates and
source (no number of it is in the code); the browser's rules (theme/static/js/aid-rules.js) read the
chosen values from aid.json, which the build writes. Problems are reported like a mapping file's,
`data/aid.toml:<line>:<key>: message`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import json_text
from ..data.fields import US_STATE_NAMES, CellError
from ..data.fields import url as read_url
from ..data.mapping import key_lines
from ..data.problems import DataError, Problem
from ..data.toml_file import read_toml
from ..i18n import N_, current, gettext
from .present import money_text

# The figures the estimate and the Workforce Pell length rule use, each required in the file.
FIGURES = (
    "pell_max_award",
    "pell_year_clock_hours",
    "gi_tuition_cap",
    "gi_exam_fee_max",
    "employer_tax_free",
    "workforce_pell_min_hours",
    "workforce_pell_max_hours",
    "workforce_pell_min_weeks",
    "workforce_pell_max_weeks",
)
_FIGURE_KEYS = {"what", "source"}
_PERIOD_KEYS = {"value", "from", "until", "source", "about"}
AID_JSON = "aid.json"


@dataclass(frozen=True)
class Rate:
    name: str
    what: str
    value: float
    start: dt.date
    end: dt.date | None
    source: str
    about: bool  # from a secondary source: pages say "about"

    def as_json(self) -> dict[str, Any]:
        value = int(self.value) if self.value == int(self.value) else self.value
        return {
            "value": value,
            "from": self.start.isoformat(),
            "until": self.end.isoformat() if self.end else None,
            "source": self.source,
            "about": self.about,
            "what": self.what,
        }


def load_rates(path: str | Path, today: dt.date) -> tuple[dict[str, Rate], list[Problem]]:
    """The figure in force on `today` for each name, and warnings; raises DataError listing every problem."""
    path = str(path)
    data, text = read_toml(path, "aid rates file")
    return choose(path, data, key_lines(text), today)


def choose(
    path: str, data: dict[str, Any], lines: dict[tuple[str, ...], int], today: dt.date
) -> tuple[dict[str, Rate], list[Problem]]:
    problems: list[Problem] = []
    warnings: list[Problem] = []

    def at(*key: str) -> int:
        while key:
            if key in lines:
                return lines[key]
            key = key[:-1]
        return 1

    def problem(key: tuple[str, ...], message: str, warning: bool = False) -> None:
        (warnings if warning else problems).append(Problem(path, at(*key), ".".join(key), message, warning))

    for name in data:
        if name not in FIGURES:
            problem((name,), f"'{name}' is not a figure the estimate uses (known: {', '.join(FIGURES)})")
    for name in FIGURES:
        if name not in data:
            problem((name,), f"[{name}] is missing: the estimate needs it (docs/data-format.md)")
    rates: dict[str, Rate] = {}
    for name in FIGURES:
        table = data.get(name)
        if not isinstance(table, dict):
            if name in data:
                problem((name,), f"'{name}' must be a table: write it as [{name}]")
            continue
        rate = _figure(name, table, today, problem)
        if rate is not None:
            rates[name] = rate
    if problems:
        raise DataError(problems)
    return rates, warnings


def _figure(name: str, table: dict[str, Any], today: dt.date, problem) -> Rate | None:
    what = table.get("what")
    if not isinstance(what, str) or not what.strip():
        problem((name, "what"), 'needs what = "…": the words pages show for this figure')
    shared_source = _source((name,), table.get("source"), problem) if "source" in table else None
    periods = []
    for key, period in table.items():
        if key in _FIGURE_KEYS:
            continue
        if not isinstance(period, dict):
            problem((name, key), f"unknown key '{key}'; a figure has what, source and one [{name}.<period>] per period")
            continue
        read = _period((name, key), period, problem)
        if read is None:
            continue
        source = read["source"] or shared_source
        if source is None:
            if "source" not in table and "source" not in period:
                problem((name, key), 'has no source: give source = "https://…" here or for the figure')
            continue
        periods.append((read, key, source))
    if not periods:
        if not any(isinstance(p, dict) for k, p in table.items() if k not in _FIGURE_KEYS):
            problem((name,), f"has no period: add [{name}.<period>] with value and from")
        return None
    periods.sort(key=lambda item: item[0]["from"])
    for (first, first_key, _), (second, second_key, _) in itertools.pairwise(periods):
        if first["until"] is None or first["until"] >= second["from"]:
            problem((name, second_key), f"starts on {second['from']} while '{first_key}' still applies")
    started = [item for item in periods if item[0]["from"] <= today]
    if not started:
        # A rule not yet in force (Workforce Pell before July 2026): the estimate leaves it out, and says so.
        problem(
            (name,),
            f"no value applies on {today.isoformat()}: the first period starts on {periods[0][0]['from']}; "
            "the estimate leaves this figure out until then",
            warning=True,
        )
        return None
    chosen, key, source = started[-1]
    if chosen["until"] is not None and chosen["until"] < today:
        problem(
            (name, key),
            f"the newest value ended on {chosen['until'].isoformat()}; the estimate still uses it: add the "
            "current value with its dates and source",
            warning=True,
        )
    return Rate(
        name, str(what or "").strip(), chosen["value"], chosen["from"], chosen["until"], source, chosen["about"]
    )


def _period(key: tuple[str, ...], period: dict[str, Any], problem) -> dict[str, Any] | None:
    ok = True
    for unknown in period.keys() - _PERIOD_KEYS:
        problem((*key, unknown), f"unknown key '{unknown}'; a period has {', '.join(sorted(_PERIOD_KEYS))}")
        ok = False
    value = period.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        problem((*key, "value"), f"value must be a number 0 or more (got {value!r})")
        ok = False
    dates = {}
    for name in ("from", "until"):
        raw = period.get(name)
        if raw is None and name == "until":
            dates[name] = None
        elif isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            dates[name] = raw
        else:
            problem((*key, name), f"{name} must be a date written without quotes, like {name} = 2026-07-01")
            ok = False
    if ok and dates["until"] is not None and dates["until"] < dates["from"]:
        problem((*key, "until"), f"until ({dates['until']}) is before from ({dates['from']})")
        ok = False
    about = period.get("about", False)
    if not isinstance(about, bool):
        problem((*key, "about"), "about must be true or false")
        ok = False
    source = _source(key, period.get("source"), problem) if "source" in period else None
    if "source" in period and source is None:
        ok = False
    if not ok:
        return None
    return {"value": float(value), "from": dates["from"], "until": dates["until"], "about": about, "source": source}


def _source(key: tuple[str, ...], raw: Any, problem) -> str | None:
    try:
        found = read_url(raw) if isinstance(raw, str) else None
    except CellError as err:
        problem((*key, "source"), f"source: {err}")
        return None
    if found is None:
        problem((*key, "source"), 'source must be an http(s) link in quotes, like source = "https://studentaid.gov/…"')
    return found


def aid_json(rates: dict[str, Rate]) -> str:
    """What the browser's estimate reads: each figure in force, with its dates and source."""
    return json_text.compact({"rates": {name: rate.as_json() for name, rate in rates.items()}})


# ---- the program page's "What you would pay" section --------------------------------------------

_GI = {True: N_("Approved"), False: N_("Not approved"), None: N_("Not listed: ask the school")}
_PELL = {True: N_("Eligible"), False: N_("Not eligible"), None: N_("Not listed: ask the school")}
_ETPL = {
    True: N_("On the state's list: vouchers can apply"),
    False: N_("Not on the state's list"),
    None: N_("Not listed: ask the school"),
}
_WORKFORCE_PELL = {
    "approved": N_("Approved"),
    "pending": N_("Approval pending"),
    "no": N_("Not approved"),
    None: N_("Not listed: ask the school"),
}


@dataclass(frozen=True)
class AidFact:
    label: str
    text: str
    unknown: bool


def _flag(value: Any) -> str:
    return "" if value is None else ("yes" if value is True else "no" if value is False else str(value))


def fits_workforce_pell(program, rates: dict[str, Rate]) -> bool:
    """Whether the program's listed length fits Workforce Pell's rule (hours and weeks from
    data/aid.toml, the longer end of a duration range); False when a length or the rule is unknown."""
    needed = (
        "workforce_pell_min_hours",
        "workforce_pell_max_hours",
        "workforce_pell_min_weeks",
        "workforce_pell_max_weeks",
    )
    if program.clock_hours is None or program.duration_max is None or any(n not in rates for n in needed):
        return False
    low_h, high_h, low_w, high_w = (rates[n].value for n in needed)
    weeks = program.duration_max * 52 / 12
    return low_h <= program.clock_hours <= high_h and low_w <= weeks < high_w


def eligibility(program, rates: dict[str, Rate]) -> tuple:
    """What the section's aid list is worded from (with the page's language and the build's figures):
    the program's four listings and whether its length fits Workforce Pell's rule. Pages with the same
    share one list (PageSections), so anything more aid_facts comes to read must be added here."""
    fits = program.workforce_pell is None and fits_workforce_pell(program, rates)
    return (
        program.gi_bill,
        program.pell_eligible,
        program.workforce_pell,
        program.workforce_pell_state,
        program.etpl,
        fits,
    )


def aid_facts(listed: tuple, rates: dict[str, Rate]) -> tuple[AidFact, ...]:
    """The aid list for `listed` (eligibility's values, its only input from the program), in the
    current language."""
    gi_bill, pell_eligible, workforce_pell, workforce_pell_state, etpl, fits = listed
    workforce = gettext(_WORKFORCE_PELL[workforce_pell])
    if workforce_pell == "approved" and workforce_pell_state:
        workforce = gettext("Approved ({state})").format(state=gettext(US_STATE_NAMES[workforce_pell_state]))
    elif workforce_pell is None and fits:
        r = rates
        workforce = gettext(
            "Not listed; its length fits the rules ({low}–{high} clock hours, {weeks} to under {most} weeks): ask the school"
        ).format(
            low=f"{r['workforce_pell_min_hours'].value:g}",
            high=f"{r['workforce_pell_max_hours'].value:g}",
            weeks=f"{r['workforce_pell_min_weeks'].value:g}",
            most=f"{r['workforce_pell_max_weeks'].value:g}",
        )
    return (
        AidFact(gettext("Post-9/11 GI Bill approval"), gettext(_GI[gi_bill]), gi_bill is None),
        AidFact(gettext("Pell Grant (regular)"), gettext(_PELL[pell_eligible]), pell_eligible is None),
        AidFact(gettext("Workforce Pell"), workforce, workforce_pell is None),
        AidFact(gettext("WIOA training voucher"), gettext(_ETPL[etpl]), etpl is None),
    )


def _program_values(program, view) -> dict[str, Any]:
    """What the section shows of this program alone (all but the aid list), in the page's language,
    and the values estimate.js reads from the section's data attributes."""
    certify = view.certify
    tuition_fees = None
    if program.cost_tuition is not None or program.cost_fees is not None:
        tuition_fees = (program.cost_tuition or 0) + (program.cost_fees or 0)
    exam_fee = (
        certify.amount - program.cost_usd if certify.amount is not None and program.cost_usd is not None else None
    )
    data = {
        "certify-usd": _number(certify.amount),
        "cost-usd": _number(program.cost_usd),
        "tuition-fees": _number(tuition_fees),
        "exam-fee": _number(exam_fee) if exam_fee else "",
        "fee-missing": "yes" if certify.fee_missing else "",
        "clock-hours": _number(program.clock_hours),
        "gi-bill": _flag(program.gi_bill),
        "pell-eligible": _flag(program.pell_eligible),
        "workforce-pell": _flag(program.workforce_pell),
        "wioa": _flag(program.etpl),  # the estimate's own word (aid-rules.js), as roles.aid names it
    }
    full = money_text(certify.amount) if certify.amount is not None else None
    return {
        "data": data,
        "full": full,
        "certify_text": view.certify_detail,
        "why_none": _why_none(certify, view),
    }


class PageSections:
    """One build's "What you would pay" sections of one language's program pages.

    Most of a section is the same on many pages: its aid list has a few wordings in all (the values
    eligibility() reads), and the note and button below it one per language and page depth. That
    part (partials/estimate_listed.html) is rendered here once for each set of values it shows and
    printed by every page that shows the same; the program's own figures and sentence are rendered
    with its page (program.html's estimate section). Made anew for each build, so nothing outlives the build's
    figures, words or templates.
    """

    def __init__(self, rates: dict[str, Rate]):
        self.rates = rates
        self._listed: dict[tuple, Markup] = {}

    def section(self, program, view, page: str, render: Callable[..., str]) -> dict[str, Any]:
        """The section's values for the page at `page` (its path in the output), in the current
        language; `render(template, **values)` renders a template as a part of that page."""
        listed = eligibility(program, self.rates)
        estimate = view.certify.amount is not None  # as _program_values' "full"
        # Everything partials/estimate_listed.html is made from: the aid list's only input from the program
        # (aid_facts reads nothing else of it), whether there is an estimate, the language its words are
        # in, and the page's depth, which its relative link depends on. The figures are the build's.
        key = (current(), page.count("/"), listed, estimate)
        html = self._listed.get(key)
        if html is None:
            facts = aid_facts(listed, self.rates)
            html = self._listed[key] = Markup(render("partials/estimate_listed", facts=facts, estimate=estimate))
        return {**_program_values(program, view), "listed": html}


def _why_none(certify, view) -> str | None:
    """Why there is no estimate (None when there is one): a known program cost is named, so the page
    never says "not listed" beside a listed cost, and a partial sum is never offered as the full price."""
    if certify.amount is not None:
        return None
    if certify.program_cost is not None and certify.no_credential:
        return gettext("{certify}. Without a cost to get certified there is no estimate: ask the school.").format(
            certify=view.certify_detail
        )
    if certify.program_cost is not None and certify.fee_missing:
        return gettext(
            "Cost to get certified: {certify}. Without the exam fee there is no estimate: ask the school."
        ).format(certify=view.certify_detail)
    return gettext("The cost is not listed, so there is no estimate: ask the school.")


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:.2f}"
