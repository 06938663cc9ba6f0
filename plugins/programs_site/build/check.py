"""`make check` and `make mapping`: validate the data files (with their mapping files) without building,
or write a starter mapping file for an export.

    python -m plugins.programs_site.build.check [--settings pelicanconf.py] [--write-mapping [programs|credentials]]

Reads the same settings as the build (PROGRAMS_CSV, CREDENTIALS_CSV, PROGRAMS_MAPPING, PROGRAMS_FIELDS, AID_RATES and their
environment variables), prints the grouped report and the counts, never touches the output folder,
and exits 1 when there are errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import runpy
import sys
from pathlib import Path

from ..data.csv_table import read_table
from ..data.field_spec import find_fields
from ..data.load import load_credentials, load_programs
from ..data.mapping import mapping_path, read_mapping
from ..data.problems import DataError
from ..data.records import Credential, Program, value_problem
from ..data.report import count, full_report
from ..data.suggest import starter_mapping
from ..data.table_schema import CREDENTIAL_COLUMNS, PROGRAM_COLUMNS
from ..model.aid import load_rates

KINDS = {"programs": (Program, PROGRAM_COLUMNS), "credentials": (Credential, CREDENTIAL_COLUMNS)}


class _EveryCode:
    """When credentials.csv cannot be read, no program's credential is called unknown on top of that."""

    def __contains__(self, code: object) -> bool:
        return True


def check(
    programs_csv: str,
    credentials_csv: str,
    mapping: str | None = None,
    today: dt.date | None = None,
    fields: str | None = None,
    aid_rates: str | None = None,
) -> tuple[list[str], bool]:
    """The report lines for both files (data/fields.toml and the aid rates file too), and whether they are free of errors."""
    read: dict[str, str] = {}
    codes = _EveryCode()
    spec, problems = find_fields(programs_csv, fields)
    try:
        credentials, warnings = load_credentials(credentials_csv)
        problems += warnings
        codes = {c.code for c in credentials}
        read[credentials_csv] = count(len(credentials), "credential")
    except DataError as err:
        problems += err.problems
    try:
        programs, warnings = load_programs(programs_csv, codes, today=today, mapping=mapping, fields=spec)
        problems += warnings
        read[programs_csv] = count(len(programs), "program")
    except DataError as err:
        problems += err.problems
    if aid_rates:
        try:
            rates, warnings = load_rates(aid_rates, today or dt.date.today())
            problems += warnings
            read[aid_rates] = count(len(rates), "aid figure")
        except DataError as err:
            problems += err.problems
    errors = [p for p in problems if not p.warning]
    # Errors first: they are what stops a build.
    paths = [credentials_csv, programs_csv, *([aid_rates] if aid_rates else [])]
    lines = full_report(errors + [p for p in problems if p.warning], paths, read)
    if errors:
        lines.append(f"{count(len(errors), 'error')}: `make html` would stop. Nothing was built.")
    else:
        lines.append("No errors: `make html` will build the site.")
    return lines, not errors


def write_starter(csv_path: str, mapping: str | None = None, kind: str = "programs") -> tuple[list[str], bool]:
    """A starter mapping file beside the data file; an existing file is never overwritten."""
    model, columns = KINDS[kind]
    target = Path(mapping_path(csv_path, mapping))
    if target.exists():
        return [f"{target} already exists: not overwritten. Edit it, or move it away to write a new starter."], False
    try:
        table = read_table(csv_path, controls_allowed=True)
    except DataError as err:
        return full_report(err.problems, []), False

    def check_value(column: str, value: str) -> str | None:
        return value_problem(model, column, value)

    text = starter_mapping(table, columns, check_value)
    target.write_text(text, encoding="utf-8")
    mapped = read_mapping(str(target), columns, check_value)  # the starter must load as written
    lists = sum(1 for line in text.splitlines() if line.startswith("[values."))
    done = (
        f"wrote {target}: {count(len(mapped.columns), 'column')} mapped by guess, "
        f"{count(lists, 'value list')} to fill in. Check every line, then run `make check`."
    )
    return [done], True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m plugins.programs_site.build.check", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--settings", default="pelicanconf.py", help="the settings file the build uses")
    parser.add_argument(
        "--write-mapping",
        nargs="?",
        const="programs",
        choices=sorted(KINDS),
        help="write a starter mapping file for the programs (or credentials) file; never overwrites one",
    )
    args = parser.parse_args(argv)
    settings = runpy.run_path(args.settings)
    mapping = settings.get("PROGRAMS_MAPPING")
    if args.write_mapping == "credentials":
        lines, ok = write_starter(settings["CREDENTIALS_CSV"], None, "credentials")
    elif args.write_mapping:
        lines, ok = write_starter(settings["PROGRAMS_CSV"], mapping)
    else:
        # The aid rates in force on the build's day, as the build picks them (BUILD_DATE, else today).
        day = dt.date.fromisoformat(settings["BUILD_DATE"]) if settings.get("BUILD_DATE") else None
        lines, ok = check(
            settings["PROGRAMS_CSV"],
            settings["CREDENTIALS_CSV"],
            mapping,
            day,
            fields=settings.get("PROGRAMS_FIELDS"),
            aid_rates=settings.get("AID_RATES"),
        )
    for line in lines:
        print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
