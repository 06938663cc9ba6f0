"""Read a mapping file (TOML beside the CSV) and apply it to a table, so another system's export is used as it is.

The mapping renames the export's headers to the site's columns (`[columns]`), translates coded values
(`[values.<column>]`) and chooses which other columns are kept (`other_columns`). It runs between
reading the table and validating rows; the table remembers which header each site column came
from, so messages still name the spreadsheet's own header.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .csv_table import CONTROL, Table
from .problems import DataError, Problem
from .table_schema import Column, header_words
from .toml_file import read_toml

TOP_KEYS = ("other_columns", "columns", "values")
ValueCheck = Callable[[str, str], str | None]  # (site column, value) -> the problem with it, or None


@dataclass(frozen=True)
class Mapping:
    path: str
    columns: dict[str, str]  # site column -> spreadsheet header, trimmed, as the mapping file writes it
    values: dict[str, dict[str, str]]  # site column -> {spreadsheet value, trimmed and lower-case: value read}
    other_columns: tuple[str, ...] | None  # spreadsheet headers kept under "More details", trimmed; None: all
    lines: dict[tuple[str, ...], int]  # key path in the TOML file -> its line, for messages

    def line(self, *key: str) -> int:
        """The line of a key, or of the nearest enclosing table when the key sits in an inline table."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1


def mapping_path(csv_path: str | Path, setting: str | None = None) -> str:
    """The mapping file for a CSV: the setting when given, else the CSV's name with `.toml`, beside it."""
    return str(setting) if setting else str(Path(csv_path).with_suffix(".toml"))


def existing_mapping(csv_path: str | Path, setting: str | None = None) -> str | None:
    """The path of the CSV's mapping file when it has one (for reading other copies of the same file)."""
    path = mapping_path(csv_path, setting)
    return path if Path(path).is_file() else None


def find_mapping(
    csv_path: str | Path, setting: str | None, columns: tuple[Column, ...], check: ValueCheck
) -> Mapping | None:
    """The mapping for a CSV if there is one; a mapping named by the setting must exist."""
    path = mapping_path(csv_path, setting)
    if not setting and not Path(path).is_file():
        return None
    return read_mapping(path, columns, check)


def read_mapping(path: str, columns: tuple[Column, ...], check: ValueCheck) -> Mapping:
    data, text = read_toml(path, "mapping file")
    return _validate(path, data, key_lines(text), columns, check)


def _validate(
    path: str, data: dict[str, Any], lines: dict[tuple[str, ...], int], columns: tuple[Column, ...], check: ValueCheck
) -> Mapping:
    known = [c.name for c in columns]
    problems: list[Problem] = []
    at = Mapping(path, {}, {}, None, lines).line

    def problem(key: tuple[str, ...], message: str) -> None:
        problems.append(Problem(path, at(*key), ".".join(key), message))

    for key in data:
        if key not in TOP_KEYS:
            problem((key,), f"unknown key '{key}'; a mapping file has [columns], [values.<column>] and other_columns")
    mapped: dict[str, str] = {}
    for site, header in _table(data, "columns", problem).items():
        if site not in known:
            problem(("columns", site), _unknown_column(site, columns))
        elif not isinstance(header, str) or not header.strip():
            problem(("columns", site), 'the header must be text in quotes, like name = "officialname"')
        else:
            mapped[site] = header.strip()
    values: dict[str, dict[str, str]] = {}
    for site, table in _table(data, "values", problem).items():
        if site not in known:
            problem(("values", site), _unknown_column(site, columns))
            continue
        if not isinstance(table, dict):
            problem(("values", site), f'[values.{site}] must be a table of "value in the spreadsheet" = "value read"')
            continue
        values[site] = {}
        for source, target in table.items():
            text = _value_text(target)
            if text is None:
                problem(("values", site, source), "the value must be text, a number or true/false")
                continue
            control = CONTROL.search(text)  # a TOML escape ("\u0000") can put one in a value
            if control:
                problem(("values", site, source), f"the value holds the control character U+{ord(control[0]):04X}")
                continue
            trouble = check(site, text)
            if trouble:
                problem(("values", site, source), f"'{source}' = '{text}': {trouble}")
                continue
            values[site][source.strip().lower()] = text
    others = data.get("other_columns")
    if others is not None and (not isinstance(others, list) or not all(isinstance(h, str) for h in others)):
        problem(("other_columns",), 'other_columns must be a list of headers, like ["languages"] (or [] for none)')
        others = None
    if problems:
        raise DataError(problems)
    kept = None if others is None else tuple(h.strip() for h in others)
    return Mapping(path, mapped, values, kept, lines)


def _table(data: dict[str, Any], key: str, problem) -> dict[str, Any]:
    table = data.get(key, {})
    if not isinstance(table, dict):
        problem((key,), f"'{key}' must be a table: write it as [{key}]")
        return {}
    return table


def _value_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | str):
        return str(value).strip()
    return None


def _unknown_column(name: str, columns: tuple[Column, ...]) -> str:
    # A header word a column lists (`price` for cost_usd) is a better guess than a similar spelling.
    close = [c.name for c in columns if header_words(name) in c.hints]
    close = close or difflib.get_close_matches(name.lower(), [c.name for c in columns], n=1)
    hint = f"; did you mean '{close[0]}'?" if close else "; the columns are listed in docs/data-format.md"
    return f"'{name}' is not a column of the site{hint}"


