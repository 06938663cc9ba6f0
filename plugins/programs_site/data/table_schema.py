"""The columns of programs.csv and credentials.csv: one list for the loader, the export and the open-data package.

The program columns are declared in builtin_fields.toml (read by field_spec.py) and made into
Columns here; the credential columns are listed below. Each column is described once: its place in
the exported file, whether a file must have it, what it means, and how it is written once cleaned. From this list come the required columns the loader
checks, the keys a mapping file may use, the guesses `make mapping` makes, the export's column order
and the Frictionless Table Schemas in output/datapackage.json.

The cell parsers in fields.py stay the rules for *reading*: they accept spellings a Table Schema cannot
express (`$3,699.00`, `24 weeks`, `Certified Professional Coder (CPC)`); the schema describes what
the site writes back out, which is what open-data tools read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CODE_PATTERN = "[A-Z0-9]+(?:-[A-Z0-9]+)*"
YES, NO = "yes", "no"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, number, boolean, date
    description: str  # what the column means, as docs/data-format.md says it
    required: bool = False  # a file without this column cannot be read
    hints: tuple[str, ...] = ()  # header words (lower case, letters and digits only) that suggest this column
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    format: str | None = None
    key: bool = False  # unique in the export and never empty there
    coded: bool = False  # values come from a short list: a mapping may need a [values] table for it
    listed: bool = False  # several values separated by `;`

    def field(self) -> dict[str, Any]:
        """This column as a Table Schema field descriptor."""
        field: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.format:
            field["format"] = self.format
        if self.type == "boolean":
            field["trueValues"], field["falseValues"] = [YES], [NO]
        constraints: dict[str, Any] = {}
        if self.required or self.key:
            constraints["required"] = True
        if self.key:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if constraints:
            field["constraints"] = constraints
        return field


def _money(name: str, description: str, *hints: str) -> Column:
    return Column(name, "number", description, minimum=0, hints=hints)


def _percent(name: str, description: str, *hints: str) -> Column:
    return Column(name, "number", description, minimum=0, maximum=100, hints=hints)


def __getattr__(name: str) -> tuple[Column, ...]:
    """PROGRAM_COLUMNS (the file's own, in the export's order) and DERIVED_PROGRAM_COLUMNS (worked out
    by the build, exported after the file's own; a file read back in may carry them, and they are then
    skipped): made on first use from builtin_fields.toml (field_spec.py), which needs Column first."""
    if name not in ("PROGRAM_COLUMNS", "DERIVED_PROGRAM_COLUMNS"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .field_spec import BUILTIN

    globals()["PROGRAM_COLUMNS"] = tuple(f.column() for f in BUILTIN.fields if not f.derived)
    globals()["DERIVED_PROGRAM_COLUMNS"] = tuple(f.column() for f in BUILTIN.fields if f.derived)
    return globals()[name]


CREDENTIAL_COLUMNS: tuple[Column, ...] = (
    Column("code", "string", "short code of the credential", required=True, pattern=CODE_PATTERN, key=True,
           hints=("code", "abbreviation", "acronym")),
    Column("name", "string", "the credential's full name", required=True,
           hints=("name", "credentialname", "title", "certification")),
    Column("issuer", "string", "the body that awards it", hints=("issuer", "issuedby", "body", "organization")),
    Column("best_for", "string", "the work setting it suits", hints=("bestfor", "setting", "worksetting")),
    Column("exam_summary", "string", "the exam in a sentence or two", hints=("examsummary", "exam")),
    Column("name_es", "string", "the credential's name in Spanish (optional)", hints=("namees",)),
    Column("best_for_es", "string", "best_for in Spanish (optional)", hints=("bestfores",)),
    Column("exam_summary_es", "string", "exam_summary in Spanish (optional)", hints=("examsummaryes",)),
    _money("exam_fee_usd", "exam fee, in US dollars", "examfeeusd", "examfee", "fee", "cost"),
    Column("url", "string", "the issuer's page for the credential", format="uri", hints=("url", "website", "link")),
    Column("exam_attempts", "number", "exam attempts the fee includes", minimum=0, hints=("examattempts", "attempts")),
    _money("retake_fee_usd", "fee for another attempt, in US dollars", "retakefeeusd", "retakefee"),
    _percent("pass_rate", "the issuer's first-time pass rate, percent", "passrate", "firsttimepassrate"),
    Column("pass_rate_year", "number", "the year the pass rate is for", minimum=0, hints=("passrateyear",)),
    Column("pass_rate_source", "string", "where the pass rate is published (a link)", format="uri",
           hints=("passratesource",)),
)  # fmt: skip


def names(columns: tuple[Column, ...]) -> list[str]:
    return [c.name for c in columns]


def required(columns: tuple[Column, ...]) -> tuple[str, ...]:
    return tuple(c.name for c in columns if c.required)


def by_name(columns: tuple[Column, ...]) -> dict[str, Column]:
    return {c.name: c for c in columns}


def header_words(header: str) -> str:
    """`Total Clock Hours` and `total_clock_hours` both become `totalclockhours`, for guessing."""
    return re.sub(r"[^a-z0-9]+", "", header.lower())


def table_schema(columns: tuple[Column, ...], other_headers: list[str]) -> dict[str, Any]:
    """A Table Schema for an exported file: our columns, then the file's other columns as text."""
    fields = [c.field() for c in columns]
    fields += [
        {"name": header, "type": "string", "description": "kept from the source file"} for header in other_headers
    ]
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    keys = [c.name for c in columns if c.key]
    if keys:
        schema["primaryKey"] = keys
    return schema
