"""The browser's field spec: the fields, their labels in one language, the browse filters, the card's
facts, the compare rows and the sorts, as the JSON the page reads (`search/fields.json`, and
`<lang>/search/fields.json` for another language; docs/search-files.md, "The field spec").

The browser modules take field names, labels and rules from this file, so none of them spells a
column name or an English label: a column renamed or added here (or in data/fields.toml) reaches
the compare table with no script change.

Pure: made from the field spec (builtin_fields.toml's columns, compare rows and order, and
data/fields.toml's columns: field_spec.program_fields), the build's filters (facets.py) and the
declarations below, worded in the current language (call it inside i18n.language).
`declarations()` is the one place that reads the declarations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import json_text
from ..data import table_schema
from ..data.field_spec import EMPTY, Field, FieldSpec, Row, program_fields
from ..i18n import N_, current, gettext
from ..model.present import CARD_FACTS

if TYPE_CHECKING:
    from ..model.facets import Facet

FIELDS_FILE = "search/fields.json"


KINDS = {"checkboxes": "many", "select": "one", "yes": "yes"}

# The browser's rule modules name the values they reason about in their own words; builtin_fields.toml's
# [roles.<module>] tables say which column each word is, so no script spells a column. `aid`:
# aid-rules.js's estimate; `match`: the questionnaire's rules (match-rules.js).
ROLES = {group: dict(words) for group, words in program_fields(EMPTY).roles}

# Words a search reads as a filter rather than searching them: "cpc online" means CPC programs that are
# online (search-worker.js). The column they filter, each typed word's value (words as the index
# stores them: lower case, letters and digits), and the phrases typed as two words that mean one.
TYPED = (
    "format",
    {"online": "online", "remote": "online", "distance": "online",
     "hybrid": "hybrid", "blended": "hybrid",
     "inperson": "in-person", "onsite": "in-person", "campus": "in-person", "classroom": "in-person"},
    {"in person": "inperson", "on campus": "campus"},
)  # fmt: skip


def typed_words() -> dict[str, Any]:
    """search/meta.json's `typed`: the filter's URL parameter, the words and the phrases (TYPED)."""
    column, words, phrases = TYPED
    param = next(f.filter_param for f in program_fields(EMPTY).shown("filter") if f.name == column)
    return {"param": param, "words": words, "phrases": phrases}


# How browse.js fills each data-slot of the card <template> (partials/card.html: present.py's
# CARD_FACTS, the date checked and the credential badges), as search/meta.json's `card`: the slot, the
# row key it shows when not its own name (search/rows/), and the type format.js words it by ("badges":
# a list of highlighted badges). From builtin_fields.toml's card place (card_slot, card_key, card_kind;
# the type is compare's), so browse.js spells no column and a card fact needs no line here.
def card_slots() -> list[dict[str, str]]:
    """search/meta.json's `card`: {slot, key (when not the slot's name), type} for each built-in card column."""
    slots = []
    for f in program_fields(EMPTY).shown("card"):
        slot = f.card_slot or f.name
        kind = "badges" if f.card_kind == "badges" else f.compare_type or f.type
        slots.append({"slot": slot, **({"key": f.card_key} if f.card_key else {}), "type": kind})
    return slots


# The search's fields (search_index.FIELDS) in the words a card's "Also matches its {fields}" names
# them by (catalog messages, worded by i18n.js `words()` in the page's language), as search/meta.json's
# `matched`; None: the card shows that field already (highlighted), so it is not named again.
MATCHED = {
    "name": None,
    "provider": None,
    "credentials": None,
    "description": N_("description"),
    "location": N_("location"),
    "accreditation": N_("accreditation"),
    "delivery": N_("format or pace"),  # the card shows the format, not the pace
}


# Browse's sorts: the sort's URL value, its label, the column it orders by, the filter file holding
# that column's numbers (facets/<param>.json), whether the highest comes first, and the words that
# end the result count.
SORTS = (
    ("name", N_("Name"), "name", "", False, N_("sorted by name")),
    ("cost", N_("Cost to get certified, lowest first"), "cost_to_certify_usd", "max_cost", False,
     N_("lowest cost to get certified first")),
    ("duration", N_("Duration, shortest first"), "duration_months", "max_duration", False, N_("shortest first")),
    ("employment", N_("Employment rate, highest first"), "employment_rate_q2", "employment", True,
     N_("highest employment rate first")),
)  # fmt: skip


def sort_words() -> dict[str, str]:
    """search/meta.json's `sorts`: each sort's URL value and the words that end the result count (catalog
    messages: browse.js words them in the page's language)."""
    return {value: status for value, _label, _field, _numbers, _descending, status in SORTS}


def browser_type(column: table_schema.Column) -> str:
    """How the browser formats the column's typed value."""
    if column.type == "boolean":
        return "yes-no"
    if column.type == "date":
        return "date"
    if column.enum:
        return "choice"
    if column.name == "duration_months":
        return "months"
    if column.type in ("number", "string") and "US dollars" in column.description:
        return "money"
    if column.maximum == 100 or (column.pattern or "").endswith("suppressed"):
        return "percent" if "percent" in column.description else "number"
    if column.type == "number":
        return "number"
    return "list" if column.listed else "text"


def declarations(spec: FieldSpec = EMPTY) -> dict[str, Any]:
    """What the spec is made from (one place): the field spec of the built-in columns and `spec`'s
    (data/fields.toml), and the browser's own declarations above."""
    every = program_fields(spec)
    return {
        "columns": table_schema.PROGRAM_COLUMNS + table_schema.DERIVED_PROGRAM_COLUMNS,
        "declared": spec.fields,
        "compare": every.compare_rows(),  # builtin_fields.toml's [order].compare: columns and [[row]]s
        "card": CARD_FACTS,
        "filters": {f.filter_param: f.name for f in every.shown("filter")},
        "sorts": SORTS,
        # Words for coded values: format, pace, the cover row's population.
        "words": {f.name: dict(f.option_labels) for f in every.fields if f.option_labels},
        "roles": ROLES,
    }


def _row(row: Field | Row, fields: dict[str, Any]) -> dict[str, Any]:
    """One compare row: a column's value (a Field shown in compare) or a [[row]] of builtin_fields.toml."""
    if isinstance(row, Field) and not row.builtin:  # data/fields.toml's: worded by its type, in its labels
        field = fields[row.name]
        return {"field": row.name, "label": field["label"], "type": row.type, "declared": True,
                **({"lang": field["lang"]} if "lang" in field else {})}  # fmt: skip
    if isinstance(row, Field):
        name, kind, kind_type, when = row.name, row.compare_kind, row.compare_type, row.compare_when
        label = row.label_in(current(), "compare")[0]
    else:
        name, kind, kind_type, when = row.field, row.kind, row.type, row.when
        label = gettext(row.label) if row.label else ""
    out: dict[str, Any] = {"field": name} if name else {}
    if label:
        out["label"] = label
    if kind:
        out["kind"] = kind
    else:
        field = fields.get(name, {})
        out["type"] = kind_type or field.get("type", "text")
        if "labels" in field:
            out["labels"] = field["labels"]
    if isinstance(row, Field) and row.best:
        out.update(best=row.best, badge=row.label_in(current(), "best")[0])
    if when:
        out["when"] = when
    if isinstance(row, Row) and row.parts:
        out["parts"] = list(row.parts)
    if isinstance(row, Field) and row.compare_flag:
        out.update(flag=row.compare_flag, flagged=gettext(row.compare_flagged))
    return out


def field_spec(facets: list[Facet], spec: FieldSpec) -> dict[str, Any]:
    """The spec in the current language: `facets` are this language's filters (facets.py), `spec`
    data/fields.toml's columns."""
    found = declarations(spec)
    fields: dict[str, Any] = {c.name: {"type": browser_type(c)} for c in found["columns"]}
    for name, table in found["words"].items():
        fields[name]["labels"] = {value: gettext(word) for value, word in table.items()}
    for f in found["declared"]:
        label, lang = f.label_here()
        fields[f.name] = {"type": f.type, "label": label, **({"lang": lang} if lang else {})}
    compare = [_row(row, fields) for row in found["compare"]]
    for row in compare:
        if "label" in row and row.get("field") in fields:
            fields[row["field"]].setdefault("label", row["label"])
    filters = []
    for facet in facets:
        filters.append(
            {
                "param": facet.param,
                "field": found["filters"].get(facet.param, facet.param),
                "kind": KINDS[facet.kind],
                "label": facet.label,
                "options": [[o.value, o.label] for o in facet.options if facet.kind != "yes"],
                **({"declared": True} if facet.declared else {}),
                **({"lang": facet.lang} if facet.lang else {}),
            }
        )
    card = [{"slot": slot, "label": gettext(label)} for slot, label in found["card"]]
    for f in spec.shown("card"):
        card.append({"field": f.name, "label": fields[f.name]["label"], "declared": True})
    sorts = [
        {"value": value, "label": gettext(label), "field": field, "numbers": numbers, "descending": descending,
         "status": gettext(status)}
        for value, label, field, numbers, descending, status in found["sorts"]
    ]  # fmt: skip
    return {
        "fields": fields,
        "compare": compare,
        "filters": filters,
        "card": card,
        "sorts": sorts,
        "roles": found["roles"],
    }


def fields_json(facets: list[Facet], spec: FieldSpec) -> str:
    return json_text.compact(field_spec(facets, spec))