def apply_mapping(table: Table, mapping: Mapping | None, columns: tuple[Column, ...]) -> Table:
    """The table with site column names, translated values and only the other columns to keep."""
    if mapping is None:
        return table
    problems = []
    for site, header in mapping.columns.items():
        if header.lower() not in table.headers:
            problems.append(
                Problem(mapping.path, mapping.line("columns", site), f"columns.{site}", _not_in_file(header, table))
            )
    for header in mapping.other_columns or ():
        if header.lower() not in table.headers:
            problems.append(
                Problem(mapping.path, mapping.line("other_columns"), "other_columns", _not_in_file(header, table))
            )
    if problems:
        raise DataError(problems)
    # Headers match as csv_table keys them: lower-case, trimmed.
    wanted = {site: header.lower() for site, header in mapping.columns.items()}
    kept = None if mapping.other_columns is None else {h.lower() for h in mapping.other_columns}
    known = {c.name for c in columns}
    sources: dict[str, list[str]] = {}  # spreadsheet header -> the site columns it feeds
    for site, header in wanted.items():
        sources.setdefault(header, []).append(site)
    warnings = list(table.warnings)
    plan: list[tuple[str, str]] = []  # (new column name, spreadsheet column it is read from)
    for header in table.columns:
        if header in sources:
            plan += [(site, header) for site in sources[header]]
        elif header in known and header in wanted:
            warnings.append(
                Problem(
                    table.path,
                    1,
                    table.headers[header],
                    f"column not used: [columns] in {mapping.path} reads {header} from "
                    f"'{table.headers[wanted[header]]}'",
                    warning=True,
                )
            )
        elif header in known or kept is None or header in kept:
            plan.append((header, header))
    present = {name for name, _ in plan}
    for site in mapping.values:
        if site not in present:
            warnings.append(
                Problem(
                    mapping.path,
                    mapping.line("values", site),
                    f"values.{site}",
                    f"{table.path} has no {site} column (map one in [columns]); these values are not used",
                    warning=True,
                )
            )
    listed = {c.name for c in columns if c.listed}
    rows = [
        (line, {name: _translate(cells[source], mapping.values.get(name), name in listed) for name, source in plan})
        for line, cells in table.rows
    ]
    return replace(
        table,
        columns=[name for name, _ in plan],
        headers={name: table.headers[source] for name, source in plan},
        rows=rows,
        warnings=warnings,
        renamed={site: table.headers[header] for site, header in wanted.items()},
    )


def _translate(cell: str, values: dict[str, str] | None, listed: bool) -> str:
    if not values or not cell:
        return cell
    whole = values.get(cell.lower())
    if whole is not None or not listed:
        return cell if whole is None else whole
    # In a `;` list each item may be a coded value of its own.
    return ";".join(values.get(part.strip().lower(), part.strip()) for part in cell.split(";"))


def _not_in_file(header: str, table: Table) -> str:
    close = difflib.get_close_matches(header.lower(), list(table.headers), n=1)
    hint = f"; did you mean '{table.headers[close[0]]}'?" if close else ""
    return f"'{header}' is not a header in {table.path}{hint}"


def in_spreadsheet_terms(table: Table, problems: list[Problem]) -> list[Problem]:
    """Problems about a mapped column name the spreadsheet's header, which is what the maintainer sees."""
    if not table.renamed:
        return problems
    said = set(table.warnings)  # reading and mapping the table already used the spreadsheet's words
    return [
        replace(p, column=table.renamed[p.column])
        if p.path == table.path and p.column in table.renamed and p not in said
        else p
        for p in problems
    ]


_TABLE = re.compile(r"^\s*\[(?!\[)\s*(?P<key>.+?)\s*\]\s*(?:#.*)?$")
_KEY_PART = r"\"(?:[^\"\\]|\\.)*\"|'[^']*'|[A-Za-z0-9_-]+"
_KEY = re.compile(rf"^\s*(?P<key>(?:{_KEY_PART})(?:\s*\.\s*(?:{_KEY_PART}))*)\s*=")


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Where each table and key is in a TOML file: tomllib gives values but no positions.

    Covers what mapping files use: `[table]` headers and `key = value` lines with bare, quoted and
    dotted keys. Keys inside inline tables or multi-line values are not found; their messages use
    the line of the enclosing key instead.
    """
    lines: dict[tuple[str, ...], int] = {}
    current: tuple[str, ...] = ()
    # TOML counts lines by \n only; str.splitlines() would also split at U+2028 inside a string.
    for number, line in enumerate(text.split("\n"), start=1):
        header = _TABLE.match(line)
        if header:
            current = _key_parts(header["key"])
            lines.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(current + _key_parts(key["key"]), number)
    return lines


def _key_parts(dotted: str) -> tuple[str, ...]:
    parts = []
    for part in re.findall(_KEY_PART, dotted):
        if part[0] in "\"'":
            try:
                (part,) = tomllib.loads(f"{part} = 0")
            except (tomllib.TOMLDecodeError, ValueError):
                part = part[1:-1]
        parts.append(part)
    return tuple(parts)
