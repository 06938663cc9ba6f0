"""Read a spreadsheet export into canonical column names and rows numbered as a spreadsheet shows them."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .problems import DataError, Problem

# A spreadsheet app runs a cell that starts with one of these as a formula. Exports put an apostrophe
# before such a cell, as the compare page's CSV does (compare.js csvCell); reading drops it again,
# so an exported programs.csv re-imports to the same programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# Control characters a page cannot show (NUL, escape, C1 controls…): an error where they are, never
# written into a page. Tab and line breaks stay allowed: a spreadsheet cell may hold several lines.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_problem(path: str, line: int, column: str, value: str) -> Problem | None:
    found = CONTROL.search(value)
    if found is None:
        return None
    return Problem(
        path,
        line,
        column,
        f"the cell holds the control character U+{ord(found[0]):04X} (character {found.start() + 1}),"
        " which a page cannot show; delete it (copies from other programs sometimes leave one)",
    )


def guard_formula(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


@dataclass
class Table:
    path: str
    columns: list[str]  # canonical (lower-case, trimmed) names, in file order
    headers: dict[str, str]  # canonical name -> header as the maintainer wrote it
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, canonical name -> trimmed cell)
    warnings: list[Problem] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # site column -> export header it was mapped from
    errors: list[Problem] = field(default_factory=list)  # found while reading, listed with the rows' problems


def decode(path: str, raw: bytes) -> tuple[str, list[Problem]]:
    """UTF-8 (with or without BOM); Windows-1252 with a warning, since that is what Excel's plain 'CSV' writes."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        where = f"byte 0x{raw[err.start]:02x}"
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise DataError(
            [
                Problem(
                    path,
                    line,
                    str(column),
                    f"the file is not UTF-8 text ({where} cannot be read); save it as 'CSV UTF-8'",
                )
            ]
        ) from None
    return text, [
        Problem(
            path,
            line,
            str(column),
            f"the file is not UTF-8 ({where}); read it as Windows-1252. Save it as 'CSV UTF-8' to be sure accents survive",
            warning=True,
        )
    ]


def read_table(path: str | Path, controls_allowed: bool = False, keep: Any = None) -> Table:
    """`controls_allowed`: read cells with control characters as they are (`make mapping` only: its
    starter escapes them, and `make check` then names each cell). `keep`: the caller builds again in
    this process (`make devserver`) and hands the store its last reads are kept in (memo.Kept: `cells`
    and `rows`, by path): the file's records are kept there, and its next read reads only new ones."""
    path = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(path, 1, "1", "file not found")]) from None
    except OSError as err:
        raise DataError([Problem(path, 1, "1", f"cannot read the file: {err.strerror}")]) from None
    text, warnings = decode(path, raw)
    if not text.strip():
        raise DataError([Problem(path, 1, "1", "the file is empty; expected a header row and one row per entry")])
    # The csv module only measures the widest row, so pandas gets enough column slots for
    # ragged rows (spreadsheets often add trailing commas) instead of failing on them.
    if keep:  # a file read once (an old version in a temporary folder, history.py) is gone by now
        for gone in [
            kept for kept in keep.cells.keys() | keep.rows.keys() if kept != path and not os.path.exists(kept)
        ]:
            keep.cells.pop(gone, None)
            keep.rows.pop(gone, None)
    lines: list[str] = []  # in a long-lived process: the lines csv has read, to cut the records' text
    reader = csv.reader(_recording(io.StringIO(text, newline=""), lines) if keep else io.StringIO(text, newline=""))
    try:
        records, width = [], 0
        for row in reader:
            width = max(width, len(row))
            if keep:
                records.append("".join(lines))
                lines.clear()
        cells = _kept_cells(keep.cells, path, records, width) if keep else None
        if cells is None:
            cells = _parse(text, width)
            if keep and len(cells) == len(records):
                keep.cells[path] = (width, dict(zip(records, cells, strict=True)))
    except (csv.Error, pd.errors.ParserError, ValueError) as err:
        raise DataError([Problem(path, reader.line_num or 1, "1", f"the file cannot be read as CSV: {err}")]) from None
    return _shape(path, cells, warnings, not controls_allowed and CONTROL.search(text) is not None, keep)


def _parse(text: str, width: int) -> list[list[str]]:
    """Every record's cells (`width` of them, trimmed), as pandas reads them."""
    frame = pd.read_csv(
        io.StringIO(text, newline=""),
        header=None,
        names=range(width),
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        engine="c",
    )
    # A plain loop over the cells: pandas' string methods call the same str.strip per cell, with
    # five times the overhead (0.3 s at 10,000 rows, paid again by each devserver rebuild).
    return [[_cell_text(cell) for cell in row] for row in frame.values.tolist()]


