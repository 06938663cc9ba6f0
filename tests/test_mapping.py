"""Someone else's spreadsheet: a mapping file beside the CSV renames headers, translates codes and picks columns."""

import json
import re
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sitebuild import ROOT, build, csv_text

from plugins.programs_site.build.check import write_starter
from plugins.programs_site.data import fields
from plugins.programs_site.data.load import load_credentials, load_programs
from plugins.programs_site.data.mapping import key_lines
from plugins.programs_site.data.problems import DataError
from plugins.programs_site.data.suggest import toml_string

CODES = {"CPC", "CCA", "CBCS"}
EXTRA_COLUMNS = [f"field_{n:02d}" for n in range(1, 86)]  # what a state list carries and no page wants

# An export as a state training-provider list writes it: its own headers, coded values,
# credential names with the code in parentheses, and dozens of columns nobody wants on a page.
EXPORT_ROWS = [
    {
        "ProgramCode": "1001",
        "OfficialName": "Medical Billing and Coding",
        "Name": "Lakeside State College",
        "TotalCost": "$3,699.00",
        "TotalClockHours": "640",
        "CalendarLengthID": "THREE_TO_FIVE_MONTHS",
        "FinancialAid": "1",
        "DeliveryMode": "ONL",
        "Credential": "Certified Billing & Coding Specialist (CBCS)",
        "ProgramURL": "www.lakeside.example.edu/coding",
        "StateAbbr": "oh",
        "Languages": "English; Spanish",
        **{name: f"internal {n}" for n, name in enumerate(EXTRA_COLUMNS)},
    },
    {
        "ProgramCode": "1002",
        "OfficialName": "Health Information Coding",
        "Name": "River Valley Technical Institute",
        "TotalCost": "5200",
        "TotalClockHours": "900",
        "CalendarLengthID": "SIX_TO_TWELVE_MONTHS",
        "FinancialAid": "2",
        "DeliveryMode": "CLS",
        "Credential": "Certified Coding Associate (CCA®)",
        "ProgramURL": "https://rvti.example.edu/hic",
        "StateAbbr": "KY",
        "Languages": "English",
        **{name: "" for name in EXTRA_COLUMNS},
    },
]

EXPORT_MAPPING = """\
other_columns = ["Languages"]  # the rest of the export stays out of the pages

[columns]
id = "ProgramCode"
name = "OfficialName"
provider = "Name"
cost_usd = "TotalCost"
clock_hours = "TotalClockHours"
duration_months = "CalendarLengthID"
financial_aid = "FinancialAid"
format = "DeliveryMode"
credentials = "Credential"
url = "ProgramURL"
state = "StateAbbr"

[values.financial_aid]
"1" = "yes"
"2" = "no"

[values.duration_months]
THREE_TO_FIVE_MONTHS = "3-5 months"
SIX_TO_TWELVE_MONTHS = "6-12 months"

[values.format]
onl = "online"   # values match in any case
CLS = "in-person"
"""


def write(folder, rows=None, mapping=EXPORT_MAPPING, name="programs"):
    csv_path = folder / f"{name}.csv"
    csv_path.write_text(csv_text(rows or EXPORT_ROWS), encoding="utf-8")
    if mapping is not None:
        (folder / f"{name}.toml").write_text(mapping, encoding="utf-8")
    return csv_path


def problems_of(call):
    with pytest.raises(DataError) as caught:
        call()
    return [str(p) for p in caught.value.problems]


def test_an_export_is_read_through_its_mapping_file(tmp_path):
    path = write(tmp_path)
    programs, warnings = load_programs(path, CODES)
    first, second = programs
    assert (first.id, first.name, first.provider) == ("1001", "Medical Billing and Coding", "Lakeside State College")
    assert (first.cost_usd, first.clock_hours, first.duration_months) == (3699, 640, (3, 5))
    assert (first.financial_aid, second.financial_aid) == (True, False)
    assert (first.format, second.format) == ("online", "in-person")
    assert (first.credentials, second.credentials) == (["CBCS"], ["CCA"])
    assert (first.url, first.state) == ("https://www.lakeside.example.edu/coding", "OH")
    assert first.extra == [("Languages", "English; Spanish")]
    assert warnings == []


