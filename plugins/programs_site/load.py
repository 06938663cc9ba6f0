"""Load programs.csv and credentials.csv into typed records, collecting every problem before failing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from .csv_table import Table, read_table
from .fields import make_slug
from .memo import long_lived
from .problems import DataError, Problem
from .records import Credential, Program, Record

R = TypeVar("R", bound=Record)

STALE_AFTER_DAYS = 548  # 18 months: older checks are flagged so maintainers re-verify them

# The rows validated by the last load in this process, by their cells: a long-running build
# (`make devserver`, see memo.py) validates only the rows that changed. Rows without an id are left out, since
# their ids depend on the other rows.
_VALIDATED: dict[tuple, Record] = {}


def _records(table: Table, model: type[R], required: tuple[str, ...], noun: str) -> tuple[list[R], list[Problem]]:
    path = table.path
    missing = [name for name in required if name not in table.columns]
    if missing:
        raise DataError([Problem(path, 1, name, f"required column '{name}' is missing") for name in missing])
    if not table.rows:
        raise DataError([Problem(path, 2, "1", f"no {noun}: the file has a header row but no data rows")])
    known = set(model.model_fields) - {"line", "extra"}
    records: list[R] = []
    problems: list[Problem] = []
    validated = {}
    remember = long_lived()
    for line, cells in table.rows:
        data = {name: value for name, value in cells.items() if name in known}
        extra = [(table.headers[name], value) for name, value in cells.items() if name not in known and value]
        memo = (
            (model, line, tuple(data.items()), tuple(extra))
            if remember and ("id" not in known or data.get("id"))
            else None
        )
        record = _VALIDATED.get(memo) if memo else None
        try:
            record = record or model.model_validate({**data, "line": line, "extra": extra})
        except ValidationError as err:
            for item in err.errors():
                problems.append(Problem(path, line, str(item["loc"][0]), item["msg"]))
            continue
        records.append(record)
        if memo:
            validated[memo] = record
    stale = [key for key in _VALIDATED if key[0] is model]
    for key in stale:
        del _VALIDATED[key]
    _VALIDATED.update(validated)
    return records, problems


def _duplicates(table: Table, column: str, normalise=str) -> list[Problem]:
    """Checked on the raw cells so a repeated key is reported even on rows with other errors."""
    problems = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        key = normalise(cells.get(column, ""))
        if not key:
            continue
        if key in seen:
            problems.append(Problem(table.path, line, column, f"{column} '{key}' is already used on row {seen[key]}"))
        else:
            seen[key] = line
    return problems


def load_credentials(path: str | Path) -> tuple[list[Credential], list[Problem]]:
    """Credentials by code; raises DataError listing every problem."""
    table = read_table(path)
    credentials, problems = _records(table, Credential, ("code", "name"), "credentials")
    problems += _duplicates(table, "code", str.upper)
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line))
    return credentials, table.warnings


def load_programs(
    path: str | Path, known_codes: set[str], today: dt.date | None = None
) -> tuple[list[Program], list[Problem]]:
    """Programs in file order, with warnings; raises DataError listing every problem."""
    table = read_table(path)
    programs, problems = _records(table, Program, ("name", "provider"), "programs")
    warnings = list(table.warnings)
    if "id" not in table.columns:
        warnings.append(
            Problem(
                table.path,
                1,
                "id",
                "no 'id' column: ids are made from provider and name, so renaming a program breaks links to it",
                warning=True,
            )
        )
    problems += _duplicates(table, "id")
    _assign_ids(table.path, programs, warnings, report_each="id" in table.columns)
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line))
    warnings += _quality_warnings(table.path, programs, known_codes, today or dt.date.today())
    return programs, warnings


def _assign_ids(path: str, programs: list[Program], warnings: list[Problem], report_each: bool) -> None:
    """Programs without an id get one from provider + name, kept unique with a -2, -3… suffix."""
    taken = {p.id for p in programs if p.id}
    for program in programs:
        if program.id is not None:
            continue
        base = make_slug(f"{program.provider} {program.name}")
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        program.id = candidate
        taken.add(candidate)
        if report_each:  # when the whole column is missing, one warning says so already
            warnings.append(Problem(path, program.line, "id", f"empty id; using '{candidate}'", warning=True))


def _quality_warnings(path: str, programs: list[Program], known_codes: set[str], today: dt.date) -> list[Problem]:
    warnings = []
    for program in programs:
        for code in program.credentials:
            if code not in known_codes:
                warnings.append(
                    Problem(
                        path,
                        program.line,
                        "credentials",
                        f"unknown credential '{code}' (not in credentials.csv); shown without a link",
                        warning=True,
                    )
                )
        if program.last_verified and (today - program.last_verified).days > STALE_AFTER_DAYS:
            warnings.append(
                Problem(
                    path,
                    program.line,
                    "last_verified",
                    f"last verified {program.last_verified.isoformat()}, more than 18 months ago",
                    warning=True,
                )
            )
    return warnings
