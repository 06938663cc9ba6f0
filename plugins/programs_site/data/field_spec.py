"""The columns of programs.csv as declarations: data/fields.toml declares the maintainer's own columns
with a type, a label and the places they show (docs/data-format.md, "Your own columns"), with no
change to code; builtin_fields.toml, beside this module, declares the built-in ones in the same form
(with the few more keys a built-in needs: its Table Schema, mapping hints, filter and compare words).
Every module that spells the program columns reads them here (table_schema, records, present,
facets, search_files, export, datapackage); program_fields() gives both, built-ins first.

The file is read once per build into a FieldSpec (immutable): each declared column's reader (a cell
parser from fields.py, the same ones the built-in columns of that kind use), its words for pages and
its Table Schema column are worked out here, so the row loop only calls the readers it is handed.
A file that cannot be used stops the build with `path:line: message` problems, reported with the
data's own problems.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
import tomllib
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..i18n import SOURCE_LANG, current, translations
from . import fields, table_schema
from .fields import CellError
from .problems import DataError, Problem
from .toml_file import read_toml

FILE_NAME = "fields.toml"
PLACES = ("page", "card", "compare", "filter")
# A filter needs values to offer as options: yes, or the declared options.
FILTER_TYPES = ("yes-no", "choice", "list")
NAME = re.compile(r"[a-z][a-z0-9_]*")
_LABEL_KEY = re.compile(r"label_([a-z]{2,3})")
KEYS = ("name", "type", "label", "show", "options")

BUILTIN_FILE = Path(__file__).with_name("builtin_fields.toml")
# What only builtin_fields.toml may say (its header explains each key).
BUILTIN_KEYS = (
    *("description", "hints", "required", "key", "reader", "options_of", "option_labels", "pattern", "coded"),
    *("derived", "words", "when_listed", "param", "filter_label", "filter_kind", "filter_when"),
    *("compare_label", "best", "best_label", "compare_kind", "compare_type", "compare_when", "compare_flag"),
    *("compare_flagged", "card_slot", "card_key", "card_kind", "match_kind"),
    *("history_key", "history_label"),
)
# A [[row]] table of builtin_fields.toml: a compare row that is not one column's value.
ROW_KEYS = ("name", "field", "label", "kind", "type", "when", "parts")
# The page's outcomes list and cost breakdown; the questionnaire's files; the changes the data's history tracks.
BUILTIN_PLACES = ("outcomes", "breakdown", "match", "history")
BUILTIN_TYPES = ("outcome",)  # a figure or the word `suppressed` (fields.SUPPRESSED): its reader says which
_OUTCOME_PATTERN = rf"\d+(?:\.\d+)?|{fields.SUPPRESSED}"
_MONTHS_PATTERN = r"\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?"


def _months_cell(span: tuple[float, float] | None) -> str | None:
    if span is None:
        return None
    low, high = (f"{v:g}" for v in span)
    return high if low == high else f"{low}-{high}"


# type -> (reader of a cell, given the options; Table Schema type and constraints of the exported value)
_PARSERS: dict[str, Callable[[tuple[str, ...]], Callable[[str | None], Any]]] = {
    "text": lambda options: fields.text,
    "number": lambda options: fields.number,
    "money": lambda options: fields.money,
    "months": lambda options: fields.duration,
    "yes-no": lambda options: fields.yes_no,
    "choice": lambda options: partial(fields.choice, allowed=options),
    "list": lambda options: partial(fields.choice_list, allowed=options),
    "url": lambda options: fields.url,
    "date": lambda options: fields.date,
    "percent": lambda options: fields.percent,
}
TYPES = tuple(_PARSERS)


@dataclass(frozen=True)
class Field:
    """One declared column."""

    name: str
    type: str
    label: str  # English, the source language
    labels: tuple[tuple[str, str], ...] = ()  # (language, label) for the other languages given
    show: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    line: int = 1  # where fields.toml declares it, for messages
    # Only builtin_fields.toml sets these (its header says what each means); a built-in's labels are
    # msgids, translated by the message catalogs rather than label_<lang> keys.
    builtin: bool = False
    description: str = ""
    hints: tuple[str, ...] = ()
    required: bool = False
    key: bool = False
    reader_name: str = ""
    option_labels: tuple[tuple[str, str], ...] = ()
    pattern: str | None = None
    coded: bool | None = None
    derived: bool = False
    words: str = ""
    when_listed: bool = False
    param: str = ""
    filter_label: str = ""
    filter_kind: str = ""
    filter_when: str = ""
    compare_label: str = ""
    best: str = ""
    best_label: str = ""
    compare_kind: str = ""
    compare_type: str = ""
    compare_when: str = ""
    compare_flag: str = ""
    compare_flagged: str = ""
    card_slot: str = ""
    card_key: str = ""
    card_kind: str = ""
    match_kind: str = ""
    history_key: str = ""
    history_label: str = ""

    @property
    def filter_param(self) -> str:
        """The browse filter's URL parameter: the column's name unless the declaration gives another."""
        return self.param or self.name

    def label_in(self, lang: str, place: str = "") -> tuple[str, str]:
        """(label, its language when that is not `lang`, else ""): a page marks an English label lang="en".
        `place`: "filter" or "compare" for a built-in's own words there (filter_label, compare_label),
        "best" for its compare badge (best_label)."""
        if self.builtin:
            english = {"filter": self.filter_label, "compare": self.compare_label, "best": self.best_label}
            words = english.get(place) or ("" if place == "best" else self.label)
            return (words if lang == SOURCE_LANG or not words else translations(lang).gettext(words)), ""
        if lang == SOURCE_LANG:
            return self.label, ""
        found = dict(self.labels).get(lang)
        return (found, "") if found else (self.label, SOURCE_LANG)

    def label_here(self) -> tuple[str, str]:
        return self.label_in(current())

    def reader(self) -> Callable[[str | None], Any]:
        if self.reader_name:
            return getattr(fields, self.reader_name)
        return _PARSERS[self.type](self.options)

    def column(self) -> table_schema.Column:
        """How programs.csv writes the value, for datapackage.json."""
        if self.builtin:
            return _builtin_column(self)
        described = f"{self.label} (declared in {FILE_NAME})"
        if self.type in ("number", "money"):
            return table_schema.Column(self.name, "number", described, minimum=0)
        if self.type == "percent":
            return table_schema.Column(self.name, "number", described, minimum=0, maximum=100)
        if self.type == "yes-no":
            return table_schema.Column(self.name, "boolean", described)
        if self.type == "date":
            return table_schema.Column(self.name, "date", described)
        if self.type == "url":
            return table_schema.Column(self.name, "string", described, format="uri")
        if self.type == "choice":
            return table_schema.Column(self.name, "string", described, enum=self.options)
        if self.type == "months":
            number = r"\d+(?:\.\d+)?"
            return table_schema.Column(self.name, "string", described + "; months, a range as low-high",
                                       pattern=f"{number}(?:-{number})?")  # fmt: skip
        if self.type == "list":  # listed: a mapping file's [values] recodes each item
            options = "|".join(re.escape(o) for o in self.options)
            return table_schema.Column(self.name, "string", described + "; values separated by ;", listed=True,
                                       pattern=f"(?:{options})(?:;(?:{options}))*")  # fmt: skip
        return table_schema.Column(self.name, "string", described)


@dataclass(frozen=True)
class Row:
    """A compare row that is not one column's value (builtin_fields.toml's [[row]] tables, whose header
    says what each key means); `name` places it in [order].compare. `label` is a msgid."""

    name: str
    field: str = ""
    label: str = ""
    kind: str = ""
    type: str = ""
    when: str = ""
    parts: tuple[str, ...] = ()


def _builtin_column(f: Field) -> table_schema.Column:
    """A built-in column's Table Schema: its type's, with what its declaration says beyond that."""
    kind = {"number": "number", "money": "number", "percent": "number", "yes-no": "boolean", "date": "date"}
    pattern = f.pattern or (
        _MONTHS_PATTERN if f.type == "months" else _OUTCOME_PATTERN if f.type == "outcome" else None
    )
    return table_schema.Column(
        f.name,
        kind.get(f.type, "string"),
        f.description,
        required=f.required,
        hints=f.hints,
        enum=f.options if f.type == "choice" else (),
        pattern=pattern,
        minimum=0 if f.type in ("number", "money", "percent") else None,
        maximum=100 if f.type == "percent" else None,
        format="uri" if f.type == "url" else None,
        key=f.key,
        coded=f.coded if f.coded is not None else f.type in ("yes-no", "choice", "months"),
        listed=f.type == "list",
    )


def values_of(names) -> Callable[[Any], tuple]:
    """A getter of these attributes' values as a tuple, in one call (the views ask for each program)."""
    names = tuple(names)
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda record: tuple(getattr(record, name) for name in names)  # attrgetter of one gives no tuple


