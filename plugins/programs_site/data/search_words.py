"""A language's search words (data/search_words.<lang>.csv): a word typed in that language and the data's word(s) it stands for."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from .csv_table import decode
from .problems import DataError


def search_words(path: str) -> dict[str, str]:
    """data/search_words.<lang>.csv: a word or phrase typed in the language -> the index's word(s).
    The file's first column is the language's words, the second the data's; a missing file is no words."""
    try:
        text, warnings = decode(path, Path(path).read_bytes())  # UTF-8, or Windows-1252 with a warning
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except FileNotFoundError:
        return {}
    except (OSError, csv.Error, DataError) as err:
        # Search words help; they never stop a build: the site searches in the data's words alone.
        where = err.problems[0] if isinstance(err, DataError) else f"{path}:1:1: {err}"
        print(f"{where}; search words from this file are not used", file=sys.stderr)
        return {}
    for warning in warnings:
        print(warning, file=sys.stderr)
    return {row[0].strip(): row[1].strip() for row in rows[1:] if len(row) >= 2 and row[0].strip()}
