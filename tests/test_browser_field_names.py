"""No browser module spells a program column's name: fields, labels and rules come from the build's
JSON (search/fields.json, browser_fields.py), so a column renamed or added in Python needs no script
change (issue 26). Modules not moved onto the spec yet are listed in NOT_YET, and must still need it."""

import re
from pathlib import Path

import pytest

from plugins.programs_site.data import table_schema

JS = Path(__file__).resolve().parent.parent / "theme/static/js"
COLUMNS = table_schema.names(table_schema.PROGRAM_COLUMNS) + table_schema.names(table_schema.DERIVED_PROGRAM_COLUMNS)
# Every record's identity (the tray, links, table headers and the card's title): required by the CSV
# contract in every data set, never a field a maintainer declares, filters on or compares.
IDENTITY = {"id", "name", "provider"}
# Common words other things are called too (a form's `name`, the page's `state`, Intl's `format`):
# a column only when read off a program-like value (`p.format`, `program.state`), or as a key.
COMMON = {"format", "state", "city", "url", "description", "pace", "credentials", "accreditation"}
PROGRAM_LIKE = r"(?:p|program|programs\[\w+\]|row|record|r|item|data|values|display)"

# Modules that still spell columns (none now: browse.js takes its card slots, the typed-word filter and
# the "Also matches" words from search/meta.json). A module added here must still need it.
NOT_YET: set[str] = set()
# The questionnaire's answers (its URL parameters, docs/matching.md) are named like the columns they
# ask about: a shared link's words, kept when a column is renamed. match-rules.js spells them as
# answers (a string, a key), never as a program's value (`program.format`: the spec's roles.match).
ANSWERS = {"match-rules.js": {"format", "pace", "state"}}


def spelled_columns(source: str, answers: set[str] = frozenset()) -> list[tuple[int, str]]:
    """(line, column) for each column name the code spells as a string, a property or a key; `answers`
    only as a program's property."""
    code = re.sub(r"/\*.*?\*/", lambda m: "\n" * m[0].count("\n"), source, flags=re.S)
    code = re.sub(r"(?<![:\"'`])//[^\n]*", "", code)  # comments, not the // of "https://"
    found = []
    for name in COLUMNS:
        if name in IDENTITY:
            continue
        if name in answers:
            pattern = rf"\b{PROGRAM_LIKE}\??\.{name}\b"
        elif name in COMMON:
            pattern = rf"""["'`]{name}["'`]|\b{PROGRAM_LIKE}\??\.{name}\b|^\s*{name}\s*:"""
        else:
            pattern = rf"""["'`]{name}["'`]|\.{name}\b|\b{name}\s*:"""
        for match in re.finditer(pattern, code, re.M):
            found.append((code[: match.start()].count("\n") + 1, name))
    return sorted(found)


@pytest.mark.parametrize("module", sorted(p.name for p in JS.glob("*.js")))
def test_no_browser_module_spells_a_column_name(module):
    found = spelled_columns((JS / module).read_text(encoding="utf-8"), ANSWERS.get(module, set()))
    if module in NOT_YET:
        assert found, f"{module} spells no column any more: take it off NOT_YET"
    else:
        assert found == [], f"{module} spells program columns (line, name): {found}; read them from search/fields.json"


def test_the_check_finds_columns_by_how_they_are_used():
    assert spelled_columns('const v = p.format;\nif (row["exam_prep"]) x();\nconst o = { cost_usd: 1 };') == [
        (1, "format"),
        (2, "exam_prep"),
        (3, "cost_usd"),
    ]
    # The same words used for other things, and in comments, are not columns.
    assert spelled_columns("state.q = input.name; // p.format\nnumbers.format(n); el.state = 1;") == []
    # An answer named like a column is no column, but its program's value is.
    assert spelled_columns('format: oneOf("format"),\nprogram.format === ask.format', {"format"}) == [(2, "format")]