def _recording(lines: Iterable[str], seen: list[str]) -> Iterator[str]:
    for line in lines:
        seen.append(line)
        yield line


# The last read of each file in a long-lived process (`make devserver`, memo.Kept.cells): each record's
# text (its lines, as csv cut them) -> its cells, and the width they were read at. A rebuild after an
# edit hands pandas only the records it has not seen. Kept only when pandas and csv agreed on the
# records (one row each), and used only at the same width; anything odd reads the whole file again.
_KEPT_NEW_MAX = 500  # more new records than this: the whole file is read again
_BLANK = ("\n", "\r\n", "\r")


def _kept_cells(store: dict, path: str, records: list[str], width: int) -> list[list[str]] | None:
    kept = store.get(path)
    if kept is None or kept[0] != width:
        return None
    known = kept[1]
    new = list(dict.fromkeys(r for r in records if r not in known and r not in _BLANK))
    if len(new) > _KEPT_NEW_MAX or any(r.startswith("\ufeff") for r in new):
        return None
    try:
        parsed = _parse("".join(r if r.endswith(("\n", "\r")) else r + "\n" for r in new), width) if new else []
    except (pd.errors.ParserError, ValueError):
        return None
    if len(parsed) != len(new):
        return None
    fresh = dict(zip(new, parsed, strict=True))
    blank = [""] * width
    cells = [known.get(r) or fresh.get(r) or blank for r in records]
    store[path] = (width, dict(zip(records, cells, strict=True)))
    return cells


_GUARDED = ("=", "+", "-", "@")  # what an export's apostrophe may stand before (FORMULA_START's printable part)


def _cell_text(cell: str) -> str:
    """Trimmed, without the apostrophe an export puts before a formula-like cell (guard_formula)."""
    cell = cell.strip()
    return cell[1:] if cell[:1] == "'" and cell[1:2] in _GUARDED else cell


def _shape(
    path: str, cells: list[list[str]], warnings: list[Problem], controls: bool = False, keep: Any = None
) -> Table:
    """`controls`: the file holds a control character somewhere, so each cell is looked at for one.
    `keep`: the rows made are kept there (its `rows`) for the file's next read (read_table)."""
    header = cells[0]
    problems: list[Problem] = []
    # Control characters do not stop the reading: they are listed with the rows' other problems (load.py).
    errors: list[Problem] = []
    if controls:
        errors += filter(None, (control_problem(path, 1, str(i + 1), name) for i, name in enumerate(header)))
    seen: dict[str, int] = {}
    positions: list[tuple[int, str]] = []
    headers: dict[str, str] = {}
    for index, name in enumerate(header):
        canonical = name.strip().lower()
        if not canonical:
            continue
        if canonical in seen:
            problems.append(
                Problem(
                    path,
                    1,
                    canonical,
                    f"column '{name}' appears twice (columns {seen[canonical] + 1} and {index + 1}); keep one",
                )
            )
            continue
        seen[canonical] = index
        headers[canonical] = name.strip()
        positions.append((index, canonical))
    named = {i for i, _ in positions} | {i for i, n in enumerate(header) if n.strip()}
    # The last read's rows of the file in a long-lived process, by the cells' content: the same cells under
    # the same header make the same row, the same dict (so load.py knows the row unchanged without comparing
    # it), and had no cell outside a column.
    layout = (tuple(positions), tuple(sorted(named)))
    last = keep.rows.get(path) if keep else None
    kept = last[1] if last is not None and last[0] == layout else {}
    made: dict[tuple[str, ...], dict[str, str]] = {}
    rows = []
    for offset, row in enumerate(cells[1:], start=2):
        # A content key, only worth its cost when kept (str caches its hash: ~1 ms for 10,000 kept rows).
        cells_key = tuple(row) if keep else None
        hit = kept.get(cells_key) if keep else None
        if hit is None:
            if not any(row):
                continue  # blank lines and the empty rows spreadsheets append
            fine = True
            for index, value in enumerate(row):
                if value and index not in named:
                    fine = False
                    problems.append(
                        Problem(path, offset, str(index + 1), f"cell '{_short(value)}' is in a column with no header")
                    )
            if controls:
                for index, value in enumerate(row):
                    label = header[index].strip().lower() or str(index + 1)
                    found = control_problem(path, offset, label, value)
                    if found:
                        fine = False  # the row is not read: its other cells would only add noise
                        errors.append(found)
            if not fine:
                continue
            hit = {name: row[index] for index, name in positions}
        if keep:
            made[cells_key] = hit
        rows.append((offset, hit))
    if keep:
        keep.rows[path] = (layout, made)
    if problems:
        raise DataError(sorted(problems + errors, key=lambda p: p.line))
    return Table(path, [n for _, n in positions], headers, rows, warnings, errors=errors)


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
