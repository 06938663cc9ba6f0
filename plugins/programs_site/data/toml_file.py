"""Reading one of the maintainer's TOML files (mapping, fields, aid rates) with the project's errors:
a file that is missing, unreadable or not TOML is one problem at `path:line[:column]`."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .problems import DataError, Problem

_WHERE = re.compile(r"at line (\d+), column (\d+)")


def read_toml(path: str, what: str, columns: bool = True) -> tuple[dict[str, Any], str]:
    """The file's data and its text (for the lines of its keys); raises DataError with one problem.
    `what` names the file in messages ("mapping file"); `columns`: whether messages give a column
    (a fields.toml problem is reported as `path:line: message`, without one)."""
    first = "1" if columns else ""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise DataError([Problem(path, 1, first, f"{what} not found")]) from None
    except (OSError, UnicodeDecodeError) as err:
        raise DataError([Problem(path, 1, first, f"cannot read the {what}: {err}")]) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as err:
        where = _WHERE.search(str(err))
        line, column = (int(where[1]), where[2]) if where else (1, "1")
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err)) or "not valid TOML"
        raise DataError([Problem(path, line, column if columns else "", f"not valid TOML: {message}")]) from None