def test_the_export_builds_pages_that_show_the_mapped_values(tmp_path):
    path = write(tmp_path)
    assert len(EXPORT_ROWS[0]) >= 90
    result = build(tmp_path, path)
    assert result.returncode == 0, result.stderr
    html = result.page("programs/1001/")
    assert "<h1>Medical Billing and Coding</h1>" in html
    assert '<p class="provider">Lakeside State College</p>' in html
    for label, text in [
        ("Program cost", "$3,699"),
        ("Duration", "3–5 months"),
        ("Format", "Online"),
        ("Federal financial aid", "Yes"),
        ("Instruction hours", "640"),
        ("Location", "OH"),
        ("Languages", "English; Spanish"),
    ]:
        assert re.search(rf"<dt>{re.escape(label)}</dt><dd[^>]*>[^<]*{re.escape(text)}", html), label
    assert 'href="../../credentials/cbcs/"' in html
    assert "field_01" not in html and "internal 3" not in html
    other = result.page("programs/1002/")
    assert re.search(r"<dt>Federal financial aid</dt><dd>No</dd>", other)
    assert re.search(r"<dt>Format</dt><dd>In-person</dd>", other)
    assert 'href="../../credentials/cca/"' in other
    exported = (result.output / "programs.csv").read_text(encoding="utf-8").splitlines()
    assert exported[0].endswith(",Languages") and "field_01" not in exported[0]
    data = {p["id"]: p for p in json.loads((result.output / "programs.json").read_text(encoding="utf-8"))}
    assert (data["1001"]["duration_months_min"], data["1001"]["duration_months"]) == (3, 5)
    assert (data["1001"]["financial_aid"], data["1002"]["financial_aid"]) == (True, False)
    assert data["1001"]["more_details"] == {"Languages": "English; Spanish"}
    assert "Medical Billing and Coding" in result.page("credentials/cbcs/")


def test_errors_name_the_spreadsheets_own_header_and_row(tmp_path):
    rows = [dict(EXPORT_ROWS[0]), dict(EXPORT_ROWS[1], ProgramCode="1003", TotalCost="call us", FinancialAid="3")]
    path = write(tmp_path, rows)
    assert problems_of(lambda: load_programs(path, CODES)) == [
        f"{path}:3:TotalCost: 'call us' is not a number (write dollars like 3699 or $3,699.00)",
        f"{path}:3:FinancialAid: '3' is not yes or no (write yes, no, y, n, true, false, 1 or 0)",
    ]


def test_credentials_written_as_name_and_code_read_as_the_code():
    assert fields.code_list("Certified Coding Associate (CCA®); Certified Professional Coder (CPC)") == ["CCA", "CPC"]
    assert fields.code("CCS-P™") == "CCS-P"
    with pytest.raises(fields.CellError):
        fields.code("Coding (advanced)")  # only an upper-case code in parentheses is one


def test_mapping_file_errors_give_their_line_in_the_toml_file(tmp_path):
    mapping = """\
# a comment line
colums = {}
[columns]
name = "OfficialName"
provider = "Name"
price = "TotalCost"
url = "Website"
languages = "Languages"

[values.finacial_aid]
"1" = "yes"

[values.format]
ONL = "virtual"
"""
    path = write(tmp_path, mapping=mapping)
    toml = tmp_path / "programs.toml"
    assert problems_of(lambda: load_programs(path, CODES)) == [
        f"{toml}:2:colums: unknown key 'colums'; a mapping file has [columns], [values.<column>] and other_columns",
        f"{toml}:6:columns.price: 'price' is not a column of the site; did you mean 'cost_usd'?",
        f"{toml}:8:columns.languages: 'languages' is not a column of the site; the columns are listed in docs/data-format.md",
        f"{toml}:10:values.finacial_aid: 'finacial_aid' is not a column of the site; did you mean 'financial_aid'?",
        f"{toml}:14:values.format.ONL: 'ONL' = 'virtual': 'virtual' is not one of: online, in-person, hybrid",
    ]


def test_a_mapped_header_missing_from_the_file_is_an_error_in_the_toml_file(tmp_path):
    mapping = EXPORT_MAPPING.replace('url = "ProgramURL"', 'url = "ProgramURLs"').replace('["Languages"]', '["Langs"]')
    path = write(tmp_path, mapping=mapping)
    toml = tmp_path / "programs.toml"
    assert problems_of(lambda: load_programs(path, CODES)) == [
        f"{toml}:13:columns.url: 'ProgramURLs' is not a header in {path}; did you mean 'ProgramURL'?",
        f"{toml}:1:other_columns: 'Langs' is not a header in {path}; did you mean 'Languages'?",
    ]


