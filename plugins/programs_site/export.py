"""The cleaned data as files people and tools can download: programs.json and programs.csv."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .records import Program

# Columns in the order DESIGN.md lists them; the CSV export re-imports without errors.
COLUMNS = [
    "id",
    "name",
    "provider",
    "format",
    "duration_months",
    "clock_hours",
    "cost_usd",
    "cost_tuition",
    "cost_fees",
    "cost_books",
    "cost_exam",
    "credentials",
    "exam_prep",
    "exam_voucher_included",
    "accreditation",
    "pace",
    "hours_per_week",
    "externship",
    "financial_aid",
    "military_benefits",
    "city",
    "state",
    "enroll_url",
    "url",
    "description",
    "completion_rate",
    "exam_pass_rate",
    "job_placement_rate",
    "outcomes_source",
    "last_verified",
]


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


def program_record(program: Program) -> dict[str, Any]:
    """Typed values as JSON: unknown is null, never 0 or false. A fresh dict: callers may add keys."""
    once = _ONCE.get(id(program))
    if once is not None and once[0] is program:
        return dict(once[1])
    return _record(program)


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


def programs_json(programs: list[Program]) -> str:
    return json.dumps([program_record(p) for p in programs], ensure_ascii=False, separators=(",", ":"))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def programs_csv(programs: list[Program]) -> str:
    extra_headers: list[str] = []
    for program in programs:
        for header, _ in program.extra:
            if header not in extra_headers and header.lower() not in COLUMNS:
                extra_headers.append(header)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS + extra_headers)
    for program in programs:
        record = program_record(program)
        low, high = record["duration_months_min"], record["duration_months"]
        record["duration_months"] = f"{low}-{high}" if low is not None and low != high else high
        extras = dict(program.extra)
        writer.writerow([_cell(record[c]) for c in COLUMNS] + [extras.get(h, "") for h in extra_headers])
    return out.getvalue()


def program_json(program: Program, view) -> str:
    """What the compare page shows for one program: typed values plus the worded ones."""
    record = program_record(program)
    record["path"] = view.path
    record["display"] = {
        "cost": view.cost,
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
    "state",
]
# What browse.js filters, sorts and shows on a card, nothing more: at 10,000 programs every key costs.
BROWSE_KEYS = [
    "id",
    "name",
    "provider",
    "cost_usd",
    "duration_months",
    "format",
    "credentials",
    "exam_prep",
    "exam_voucher_included",
    "financial_aid",
    "military_benefits",
    "state",
    "accreditation",
]


def match_json(programs: list[Program], work_settings) -> str:
    """The data the questionnaire ranks."""
    data = compact_rows(programs, MATCH_KEYS)
    data["work_settings"] = [{"key": s.key, "label": s.label, "codes": s.codes} for s in work_settings]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def browse_json(programs: list[Program], views) -> str:
    """What browse.js filters, sorts and shows as cards; row i is search-index ref i."""
    extra = {"cost_text": [v.cost for v in views], "duration_text": [v.duration for v in views]}
    return json.dumps(compact_rows(programs, BROWSE_KEYS, extra), ensure_ascii=False, separators=(",", ":"))
