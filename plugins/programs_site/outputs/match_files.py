"""The files the questionnaire ranks from: search/match.json and one file per ranked column.

docs/matching.md ("The data the page reads") gives the layout and the byte budget. In short: one file
per ranked value, fetched when an answer needs it, programs in the numbering search/ uses (browse
order), so the cards of the top results come from search/rows/ and nothing a card shows is sent for
the other programs. A column with few
values is a table of its values plus one character per program (gzip then keeps it near its entropy);
costs are plain numbers; only the names' order is kept, as each program's place minus its number.
No words for people: the labels come from search/meta.json, the card text from search/rows/.
"""

from __future__ import annotations

from operator import attrgetter

from ..build.memo import Column
from ..data.field_spec import BUILTIN
from ..data.records import Program
from ..json_text import plain_number
from .browser_fields import ROLES
from .export import certify_by
from .search_files import to_json

# One character per program, the value's place in the column's table; a column with more values is
# written as a list of numbers instead. theme/static/js/match-rules.js (readMatchColumns) reads both.
CODE_LETTERS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"


def coded(values: list) -> dict:
    """{"values": [distinct values, first seen first], "codes": text or list of places}."""
    table: dict[str, int] = {}
    distinct: list = []
    places = []
    for value in values:
        key = _same_json(value)
        if key not in table:
            table[key] = len(distinct)
            distinct.append(value)
        places.append(table[key])
    if len(distinct) <= len(CODE_LETTERS):
        return {"values": distinct, "codes": "".join(CODE_LETTERS[p] for p in places)}
    return {"values": distinct, "codes": places}


def _same_json(value):
    """A key equal for two values exactly when to_json writes them the same, cheaper than writing
    them: in Python 1, 1.0 and True are equal, in JSON they are not, so numbers carry their kind."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "bool", value
    if isinstance(value, int):
        return "int", int.__repr__(value)  # as json writes them (nan and inf included)
    if isinstance(value, float):
        return "float", float.__repr__(value)
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return ("list", *value)
    return "json", to_json(value)


def name_order(programs: list[Program]) -> list[int]:
    """Each program's place in match-rules.js's name order (name, then id, in UTF-16 code units, as
    JavaScript compares strings) minus its number: runs of equal numbers, mostly 0."""
    key = [(f"{p.name}\u0000{p.id}").encode("utf-16-be") for p in programs]
    order = sorted(range(len(programs)), key=key.__getitem__)
    place = [0] * len(programs)
    for rank, number in enumerate(order):
        place[number] = rank
    return [rank - number for number, rank in enumerate(place)]


def _certify_step(options: dict | None, usd) -> tuple[dict | None, dict | None]:
    """Where the chosen credential changes the cost: each credential's amount minus the program's (its
    exam fee's difference, a few values in all), unless that sum would not give the amount back
    exactly: then (None, the amounts)."""
    amounts = {code: amount for code, (amount, _) in (options or {}).items()}
    steps = {c: None if a is None or usd is None else plain_number(a - usd) for c, a in amounts.items()}
    pairs = zip(amounts.values(), steps.values(), strict=True)
    if all(a is None or (s is not None and usd + s == a) for a, s in pairs):
        return steps or None, None
    return None, amounts


def _certify_by_column(values: list[tuple]) -> dict:
    exact = {str(number): amounts for number, (_, amounts) in enumerate(values) if amounts is not None}
    return {**coded([step for step, _ in values]), "exact": exact}


def _as_is(name: str):
    get = attrgetter(name)
    return lambda p, v, c: get(p)


def _listed(name: str):
    get = attrgetter(name)
    return lambda p, v, c: list(get(p)) or None  # no credentials listed is unknown, not "prepares for none"


def _longest(name: str):
    get = attrgetter(name)
    return lambda p, v, c: plain_number(get(p)[1]) if get(p) else None  # months: the longer end


# A column's value by its type, and the files that hold more than one column's value (match_kind).
_BY_TYPE = {"list": _listed, "months": _longest}
_BY_KIND = {
    "certify_by": lambda p, v, c: _certify_step(certify_by(p, v, c), plain_number(v.certify.amount)),
    # What the aid estimate reads (aid-rules.js programFromMatchColumn), fetched only with aid answers.
    "aid": lambda p, v, c: _aid_values(p),
}
# What each column holds for a program (and its view, and the credentials by code): builtin_fields.toml's
# match place, in its [order].match, worked out once here.
COLUMNS = {
    f.match_kind or f.name: _BY_KIND[f.match_kind] if f.match_kind else _BY_TYPE.get(f.type, _as_is)(f.name)
    for f in BUILTIN.shown("match")
}


def _aid_values(program: Program) -> list | None:
    parts = [x for x in (program.cost_tuition, program.cost_fees) if x is not None]
    values = [
        plain_number(program.cost_usd),
        plain_number(sum(parts)) if parts else None,
        plain_number(program.clock_hours),
        program.gi_bill,
        program.pell_eligible,
        program.workforce_pell,
        program.etpl,
    ]
    return values if any(value is not None for value in values[3:]) else None


def _same_text(a, b) -> bool:
    return to_json(a) == to_json(b)


def match_files(programs: list[Program], views, credentials: dict, work_settings, keep=None) -> dict[str, str]:
    """search/match.json and search/match/<column>.json. `programs` in browse order, search/'s numbering.

    match.json holds what every ranking needs (the cost, which every sort compares, and the name
    order); a column is fetched only when an answer or the sort reads it (COLUMNS in match-rules.js).
    `keep`: the caller builds again in this process and hands the store (memo.Kept.match_columns) each
    column's file is kept in from build to build: a one-row edit works out that program's values only,
    and encodes a column again only when one of them changed (memo.Column).
    """
    files = {}
    kept = keep.match_columns if keep else {}
    for name, value in COLUMNS.items():
        make = _certify_by_column if name == "certify_by" else coded
        column = kept.setdefault(name, Column(f"search/match/{name}.json"))
        files[f"search/match/{name}.json"] = column.text(
            programs,
            views,
            lambda i, value=value: value(programs[i], views[i], credentials),
            lambda values, make=make: to_json(make(values)),
            _same_text,
        )
    main = {
        "count": len(programs),
        "work_settings": [
            {"key": s.key, "label": s.label, "codes": s.codes, "explain": s.explain} for s in work_settings
        ],
        "columns": list(COLUMNS),
        # The column each of match-rules.js's words reads (the field spec's roles.match), here so the
        # page ranks from this file and meta.json without fetching search/fields.json first.
        "roles": ROLES["match"],
        "certify_usd": [plain_number(v.certify.amount) for v in views],
        "name_order": name_order(programs),
    }
    return {"search/match.json": to_json(main), **files}