def value_type(f: Field) -> Any:
    """The Python type of a column's values, as its reader returns them (the records' annotations)."""
    return typing.get_type_hints(f.reader())["return"]


@dataclass(frozen=True)
class FieldSpec:
    """Every declared column, in the file's order; EMPTY when there is no fields.toml."""

    path: str | None = None
    fields: tuple[Field, ...] = ()
    # (name, reader) per field: what the loader calls for each row, worked out once here.
    readers: tuple[tuple[str, Callable[[str | None], Any]], ...] = field(default=(), compare=False, repr=False)
    # (place, names): where a place lists columns in another order than the file's (builtin_fields.toml);
    # "*" stands for the columns the list leaves out (else they follow it).
    order: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The compare rows that are not one column's value (builtin_fields.toml's [[row]] tables).
    rows: tuple[Row, ...] = ()
    # (rule module, ((its word, the column), ...)): builtin_fields.toml's [roles.<module>] tables.
    roles: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    # Worked out once here, since the loader and the views ask for each program (field_spec is read
    # once per build; nothing per row reads the declarations again).
    _names: tuple[str, ...] = field(default=(), init=False, compare=False, repr=False)
    _shown: dict[str, tuple[Field, ...]] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "_names", tuple(f.name for f in self.fields))
        order = dict(self.order)

        def placed(place: str, members: list) -> tuple:
            listed = {name: n for n, name in enumerate(order.get(place, ()))}
            rest = listed.get("*", len(listed))
            return tuple(sorted(members, key=lambda f: listed.get(f.name, rest)))  # stable: file order

        shown = {
            place: placed(place, [f for f in self.fields if place in f.show]) for place in (*PLACES, *BUILTIN_PLACES)
        }
        shown["compare rows"] = placed("compare", [*shown["compare"], *self.rows])
        shown["worded"] = tuple(f for f in self.fields if {"card", "compare"} & set(f.show))
        object.__setattr__(self, "_shown", shown)

    def __bool__(self) -> bool:
        return bool(self.fields)

    def names(self) -> tuple[str, ...]:
        return self._names

    def shown(self, place: str) -> tuple[Field, ...]:
        """The fields shown in `place` (one of PLACES or BUILTIN_PLACES), or, for "worded", those a
        card or compare shows as words the view carries."""
        return self._shown[place]

    def compare_rows(self) -> tuple[Field | Row, ...]:
        """The compare table's rows in order: the columns shown in compare, and the rows that are not
        one column's value."""
        return self._shown["compare rows"]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def signature(self) -> tuple:
        """What pages made from the spec depend on (build_cache keys)."""
        return tuple((f.name, f.type, f.label, f.labels, f.show, f.options) for f in self.fields)


