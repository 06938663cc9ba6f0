"""The grouped report: one line per kind of problem in one column, every row still findable; `make check`."""

import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st
from sitebuild import ROOT, build, csv_text, program

from plugins.programs_site.build.check import check
from plugins.programs_site.data.problems import Problem
from plugins.programs_site.data.report import full_report, report_lines, row_ranges

CREDENTIALS = str(ROOT / "data/credentials.csv")
# The four kinds of problem in the messy file, by column, with the words that name each kind.
KINDS = {
    "cost_usd": "is not a number",
    "financial_aid": "is not yes or no",
    "state": "is not a US state code",
    "duration_months": "is not a duration",
}


def messy_rows(count=1000):
    """A thousand programs with four kinds of problems scattered through them, and one kind of warning."""
    rows, expected = [], {column: set() for column in KINDS}
    for n in range(count):
        row = program(id=f"p-{n:04d}", name=f"Program {n}", financial_aid="yes", state="OH")
        line = n + 2  # the header is row 1
        if n % 7 == 0:
            row["cost_usd"] = ["call", "TBD", "varies", "n/a"][n % 4]
            expected["cost_usd"].add(line)
        if n % 3 == 1:
            row["financial_aid"] = "2"
            expected["financial_aid"].add(line)
        if 100 <= n < 400:
            row["state"] = "Ohio"
            expected["state"].add(line)
        if n % 11 == 5:
            row["duration_months"] = "THREE_TO_FIVE_MONTHS"
            expected["duration_months"].add(line)
        if n % 50 == 0:
            row["credentials"] = "CPC;XYZ"
        rows.append(row)
    header = [*rows[0].keys(), "financial_aid"]
    return csv_text(rows, list(dict.fromkeys(header))), expected


def rows_in(line):
    """The rows a report line names: `path:ROW:col: message` or `path:FIRST:col: N rows (3-5, 9): message`."""
    many = re.match(r"^[^:]+:\d+:[^:]+: (?:warning: )?([\d,]+) rows \(([^)]*)\):", line)
    if not many:
        return {int(line.split(":")[1])}
    rows = set()
    for part in many[2].split(", "):
        low, _, high = part.partition("-")
        rows |= set(range(int(low), int(high or low) + 1))
    assert len(rows) == int(many[1].replace(",", "")), line
    return rows


def test_a_thousand_messy_rows_read_in_a_dozen_lines_with_every_row_findable(tmp_path):
    text, expected = messy_rows()
    result = build(tmp_path, text)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) <= 12, "\n".join(lines)
    path = tmp_path / "programs.csv"
    for column, words in KINDS.items():
        (line,) = [line for line in lines if line.startswith(f"{path}:") and f":{column}: " in line]
        assert words in line, line
        assert line.startswith(f"{path}:{min(expected[column])}:{column}: {len(expected[column])} rows ("), line
        assert rows_in(line) == expected[column], column
    assert re.search(r"'(call|TBD|varies|n/a)' is not a number .*; also '[^']+', '[^']+'$", lines[0]), lines[0]
    total = sum(len(rows) for rows in expected.values())
    summary = f"{path} — {total:,} errors of 4 kinds in "
    assert any(line.startswith(summary) for line in lines), lines
    assert lines[-1].startswith(f"Build stopped: {total} problems in the data.")


def test_a_problem_seen_once_reads_as_a_single_line():
    problems = [
        Problem("p.csv", 3, "cost_usd", "'$abc' is not a number"),
        Problem("p.csv", 4, "url", "'javascript:x' is not an http or https web address"),
    ]
    assert report_lines(problems) == ["p.csv:3:cost_usd: '$abc' is not a number", str(problems[1])]


def test_values_with_quotes_inside_group_as_one_kind():
    problems = [
        Problem("p.csv", 3, "state", "'O'Brien' is not a US state code"),
        Problem("p.csv", 9, "state", "'Ohio' is not a US state code"),
        Problem("p.csv", 10, "state", "'Ohio' is not a US state code"),
    ]
    assert report_lines(problems) == ["p.csv:3:state: 3 rows (3, 9-10): 'O'Brien' is not a US state code; also 'Ohio'"]


