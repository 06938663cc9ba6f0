"""The browser's field spec: the fields, their labels in one language, the browse filters, the card's
facts, the compare rows and the sorts, as the JSON the page reads (`search/fields.json`, and
`<lang>/search/fields.json` for another language; docs/search-files.md, "The field spec").

The browser modules take field names, labels and rules from this file, so none of them spells a
column name or an English label: a column renamed or added here (or in data/fields.toml) reaches
the compare table with no script change.

Pure: made from the declarations below, the build's filters (facets.py) and data/fields.toml's
columns, worded in the current language (call it inside i18n.language). `declarations()` is the one
place that reads the Python declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import json_text, table_schema
from .i18n import N_, gettext
from .present import CARD_FACTS, CERTIFY_LABEL, FORMAT_LABELS, PACE_LABELS, STALE_SHORT

if TYPE_CHECKING:
    from .facets import Facet
    from .field_spec import FieldSpec

FIELDS_FILE = "search/fields.json"


@dataclass(frozen=True)
class Row:
    """One compare row. `field`: the key of its worded value in data.json's `display` and, for `best`,
    of its typed value in the record. `kind`: how the row is shown (value: the worded value;
    codes: the credentials' linked codes; page, link: a link; cover: whom the outcomes cover, from
    `parts`; exam: the credentials' exam facts, compare-outcomes.js; aid: compare-aid.js's rows). `best`: lowest, highest or yes,
    with the badge that says so in words. `when`: "report" rows show only when a compared program
    has one of the report's figures."""

    field: str
    label: str = ""  # a catalog msgid
    kind: str = "value"
    best: str = ""
    badge: str = ""  # a catalog msgid
    when: str = ""
    parts: tuple[str, ...] = ()
    type: str = ""  # how format.js words the value, when not the field's own type
    flag: str = ""  # a display key that, when true, adds `flagged` (a msgid) in brackets
    flagged: str = ""


# The compare table's rows, in order; data/fields.toml's compare columns go before "Last verified".
COMPARE_ROWS = (
    # The build's one cost to get certified (certify.py), as every page shows it.
    Row("cost_to_certify_usd", CERTIFY_LABEL, best="lowest", badge=N_("Lowest cost to get certified"),
        type="certify"),
    Row("", kind="aid"),  # "Estimated to pay after aid", when the address carries aid answers
    Row("cost_usd", N_("Program cost")),
    Row("duration_months", N_("Duration"), best="lowest", badge=N_("Shortest")),
    Row("format", N_("Format")),
    Row("pace", N_("Pace")),
    Row("hours_per_week", N_("Hours per week")),
    Row("credentials", N_("Credentials"), kind="codes"),
    Row("credentials", N_("Exam facts"), kind="exam"),  # the credentials' exam facts, when they have any
    Row("exam_prep", N_("Exam prep"), best="yes", badge=N_("Includes exam prep")),
    Row("exam_voucher_included", N_("Exam voucher"), best="yes", badge=N_("Includes exam voucher")),
    Row("accreditation", N_("Accreditation")),
    Row("externship", N_("Externship")),
    Row("financial_aid", N_("Federal financial aid")),
    Row("military_benefits", N_("Military benefits")),
    Row("location", N_("Location"), type="text"),  # city and state, as written
    Row("employment_rate_q2", N_("Employed in the 2nd quarter after leaving"), best="highest",
        badge=N_("Highest employment rate"), when="report"),
    Row("employment_rate_q4", N_("Employed in the 4th quarter after leaving"), best="highest",
        badge=N_("Highest employment rate"), when="report"),
    Row("median_earnings_q2", N_("Median earnings in the 2nd quarter after leaving"), best="highest",
        badge=N_("Highest earnings"), when="report"),
    Row("credential_rate", N_("Earned a credential"), when="report"),
    Row("outcomes_exited", N_("Outcomes cover"), kind="cover", when="report",
        parts=("outcomes_cohort", "outcomes_population", "outcomes_exited")),
    Row("last_verified", N_("Last verified"), flag="stale", flagged=STALE_SHORT),
    Row("path", N_("Program page"), kind="page"),
    Row("url", N_("Provider website"), kind="link"),
)  # fmt: skip
# Words for coded values (msgids): the compare rows' formats and paces, the cover row's population.
VALUE_WORDS = {
    "format": FORMAT_LABELS,
    "pace": PACE_LABELS,
    "outcomes_population": {"all": N_("all students"), "wioa": N_("WIOA participants")},
}

