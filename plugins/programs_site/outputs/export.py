"""The cleaned data as files people and tools can download: programs.json and programs.csv."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from operator import attrgetter
from typing import Any

from .. import json_text
from ..build.memo import per_program
from ..data import field_spec, table_schema
from ..data.csv_table import guard_formula
from ..data.records import Credential, Program
from ..json_text import plain_number
from ..model.certify import certify_costs_by_credential, certify_value
from ..model.present import NO, NOT_LISTED, STALE_NOTE, YES

# Columns in the order docs/data-format.md lists them; the CSV export re-imports without errors.
COLUMNS = table_schema.names(table_schema.PROGRAM_COLUMNS)
# Worked out by the build (the cost to get certified), exported after the file's own columns.
DERIVED_COLUMNS = table_schema.names(table_schema.DERIVED_PROGRAM_COLUMNS)
# The values the compare page shows (data.json's display), and those a program record holds as such.
# In the rows' order, so data.json is the same bytes from build to build (never a set's order).
COMPARED = tuple(
    dict.fromkeys(
        row.name if isinstance(row, field_spec.Field) else row.field
        for row in field_spec.BUILTIN.compare_rows()
        if not (row.compare_kind if isinstance(row, field_spec.Field) else row.kind)
    )
)
PROGRAM_ATTRIBUTES = frozenset(COLUMNS)


def program_record(program: Program, view=None) -> dict[str, Any]:
    """Typed values as JSON: unknown is null, never 0 or false. With the program's view, also the
    cost to get certified that every page shows. A fresh dict: callers may add keys."""
    record = dict(_shared_record(program))
    if view is not None:
        record["cost_to_certify_usd"] = plain_number(view.certify.amount)
        record["cost_to_certify_credential"] = view.certify.code
    return record


# Each program's record, worked out once per build (five files use it), and kept from the last build
# in a long-lived process (memo.per_program); the rows of programs.json and programs.csv are kept there too.
@per_program("record")
def _shared_record(program: Program, _view: None = None) -> dict[str, Any]:
    """The program's record as kept for the build: read it, never change it."""
    return _record(program)


def _record(program: Program) -> dict[str, Any]:
    values = zip(_KEYS, _VALUES(program), _WRITERS, strict=True)
    record: dict[str, Any] = {key: value if write is None else write(value) for key, value, write in values}
    if program.declared is not None:  # the columns data/fields.toml declares, typed, in its order
        record.update((name, field_spec.json_value(value)) for name, value in program.declared.items())
    record["more_details"] = dict(program.extra)
    return record


def _longer(span: tuple[float, float] | None) -> float | int | None:
    return plain_number(span[1]) if span else None


def _shorter(span: tuple[float, float] | None) -> float | int | None:
    return plain_number(span[0]) if span else None


def _writer(f: field_spec.Field):
    """How programs.json writes a built-in column's typed value (None: as it is)."""
    if f.type == "outcome":
        return _outcome
    if f.type in ("number", "money", "percent"):
        return plain_number
    if f.type == "date":
        return _iso_date
    if f.reader_name == "paragraphs":
        return _paragraphs
    return None


def _iso_date(value) -> str | None:
    return value.isoformat() if value else None


def _paragraphs(value: list[str]) -> str | None:
    return "\n\n".join(value) or None


def _outcome(value: float | str | None) -> float | int | str | None:
    """A figure or the word `suppressed` (fields.SUPPRESSED): never 0, never dropped."""
    return value if isinstance(value, str) else plain_number(value)


# The file's own built-in columns (builtin_fields.toml), read from a program at once, each with its
# writer; a range (months) is two keys, the longer end and then the shorter one (`<name>_min`).
_OWN = tuple(f for f in field_spec.BUILTIN.fields if not f.derived)
_RANGES = tuple(f.name for f in _OWN if f.type == "months")
_KEYS = tuple(key for f in _OWN for key in ((f.name, f"{f.name}_min") if f.name in _RANGES else (f.name,)))
_VALUES = attrgetter(*(f.name for f in _OWN for _ in ((1, 2) if f.name in _RANGES else (1,))))
_WRITERS = tuple(w for f in _OWN for w in ((_longer, _shorter) if f.name in _RANGES else (_writer(f),)))


def _json(value: Any) -> str:
    return json_text.compact(value)


