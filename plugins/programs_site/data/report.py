"""Problems as a short report: one line per kind of problem in one column, and a summary line per file.

A problem that happens once reads as before, `path:row:column: message`. The same problem in many
rows (an export's coded column, a column of prices written as text) becomes one line that starts at
its first row, then says how many rows, which rows as ranges, and the first message with up to two
more example values: every row can still be found, and a thousand rows read in a dozen lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .problems import Problem

EXAMPLES = 3
# A value quoted in a message: the quote closes before a space, punctuation or the end, so
# `'O'Brien'` is one value.
_QUOTED = re.compile(r"'(.*?)'(?=[\s,;:)]|$)")


@dataclass
class Group:
    """Problems of one kind in one column of one file."""

    first: Problem
    rows: list[int] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        if problem.line not in self.rows:
            self.rows.append(problem.line)
        value = value_of(problem)
        if value is not None and value not in self.examples and len(self.examples) < EXAMPLES:
            self.examples.append(value)

    def line(self) -> str:
        if len(self.rows) == 1:
            return str(self.first)
        p = self.first
        kind = "warning: " if p.warning else ""
        more = [f"'{v}'" for v in self.examples if v != value_of(p)][: EXAMPLES - 1]
        also = f"; also {', '.join(more)}" if more else ""
        return f"{p.path}:{p.line}:{p.column}: {kind}{len(self.rows)} rows ({row_ranges(self.rows)}): {p.message}{also}"


def kind_of(problem: Problem) -> str:
    """What a message says with its values and numbers taken out: messages of one kind share it."""
    message = problem.message
    quoted = f"'{problem.value}'"
    if problem.value is not None and quoted in message:
        message = message.replace(quoted, "'…'")
    return re.sub(r"\d+", "N", _QUOTED.sub("'…'", message))


def value_of(problem: Problem) -> str | None:
    """The value a message quotes: the cell when the loader said which, else the first quoted text."""
    if problem.value is not None and f"'{problem.value}'" in problem.message:
        return problem.value
    found = _QUOTED.search(problem.message)
    return found[1] if found else None


def group(problems: list[Problem]) -> list[Group]:
    """Groups in the order their first problem came, which is by file and then by row."""
    groups: dict[tuple, Group] = {}
    for problem in problems:
        key = (problem.path, problem.column, problem.warning, kind_of(problem))
        if not problem.column:  # a line of a settings-like file (fields.toml): each is its own
            key += (problem.line, problem.message)
        if key not in groups:
            groups[key] = Group(problem)
        groups[key].add(problem)
    return list(groups.values())


def row_ranges(rows: list[int]) -> str:
    """`3-40, 42, 45-260`: consecutive rows as ranges."""
    ordered = sorted(set(rows))
    spans: list[list[int]] = []
    for row in ordered:
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def report_lines(problems: list[Problem]) -> list[str]:
    """The grouped lines for errors and warnings, as they came."""
    return [g.line() for g in group(problems)]


def summary_line(path: str, problems: list[Problem], read: str | None = None) -> str:
    """`data/programs.csv — 50 programs, 3 errors of 2 kinds in 2 rows, 1 warning`: no `: `, so it is
    never mistaken for a problem line."""
    mine = [p for p in problems if p.path == path]
    errors = [p for p in mine if not p.warning]
    warnings = [p for p in mine if p.warning]
    parts = [read] if read else []
    if errors:
        kinds = len(group(errors))
        rows = len({p.line for p in errors})
        where = "row" if path.lower().endswith(".csv") else "line"  # a mapping file has lines, not rows
        parts.append(
            f"{count(len(errors), 'error')} of {count(kinds, 'kind')} in {count(rows, where)}"
            if len(errors) > 1
            else "1 error"
        )
    else:
        parts.append("no errors")
    if warnings or not errors:  # a file with errors stops before its warnings are all known
        parts.append(count(len(warnings), "warning") if warnings else "no warnings")
    return f"{path} — {', '.join(parts)}"


def count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def full_report(problems: list[Problem], paths: list[str], read: dict[str, str] | None = None) -> list[str]:
    """Every group, then one summary line per file (files with problems that are not in `paths` too)."""
    read = read or {}
    files = list(dict.fromkeys([*paths, *(p.path for p in problems)]))
    summaries = [
        summary_line(path, problems, read.get(path))
        if path in read or any(p.path == path for p in problems)
        else f"{path} — not read: the errors above stop it"
        for path in files
    ]
    return report_lines(problems) + summaries