def test_broken_toml_says_where(tmp_path):
    path = write(tmp_path, mapping='[columns]\nname = "OfficialName\n')
    (problem,) = problems_of(lambda: load_programs(path, CODES))
    assert problem.startswith(f"{tmp_path / 'programs.toml'}:2:") and "not valid TOML" in problem


def test_without_other_columns_every_unmapped_column_is_kept_and_an_empty_list_keeps_none(tmp_path):
    path = write(tmp_path, mapping=EXPORT_MAPPING.replace('other_columns = ["Languages"]', ""))
    (first, _), _ = load_programs(path, CODES)
    assert len(first.extra) == 1 + len(EXTRA_COLUMNS)
    path = write(tmp_path, mapping=EXPORT_MAPPING.replace('["Languages"]', "[]"))
    (first, _), _ = load_programs(path, CODES)
    assert first.extra == []


def test_the_mapping_setting_names_another_file_and_must_exist(tmp_path):
    path = write(tmp_path, mapping=None)
    elsewhere = tmp_path / "maps" / "state-list.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(EXPORT_MAPPING, encoding="utf-8")
    (first, _), _ = load_programs(path, CODES, mapping=str(elsewhere))
    assert first.name == "Medical Billing and Coding"
    missing = tmp_path / "nope.toml"
    assert problems_of(lambda: load_programs(path, CODES, mapping=str(missing))) == [
        f"{missing}:1:1: mapping file not found"
    ]


def test_the_mapping_environment_variable_reaches_the_build(tmp_path):
    path = write(tmp_path, mapping=None)
    elsewhere = tmp_path / "state-list.toml"
    elsewhere.write_text(EXPORT_MAPPING, encoding="utf-8")
    result = build(tmp_path, path, env={"PROGRAMS_MAPPING": str(elsewhere)})
    assert result.returncode == 0, result.stderr
    assert "<h1>Health Information Coding</h1>" in result.page("programs/1002/")


def test_a_column_named_like_a_site_column_but_replaced_by_the_mapping_is_not_used(tmp_path):
    rows = [dict(EXPORT_ROWS[0], url="https://old.example.edu")]
    path = write(tmp_path, rows)
    (only,), warnings = load_programs(path, CODES)
    assert only.url == "https://www.lakeside.example.edu/coding"
    assert [str(w) for w in warnings] == [
        f"{path}:1:url: warning: column not used: [columns] in {tmp_path / 'programs.toml'} reads url from 'ProgramURL'"
    ]


def test_list_columns_map_each_item(tmp_path):
    mapping = '[values.credentials]\n"Billing Specialist" = "CBCS"\n'
    path = write(tmp_path, [{"name": "A", "provider": "B", "credentials": "Billing Specialist; CPC"}], mapping)
    (only,), _ = load_programs(path, CODES)
    assert only.credentials == ["CBCS", "CPC"]


def test_credentials_csv_has_its_mapping_file_too(tmp_path):
    path = tmp_path / "credentials.csv"
    path.write_text("Abbrev,Credential Title\nCPC,Certified Professional Coder\n", encoding="utf-8")
    (tmp_path / "credentials.toml").write_text('[columns]\ncode = "Abbrev"\nname = "Credential Title"\n')
    (credential,), _ = load_credentials(path)
    assert (credential.code, credential.name) == ("CPC", "Certified Professional Coder")


def test_key_lines_finds_bare_quoted_and_dotted_keys():
    text = '[columns]\nname = "x"\n\n[values."exam prep"]\n"Y\\u0065s" = "yes"\nvalues.format.ONL = "online"\n'
    assert tomllib.loads(text)  # the sample is valid TOML
    lines = key_lines(text)
    assert lines[("columns", "name")] == 2
    assert lines[("values", "exam prep", "Yes")] == 5
    assert lines[("values", "exam prep", "values", "format", "ONL")] == 6


def test_a_missing_required_column_names_the_headers_that_look_like_it(tmp_path):
    path = write(tmp_path, mapping=None)
    toml = tmp_path / "programs.toml"
    looks = "'OfficialName' looks like the program name and 'Name' looks like the school or organisation"
    advice = f"map them in {toml} (`make mapping` writes a starter)"
    assert problems_of(lambda: load_programs(path, CODES)) == [
        f"{path}:1:provider: required column 'provider' is missing; {looks}: {advice}"
    ]


