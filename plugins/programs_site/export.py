"""The cleaned data as files people and tools can download: programs.json and programs.csv."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from . import table_schema
from .certify import certify_costs_by_credential
from .csv_table import guard_formula
from .present import FORMAT_LABELS, NO, NOT_LISTED, PACE_LABELS, STALE_NOTE, STALE_SHORT, YES, certify_text
from .records import Credential, Program

# Columns in the order docs/data-format.md lists them; the CSV export re-imports without errors.
COLUMNS = table_schema.names(table_schema.PROGRAM_COLUMNS)
# Worked out by the build (the cost to get certified), exported after the file's own columns.
DERIVED_COLUMNS = table_schema.names(table_schema.DERIVED_PROGRAM_COLUMNS)


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == int(value) else value


# id(program) -> (program, record) while records_once() is active; the program is kept so an id is never reused.
_ONCE: dict[int, tuple[Program, dict[str, Any]]] = {}


@contextmanager
def records_once(programs: list[Program]) -> Iterator[None]:
    """Within the block each program's record is worked out once, however many files use it."""
    _ONCE.update({id(p): (p, _record(p)) for p in programs})
    try:
        yield
    finally:
        _ONCE.clear()


def program_record(program: Program, view=None) -> dict[str, Any]:
    """Typed values as JSON: unknown is null, never 0 or false. With the program's view, also the
    cost to get certified that every page shows. A fresh dict: callers may add keys."""
    once = _ONCE.get(id(program))
    record = dict(once[1]) if once is not None and once[0] is program else _record(program)
    if view is not None:
        record["cost_to_certify_usd"] = _number(view.certify.amount)
        record["cost_to_certify_credential"] = view.certify.code
    return record


def _record(program: Program) -> dict[str, Any]:
    low, high = program.duration_months or (None, None)
    record: dict[str, Any] = {
        "id": program.id,
        "name": program.name,
        "provider": program.provider,
        "format": program.format,
        "duration_months": _number(high),
        "duration_months_min": _number(low),
        "clock_hours": _number(program.clock_hours),
        "cost_usd": _number(program.cost_usd),
        "cost_tuition": _number(program.cost_tuition),
        "cost_fees": _number(program.cost_fees),
        "cost_books": _number(program.cost_books),
        "cost_exam": _number(program.cost_exam),
        "credentials": program.credentials,
        "exam_prep": program.exam_prep,
        "exam_voucher_included": program.exam_voucher_included,
        "accreditation": program.accreditation,
        "pace": program.pace,
        "hours_per_week": _number(program.hours_per_week),
        "externship": program.externship,
        "financial_aid": program.financial_aid,
        "military_benefits": program.military_benefits,
        "city": program.city,
        "state": program.state,
        "enroll_url": program.enroll_url,
        "url": program.url,
        "description": "\n\n".join(program.description) or None,
        "completion_rate": _number(program.completion_rate),
        "exam_pass_rate": _number(program.exam_pass_rate),
        "job_placement_rate": _number(program.job_placement_rate),
        "outcomes_source": program.outcomes_source,
        "last_verified": program.last_verified.isoformat() if program.last_verified else None,
        "more_details": dict(program.extra),
    }
    return record


def programs_json(programs: list[Program], views) -> str:
    records = [program_record(p, v) for p, v in zip(programs, views, strict=True)]
    return json.dumps(records, ensure_ascii=False, separators=(",", ":"))


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