EMPTY = FieldSpec()


def fields_path(csv_path: str | Path, setting: str | None = None) -> str:
    """The fields file for a programs CSV: the setting when given, else fields.toml beside the CSV."""
    return str(setting) if setting else str(Path(csv_path).with_name(FILE_NAME))


def find_fields(csv_path: str | Path, setting: str | None = None) -> tuple[FieldSpec, list[Problem]]:
    """The spec for a programs CSV, and the problems of its file: the fields declared well are kept, so
    the data's problems in them are found in the same build. No file beside the CSV means no declared
    columns; a file named by the setting must exist."""
    path = fields_path(csv_path, setting)
    if not setting and not Path(path).is_file():
        return EMPTY, []
    try:
        return read_fields(path), []
    except DataError as err:
        return getattr(err, "spec", EMPTY), err.problems


def read_fields(path: str, builtin: bool = False) -> FieldSpec:
    """The spec in a fields.toml file; raises DataError with every problem in it (and, as its `spec`,
    the fields declared without a problem). `builtin`: builtin_fields.toml, which may say more."""
    data, text = read_toml(path, "fields file", columns=False)
    return _validate(path, data, _field_lines(text), builtin, text)


def _field_lines(text: str, kind: str = "field") -> list[dict[str, int]]:
    """For each [[field]] (or [[<kind>]]) table in order, {"": its header's line, key: the key's line}."""
    tables: list[dict[str, int]] = []
    inside = False
    for number, line in enumerate(text.split("\n"), start=1):
        header = re.match(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]", line)
        if header:
            inside = header[1] == kind and line.lstrip().startswith("[[")
            if inside:
                tables.append({"": number})
            continue
        key = re.match(r"^\s*([A-Za-z0-9_-]+)\s*=", line)
        if key and tables and inside:
            tables[-1].setdefault(key[1], number)
    return tables