def programs_json_parts(programs: list[Program], views) -> Iterator[str]:
    """programs.json in pieces, for writing as they are made: the whole text is 136 MB at 100,000
    programs (twice that as a Python string, and again while joined). A JSON array written row by
    row is byte for byte json_text.compact of the whole list."""
    yield "["
    for index, (p, v) in enumerate(zip(programs, views, strict=True)):
        if index:
            yield ","
        yield _json_row(p, v)
    yield "]"


@per_program("programs.json row", within_build=False)
def _json_row(program: Program, view) -> str:
    return _json(program_record(program, view))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def other_headers(records: list[Program] | list[Credential], columns: list[str]) -> list[str]:
    """The source file's other columns, in the order they first appear: exported after ours."""
    headers: list[str] = []
    for record in records:
        for header, _ in record.extra:
            if header not in headers and header.lower() not in columns:
                headers.append(header)
    return headers


class _LineWriter:
    """One CSV line at a time, as csv.writer writes it (quoting, line ends)."""

    def __init__(self):
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")

    def line(self, cells: list[str]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        # Spreadsheets run a cell that starts like a formula; reading a CSV back drops the guard's quote.
        self._writer.writerow([guard_formula(cell) for cell in cells])
        return self._buffer.getvalue()


def _csv(
    records: list[Program] | list[Credential],
    columns: list[str],
    own_cells: Iterable[list[str]],
    rows: Callable | None = None,
    views: Iterable | None = None,
) -> str:
    return "".join(_csv_lines(records, columns, own_cells, rows, views))


def _csv_lines(
    records: list[Program] | list[Credential],
    columns: list[str],
    own_cells: Iterable[list[str]],
    rows: Callable | None = None,
    views: Iterable | None = None,
) -> Iterator[str]:
    """Our columns (`own_cells`: one list per record), then the source file's other columns, line by line.
    With `rows` (and `views`), each record's line is kept by it (_csv_row: with the headers it was made for)."""
    extra_headers = other_headers(records, columns)
    writer = _LineWriter()
    yield writer.line(columns + extra_headers)

    def line(record, cells) -> str:
        extras = dict(record.extra)
        return writer.line(cells + [extras.get(h, "") for h in extra_headers])

    if rows is None:
        for record, cells in zip(records, own_cells, strict=True):
            yield line(record, cells)
    else:
        headers = tuple(extra_headers)
        for record, view, cells in zip(records, views, own_cells, strict=True):
            made = rows(record, view, headers, lambda r=record, c=cells: line(r, c()))
            yield made[1] if made[0] == headers else line(record, cells())


def _program_cells(program: Program, view) -> list[str]:
    record = program_record(program, view)
    for name in _RANGES:
        low, high = record[f"{name}_min"], record[name]
        record[name] = f"{low}-{high}" if low is not None and low != high else high
    cells = [_cell(record[c]) for c in COLUMNS + DERIVED_COLUMNS]
    if program.declared is not None:
        # As the column's declaration reads it back in: yes/no, options joined by ;, whole numbers plain.
        cells += [_cell(field_spec.json_value(value)) for value in program.declared.values()]
    return cells


def programs_csv_parts(programs: list[Program], views, declared: tuple[str, ...] = ()) -> Iterator[str]:
    """programs.csv line by line, for writing as they are made (77 MB at 100,000 programs).
    `declared`: the names of the columns data/fields.toml declares, exported after the derived ones."""
    cells = (partial(_program_cells, p, v) for p, v in zip(programs, views, strict=True))
    return _csv_lines(programs, COLUMNS + DERIVED_COLUMNS + list(declared), cells, _csv_row, views)


@per_program("programs.csv row", within_build=False)
def _csv_row(record: Program, view, headers: tuple, make: Callable[[], str]) -> tuple[tuple, str]:
    """A program's line of programs.csv (`make()`), with the other columns' headers it was made under."""
    return headers, make()


def _typed(value: Any) -> Any:
    if isinstance(value, tuple):  # months: [low, high]
        return [plain_number(v) for v in value]
    return field_spec.json_value(value)


def _compared_writer(f: field_spec.Field):
    """How data.json types a built-in column's value: as programs.json does (_writer), but a range of
    months stays one value, [low, high], as format.js words it."""
    return _months if f.type == "months" else _writer(f)


def _months(span: tuple[float, float] | None) -> list | None:
    return None if span is None else [plain_number(v) for v in span]


# The compared values a program record holds as such (COMPARED's order), read from a program at
# once, each with its writer: worked out once, not for each of 10,000 data files.
_COMPARED_OWN = tuple(name for name in COMPARED if name in PROGRAM_ATTRIBUTES)
_COMPARED_VALUES = attrgetter(*_COMPARED_OWN)
_COMPARED_WRITERS = tuple(_compared_writer(field_spec.BUILTIN.field(name)) for name in _COMPARED_OWN)


def program_json(program: Program, view, spec=None) -> str:
    """What the compare page shows for one program: typed values, and in `display` the compare rows'
    values keyed by field name (the `field` of the rows in search/fields.json, browser_fields.py),
    typed as the browser formats them (format.js): money and numbers as numbers, months as
    [low, high], dates as ISO, yes/no as booleans, coded values as codes. A value not listed is left
    out. With `spec` (data/fields.toml), its compare columns too."""
    record = program_record(program, view)
    record["path"] = view.path
    display: dict[str, Any] = {
        name: value if write is None else write(value)
        for name, value, write in zip(_COMPARED_OWN, _COMPARED_VALUES(program), _COMPARED_WRITERS, strict=True)
    }
    display["cost_to_certify_usd"] = certify_value(view.certify)
    display["location"] = ", ".join(part for part in (program.city, program.state) if part)
    display["credentials"] = [
        {"code": c.code, "name": c.name, "path": c.path, "exam": c.exam} for c in view.credentials
    ]
    display["last_verified"] = _typed(program.last_verified)
    if view.verified_stale:
        display["stale"] = True  # checked more than 12 months before the build
    if spec and program.declared is not None:
        display.update((f.name, _typed(program.declared.get(f.name))) for f in spec.shown("compare"))
    record["display"] = {name: value for name, value in display.items() if value not in (None, "", [])}
    return json_text.compact(record)


def compact_rows(programs: list[Program], keys: list[str], extra: dict[str, list] | None = None) -> dict[str, Any]:
    """Rows as arrays with the keys listed once: a third of the bytes of a list of objects."""
    extra = extra or {}
    rows = []
    for index, program in enumerate(programs):
        record = _shared_record(program)
        rows.append([record[k] for k in keys] + [values[index] for values in extra.values()])
    return {"keys": keys + list(extra), "programs": rows}


def certify_note(cost) -> dict | None:
    """Why a cost to get certified has no amount, typed (certify_value's without the amount, which the
    rows carry beside it): null when there is an amount or nothing is listed."""
    return None if cost.amount is not None else certify_value(cost)


def _certify_by(program: Program, credentials: dict) -> dict[str, list] | None:
    costs = certify_costs_by_credential(program, credentials)
    options = {code: [plain_number(c.amount), certify_note(c)] for code, c in costs.items()}
    # Only when the choice changes the answer: most programs' fees are the same for each credential.
    return options if len({repr(option) for option in options.values()}) > 1 else None


# By program and view: a view is made again whenever the credentials change, so it stands for them.
@per_program("cost to get certified per credential")
def certify_by(program: Program, view, credentials: dict) -> dict[str, list] | None:
    """{code: [amount, why none (certify_note)]} where the credential chosen changes the program's cost to get certified."""
    return _certify_by(program, credentials)


def certify_columns(programs: list[Program], views, credentials: dict) -> dict[str, list]:
    """The cost to get certified as the browser needs it: the default amount and why there is none, and, for a
    program listing several credentials, each one's (a visitor's chosen credential changes the fee)."""
    by_credential = [certify_by(program, view, credentials) for program, view in zip(programs, views, strict=True)]
    return {
        "certify_usd": [plain_number(v.certify.amount) for v in views],
        "certify_note": [certify_note(v.certify) for v in views],
        "certify_by": by_credential,
    }


# The build's words for values the browser shows, so no script keeps a second copy of them: the coded
# values of the columns a page or a card shows (builtin_fields.toml's option_labels: format, pace), and
# the rest.
LABELS = {
    **{
        f.name: dict(f.option_labels)
        for f in field_spec.BUILTIN.fields
        if f.option_labels and {"page", "card"} & set(f.show)
    },
    "not_listed": NOT_LISTED,
    "yes": YES,
    "no": NO,
    "stale": STALE_NOTE,
}

# The questionnaire's record of a program (match_json): its name, and the columns it ranks by as their
# records hold them (builtin_fields.toml's match place; the derived cost is certify_columns').
MATCH_KEYS = [
    *("id", "name", "provider"),  # the card's title and link: every card has them
    *(f.name for f in field_spec.BUILTIN.shown("match") if not f.derived),
]
# What a browse card shows, nothing more (the filters read search/facets/, search_files.py): its title
# and link, then the columns builtin_fields.toml's card place shows as their records hold them, in the
# file's order (those with a card_slot, and the date's line, are BROWSE_VIEW_KEYS or CERTIFY_KEYS).
BROWSE_KEYS = [
    *("id", "name", "provider"),  # the card's title and link: every card has them
    *(f.name for f in field_spec.BUILTIN.fields if "card" in f.show and not f.card_slot and f.card_kind != "line"),
]


def match_json(programs: list[Program], views, credentials: dict, work_settings) -> str:
    """Every program's full record as the questionnaire ranks it. The build writes search/match.json
    (match_files.py) instead; this is the reference tests/test_browse_at_scale.py ranks against."""
    # Prices are shown with the date they were checked, and a warning when that is old.
    extra = {
        "last_verified": [_typed(p.last_verified) for p in programs],
        "verified_stale": [v.verified_stale for v in views],
        **certify_columns(programs, views, credentials),
    }
    data = compact_rows(programs, MATCH_KEYS, extra)
    data["work_settings"] = [
        {"key": s.key, "label": s.label, "codes": s.codes, "explain": s.explain} for s in work_settings
    ]
    data["labels"] = LABELS
    return json_text.compact(data)


# What a browse card shows beyond BROWSE_KEYS, typed as format.js words them (no words: the rows are
# the same for every language): months as [low, high], the place as written, the date as ISO.
BROWSE_VIEW_KEYS = ["duration", "location", "last_verified", "verified_stale"]


def browse_rows(programs: list[Program], views, credentials: dict, declared: tuple[str, ...] = ()) -> dict[str, Any]:
    """What a browse card shows, as {keys, programs}: row i is the program at browse position i.
    search_files.py splits the rows into search/rows/ files and puts the keys in search/meta.json.
    A row is made from its program and view alone (a view is made again when the credentials change).
    `declared`: the columns data/fields.toml shows on cards; a row then ends with their typed values."""
    rows = [_browse_row(program, view, credentials, declared) for program, view in zip(programs, views, strict=True)]
    keys = BROWSE_KEYS + BROWSE_VIEW_KEYS + list(CERTIFY_KEYS) + (["declared"] if declared else [])
    return {"keys": keys, "programs": rows}


CERTIFY_KEYS = ("certify_usd", "certify_note", "certify_by")  # certify_columns' keys, in its order (_browse_row's)


# Each program's browse row, kept from the last build in a long-lived process: the row files of
# search/rows/ are remade only where a row is not the same object as before (search_files.row_files).
@per_program("browse row", within_build=False)
def _browse_row(program: Program, view, credentials: dict, declared: tuple[str, ...] = ()) -> list:
    record = _shared_record(program)
    values = program.declared or {}
    own = [{name: _typed(values.get(name)) for name in declared}] if declared else []
    return [
        *(record[k] for k in BROWSE_KEYS),
        _typed(program.duration_months),
        ", ".join(part for part in (program.city, program.state) if part) or None,
        _typed(program.last_verified),
        view.verified_stale,
        plain_number(view.certify.amount),
        certify_note(view.certify),
        certify_by(program, view, credentials),
        *own,
    ]


CREDENTIAL_COLUMNS = table_schema.names(table_schema.CREDENTIAL_COLUMNS)


def credentials_csv(credentials: list[Credential]) -> str:
    """credentials.csv as the site read it, so the open-data package holds both files."""
    return _csv(credentials, CREDENTIAL_COLUMNS, map(_credential_cells, credentials))


def _credential_cells(credential: Credential) -> list[str]:
    values = (getattr(credential, name) for name in CREDENTIAL_COLUMNS)
    return [_cell(plain_number(v) if isinstance(v, float) else v) for v in values]
