"""No module of model/, outputs/ or build/ spells a built-in column's name as a string: the places a
column shows (page, card, compare, filter, match, history, ...) come from builtin_fields.toml, so a
column added there needs no Python list edited (issue 26, CONTRIBUTING "Adding a column"). The
Python twin of tests/test_browser_field_names.py.

What is still spelled is ALLOWED below, by module and count, each with why: the list may only shrink
(a spelling gone must leave it, a new one fails)."""

import ast
from collections import Counter
from pathlib import Path

from plugins.programs_site.data.field_spec import BUILTIN

PACKAGE = Path(__file__).resolve().parent.parent / "plugins/programs_site"
LAYERS = ("model", "outputs", "build")
# Every record's identity (links, titles, the card's head): required in every data set, never a
# column a maintainer places (as in test_browser_field_names.py).
IDENTITY = {"id", "name", "provider"}

ALLOWED: dict[str, Counter] = {
    # The credential filter's inputs (credentials.csv's list) and its builder, keyed by its filter_kind.
    "model/facets.py": Counter({"credentials": 3}),
    # `translated(record, "description")`: the optional description_<lang> column beside it; the
    # declaration's option_labels read by name for the words of format, pace and the outcomes' population.
    "model/present.py": Counter({"description": 2, "format": 1, "pace": 1, "outcomes_population": 1}),
    # data_summary's key: the date the data was last checked, as the templates name it.
    "model/site.py": Counter({"last_verified": 1}),
    # TYPED (the column typed words filter), MATCHED (the search's fields a card names), SORTS' columns,
    # and browser_type's months (a search field, a sort are not a column's place yet).
    "outputs/browser_fields.py": Counter(
        {"format": 1, "credentials": 1, "description": 2, "accreditation": 2, "cost_to_certify_usd": 1}
        | {"duration_months": 2, "employment_rate_q2": 1}
    ),
    # The package's own keys ("format": "csv") and its credentials resource, not columns.
    "outputs/datapackage.py": Counter({"format": 1, "credentials": 1}),
    # data.json's display keys worked out from the view (the cost to get certified, the credential
    # links, the date), the browse row's date, and the derived columns' values.
    "outputs/export.py": Counter(
        {"last_verified": 3, "cost_to_certify_usd": 2, "credentials": 1} | {"cost_to_certify_credential": 1}
    ),
    # The search index's fields and boosts (search_index.FIELDS: a search field is not a column's place yet).
    "outputs/search_index.py": Counter({"credentials": 2, "accreditation": 2, "description": 2}),
    # schema.org's own keys (Course: url, description).
    "outputs/structured_data.py": Counter({"url": 2, "description": 1}),
    # The credentials page and data file, not the column.
    "build/check.py": Counter({"credentials": 3}),
    "build/generator.py": Counter({"credentials": 2}),
}


def spelled(source: str) -> Counter:
    """How often each built-in column's name is a string constant in the module (f-string parts too)."""
    names = set(BUILTIN.names()) - IDENTITY
    return Counter(
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names
    )


def modules() -> list[str]:
    return sorted(str(p.relative_to(PACKAGE)) for layer in LAYERS for p in (PACKAGE / layer).glob("*.py"))


def test_no_module_spells_a_builtin_column_beyond_its_allowance():
    found = {module: spelled((PACKAGE / module).read_text(encoding="utf-8")) for module in modules()}
    more = {m: dict(c - ALLOWED.get(m, Counter())) for m, c in found.items() if c - ALLOWED.get(m, Counter())}
    assert more == {}, "these modules spell built-in columns: read them from builtin_fields.toml (a place or a key)"
    fewer = {m: dict(a - found.get(m, Counter())) for m, a in ALLOWED.items() if a - found.get(m, Counter())}
    assert fewer == {}, "these spellings are gone: shrink ALLOWED"


def test_the_check_finds_a_column_spelled_in_a_list_a_key_or_an_fstring():
    source = 'KEYS = ["format", "exam_prep"]\nd = {"cost_usd": 1}\nx = f"{a}exam_prep"\ny = "exam_prep"\n'
    assert spelled(source) == Counter({"format": 1, "exam_prep": 3, "cost_usd": 1})
    assert spelled('p.exam_prep\n"name"\n"evening"  # exam_prep\n') == Counter()
