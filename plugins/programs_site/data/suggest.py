"""Guess how an export's headers map onto the site's columns: for messages, and for a starter mapping file.

Guesses come from the header words each column lists in table_schema.py. They are only guesses:
messages say "looks like", and the starter file says to check every line.
"""

from __future__ import annotations

import json
from collections import Counter

from .csv_table import Table
from .mapping import ValueCheck
from .report import count
from .table_schema import Column, header_words, required

SAME_NAME = 95  # a header spelled like the column: strong, but a telling export name (officialname) beats it
MAX_CODED_VALUES = 40  # more distinct values than this is free text, not a code list


def guess_columns(headers: list[str], columns: tuple[Column, ...]) -> dict[str, str]:
    """Site column -> spreadsheet header (both lower-case), best guesses first, each header used once."""
    scored = []
    for c_index, column in enumerate(columns):
        for h_index, header in enumerate(headers):
            score = _score(column, header)
            if score:
                scored.append((-score, c_index, h_index, column.name, header))
    guesses: dict[str, str] = {}
    for _, _, _, site, header in sorted(scored):
        if site not in guesses and header not in guesses.values():
            guesses[site] = header
    return {c.name: guesses[c.name] for c in columns if c.name in guesses}


def _score(column: Column, header: str) -> int:
    if header == column.name:
        return SAME_NAME
    words = header_words(header)
    best = 0
    for rank, hint in enumerate(column.hints):
        if words == hint:
            best = max(best, 100 - rank)
        elif len(hint) >= 4 and hint in words:
            best = max(best, 50 - rank)
    return best


def missing_column_message(table: Table, name: str, columns: tuple[Column, ...], mapping_path: str) -> str:
    """`required column 'name' is missing`, and which headers look like it, to map in the mapping file."""
    column = next(c for c in columns if c.name == name)
    guesses = guess_columns(table.columns, columns)
    # Every required column the guesses move, not just this one: a state list's `name` is the provider
    # only once `officialname` is seen as the program name, and the message should say both.
    needed = required(columns)
    looks = [(site, header) for site, header in guesses.items() if site != header and site in needed]
    starter = "`make mapping` writes a starter"
    if not any(site == name for site, _ in looks):
        return (
            f"required column '{name}' is missing ({column.description}); if the file calls it something else, "
            f"map it in {mapping_path} ({starter})"
        )
    described = {c.name: c.description for c in columns}
    said = " and ".join(f"'{table.headers[header]}' looks like {described[site]}" for site, header in looks)
    them = "them" if len(looks) > 1 else "it"
    return f"required column '{name}' is missing; {said}: map {them} in {mapping_path} ({starter})"


def starter_mapping(table: Table, columns: tuple[Column, ...], check: ValueCheck) -> str:
    """A mapping file to edit: guessed [columns], the distinct values of coded columns, other columns to pick."""
    guesses = guess_columns(table.columns, columns)
    lines = [
        f"# Mapping for {table.path}, written by `make mapping`: guesses to check, line by line.",
        '# The format is in docs/data-format.md ("Someone else\'s spreadsheet").',
        "",
        '# Columns not mapped below, kept under "More details" only when listed: uncomment those to keep.',
        "other_columns = [",
    ]
    used = set(guesses.values())
    lines += [f"    # {toml_string(table.headers[h])}," for h in table.columns if h not in used]
    lines += ["]", "", "# site column = header in the spreadsheet", "[columns]"]
    renamed = {site: header for site, header in guesses.items() if site != header}
    lines += [f"{site} = {toml_string(table.headers[header])}" for site, header in renamed.items()]
    if not renamed:
        lines.append("# (every header already has the site's name)")
    by_name = {c.name: c for c in columns}
    for site, header in guesses.items():
        section = _values_section(table, by_name[site], header, check)
        if section:
            lines += ["", *section]
    return "\n".join(lines) + "\n"


def _values_section(table: Table, column: Column, header: str, check: ValueCheck) -> list[str]:
    if not column.coded:
        return []
    counts: Counter[str] = Counter()
    for _, cells in table.rows:
        cell = cells.get(header, "")
        parts = cell.split(";") if column.listed else [cell]
        counts.update(p.strip() for p in parts if p.strip())
    distinct = {value.lower(): value for value in counts}  # values match in any case
    if not distinct or len(distinct) > MAX_CODED_VALUES:
        return []
    unread = [v for v in distinct.values() if check(column.name, v)]
    coded_booleans = column.type == "boolean" and any(v.lower() not in ("yes", "no") for v in distinct.values())
    if not unread and not coded_booleans:
        return []
    lines = [f"[values.{column.name}]  # from '{table.headers[header]}'; the site reads {_accepted(column)}"]
    for value in distinct.values():
        rows = count(counts[value], "row")
        if value in unread:
            lines.append(f'# {toml_string(value)} = ""  # {rows}; not understood: write what the site should read')
        elif column.type == "boolean":
            reading = "no" if value.lower() in ("0", "n", "false") else "yes"
            lines.append(f'{toml_string(value)} = "{reading}"  # {rows}; check it')
        else:
            lines.append(f"# {toml_string(value)}  ({rows}) is already understood")
    return lines


def _accepted(column: Column) -> str:
    if column.type == "boolean":
        return "yes or no"
    if 0 < len(column.enum) <= 5:
        return ", ".join(column.enum)
    return _ACCEPTED.get(column.name, column.description)


_ACCEPTED = {  # in the words of docs/data-format.md
    "duration_months": "months: 9, 24 weeks, 1 year or a range 3-5 months",
    "state": "a US 2-letter code",
    "credentials": "codes like CPC, or names with the code in parentheses",
}


def toml_string(value: str) -> str:
    """A TOML basic string. JSON's escapes are TOML's, except DEL, which TOML also wants escaped."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