def _csv(records: list[Program] | list[Credential], columns: list[str], own_cells: Iterable[list[str]]) -> str:
    """Our columns (`own_cells`: one list per record), then the source file's other columns."""
    extra_headers = other_headers(records, columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # Spreadsheets run a cell that starts like a formula; reading a CSV back drops the guard's quote.
    writer.writerow(columns + [guard_formula(h) for h in extra_headers])
    for record, cells in zip(records, own_cells, strict=True):
        extras = dict(record.extra)
        row = cells + [extras.get(h, "") for h in extra_headers]
        writer.writerow([guard_formula(cell) for cell in row])
    return out.getvalue()


def _program_cells(program: Program, view) -> list[str]:
    record = program_record(program, view)
    low, high = record["duration_months_min"], record["duration_months"]
    record["duration_months"] = f"{low}-{high}" if low is not None and low != high else high
    return [_cell(record[c]) for c in COLUMNS + DERIVED_COLUMNS]


def programs_csv(programs: list[Program], views) -> str:
    cells = (_program_cells(p, v) for p, v in zip(programs, views, strict=True))
    return _csv(programs, COLUMNS + DERIVED_COLUMNS, cells)


def program_json(program: Program, view) -> str:
    """What the compare page shows for one program: typed values plus the worded ones."""
    record = program_record(program, view)
    record["path"] = view.path
    record["display"] = {
        "cost": view.cost,
        "certify": view.certify_text,
        "certify_detail": view.certify_detail,
        # The date with its warning, as the compare table shows it.
        "verified": f"{view.last_verified} ({STALE_SHORT})" if view.verified_stale else view.last_verified,
        "duration": view.duration,
        "format": view.format,
        "facts": {fact.label: fact.text for fact in view.facts},
        "credentials": [{"code": c.code, "name": c.name, "path": c.path} for c in view.credentials],
        "last_verified": view.last_verified,
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def compact_rows(programs: list[Program], keys: list[str], extra: dict[str, list] | None = None) -> dict[str, Any]:
    """Rows as arrays with the keys listed once: a third of the bytes of a list of objects."""
    extra = extra or {}
    rows = []
    for index, program in enumerate(programs):
        record = program_record(program)
        rows.append([record[k] for k in keys] + [values[index] for values in extra.values()])
    return {"keys": keys + list(extra), "programs": rows}


def certify_columns(programs: list[Program], views, credentials: dict) -> dict[str, list]:
    """The cost to get certified as the browser needs it: the default amount and its words, and, for a
    program listing several credentials, each one's (a visitor's chosen credential changes the fee)."""
    by_credential = []
    for program in programs:
        costs = certify_costs_by_credential(program, credentials)
        options = {code: [_number(c.amount), certify_text(c)] for code, c in costs.items()}
        # Only when the choice changes the answer: most programs' fees are the same for each credential.
        by_credential.append(options if len({text for _, text in options.values()}) > 1 else None)
    return {
        "certify_usd": [_number(v.certify.amount) for v in views],
        "certify_text": [v.certify_text for v in views],
        "certify_by": by_credential,
    }


# The build's words for values the browser shows, so no script keeps a second copy of them.
LABELS = {
    "format": FORMAT_LABELS,
    "pace": PACE_LABELS,
    "not_listed": NOT_LISTED,
    "yes": YES,
    "no": NO,
    "stale": STALE_NOTE,
}

MATCH_KEYS = [
    "id",
    "name",
    "provider",
    "cost_usd",
    "duration_months",
    "format",
    "pace",
    "credentials",
    "exam_prep",
    "exam_voucher_included",
    "financial_aid",
    "military_benefits",
    "city",
    "state",
]
# What a browse card shows, nothing more: the filters read search/facets/ (search_files.py).
BROWSE_KEYS = ["id", "name", "provider", "format", "credentials", "exam_prep"]


def match_json(programs: list[Program], views, credentials: dict, work_settings) -> str:
    """Every program's full record as the questionnaire ranks it. The build writes search/match.json
    (match_files.py) instead; this is the reference tests/test_browse_at_scale.py ranks against."""
    # Prices are shown with the date they were checked, and a warning when that is old.
    extra = {
        "last_verified_text": [v.last_verified for v in views],
        "verified_stale": [v.verified_stale for v in views],
        **certify_columns(programs, views, credentials),
    }
    data = compact_rows(programs, MATCH_KEYS, extra)
    data["work_settings"] = [
        {"key": s.key, "label": s.label, "codes": s.codes, "explain": s.explain} for s in work_settings
    ]
    data["labels"] = LABELS
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def browse_rows(programs: list[Program], views, credentials: dict) -> dict[str, Any]:
    """What a browse card shows, as {keys, programs}: row i is the program at browse position i.
    search_files.py splits the rows into search/rows/ files and puts the keys in search/meta.json."""
    extra = {
        "duration_text": [v.duration for v in views],
        "location": [v.location for v in views],
        "last_verified": [v.last_verified for v in views],
        "verified_stale": [v.verified_stale for v in views],
        **certify_columns(programs, views, credentials),
    }
    return compact_rows(programs, BROWSE_KEYS, extra)


CREDENTIAL_COLUMNS = table_schema.names(table_schema.CREDENTIAL_COLUMNS)


def credentials_csv(credentials: list[Credential]) -> str:
    """credentials.csv as the site read it, so the open-data package holds both files."""
    return _csv(credentials, CREDENTIAL_COLUMNS, map(_credential_cells, credentials))


def _credential_cells(credential: Credential) -> list[str]:
    values = (getattr(credential, name) for name in CREDENTIAL_COLUMNS)
    return [_cell(_number(v) if isinstance(v, float) else v) for v in values]
