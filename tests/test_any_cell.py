"""Any cell text: what `make check` accepts builds, what it rejects the build rejects at the same
path:row:column, control characters are an error where they are, and nothing crashes a build or the
devserver (a word longer than Python's recursion limit once did, in the search shards)."""

import csv
import operator
import re
import subprocess
import sys

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sitebuild import ROOT, build, csv_text, program

from plugins.programs_site.build import devserver
from plugins.programs_site.build.check import check
from plugins.programs_site.data.csv_table import CONTROL
from plugins.programs_site.data.load import load_programs
from plugins.programs_site.data.problems import DataError
from plugins.programs_site.outputs import search_files, search_index, structured_data

CREDENTIALS = str(ROOT / "data" / "credentials.csv")
LONG_WORD = "ab" * 12_000  # 24,000 letters: one shard by itself, longer than the recursion limit
SEARCHED = ("name", "provider", "description")


def test_a_word_longer_than_the_recursion_limit_gets_a_shard():
    terms = {LONG_WORD: 24_100, LONG_WORD + "c": 24_100, "coding": 50}
    keys = search_files.shard_keys(terms)
    assert {search_files.shard_of(t, set(keys)) for t in terms} == {LONG_WORD, LONG_WORD + "c", "c"}


def check_then_index(tmp_path, column: str, text: str):
    """The check's verdict on a file with `text` in one cell; when accepted, the build's data steps run."""
    path = tmp_path / "p.csv"
    rows = [program(**{column: text}), program(id="other", name="Other")]
    with path.open("w", encoding="utf-8", newline="") as out:  # every cell quoted: a lone \r stays in its cell
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    lines, ok = check(str(path), CREDENTIALS)
    try:
        programs, _ = load_programs(path, {"CPC"})  # what the build reads
    except DataError as err:
        assert not ok, "the build rejects what the check accepts"
        report = "\n".join(lines)
        # The report groups a column's rows with one problem: each column's first row is named.
        first = {p.column: p for p in sorted(err.problems, key=lambda p: p.line, reverse=True)}
        assert all(f"{p.path}:{p.line}:{p.column}: " in report for p in first.values()), report
        return err.problems
    assert ok, "the check rejects what the build accepts"
    fields = tuple(search_index.FIELDS)
    search_index.index_files(search_index.documents(programs, fields), fields)
    for each in programs:
        structured_data.json_for_html(structured_data.program_jsonld(each, {}, "https://example.org"))
    return []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    column=st.sampled_from(SEARCHED),
    text=st.one_of(
        st.text(max_size=80),
        st.builds(operator.mul, st.text(min_size=1, max_size=3), st.integers(2_000, 9_000)),
    ),
)
@example(column="description", text=LONG_WORD)
@example(column="name", text="Coding \x00 Basics")
def test_every_cell_the_check_accepts_builds_and_every_one_it_rejects_the_build_rejects(tmp_path, column, text):
    problems = check_then_index(tmp_path, column, text)
    if CONTROL.search(text.strip()):
        assert any(p.line == 2 and p.column == column and "control character" in p.message for p in problems)


def test_control_characters_are_an_error_at_their_cell_in_both_files(tmp_path):
    programs = tmp_path / "programs.csv"
    programs.write_text(
        csv_text([program(name="Coding\x00Basics"), program(id="b", name="Billing", provider="Acme\x1b[31m")]),
        encoding="utf-8",
    )
    credentials = tmp_path / "credentials.csv"
    credentials.write_text((ROOT / "data/credentials.csv").read_text(encoding="utf-8").replace(",", ",\x07", 1))
    lines, ok = check(str(programs), str(credentials))
    assert not ok
    report = "\n".join(lines)
    assert f"{programs}:2:name: the cell holds the control character U+0000 (character 7)" in report
    assert f"{programs}:3:provider: the cell holds the control character U+001B (character 5)" in report
    assert re.search(re.escape(str(credentials)) + r":1:2: the cell holds the control character U\+0007", report)
    assert "\x00" not in report and "\x1b" not in report