def test_make_mapping_writes_a_starter_to_edit_and_never_overwrites_it(tmp_path):
    rows = [dict(row, **{'Odd "header" \\ \x7f': "x"}) for row in EXPORT_ROWS]
    path = write(tmp_path, rows, mapping=None)
    lines, ok = write_starter(str(path))
    toml = tmp_path / "programs.toml"
    assert ok and lines[0].startswith(f"wrote {toml}: 11 columns mapped by guess, 3 value lists to fill in.")
    text = toml.read_text(encoding="utf-8")
    for line in [
        'id = "ProgramCode"',
        'name = "OfficialName"',
        'provider = "Name"',
        'duration_months = "CalendarLengthID"',
        "[values.financial_aid]  # from 'FinancialAid'; the site reads yes or no",
        '"1" = "yes"  # 1 row; check it',
        '# "2" = ""  # 1 row; not understood: write what the site should read',
        '# "THREE_TO_FIVE_MONTHS" = ""  # 1 row; not understood: write what the site should read',
        '    # "field_85",',
    ]:
        assert line in text.splitlines(), line
    data = tomllib.loads(text)
    assert data["other_columns"] == []  # every other column is listed, commented out, to pick from
    assert 'Odd "header" \\ \x7f' in tomllib.loads(text.replace("    # ", "    "))["other_columns"]
    # A header holding a control character is written to the starter, escaped, but the file is an error
    # there until it is fixed (a header is shown on pages under "More details").
    problems = problems_of(lambda: load_programs(path, CODES))
    assert any(":1:98: the cell holds the control character U+007F" in problem for problem in problems)
    write(tmp_path, EXPORT_ROWS, mapping=None)
    # The starter loads; the values it could not guess stay errors, in the columns it lists them for.
    left = problems_of(lambda: load_programs(path, CODES))
    assert {line.split(":")[2] for line in left} == {"DeliveryMode", "CalendarLengthID", "FinancialAid"}
    toml.write_text("# edited by hand\n", encoding="utf-8")
    lines, ok = write_starter(str(path))
    assert not ok and "already exists: not overwritten" in lines[0]
    assert toml.read_text(encoding="utf-8") == "# edited by hand\n"


def test_the_worked_example_in_the_docs_reads_as_it_says(tmp_path):
    docs = (ROOT / "docs/data-format.md").read_text(encoding="utf-8").split("A worked example.", 1)[1]
    export, mapping = re.findall(r"```(?:toml)?\n(.*?)```", docs, re.S)[:2]
    path = tmp_path / "programs.csv"
    path.write_text(export, encoding="utf-8")
    (tmp_path / "programs.toml").write_text(mapping, encoding="utf-8")
    (first, second), warnings = load_programs(path, CODES)
    assert (first.id, first.name, first.provider, first.cost_usd) == (
        "1001",
        "Medical Billing and Coding",
        "Lakeside State College",
        3699,
    )
    assert (first.duration_months, first.format, first.financial_aid, first.credentials) == (
        (3, 5),
        "online",
        True,
        ["CBCS"],
    )
    assert first.extra == [("Languages", "English; Spanish")] and second.credentials == ["CCA"]
    assert warnings == []


@given(st.text())
def test_starter_strings_read_back_as_written(text):
    assert tomllib.loads(f"key = {toml_string(text)}\n")["key"] == text
    assert tomllib.loads(f"[values.format]\n{toml_string(text)} = 'online'\n")["values"]["format"] == {text: "online"}


def test_key_lines_count_lines_as_toml_does():
    text = '[columns]\nname = "a\u2028b"\nprovider = "c"\n'
    assert key_lines(text)[("columns", "provider")] == 3


def test_one_header_may_feed_two_columns_and_a_code_may_read_as_unknown(tmp_path):
    mapping = '[columns]\nurl = "Website"\nenroll_url = "Website"\n[values.financial_aid]\n"N/A" = ""\n'
    rows = [{"name": "A", "provider": "B", "Website": "https://b.example.edu", "financial_aid": "n/a"}]
    path = write(tmp_path, rows, mapping)
    (only,), _ = load_programs(path, CODES)
    assert (only.url, only.enroll_url, only.financial_aid) == ("https://b.example.edu", "https://b.example.edu", None)