# Which column each built-in filter's URL parameter filters on (facets.py makes the filters).
FILTER_FIELDS = {
    "format": "format",
    "credential": "credentials",
    "max_cost": "cost_to_certify_usd",
    "max_duration": "duration_months",
    "exam_prep": "exam_prep",
    "voucher": "exam_voucher_included",
    "financial_aid": "financial_aid",
    "military": "military_benefits",
    "workforce_pell": "workforce_pell",
    "state": "state",
    "accreditation": "accreditation",
}
KINDS = {"checkboxes": "many", "select": "one", "yes": "yes"}

# The browser's rule modules name the values they reason about in their own words; these say which
# column each word is, so no script spells a column. `aid`: aid-rules.js's estimate.
ROLES = {
    "aid": {
        "certifyUsd": "cost_to_certify_usd",
        "costUsd": "cost_usd",
        "tuition": "cost_tuition",
        "fees": "cost_fees",
        "clockHours": "clock_hours",
        "giBill": "gi_bill",
        "pellEligible": "pell_eligible",
        "workforcePell": "workforce_pell",
        "wioa": "etpl",  # on the state's eligible training provider list: WIOA vouchers apply
    },
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


def declarations() -> dict[str, Any]:
    """The Python declarations the spec is made from (one place, so another declaration can replace them)."""
    return {
        "columns": table_schema.PROGRAM_COLUMNS + table_schema.DERIVED_PROGRAM_COLUMNS,
        "compare": COMPARE_ROWS,
        "card": CARD_FACTS,
        "filters": FILTER_FIELDS,
        "sorts": SORTS,
        "words": VALUE_WORDS,
        "roles": ROLES,
    }


def _row(row: Row, fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"field": row.field} if row.field else {}
    if row.label:
        out["label"] = gettext(row.label)
    if row.kind != "value":
        out["kind"] = row.kind
    else:
        field = fields.get(row.field, {})
        out["type"] = row.type or field.get("type", "text")
        if "labels" in field:
            out["labels"] = field["labels"]
    if row.best:
        out.update(best=row.best, badge=gettext(row.badge))
    if row.when:
        out["when"] = row.when
    if row.parts:
        out["parts"] = list(row.parts)
    if row.flag:
        out.update(flag=row.flag, flagged=gettext(row.flagged))
    return out


def field_spec(facets: list[Facet], spec: FieldSpec) -> dict[str, Any]:
    """The spec in the current language: `facets` are this language's filters (facets.py), `spec`
    data/fields.toml's columns."""
    found = declarations()
    fields: dict[str, Any] = {c.name: {"type": browser_type(c)} for c in found["columns"]}
    for name, table in found["words"].items():
        fields[name]["labels"] = {value: gettext(word) for value, word in table.items()}
    for f in spec.fields:
        label, lang = f.label_here()
        fields[f.name] = {"type": f.type, "label": label, **({"lang": lang} if lang else {})}
    compare = [_row(row, fields) for row in found["compare"]]
    for row in compare:
        if "label" in row and row.get("field") in fields:
            fields[row["field"]].setdefault("label", row["label"])
    declared = []
    for f in spec.shown("compare"):
        declared.append({"field": f.name, "label": fields[f.name]["label"], "type": f.type, "declared": True})
        if "lang" in fields[f.name]:
            declared[-1]["lang"] = fields[f.name]["lang"]
    at = next(i for i, row in enumerate(compare) if row.get("field") == "last_verified")
    compare[at:at] = declared
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
