"""The columns of programs.csv and credentials.csv: one list for the loader, the export and the open-data package.

Each column is described once here: its place in the exported file, whether a file must have it, what
it means, and how it is written once cleaned. From this list come the required columns the loader
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

from .fields import FORMATS, PACES, POPULATIONS, SUPPRESSED, US_STATES, WORKFORCE_PELL

ID_PATTERN = "[a-z0-9]+(?:-[a-z0-9]+)*"
CODE_PATTERN = "[A-Z0-9]+(?:-[A-Z0-9]+)*"
_NUMBER_PATTERN = r"\d+(?:\.\d+)?"
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


def _yes_no(name: str, description: str, *hints: str) -> Column:
    return Column(name, "boolean", description, hints=hints, coded=True)


def _outcome(name: str, description: str, *hints: str) -> Column:
    """A figure a report may suppress: a number, or the word `suppressed` (never 0)."""
    return Column(name, "string", description, pattern=rf"{_NUMBER_PATTERN}|{SUPPRESSED}", hints=hints)


def _percent(name: str, description: str, *hints: str) -> Column:
    return Column(name, "number", description, minimum=0, maximum=100, hints=hints)


PROGRAM_COLUMNS: tuple[Column, ...] = (
    Column("id", "string", "stable slug used in page addresses", pattern=ID_PATTERN, key=True,
           hints=("programid", "programcode", "programnumber", "slug")),
    Column("name", "string", "the program name", required=True,
           hints=("officialname", "programname", "programtitle", "program", "coursename", "course", "title")),
    Column("provider", "string", "the school or organisation", required=True,
           hints=("provider", "providername", "school", "schoolname", "institution", "institutionname",
                  "college", "organization", "organisation", "trainingprovider", "vendor",
                  "name")),  # last: in state lists `name` is the provider and `officialname` the program
    Column("format", "string", "delivery", enum=FORMATS, coded=True,
           hints=("format", "deliveryformat", "delivery", "deliverymethod", "modality", "mode")),
    Column("duration_months", "string", "typical time to finish, in months; a range as low-high",
           pattern=f"{_NUMBER_PATTERN}(?:-{_NUMBER_PATTERN})?", coded=True,
           hints=("durationmonths", "duration", "calendarlength", "length", "months", "programlength")),
    Column("clock_hours", "number", "instruction hours", minimum=0,
           hints=("clockhours", "totalclockhours", "hours", "contacthours", "totalhours")),
    _money("cost_usd", "total cost to complete, in US dollars", "costusd", "totalcost", "cost", "price", "totalprice"),
    _money("cost_tuition", "tuition, in US dollars", "tuition", "tuitioncost"),
    _money("cost_fees", "fees, in US dollars", "fees", "fee", "registrationfee"),
    _money("cost_books", "books and materials, in US dollars", "books", "materials", "supplies"),
    _money("cost_exam", "exam fee in the cost, in US dollars", "examfee", "examcost", "testingfee"),
    Column("credentials", "string", "codes of the exams the program prepares for, separated by ;",
           pattern=f"{CODE_PATTERN}(?:;{CODE_PATTERN})*", listed=True, coded=True,
           hints=("credentials", "credential", "certification", "certifications", "certificate", "license")),
    _yes_no("exam_prep", "exam review or practice exams included", "examprep", "review", "testprep"),
    _yes_no("exam_voucher_included", "exam fee included in the cost", "voucher", "examvoucher"),
    Column("accreditation", "string", "accreditors or approvals, separated by ;", listed=True,
           hints=("accreditation", "accreditor", "accredited", "approval", "approvedby")),
    Column("pace", "string", "schedule", enum=PACES, coded=True, hints=("pace", "schedule", "selfpaced")),
    Column("hours_per_week", "number", "expected study hours per week", minimum=0,
           hints=("hoursperweek", "weeklyhours")),
    _yes_no("externship", "practicum included", "externship", "practicum", "internship", "clinical"),
    _yes_no("financial_aid", "federal financial aid eligible", "financialaid", "aid", "pell", "titleiv"),
    _yes_no("military_benefits", "GI Bill or MyCAA accepted", "militarybenefits", "military", "gibill", "veterans"),
    Column("city", "string", "campus city", hints=("city", "town")),
    Column("state", "string", "campus state, a US 2-letter code", enum=tuple(sorted(US_STATES)), coded=True,
           hints=("state", "st", "statecode")),
    Column("enroll_url", "string", "where to apply or request information", format="uri",
           hints=("enrollurl", "enroll", "apply", "applyurl", "application")),
    Column("url", "string", "the program's own page", format="uri",
           hints=("url", "website", "programurl", "web", "link", "webaddress")),
    Column("description", "string", "summary; a blank line separates paragraphs",
           hints=("description", "summary", "overview", "about")),
    Column("description_es", "string", "the description in Spanish, shown on the Spanish pages (optional)",
           hints=("descriptiones",)),
    _outcome("completion_rate", "completion rate, percent; suppressed when too few students", "completionrate", "completion"),
    _percent("exam_pass_rate", "exam pass rate, percent", "exampassrate", "passrate", "licensurerate"),
    _percent("job_placement_rate", "job placement rate, percent", "jobplacementrate", "placementrate", "placement"),
    Column("outcomes_source", "string", "where the outcomes come from, and their year",
           hints=("outcomessource", "source", "datasource")),
    Column("last_verified", "date", "date the row was checked", hints=("lastverified", "verified", "lastupdated")),
    _outcome("employment_rate_q2", "employed in the 2nd quarter after leaving, percent; suppressed when too few students",
             "employmentrateq2", "employmentrate2ndquarter"),
    _outcome("employment_rate_q4", "employed in the 4th quarter after leaving, percent; suppressed when too few students",
             "employmentrateq4", "employmentrate4thquarter"),
    _outcome("median_earnings_q2", "median earnings in the 2nd quarter after leaving, US dollars; suppressed when too few students",
             "medianearningsq2", "medianearnings"),
    _outcome("credential_rate", "credential attainment rate, percent; suppressed when too few students",
             "credentialrate", "credentialattainmentrate"),
    _outcome("outcomes_exited", "how many students the outcomes cover (left the program); suppressed when too few",
             "outcomesexited", "exited", "totalexiters"),
    Column("outcomes_cohort", "string", "the group the outcomes describe, e.g. PY2023", hints=("outcomescohort", "cohort", "programyear")),
    Column("outcomes_population", "string", "whom the outcomes cover: all students or WIOA participants", enum=POPULATIONS,
           coded=True, hints=("outcomespopulation", "population")),
    _yes_no("gi_bill", "approved for the Post-9/11 GI Bill", "gibillapproved", "vaapproved"),
    _yes_no("pell_eligible", "eligible for (regular) Pell Grants", "pelleligible", "pellgrant"),
    Column("workforce_pell", "string", "Workforce Pell approval: approved, pending or no", enum=WORKFORCE_PELL,
           coded=True, hints=("workforcepell", "shorttermpell")),
    Column("workforce_pell_state", "string", "the state that approved the program for Workforce Pell, a US 2-letter code",
           enum=tuple(sorted(US_STATES)), coded=True, hints=("workforcepellstate",)),
    _yes_no("etpl", "on the state's eligible training provider list (WIOA vouchers apply)",
            "etpl", "eligibletrainingproviderlist", "wioa"),
)  # fmt: skip

# Exported after the file's own columns, worked out by the build; a file read back in may carry them,
# and they are then skipped (never read as data, never "other columns").
DERIVED_PROGRAM_COLUMNS: tuple[Column, ...] = (
    Column("cost_to_certify_usd", "number",
           "cost to get certified: the cost plus the exam fee of the credential named next, unless a voucher is included; "
           "empty when unknown, when that exam fee is not listed, or when the program lists no credential",
           minimum=0),
    Column("cost_to_certify_credential", "string", "the credential whose exam fee cost_to_certify_usd counts",
           pattern=CODE_PATTERN),
)  # fmt: skip

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
