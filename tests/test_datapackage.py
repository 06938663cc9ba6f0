"""output/datapackage.json: the exported files as a Frictionless Data Package, checked by frictionless itself."""

import csv
import io
import json
import shutil

from frictionless import validate
from sitebuild import ROOT, build, csv_text, documented_columns, program

from plugins.programs_site.data.records import Credential, Program
from plugins.programs_site.data.table_schema import CREDENTIAL_COLUMNS, PROGRAM_COLUMNS, names, required


def header_of(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def errors_of(report):
    return report.flatten(["rowNumber", "fieldName", "type"])


def test_the_package_validates_against_the_exported_files(sample_site):
    package = sample_site.output / "datapackage.json"
    report = validate(str(package))
    assert report.valid, errors_of(report)
    data = json.loads(package.read_text(encoding="utf-8"))
    programs, credentials = data["resources"]
    assert [f["name"] for f in programs["schema"]["fields"]] == header_of(sample_site.output / "programs.csv")
    assert [f["name"] for f in credentials["schema"]["fields"]] == header_of(sample_site.output / "credentials.csv")
    fields = {f["name"]: f for f in programs["schema"]["fields"]}
    assert fields["format"]["constraints"]["enum"] == ["online", "in-person", "hybrid"]
    assert fields["name"]["constraints"]["required"] is True
    assert fields["cost_usd"]["type"] == "number" and fields["last_verified"]["type"] == "date"
    assert fields["exam_prep"]["trueValues"] == ["yes"] and fields["url"]["format"] == "uri"
    assert programs["schema"]["primaryKey"] == ["id"]


def test_the_schema_catches_a_file_that_breaks_it(sample_site, tmp_path):
    for name in ("datapackage.json", "programs.csv", "credentials.csv"):
        shutil.copy(sample_site.output / name, tmp_path / name)
    exported = tmp_path / "programs.csv"
    lines = exported.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    row = next(csv.reader([lines[1]]))
    row[header.index("format")] = "blended"
    row[header.index("cost_usd")] = "about 300"
    out = csv.writer(buffer := io.StringIO(), lineterminator="\n")
    out.writerow(row)
    lines[1] = buffer.getvalue().rstrip("\n")
    exported.write_text("\n".join(lines), encoding="utf-8")
    report = validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert {(error[1], error[2]) for error in errors_of(report)} == {
        ("format", "constraint-error"),
        ("cost_usd", "type-error"),
    }


def test_other_columns_of_an_export_are_described_too(tmp_path):
    rows = [program(id="a", **{"Start Dates": "January", "Notes": ""}), program(id="b", Notes="evenings")]
    result = build(tmp_path, csv_text(rows))
    assert result.returncode == 0, result.stderr
    data = json.loads((result.output / "datapackage.json").read_text(encoding="utf-8"))
    fields = data["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields][-2:] == ["Start Dates", "Notes"]
    report = validate(str(result.output / "datapackage.json"))
    assert report.valid, errors_of(report)


def test_the_column_list_matches_the_records_and_the_docs():
    internal = {"line", "extra", "cost_is_sum", "declared"}  # declared: data/fields.toml's columns, not built in
    assert set(names(PROGRAM_COLUMNS)) == set(Program.model_fields) - internal
    assert set(names(CREDENTIAL_COLUMNS)) == set(Credential.model_fields) - internal
    docs = (ROOT / "docs/data-format.md").read_text(encoding="utf-8")
    for section, columns in (("## programs.csv", PROGRAM_COLUMNS), ("## credentials.csv", CREDENTIAL_COLUMNS)):
        listed, marked = documented_columns(docs, section)
        assert sorted(listed) == sorted(names(columns)), section
        assert tuple(marked) == required(columns), section
