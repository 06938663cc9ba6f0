"""Problems found in a data file, reported as `path:line:column: message` like a compiler would."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: str  # "" for a file read by line, not by row and column (data/fields.toml)
    message: str
    warning: bool = False
    value: str | None = None  # the cell the message quotes, so reports can group messages by kind

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        where = f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"
        return f"{where}: {kind}{self.message}"


class DataError(Exception):
    """Raised when a data file has errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