def test_a_mapping_value_with_a_control_character_is_an_error_at_its_line(tmp_path):
    programs = tmp_path / "programs.csv"
    programs.write_text(csv_text([program(provider="Acme")]), encoding="utf-8")
    (tmp_path / "programs.toml").write_text('[values.provider]\n"Acme" = "Ac\\u0000me"\n', encoding="utf-8")
    lines, ok = check(str(programs), CREDENTIALS)
    assert not ok
    assert f"{tmp_path / 'programs.toml'}:2:values.provider.Acme: the value holds the control character U+0000" in lines


def test_a_build_takes_a_24000_letter_word_and_stops_at_a_control_character(tmp_path):
    (tmp_path / "long").mkdir()
    (tmp_path / "nul").mkdir()
    # No id column: the ids are made from the names, and one of 24,000 letters still names a folder.
    rows = [{k: v for k, v in program(name=name).items() if k != "id"} for name in ("Coding " + LONG_WORD, "Other")]
    built = build(tmp_path / "long", csv_text(rows))
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr
    (folder,) = (built.output / "programs").glob("acme-college-coding-*")
    assert LONG_WORD in (folder / "index.html").read_text(encoding="utf-8")
    bad = csv_text([program(description="Line one\x00")])
    stopped = build(tmp_path / "nul", bad)
    assert stopped.returncode != 0
    assert f"{tmp_path / 'nul' / 'programs.csv'}:2:description: the cell holds the control character U+0000" in (
        stopped.stderr
    )
    assert not (tmp_path / "nul" / "output" / "programs").exists()
    checked = subprocess.run(
        [sys.executable, "-m", "plugins.programs_site.build.check"],
        cwd=ROOT,
        env={"PROGRAMS_CSV": str(tmp_path / "nul" / "programs.csv"), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 1
    assert f"{tmp_path / 'nul' / 'programs.csv'}:2:description: the cell holds" in checked.stdout + checked.stderr


class _Crashing:
    def run(self):
        raise RecursionError("maximum recursion depth exceeded")


def test_the_devserver_reports_a_crashing_build_and_keeps_serving(capsys):
    assert devserver.build(_Crashing()) is False
    said = capsys.readouterr().err
    assert "RecursionError" in said and "Build failed; the site served is the last good one." in said


def test_an_id_or_a_credential_code_too_long_for_a_file_name_is_an_error(tmp_path):
    programs = tmp_path / "programs.csv"
    programs.write_text(csv_text([program(id="a" * 101), program(id="b", credentials="C" * 101)]), encoding="utf-8")
    lines, ok = check(str(programs), CREDENTIALS)
    assert not ok
    assert (
        f"{programs}:2:id: the id is 101 characters long; use at most 100 (it is part of the page's address)" in lines
    )
    assert any(
        line.startswith(f"{programs}:3:credentials: the credential code is 101 characters long") for line in lines
    )
    assert check_then_index(tmp_path, "id", "a" * 100) == []


def test_a_control_character_is_listed_with_the_files_other_problems(tmp_path):
    programs = tmp_path / "programs.csv"
    rows = [program(id="a", name="Coding\x00"), program(id="b", cost_usd="call us"), program(id="c", provider="\x1b")]
    programs.write_text(csv_text(rows), encoding="utf-8")
    lines, ok = check(str(programs), CREDENTIALS)
    assert not ok
    report = "\n".join(lines)
    assert f"{programs}:2:name: the cell holds the control character U+0000" in report
    assert f"{programs}:3:cost_usd: 'call us' is not a number" in report
    assert f"{programs}:4:provider: the cell holds the control character U+001B" in report


def test_a_search_words_file_that_cannot_be_read_is_said_and_does_not_stop_the_build(tmp_path, capsys):
    from plugins.programs_site.data.search_words import search_words

    words = tmp_path / "search_words.es.csv"
    words.write_bytes(b"es,en\ncodificaci\x81n,coding\n")  # neither UTF-8 nor Windows-1252
    assert search_words(str(words)) == {}
    assert f"{words}:2:11: the file is not UTF-8 text" in capsys.readouterr().err
    words.write_bytes("es,en\ncodificación,coding\n".encode("cp1252"))  # Excel's plain CSV: read, with a warning
    assert search_words(str(words)) == {"codificación": "coding"}
    assert "warning: the file is not UTF-8" in capsys.readouterr().err
