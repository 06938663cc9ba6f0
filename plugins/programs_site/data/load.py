"""Load programs.csv and credentials.csv into typed records, collecting every problem before failing."""

from __future__ import annotations

import datetime as dt
import functools
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from . import in_two
from .csv_table import Table, read_table
from .field_spec import EMPTY, FieldSpec, declared_problem, read_declared
from .fields import make_slug
from .mapping import apply_mapping, find_mapping, in_spreadsheet_terms, mapping_path
from .problems import DataError, Problem
from .records import Credential, Program, Record, stored, value_problem
from .records import columns as record_columns
from .suggest import missing_column_message
from .table_schema import CREDENTIAL_COLUMNS, PROGRAM_COLUMNS, Column, required

R = TypeVar("R", bound=Record)

STALE_AFTER_DAYS = 548  # 18 months: older checks are flagged so maintainers re-verify them


def read_mapped_table(
    path: str | Path,
    mapping: str | None,
    model: type[Record],
    columns: tuple[Column, ...],
    spec: FieldSpec = EMPTY,
    keep: Any = None,
) -> Table:
    """The file as a table in the site's column names, through its mapping file when it has one. A
    mapping may rename and recode the columns data/fields.toml declares (`spec`) as it does ours.
    `keep`: the caller builds again in this process (csv_table.read_table)."""
    table = read_table(path, keep=keep)
    readers = dict(spec.readers)

    def check(column: str, value: str) -> str | None:
        return declared_problem(readers[column], value) if column in readers else value_problem(model, column, value)

    if spec:
        columns = columns + tuple(f.column() for f in spec.fields)
    return apply_mapping(table, find_mapping(path, mapping, columns, check), columns)


def _records(
    table: Table,
    model: type[R],
    columns: tuple[Column, ...],
    noun: str,
    mapping: str | None,
    spec: FieldSpec = EMPTY,
    keep: Any = None,
) -> tuple[list[R], list[Problem]]:
    """`keep`: the caller builds again in this process (`make devserver`) and hands the store (memo.Kept)
    the rows validated are kept in for its next build, which validates only the rows that changed:
    `validated`, the records by their values (rows without an id are left out, since their ids depend
    on the other rows); `by_row`, per model, the same records by the row's cells in the table's column
    order: a row with the same cells on the same line under the same header and declarations is the
    same record, found without reading its values again: (the header, {cells: (line, record, key)})."""
    path = table.path
    missing = [name for name in required(columns) if name not in table.columns]
    if missing:
        where = mapping_path(path, mapping)
        problems = [Problem(path, 1, n, missing_column_message(table, n, columns, where)) for n in missing]
        raise DataError(table.errors + problems)
    if not table.rows:
        raise DataError(
            table.errors or [Problem(path, 2, "1", f"no {noun}: the file has a header row but no data rows")]
        )
    if not keep:  # a build in a process of its own: the rows in two halves at once
        records, problems = [], []
        for half in in_two.halves(partial(_validate_rows, table, model, spec), table.rows):
            records += half[0]
            problems += half[1]
        return records, problems
    known = _column_sets(model)[0]
    records = []
    problems = []
    validated = {}
    kept = keep.validated
    last = keep.by_row.get(model)
    # A row read under other declarations (data/fields.toml edited) is read again. The columns' order
    # is part of the header: a row's cells are keyed by their values alone, in that order.
    shape = (tuple(table.columns), table.headers, spec.signature())
    by_row = last[1] if last is not None and last[0] == shape else {}
    now = {}
    for line, cells in table.rows:
        cells_key = tuple(cells.values())  # str caches its hash: ~1 ms for 10,000 unchanged rows
        hit = by_row.get(cells_key)
        if hit is not None and hit[0] == line:
            records.append(hit[1])
            validated[hit[2]] = now[cells_key] = hit
            continue
        data, extra = _row_values(table, model, cells, spec)
        memo = (
            (model, line, tuple(data.items()), tuple(extra), shape[2]) if "id" not in known or data.get("id") else None
        )
        record = kept.get(memo) if memo else None
        if record is None:
            record = _validate(table.path, model, line, data, extra, problems, spec)
            if record is None:
                continue
        records.append(record)
        if memo:
            validated[memo] = now[cells_key] = (line, record, memo)
    stale = [key for key in kept if key[0] is model]
    for key in stale:
        del kept[key]
    kept.update((memo, hit[1]) for memo, hit in validated.items())
    keep.by_row[model] = (shape, now)
    return records, problems


@functools.cache
def _column_sets(model: type[Record]) -> tuple[frozenset[str], frozenset[str]]:
    """The record's columns, and the columns that are not "More details" (those and the derived ones)."""
    known = record_columns(model)
    return known, known | frozenset(getattr(model, "DERIVED", ()))