def _top_line(text: str, table: str, key: str = "", word: str = "") -> int:
    """The line of a top-level table or key (`[order]`, `[[row]]`, `x = 1`), or of the table's `key`, or of
    that key's line holding `word` quoted (a list's item, when the list runs over several lines); 1 when
    not found."""
    start = at_key = 0
    inside = False
    for number, line in enumerate(text.split("\n"), start=1):
        header = re.match(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]", line)
        if header:
            if at_key:
                break
            inside = header[1].split(".")[0] == table  # [roles.aid] is in roles
            start = start or (number if inside else 0)
            continue
        named = re.match(r"^\s*([A-Za-z0-9_-]+)\s*=", line)
        if not start and named and named[1] == table:  # a top-level key, before any table
            return number
        if not inside or not key:
            continue
        if named:
            if at_key:
                break  # the next key: the word was not found in this one
            at_key = number if named[1] == key else 0
        if at_key and (not word or f'"{word}"' in line or f"'{word}'" in line):
            return number
    return at_key or start or 1


def _validate(
    path: str, data: dict[str, Any], lines: list[dict[str, int]], builtin: bool = False, text: str = ""
) -> FieldSpec:
    problems: list[Problem] = []
    keys = (*KEYS, *BUILTIN_KEYS) if builtin else KEYS
    parsers = (*_PARSERS, *BUILTIN_TYPES) if builtin else _PARSERS
    places = (*PLACES, *BUILTIN_PLACES) if builtin else PLACES

    def problem(line: int, message: str) -> None:
        problems.append(Problem(path, line, "", message))

    order = data.get("order", {}) if builtin else {}
    rows = _rows(path, data.get("row", []), problem) if builtin else ()
    for key in data:
        if key != "field" and not (builtin and key in ("order", "row", "roles")):
            problem(_top_line(text, key), f"unknown key '{key}'; a fields file has one [[field]] table per column")
    tables = data.get("field", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        problem(1, "'field' must be tables written [[field]]")
        tables = []
    declared: list[Field] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(tables):
        at = lines[index] if index < len(lines) else {"": 1}

        def line(key: str, at=at) -> int:
            return at.get(key, at[""])

        before = len(problems)
        name = table.get("name")
        if not isinstance(name, str) or not name:
            problem(line(""), 'a field needs name = "<the column in programs.csv>"')
            continue
        if not NAME.fullmatch(name):
            problem(line("name"), f"name '{name}' must be lower case letters, digits and _ (it is a URL parameter)")
        elif not builtin and name in RESERVED:
            problem(line("name"), f"name '{name}' is a built-in column or parameter of the site; choose another name")
        elif name in seen:
            problem(line("name"), f"name '{name}' is already declared on line {seen[name]}")
        seen.setdefault(name, line("name"))
        for key in table:
            if key not in keys and not _LABEL_KEY.fullmatch(key):
                problem(
                    line(key), f"unknown key '{key}' in field '{name}'; a field has {', '.join(KEYS)}, label_<lang>"
                )
        kind = table.get("type")
        if kind not in parsers:
            problem(line("type" if "type" in table else ""),
                    f"field '{name}': type {_quoted(kind)} is not one of: {', '.join(parsers)}")  # fmt: skip
        labels = {k.removeprefix("label_"): v for k, v in table.items() if _LABEL_KEY.fullmatch(k)}
        label = table.get("label")
        if builtin and label is None:
            label = ""  # a built-in shown nowhere needs no words
        elif not isinstance(label, str) or not label.strip():
            problem(
                line("label" if "label" in table else ""),
                f"field '{name}' needs a label (the English words pages show)",
            )
        for lang, text in labels.items():
            if not isinstance(text, str) or not text.strip():
                problem(line(f"label_{lang}"), f"field '{name}': label_{lang} must be text")
        show = table.get("show", [])
        if not isinstance(show, list) or not all(isinstance(s, str) for s in show):
            problem(line("show"), f'field \'{name}\': show must be a list, like ["page", "filter"]')
            show = []
        for place in show:
            if place not in places:
                problem(line("show"), f"field '{name}': show '{place}' is not one of: {', '.join(places)}")
        if "filter" in show and kind in _PARSERS and kind not in FILTER_TYPES and not table.get("filter_kind"):
            problem(
                line("show"),
                f"field '{name}': a filter needs type {', '.join(FILTER_TYPES)}; '{kind}' has no options to offer",
            )
        options = table.get("options")
        for key in ("reader", "options_of") if builtin else ():
            if key in table and not hasattr(fields, str(table[key])):
                problem(line(key), f"field '{name}': {key} '{table[key]}' is not in fields.py")
        if builtin and hasattr(fields, str(table.get("options_of"))):  # the reader's own list, sorted when a set
            known = getattr(fields, table["options_of"])
            options = sorted(known) if isinstance(known, frozenset) else list(known)
        if kind in ("choice", "list") and not (builtin and "reader" in table):
            if (
                not isinstance(options, list)
                or not options
                or not all(isinstance(o, str) and o.strip() for o in options)
            ):
                problem(line("options" if "options" in table else "type"),
                        f"field '{name}': type '{kind}' needs options = [\"…\", \"…\"], the values it allows")  # fmt: skip
                options = []
            elif len({o.strip().lower() for o in options}) < len(options):
                problem(line("options"), f"field '{name}': options repeat a value")
        elif options is not None and kind not in ("choice", "list"):
            problem(line("options"), f"field '{name}': options are for types choice and list, not {_quoted(kind)}")
            options = []
        if len(problems) > before:
            continue
        more = {}
        if builtin:
            more = {key.replace("reader", "reader_name"): table[key] for key in BUILTIN_KEYS if key in table}
            more.pop("options_of", None)  # resolved into options above
            more["hints"] = tuple(more.get("hints", ()))
            more["option_labels"] = tuple(more.get("option_labels", {}).items())
        declared.append(
            Field(
                name=name,
                type=kind,
                label=label.strip(),
                labels=tuple(sorted((lang, text.strip()) for lang, text in labels.items())),
                show=tuple(dict.fromkeys(show)),
                options=tuple(o.strip() for o in options or ()),
                line=line(""),
                builtin=builtin,
                **more,
            )
        )
    order = tuple((place, tuple(names)) for place, names in order.items())
    known = {"*", *(f.name for f in declared), *(r.name for r in rows)}
    for place, names in order:  # a misspelt name would move a row without a word
        for unknown in [n for n in names if n not in known]:
            problem(
                _top_line(text, "order", place, unknown), f"[order].{place}: '{unknown}' is not a declared field or row"
            )
    roles = tuple((group, tuple(words.items())) for group, words in data.get("roles", {}).items()) if builtin else ()
    for group, words in roles:  # a misspelt column would leave a rule reading nothing
        for word, column in words:
            if column not in known:
                problem(_top_line(text, "roles", word), f"[roles.{group}]: {word} = '{column}' is not a declared field")
    readers = () if builtin else tuple((f.name, f.reader()) for f in declared)
    spec = FieldSpec(path, tuple(declared), readers, order, rows, roles)
    if problems:
        error = DataError(problems)
        error.spec = spec
        raise error
    return spec


def _rows(path: str, tables: Any, problem: Callable[[int, str], None]) -> tuple[Row, ...]:
    """builtin_fields.toml's [[row]] tables (the project's own file: a mistake is reported at its first line)."""
    rows = []
    for table in tables if isinstance(tables, list) else [tables]:
        unknown = [key for key in table if key not in ROW_KEYS] if isinstance(table, dict) else ["(not a table)"]
        if unknown or not isinstance(table.get("name"), str):
            problem(1, f"row {table.get('name') if isinstance(table, dict) else table!r}: needs a name; "
                       f"unknown keys {', '.join(unknown)}; a row has {', '.join(ROW_KEYS)}")  # fmt: skip
            continue
        rows.append(Row(**{**table, "parts": tuple(table.get("parts", ()))}))
    return tuple(rows)


def declared_problem(read: Callable[[str | None], Any], value: str) -> str | None:
    """What is wrong with one value for a declared column (a mapping file's [values] table); None when it reads."""
    try:
        read(value)
    except CellError as err:
        return str(err)
    return None


def json_value(value: Any) -> Any:
    """A declared value as programs.json and data.json write it, from its type alone (the row's
    declared values are already typed): unknown is null, never 0, "" or false; months as the CSV
    writes them ("9", "3-5"), since a range has two ends."""
    if isinstance(value, tuple):
        return _months_cell(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return int(value) if value == int(value) else value
    return value


def _quoted(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else "(missing)" if value is None else repr(value)


def read_declared(
    readers: tuple[tuple[str, Callable[[str | None], Any]], ...], cells: dict[str, str]
) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """A row's declared values by name, and its problems as (column, message, value)."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str, str]] = []
    for name, read in readers:
        raw = cells.get(name)
        try:
            values[name] = read(raw)
        except CellError as err:
            problems.append((name, str(err), raw))
    return values, problems


def _builtin() -> FieldSpec:
    try:
        return read_fields(str(BUILTIN_FILE), builtin=True)
    except DataError as err:  # a mistake in the project's own file, not the maintainer's: say where
        raise RuntimeError("\n".join(str(p) for p in err.problems)) from None


# Read once, when the package is imported: the records' model is made from it (records.py).
BUILTIN = _builtin()


def builtin_fields() -> FieldSpec:
    """The built-in columns of programs.csv, the derived ones (`derived`) last."""
    return BUILTIN


def program_fields(spec: FieldSpec = EMPTY) -> FieldSpec:
    """Every program column: the built-ins (builtin_fields.toml), then those `spec` (data/fields.toml)
    declares. What to describe the columns from (their places, labels, filters); the loader reads the
    declared ones with `spec.readers`. `Field.label_in(lang)` words a label in any language."""
    if not spec:
        return BUILTIN
    return FieldSpec(spec.path, BUILTIN.fields + spec.fields, spec.readers, BUILTIN.order, BUILTIN.rows, BUILTIN.roles)


# Names a declared column cannot take: the built-in columns, what a record or an export already calls
# something, and the browse, compare and match pages' URL parameters (a declared filter's parameter is
# its name).
RESERVED = frozenset(
    {
        *BUILTIN.names(),
        *(f.filter_param for f in BUILTIN.shown("filter")),
        *("line", "extra", "declared", "cost_is_sum", "duration_months_min", "more_details", "path", "display"),
        *("q", "sort", "ids", "page", "asof", "by", "note"),
        *("gi", "pell", "wioa", "employer"),
    }
)


def extract_messages(fileobj, keywords, comment_tags, options):
    """Babel's extractor for builtin_fields.toml (babel.cfg): each label is a msgid the catalogs translate."""
    text = fileobj.read().decode("utf-8")
    data = tomllib.loads(text)
    lines = _field_lines(text)
    for index, table in enumerate(data.get("field", [])):
        at = lines[index]
        for key in ("label", "filter_label", "compare_label", "best_label", "compare_flagged", "history_label"):
            if table.get(key):
                yield at.get(key, at[""]), "gettext", table[key], []
        for value in table.get("option_labels", {}).values():
            yield at.get("option_labels", at[""]), "gettext", value, []
    for index, table in enumerate(data.get("row", [])):
        if table.get("label"):
            at = _field_lines(text, "row")[index]
            yield at.get("label", at[""]), "gettext", table["label"], []
