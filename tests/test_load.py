"""Reading whole files: headers, encodings, line numbers, every problem at once, warnings."""

import csv
import datetime as dt
import io

import pytest
from sitebuild import csv_text, program

from plugins.programs_site.build.memo import Kept
from plugins.programs_site.data.load import load_credentials, load_programs
from plugins.programs_site.data.problems import DataError

CODES = {"CPC", "COC", "CCA"}


def write(tmp_path, text, name="programs.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def errors_of(path, **kwargs):
    with pytest.raises(DataError) as caught:
        load_programs(path, CODES, **kwargs)
    return [str(p) for p in caught.value.problems]


def test_headers_match_case_insensitively_with_spaces_around(tmp_path):
    path = write(tmp_path, " ID ,Name,  PROVIDER,Cost_USD\nx,Coding,Acme,$1,200\n".replace("$1,200", '"$1,200"'))
    (only,), _ = load_programs(path, CODES)
    assert (only.id, only.name, only.provider, only.cost_usd) == ("x", "Coding", "Acme", 1200)


def test_bom_crlf_and_quoted_newlines(tmp_path):
    text = 'id,name,provider,description\r\na,One,Acme,"Line one\r\n\r\nLine two"\r\nb,Two,Acme,plain\r\n'
    path = write(tmp_path, "\ufeff" + text)
    programs, _ = load_programs(path, CODES)
    assert [p.id for p in programs] == ["a", "b"]
    assert programs[0].description == ["Line one", "Line two"]
    assert programs[1].line == 3  # the spreadsheet row, not the file line (the quoted cell spans 3 lines)


def test_cells_are_trimmed(tmp_path):
    path = write(tmp_path, csv_text([program(name="  Coding  ", format=" Online ")]))
    (only,), _ = load_programs(path, CODES)
    assert (only.name, only.format) == ("Coding", "online")


def test_every_problem_is_reported_at_once_with_row_and_column(tmp_path):
    rows = [
        program(id="a"),
        program(id="b", cost_usd="$abc", format="blended"),
        program(id="c", name="", exam_prep="maybe"),
    ]
    path = write(tmp_path, csv_text(rows))
    assert errors_of(path) == [
        f"{path}:3:format: 'blended' is not one of: online, in-person, hybrid",
        f"{path}:3:cost_usd: '$abc' is not a number (write dollars like 3699 or $3,699.00)",
        f"{path}:4:name: is empty; this column is required",
        f"{path}:4:exam_prep: 'maybe' is not yes or no (write yes, no, y, n, true, false, 1 or 0)",
    ]


@pytest.mark.parametrize("half_from", [2, 10**6])
def test_rows_read_in_two_processes_give_the_same_records_and_every_problem(tmp_path, monkeypatch, half_from):
    # A long file is validated in two halves at once (in_two.py): nothing may differ from one pass.
    from plugins.programs_site.data import in_two

    monkeypatch.setattr(in_two, "MIN_ITEMS", half_from)
    rows = [program(id=f"p{n}", name=f"Coding {n}", more="x" if n == 1 else "") for n in range(6)]
    rows[4].update(cost_usd="$abc")
    rows[1].update(format="blended")
    path = write(tmp_path, csv_text(rows))
    assert errors_of(path) == [
        f"{path}:3:format: 'blended' is not one of: online, in-person, hybrid",
        f"{path}:6:cost_usd: '$abc' is not a number (write dollars like 3699 or $3,699.00)",
    ]
    del rows[4], rows[1]["format"]
    programs, _ = load_programs(write(tmp_path, csv_text(rows)), CODES)
    assert [(p.id, p.line, p.name, p.extra) for p in programs] == [
        (f"p{n}", line, f"Coding {n}", [("more", "x")] if n == 1 else []) for line, n in enumerate((0, 1, 2, 3, 5), 2)
    ]


def test_a_long_lived_process_reads_the_rows_in_one_process(tmp_path, monkeypatch):
    # make devserver keeps the last build's rows instead (load.py); its memory is too big to fork.
    from plugins.programs_site.data import in_two

    monkeypatch.setattr(in_two, "MIN_ITEMS", 2)
    monkeypatch.setattr(in_two, "halves", lambda *args: pytest.fail("forked in a long-lived process"))
    programs, _ = load_programs(write(tmp_path, csv_text([program(id=f"p{n}") for n in range(4)])), CODES, keep=Kept())
    assert [p.id for p in programs] == ["p0", "p1", "p2", "p3"]


def test_a_kept_row_is_read_again_when_two_headers_swap(tmp_path, monkeypatch):
    """A long-lived process keeps the rows it read by their cells' content (csv_table.py, load.py), in the
    columns' order: the same cells under two swapped headers are another record, not the kept one."""
    kept = Kept()
    text = csv_text([program(id="p1", name="Coding", provider="Acme")])
    path = write(tmp_path, text)
    (first,), _ = load_programs(path, CODES, keep=kept)
    header, rows = text.split("\n", 1)
    write(tmp_path, header.replace("name,provider", "provider,name") + "\n" + rows)
    (second,), _ = load_programs(path, CODES, keep=kept)
    assert (first.name, first.provider) == ("Coding", "Acme")
    assert (second.name, second.provider) == ("Acme", "Coding")


def test_missing_required_column(tmp_path):
    path = write(tmp_path, "id,name\na,Coding\n")
    hint = (
        f"if the file calls it something else, map it in {tmp_path / 'programs.toml'} (`make mapping` writes a starter)"
    )
    assert errors_of(path) == [
        f"{path}:1:provider: required column 'provider' is missing (the school or organisation); {hint}"
    ]


def test_duplicate_ids_name_the_first_row(tmp_path):
    path = write(tmp_path, csv_text([program(id="a"), program(id="b"), program(id="a")]))
    assert errors_of(path) == [f"{path}:4:id: id 'a' is already used on row 2"]


def test_duplicated_header_names_are_an_error(tmp_path):
    path = write(tmp_path, "id,name,provider,Name\na,x,y,z\n")
    assert errors_of(path) == [f"{path}:1:name: column 'Name' appears twice (columns 2 and 4); keep one"]


def test_missing_file(tmp_path):
    assert errors_of(tmp_path / "nope.csv") == [f"{tmp_path / 'nope.csv'}:1:1: file not found"]


def test_empty_file(tmp_path):
    path = write(tmp_path, "\n\n")
    assert errors_of(path) == [f"{path}:1:1: the file is empty; expected a header row and one row per entry"]


def test_header_only_file(tmp_path):
    path = write(tmp_path, "id,name,provider\n")
    assert errors_of(path) == [f"{path}:2:1: no programs: the file has a header row but no data rows"]


def test_windows_1252_is_read_with_a_warning(tmp_path):
    path = write(tmp_path, "id,name,provider\na,Café Coding,Escuela Técnica\n", encoding="cp1252")
    (only,), warnings = load_programs(path, CODES)
    assert only.name == "Café Coding"
    assert [str(w) for w in warnings] == [
        f"{path}:2:6: warning: the file is not UTF-8 (byte 0xe9); read it as Windows-1252. Save it as 'CSV UTF-8' to be sure accents survive"
    ]


def test_bytes_no_encoding_can_read_are_an_error(tmp_path):
    path = write(tmp_path, b"id,name,provider\na,\x81\x8d,b\n")
    assert errors_of(path) == [
        f"{path}:2:3: the file is not UTF-8 text (byte 0x81 cannot be read); save it as 'CSV UTF-8'"
    ]


def test_trailing_empty_columns_and_rows_are_ignored(tmp_path):
    path = write(tmp_path, "id,name,provider,,\na,x,y,,\n,,,,\n\n,,,,\n")
    programs, _ = load_programs(path, CODES)
    assert [p.id for p in programs] == ["a"]


def test_data_in_a_column_without_header_is_an_error(tmp_path):
    path = write(tmp_path, "id,name,provider\na,x,y,surprise\n")
    assert errors_of(path) == [f"{path}:2:4: cell 'surprise' is in a column with no header"]


def test_missing_id_column_derives_ids_with_one_warning(tmp_path):
    path = write(tmp_path, "name,provider\nCoding Basics,Acme College\nCoding Basics,Acme College\n")
    programs, warnings = load_programs(path, CODES)
    assert [p.id for p in programs] == ["acme-college-coding-basics", "acme-college-coding-basics-2"]
    assert [w.column for w in warnings] == ["id"]


def test_unknown_credential_is_a_warning(tmp_path):
    path = write(tmp_path, csv_text([program(credentials="CPC;XYZ")]))
    (only,), warnings = load_programs(path, CODES)
    assert only.credentials == ["CPC", "XYZ"]
    assert [str(w) for w in warnings] == [
        f"{path}:2:credentials: warning: unknown credential 'XYZ' (not in credentials.csv); shown without a link"
    ]


def test_stale_last_verified_is_a_warning(tmp_path):
    path = write(
        tmp_path,
        csv_text([program(id="old", last_verified="2024-01-01"), program(id="new", last_verified="2026-01-01")]),
    )
    _, warnings = load_programs(path, CODES, today=dt.date(2026, 11, 23))
    assert [(w.line, w.column) for w in warnings] == [(2, "last_verified")]


def test_cost_is_the_sum_of_parts_when_total_is_empty(tmp_path):
    path = write(
        tmp_path, csv_text([program(cost_usd="", cost_tuition="2,000", cost_books="$150.50", cost_exam="399")])
    )
    (only,), _ = load_programs(path, CODES)
    assert only.cost_usd == 2549.5 and only.cost_is_sum


def test_other_columns_are_kept_for_more_details(tmp_path):
    path = write(tmp_path, csv_text([program(**{"Start Dates": "January, May", "Notes": ""})]))
    (only,), _ = load_programs(path, CODES)
    assert only.extra == [("Start Dates", "January, May")]


def test_credentials_file_uses_the_same_rules(tmp_path):
    path = write(
        tmp_path,
        "code,name,exam_fee_usd,url\ncpc,Certified Professional Coder,$399,aapc.example/cpc\nCPC,Again,x,javascript:x\n",
        "credentials.csv",
    )
    with pytest.raises(DataError) as caught:
        load_credentials(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3:exam_fee_usd: 'x' is not a number (write dollars like 3699 or $3,699.00)",
        f"{path}:3:url: 'javascript:x' is not an http or https web address",
        f"{path}:3:code: code 'CPC' is already used on row 2",
    ]
    path.write_text("code,name,exam_fee_usd\ncpc,Certified Professional Coder,$399\n")
    (credential,), _ = load_credentials(path)
    assert (credential.code, credential.exam_fee_usd, credential.slug) == ("CPC", 399, "cpc")


@pytest.mark.parametrize("header", ["cost_is_sum", "Cost_Is_Sum", "line", "extra"])
def test_a_column_named_like_an_internal_field_is_just_another_column(tmp_path, header):
    path = write(tmp_path, csv_text([program(cost_usd="3000", **{header: "maybe"})]))
    (only,), _ = load_programs(path, CODES)
    assert only.cost_is_sum is False and only.line == 2
    assert only.extra == [(header, "maybe")]


def test_the_known_columns_are_the_contracts_list_and_the_export_writes_them_in_order():
    from plugins.programs_site.data.records import Credential, Program, columns
    from plugins.programs_site.outputs.export import COLUMNS

    assert len(COLUMNS) == 43 and set(COLUMNS) == columns(Program)
    assert "cost_is_sum" not in columns(Program)
    spanish = {"name_es", "best_for_es", "exam_summary_es"}  # optional translations (docs/translating.md)
    assert (
        columns(Credential)
        == {"code", "name", "issuer", "best_for", "exam_summary", "exam_fee_usd", "url"}
        | spanish
        | {"exam_attempts", "retake_fee_usd", "pass_rate", "pass_rate_year", "pass_rate_source"}  # exam facts
    )


FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"]


def test_the_exported_csv_guards_formulas_and_reads_back_the_same_text(tmp_path):
    from plugins.programs_site.model.present import program_view
    from plugins.programs_site.outputs.export import programs_csv_parts

    rows = [program(id=f"p{n}", name=text, Notes=text) for n, text in enumerate(FORMULAS)]
    original, _ = load_programs(write(tmp_path, csv_text(rows)), CODES)
    exported = "".join(programs_csv_parts(original, [program_view(p, {}) for p in original]))
    cells = [cell for line in csv.reader(io.StringIO(exported)) for cell in line]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert cells.count("'" + FORMULAS[0]) == 2
    again, _ = load_programs(write(tmp_path, exported, name="again.csv"), CODES)
    assert [(p.name, p.extra) for p in again] == [(p.name, p.extra) for p in original]
    assert [p.name for p in again] == FORMULAS


def test_loaded_records_are_slotted_copies_of_what_pydantic_validated(tmp_path):
    from plugins.programs_site.data.records import Program, StoredProgram

    row = program(id="a", cost_usd="", cost_tuition="1000", cost_fees="$200", duration_months="3-5 months", Notes="x")
    (only,), _ = load_programs(write(tmp_path, csv_text([row])), CODES)
    # No __dict__, no pydantic field set: a third of the memory at 100,000 programs.
    assert type(only) is StoredProgram and not hasattr(only, "__dict__")
    validated = Program.model_validate({**{k: v for k, v in row.items() if k != "Notes"}, "line": 2})
    assert only.values() == {**validated.values(), "extra": [("Notes", "x")]}
    assert (only.cost_usd, only.cost_is_sum, only.cost_parts(), only.duration_max) == (
        1200,
        True,
        [("Tuition", 1000), ("Fees", 200)],
        5,
    )