def test_duplicates_of_different_ids_are_one_kind_and_warnings_group_apart_from_errors():
    problems = [
        Problem("p.csv", 5, "id", "id 'a' is already used on row 2"),
        Problem("p.csv", 6, "id", "id 'b' is already used on row 3"),
        Problem("p.csv", 7, "id", "empty id; using 'x'", warning=True),
        Problem("p.csv", 8, "id", "empty id; using 'y'", warning=True),
    ]
    assert full_report(problems, ["p.csv"]) == [
        "p.csv:5:id: 2 rows (5-6): id 'a' is already used on row 2; also 'b'",
        "p.csv:7:id: warning: 2 rows (7-8): empty id; using 'x'; also 'y'",
        "p.csv — 2 errors of 1 kind in 2 rows, 2 warnings",
    ]


def test_row_ranges():
    assert row_ranges([9, 3, 4, 5, 7, 5]) == "3-5, 7, 9"


def run_check(tmp_path, programs, *args, env=None):
    result = subprocess.run(
        [sys.executable, "-m", "plugins.programs_site.build.check", "--settings", str(ROOT / "pelicanconf.py"), *args],
        cwd=ROOT,
        env={
            "PROGRAMS_CSV": str(programs),
            "CREDENTIALS_CSV": CREDENTIALS,
            "BUILD_DATE": "2026-12-07",  # the aid rates in force that day (data/aid.toml)
            "PATH": "/usr/bin:/bin",
            **(env or {}),
        },
        capture_output=True,
        text=True,
        check=False,  # the exit status is what the tests look at
        timeout=120,
    )
    return result.returncode, result.stdout.splitlines()


def test_check_prints_the_report_and_counts_without_building(tmp_path):
    programs = tmp_path / "programs.csv"
    programs.write_text(csv_text([program(id="a", credentials="CPC;XYZ"), program(id="b")]))
    status, lines = run_check(tmp_path, programs)
    assert status == 0, lines
    assert lines == [
        f"{programs}:2:credentials: warning: unknown credential 'XYZ' (not in credentials.csv); shown without a link",
        f"{CREDENTIALS} — 7 credentials, no errors, no warnings",
        f"{programs} — 2 programs, no errors, 1 warning",
        "data/aid.toml — 9 aid figures, no errors, no warnings",
        "No errors: `make html` will build the site.",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["programs.csv"]


def test_check_exits_1_on_errors_and_reports_both_files(tmp_path):
    text, expected = messy_rows(200)
    programs = tmp_path / "programs.csv"
    programs.write_text(text)
    status, lines = run_check(tmp_path, programs)
    assert status == 1
    assert len(lines) == 4 + 3 + 1, lines  # four kinds, three summaries (data/aid.toml too), the verdict
    assert lines[-4:-1] == [
        f"{CREDENTIALS} — 7 credentials, no errors, no warnings",
        f"{programs} — 214 errors of 4 kinds in 149 rows",
        "data/aid.toml — 9 aid figures, no errors, no warnings",
    ]
    assert lines[-1].startswith(f"{sum(len(r) for r in expected.values())} errors: `make html` would stop.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["programs.csv"]


def test_check_says_a_file_was_not_read_when_its_mapping_file_has_errors(tmp_path):
    programs = tmp_path / "programs.csv"
    programs.write_text(csv_text([program(id="a")]))
    mapping = tmp_path / "programs.toml"
    mapping.write_text('[columns]\ncost = "price"\n')
    lines, ok = check(str(programs), CREDENTIALS)
    assert not ok
    assert lines == [
        f"{mapping}:2:columns.cost: 'cost' is not a column of the site; did you mean 'cost_usd'?",
        f"{CREDENTIALS} — 7 credentials, no errors, no warnings",
        f"{programs} — not read: the errors above stop it",
        f"{mapping} — 1 error",
        "1 error: `make html` would stop. Nothing was built.",
    ]


MESSAGES = ["'{}' is not a number", "'{}' is not yes or no", "unknown credential '{}' (not in credentials.csv)"]


@given(
    st.lists(
        st.tuples(
            st.integers(2, 60),
            st.sampled_from(["cost_usd", "state"]),
            st.sampled_from(MESSAGES),
            st.text("ab' ", max_size=4),
            st.booleans(),
        ),
        max_size=40,
    )
)
def test_every_row_of_every_problem_is_in_the_report(items):
    problems = [
        Problem("p.csv", row, column, message.format(value), warn, value=value)  # as the loader makes them
        for row, column, message, value, warn in items
    ]
    lines = report_lines(problems)
    assert len(lines) <= len({(column, message, warn) for _, column, message, _, warn in items})
    for column in ("cost_usd", "state"):
        named = set().union(*[rows_in(line) for line in lines if f":{column}: " in line])
        assert named == {row for row, col, *_ in items if col == column}