def _row_values(table: Table, model: type[Record], cells: dict, spec: FieldSpec = EMPTY) -> tuple[dict, list]:
    """The row's values for the record's columns, and its other columns' (under their headers); the
    columns data/fields.toml declares are the record's too, as `declared` (their cells, read later)."""
    known, skipped = _column_sets(model)
    data = {name: value for name, value in cells.items() if name in known}
    if spec:
        names = spec.names()
        data["declared"] = tuple((name, cells.get(name)) for name in names)  # hashable: load's memo key
        extra = [(table.headers[n], v) for n, v in cells.items() if n not in skipped and n not in names and v]
        return data, extra
    extra = [(table.headers[name], value) for name, value in cells.items() if name not in skipped and value]
    return data, extra


def _validate(
    path: str, model: type[R], line: int, data: dict, extra: list, problems: list[Problem], spec: FieldSpec = EMPTY
) -> R | None:
    """The row's record; None, with its problems added to `problems`, when it does not validate."""
    found = []
    if spec:  # the declared columns' cells, read by their types; their problems join the row's
        values, bad = read_declared(spec.readers, dict(data["declared"]))
        data = {**data, "declared": values}
        found = [Problem(path, line, column, message, value=value) for column, message, value in bad]
    try:
        record = stored(model.model_validate({**data, "line": line, "extra": extra}))
    except ValidationError as err:
        for item in err.errors():
            value = item.get("input")
            problems.append(
                Problem(path, line, str(item["loc"][0]), item["msg"], value=value if isinstance(value, str) else None)
            )
        problems += found
        return None
    problems += found
    return None if found else record


def _validate_rows(table: Table, model: type[R], spec: FieldSpec, rows) -> tuple[list[R], list[Problem]]:
    """Records of the rows that validate, and the problems of those that do not."""
    records: list[R] = []
    problems: list[Problem] = []
    for line, cells in rows:
        record = _validate(table.path, model, line, *_row_values(table, model, cells, spec), problems, spec)
        if record is not None:
            records.append(record)
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
            message = f"{column} '{key}' is already used on row {seen[key]}"
            problems.append(Problem(table.path, line, column, message, value=key))
        else:
            seen[key] = line
    return problems


def load_credentials(
    path: str | Path, mapping: str | None = None, keep: Any = None
) -> tuple[list[Credential], list[Problem]]:
    """Credentials by code; raises DataError listing every problem."""
    table = read_mapped_table(path, mapping, Credential, CREDENTIAL_COLUMNS, keep=keep)
    credentials, problems = _records(table, Credential, CREDENTIAL_COLUMNS, "credentials", mapping, keep=keep)
    problems += table.errors + _duplicates(table, "code", str.upper)
    if problems:
        raise DataError(in_spreadsheet_terms(table, sorted(problems, key=lambda p: p.line)))
    return credentials, in_spreadsheet_terms(table, table.warnings)


def load_programs(
    path: str | Path,
    known_codes: set[str],
    today: dt.date | None = None,
    mapping: str | None = None,
    fields: FieldSpec = EMPTY,
    keep: Any = None,
) -> tuple[list[Program], list[Problem]]:
    """Programs in file order, with warnings; raises DataError listing every problem.

    `mapping` names the mapping file; by default it is the CSV's name with `.toml`, used when it exists.
    `fields`: the columns data/fields.toml declares (field_spec.py), read by their types.
    `keep`: the caller builds again in this process (`make devserver`) and hands the store (memo.Kept)
    the rows it read and validated are kept in for its next build; a single build hands None.
    """
    table = read_mapped_table(path, mapping, Program, PROGRAM_COLUMNS, fields, keep)
    programs, problems = _records(table, Program, PROGRAM_COLUMNS, "programs", mapping, fields, keep)
    warnings = list(table.warnings)
    for field in fields.fields:
        if field.name not in table.columns:
            message = f"field '{field.name}' is declared, but {Path(table.path).name} has no such column"
            warnings.append(Problem(fields.path, field.line, "", message, warning=True))
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
    problems += table.errors + _duplicates(table, "id")
    _assign_ids(table.path, programs, warnings, report_each="id" in table.columns)
    if problems:
        raise DataError(in_spreadsheet_terms(table, sorted(problems, key=lambda p: p.line)))
    warnings += _quality_warnings(table.path, programs, known_codes, today or dt.date.today())
    return programs, in_spreadsheet_terms(table, warnings)


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


def programs_in(path: str | Path, mapping: str | None = None, fields: FieldSpec = EMPTY) -> list[Program]:
    """Every row of a programs file that validates, with the ids a build gives them; rows with
    problems are left out. For reading old versions of the file (the data history), which may not build.
    `fields`: the build's declarations, which its mapping file may name."""
    table = read_mapped_table(path, mapping, Program, PROGRAM_COLUMNS, fields)
    programs, _ = _records(table, Program, PROGRAM_COLUMNS, "programs", mapping)
    _assign_ids(table.path, programs, [], report_each=False)
    return programs
