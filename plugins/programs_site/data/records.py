"""Typed records for one program and one credential, validated by pydantic with our cell parsers
(a program's fields are the columns builtin_fields.toml declares, each read by its declared parser).

pydantic validates a row; the build then keeps its values in a plain slotted object (`stored`): a
pydantic instance also carries a set of the field names given (2.3 kB of a program's 3.2 kB), and
at 100,000 programs that set alone is 230 MB, held to the end of the build and copied into every
forked page worker whose pages read it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, TypeAdapter, ValidationError, create_model, model_validator
from pydantic_core import PydanticCustomError

from . import fields
from .field_spec import BUILTIN, value_type, values_of
from .fields import CellError


def cell(parser: Callable[[str | None], Any]) -> BeforeValidator:
    """Adapt a cell parser to pydantic, keeping our message word for word."""

    def run(value: Any) -> Any:
        try:
            return parser(value)
        except CellError as err:
            # The message goes in the context, not the template, so braces typed in a cell
            # (`{{ x }}`) are never read as a format string.
            raise PydanticCustomError("cell", "{message}", {"message": str(err)}) from None

    return BeforeValidator(run)


Text = Annotated[str | None, cell(fields.text)]
Required = Annotated[str, cell(fields.required_text)]
Money = Annotated[float | None, cell(fields.money)]
Url = Annotated[str | None, cell(fields.url)]
Percent = Annotated[float | None, cell(fields.percent)]
PositiveNumber = Annotated[float | None, cell(fields.positive_number)]


def columns(model: type[BaseModel]) -> frozenset[str]:
    """The CSV columns a record reads: its fields with a cell parser, which are the contract's list
    (docs/data-format.md). Fields the loader works out itself (`line`, `extra`, `cost_is_sum`) are not
    columns: a CSV header with such a name is one more column, kept under "More details"."""
    return frozenset(
        name
        for name, info in model.model_fields.items()
        if any(isinstance(item, BeforeValidator) for item in info.metadata)
    )


class Record(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid")

    line: int  # the spreadsheet row the record came from, for messages
    extra: list[tuple[str, str]] = []  # columns we do not know, as (header, value), kept for display/export

    def values(self) -> dict[str, Any]:
        """The record as a dict, as its stored form gives it."""
        return dict(self.__dict__)


class ProgramMethods:
    """What a program record can say beyond its values, for the validated model and its stored form alike."""

    __slots__ = ()

    def cost_parts(self) -> list[tuple[str, float]]:
        """(label, amount) of each listed part of the cost (the columns shown in the "breakdown");
        the labels are msgids, present.py words them."""
        parts = zip(_BREAKDOWN_LABELS, _breakdown(self), strict=True)
        return [(label, amount) for label, amount in parts if amount is not None]

    @property
    def workforce_pell_approved(self) -> bool:
        """The browse filter "Approved for Workforce Pell": approved as listed, never pending or unknown."""
        return self.workforce_pell == "approved"

    @property
    def duration_max(self) -> float | None:
        """Filters and sorting use the longer end of a range: the honest worst case."""
        return self.duration_months[1] if self.duration_months else None


class CredentialMethods:
    __slots__ = ()

    @property
    def slug(self) -> str:
        return self.code.lower()


class _ProgramRecord(ProgramMethods, Record):
    # Columns the build works out and exports (programs.csv); reading an export back skips them, since
    # the build works them out again from the columns they come from.
    DERIVED: ClassVar[tuple[str, ...]] = tuple(f.name for f in BUILTIN.fields if f.derived)

    @model_validator(mode="after")
    def _total_from_parts(self) -> Program:
        parts = self.cost_parts()
        if self.cost_usd is None and parts:
            self.cost_usd = sum(amount for _, amount in parts)
            self.cost_is_sum = True
        return self


_BREAKDOWN_LABELS = tuple(f.label for f in BUILTIN.shown("breakdown"))
_breakdown = values_of(f.name for f in BUILTIN.shown("breakdown"))


def _column_field(f) -> tuple[Any, Any]:
    """A built-in column as a model field: typed as its reader returns, read by it; unknown is None,
    or an empty list (required columns have no default)."""
    kind = value_type(f)
    default = ... if f.required else [] if getattr(kind, "__origin__", None) is list else None
    return Annotated[kind, cell(f.reader())], default


# The columns builtin_fields.toml declares (field_spec.py), in its order, read by their readers.
Program = create_model(
    "Program",
    __base__=_ProgramRecord,
    __module__=__name__,
    **{f.name: _column_field(f) for f in BUILTIN.fields if not f.derived},
    cost_is_sum=(bool, False),  # true when cost_usd was added up from the breakdown
    # The columns data/fields.toml declares, read by their types (field_spec.py): {name: value}; None
    # without a fields file, so a build without one holds nothing more per program.
    declared=(dict[str, Any] | None, None),
)


class Credential(CredentialMethods, Record):
    code: Annotated[str, cell(fields.code)]
    name: Required
    issuer: Text = None
    best_for: Text = None
    exam_summary: Text = None
    # Optional translations (`<column>_<lang>`): present.translated() picks the page language's.
    name_es: Text = None
    best_for_es: Text = None
    exam_summary_es: Text = None
    exam_fee_usd: Money = None
    url: Url = None
    # Exam facts (issue 28): attempts the fee includes, the retake fee, the issuer's first-time pass rate.
    exam_attempts: PositiveNumber = None
    retake_fee_usd: Money = None
    pass_rate: Percent = None
    pass_rate_year: PositiveNumber = None
    pass_rate_source: Url = None


class Stored:
    """A validated record's values as plain attributes, in the model's field order; no validation
    again (the loader assigns generated ids). `values()` is the record as a dict, as a model's
    `__dict__` was: what a page's cache key is made from."""

    __slots__ = ()

    def __init__(self, values: dict[str, Any]):
        for name, value in values.items():
            setattr(self, name, value)

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.values() == other.values()

    __hash__ = None  # mutable, like the models

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.values().items())})"


class StoredProgram(ProgramMethods, Stored):
    __slots__ = tuple(Program.model_fields)


class StoredCredential(CredentialMethods, Stored):
    __slots__ = tuple(Credential.model_fields)


STORED: dict[type[Record], type[Stored]] = {Program: StoredProgram, Credential: StoredCredential}


def stored(record: Record) -> Stored:
    """The validated record as the build keeps it (see the module's docstring)."""
    return STORED[type(record)](record.__dict__)


@functools.cache
def _column_reader(model: type[Record], column: str) -> TypeAdapter:
    info = model.model_fields[column]
    return TypeAdapter(Annotated[info.annotation, *info.metadata])


def value_problem(model: type[Record], column: str, value: str) -> str | None:
    """What is wrong with one value for one column, in a row message's words; None when it reads."""
    try:
        _column_reader(model, column).validate_python(value)
    except ValidationError as err:
        return err.errors()[0]["msg"]
    return None
