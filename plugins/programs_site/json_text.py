"""Compact JSON text: the one form every JSON file and JSON-LD block the build writes uses.

orjson, not the standard library's json: a 10,000-program build encodes about 150,000 values
(each program's data file and JSON-LD, programs.json, the search files), and orjson does it in a
sixth of the time. Its text is what `json.dumps(value, ensure_ascii=False, separators=(",", ":"))`
writes, except that exponents carry no padding (`1e-7`, not `1e-07`): the same numbers to any JSON
reader. Dict keys that are not strings are written as strings, as json.dumps does.
"""

from __future__ import annotations

from typing import Any

import orjson

_OPTIONS = orjson.OPT_NON_STR_KEYS


def compact(value: Any) -> str:
    return orjson.dumps(value, option=_OPTIONS).decode("utf-8")


def compact_sorted(value: Any) -> str:
    """Keys in sorted order (by code point, as json.dumps's sort_keys): stable text for a cache key or a diff."""
    return orjson.dumps(value, option=_OPTIONS | orjson.OPT_SORT_KEYS).decode("utf-8")


def plain_number(value: float | None) -> float | int | None:
    """A number as JSON writes it: 3000.0 as 3000."""
    if value is None:
        return None
    return int(value) if value == int(value) else value
