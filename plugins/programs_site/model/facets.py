"""Browse filters as data: each filter's URL parameter, label, options and how many programs each option leaves.

The counts here are for the unfiltered list (what a first visit shows); browse.js recomputes them
as filters change, using the same parameter names and option values.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING
from unicodedata import combining, normalize

from ..data.field_spec import BUILTIN, Field
from ..data.fields import US_STATE_NAMES
from ..data.records import Credential, Program
from ..i18n import gettext, ngettext
from .present import money_text, translated

if TYPE_CHECKING:
    from ..data.field_spec import FieldSpec

COST_STEPS = (1000, 2000, 3000, 4000, 5000, 7500, 10000, 15000, 20000)
DURATION_STEPS = (3, 6, 9, 12, 18, 24)


# The filter kinds whose browser file holds each program's number, not sets of programs (search_files.py).
CEILINGS = ("cost_ceiling", "duration_ceiling")


def is_yes(field: Field, program: Program) -> bool:
    """Whether a yes box keeps the program: the column is yes, or holds its filter_when value."""
    value = getattr(program, field.name)
    return value == field.filter_when if field.filter_when else bool(value)


def reading_order(text: str) -> str:
    """A sort key that ignores case and accents, as a reader alphabetizes ("Álava" with the A's)."""
    return "".join(c for c in normalize("NFKD", text.casefold()) if not combining(c))


@dataclass
class Option:
    value: str
    label: str
    count: int


@dataclass
class Facet:
    param: str  # the URL query parameter: README's "Browse: the URL is the view" table lists each one
    label: str
    kind: str  # "checkboxes" (any of), "select" (one), "yes" (a single yes checkbox)
    options: list[Option]
    # A filter data/fields.toml declares: "one" or "many" values; the form says so, and browse.js adds
    # the filters it marks (so no script names them). `lang`: its label's language when not the page's.
    declared: str = ""
    lang: str = ""


def _checkboxes(param: str, label: str, counts: Counter, labels: dict[str, str] | None = None) -> Facet:
    labels = labels or {}
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return Facet(param, label, "checkboxes", [Option(v, labels.get(v, v), n) for v, n in ordered])


def _ceiling(param: str, label: str, total: int, values: list[float], steps: tuple[float, ...], word) -> Facet:
    # "Any" keeps every program, those whose value is not listed too: its count is the list's.
    options = [Option("", gettext("Any"), total)]
    top = max(values, default=0)
    # Sorted once, each step's count is a binary search: not one pass over every program per step.
    known = sorted(v for v in values if v is not None)
    for step in steps:
        options.append(Option(str(step), word(step), bisect_right(known, step)))
        if step >= top:
            break
    return Facet(param, label, "select", options)


def build_facets(
    programs: list[Program], credentials: list[Credential], certify: list[float | None], spec: FieldSpec | None = None
) -> list[Facet]:
    """`certify`: each program's cost to get certified (certify.py), which the max-cost filter reads;
    `spec`: the columns data/fields.toml declares, whose filters follow the built-in ones.
    Worded in the current language (i18n.language)."""
    inputs = {"credentials": credentials, "certify": certify}
    facets = []
    for field in BUILTIN.shown("filter"):
        label = gettext(field.filter_label or field.label)
        if not field.filter_kind:
            option = Option("yes", label, sum(1 for p in programs if is_yes(field, p)))
            facets.append(Facet(field.filter_param, label, "yes", [option]))
        else:
            facets.append(_KINDS[field.filter_kind](field.filter_param, label, programs, field, inputs))
    if spec:
        facets += declared_facets(programs, spec)
    return facets


# The built-in filters of another kind than a yes box, by builtin_fields.toml's filter_kind:
# (parameter, label, programs, the column's declaration, {credentials, certify}) -> Facet.
def _options(param: str, label: str, programs: list[Program], field: Field, inputs) -> Facet:
    """Every option the declaration words, in its order, with its count (none left out at 0)."""
    counts = Counter(getattr(p, field.name) for p in programs)
    options = [Option(value, gettext(words), counts[value]) for value, words in field.option_labels]
    return Facet(param, label, "checkboxes", options)


def _credentials(param: str, label: str, programs: list[Program], field: Field, inputs) -> Facet:
    names = {c.code: f"{c.code} · {translated(c, 'name')[0]}" for c in inputs["credentials"]}
    return _checkboxes(param, label, Counter(c for p in programs for c in getattr(p, field.name)), names)


def _values(param: str, label: str, programs: list[Program], field: Field, inputs) -> Facet:
    return _checkboxes(param, label, Counter(a for p in programs for a in getattr(p, field.name)))


def _cost_ceiling(param: str, label: str, programs: list[Program], field: Field, inputs) -> Facet:
    amounts = [amount for amount in inputs["certify"] if amount is not None]
    return _ceiling(param, label, len(programs), amounts, COST_STEPS, money_text)


def _duration_ceiling(param: str, label: str, programs: list[Program], field: Field, inputs) -> Facet:
    return _ceiling(
        param,
        label,
        len(programs),
        [p.duration_max for p in programs if p.duration_max],
        DURATION_STEPS,
        lambda m: ngettext("{count} month", "{count} months", m).format(count=m),
    )


def _states(param: str, label: str, programs: list[Program], field: Field, inputs) -> Facet:
    states = Counter(getattr(p, field.name) for p in programs if getattr(p, field.name))
    # By the name a reader sees in this language (Nueva York before Carolina del Norte in Spanish), not by code.
    state_names = {code: gettext(US_STATE_NAMES[code]) for code in states}
    return Facet(
        param,
        label,
        "select",
        [Option("", gettext("Any state"), len(programs))]
        + [
            Option(code, f"{state_names[code]} ({code})", states[code])
            for code in sorted(states, key=lambda code: (reading_order(state_names[code]), code))
        ],
    )


_KINDS = {
    "options": _options,
    "credentials": _credentials,
    "cost_ceiling": _cost_ceiling,
    "duration_ceiling": _duration_ceiling,
    "states": _states,
    "values": _values,
}


def declared_facets(programs: list[Program], spec: FieldSpec) -> list[Facet]:
    """A filter per declared column shown as one: a yes box, or its options (in the declared order)
    with how many programs have each; the URL parameter is the column's name."""
    facets = []
    for field in spec.shown("filter"):
        label, lang = field.label_here()
        values = [(p.declared or {}).get(field.name) for p in programs]
        if field.type == "yes-no":
            option = Option("yes", label, sum(1 for v in values if v))
            facets.append(Facet(field.name, label, "yes", [option], declared="one", lang=lang))
            continue
        counts = Counter(o for v in values if v for o in ([v] if isinstance(v, str) else v))
        options = [Option(o, o, counts[o]) for o in field.options if counts[o]]
        facets.append(Facet(field.name, label, "checkboxes", options, declared="many", lang=lang))
    return facets
