"""The browser's field spec (search/fields.json per language, browser_fields.py): the compare table is
made from it and from data.json's values keyed by field name, so a row never depends on an English label."""

import json
import re

import pytest
from playwright.sync_api import expect

from plugins.programs_site import table_schema

RIDGEVIEW = "ridgeview-cc-medical-coding-certificate"
SUMMIT = "summit-health-medical-coding-certificate"
OUTCOMES = "cumberland-ridge-tc-billing-coding"  # has the WIOA report's figures


def spec(site, prefix=""):
    return json.loads((site.output / prefix / "search/fields.json").read_text(encoding="utf-8"))


def data(site, program_id):
    return json.loads((site.output / f"programs/{program_id}/data.json").read_text(encoding="utf-8"))


def test_the_spec_is_written_in_each_language_with_its_labels(sample_site):
    english, spanish = spec(sample_site), spec(sample_site, "es/")
    rows = [(row.get("field"), row.get("kind")) for row in english["compare"]]
    assert rows == [(row.get("field"), row.get("kind")) for row in spanish["compare"]]
    assert [row["label"] for row in english["compare"] if "label" in row][:3] == [
        "Cost to get certified",
        "Program cost",
        "Duration",
    ]
    assert [row["label"] for row in spanish["compare"] if "label" in row][:3] == [
        "Costo para certificarse",
        "Costo del programa",
        "Duración",
    ]
    # Every built-in column is described with how the browser formats it.
    columns = table_schema.PROGRAM_COLUMNS + table_schema.DERIVED_PROGRAM_COLUMNS
    assert set(english["fields"]) >= {c.name for c in columns}
    assert english["fields"]["cost_usd"]["type"] == "money" and english["fields"]["exam_prep"]["type"] == "yes-no"
    assert english["fields"]["duration_months"] == {"type": "months", "label": "Duration"}
    assert spanish["words"]["outcomes_population"]["all"] != english["words"]["outcomes_population"]["all"]


def test_the_spec_names_every_filter_of_the_form_and_the_sorts_of_the_page(sample_site):
    page = sample_site.output.joinpath("index.html").read_text(encoding="utf-8")
    form = page.split('id="filters"')[1].split("</form>")[0]
    assert {f["param"] for f in spec(sample_site)["filters"]} == set(re.findall(r'name="(\w+)"', form))
    filters = {f["param"]: f for f in spec(sample_site, "es/")["filters"]}
    assert filters["format"]["kind"] == "many" and filters["format"]["field"] == "format"
    assert ["online", "En línea"] in filters["format"]["options"]
    assert filters["max_cost"]["kind"] == "one" and filters["max_cost"]["field"] == "cost_to_certify_usd"
    assert filters["voucher"] == {**filters["voucher"], "kind": "yes", "field": "exam_voucher_included"}
    sorts = re.findall(r'<option value="(\w+)">', page.split('id="sort-select"')[1].split("</select>")[0])
    assert [s["value"] for s in spec(sample_site)["sorts"]] == sorts


def test_every_compare_value_is_in_data_json_under_its_field_name(sample_site):
    shown = [row["field"] for row in spec(sample_site)["compare"] if "kind" not in row]
    records = [data(sample_site, i) for i in (RIDGEVIEW, SUMMIT, OUTCOMES)]
    for field in shown:
        # Each value row has a worded value for a program that lists it (left out when not listed).
        assert any(field in r["display"] for r in records), field
    assert records[0]["display"]["hours_per_week"] == "15" and records[0]["display"]["duration_months"] == "12 months"
    assert "Hours per week" not in json.dumps(records[0])  # keyed by field, never by an English label


def table(page):
    rows = page.locator("table tbody tr")
    return {
        rows.nth(i).locator("th").inner_text(): [td.inner_text() for td in rows.nth(i).locator("td").all()]
        for i in range(rows.count())
    }


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_the_compare_table_shows_the_specs_rows_with_the_values_of_data_json(page, sample_site, sample_url, prefix):
    ids = (RIDGEVIEW, OUTCOMES)
    page.goto(f"{sample_url}{prefix}compare/?ids={','.join(ids)}")
    expect(page.locator("table thead th")).to_have_count(2)
    shown = table(page)
    rows = [row for row in spec(sample_site, prefix)["compare"] if "label" in row]
    # The spec's rows, in its order (those about outcomes only because one program has them), and
    # the credentials' exam facts where the spec places them (compare-outcomes.js words that row).
    kinds = {"aid": []}  # no aid answers in the address
    expected = [
        label
        for row in spec(sample_site, prefix)["compare"]
        for label in kinds.get(row.get("kind"), [row.get("label")])
    ]
    assert list(shown) == expected
    records = [data(sample_site, i) for i in ids]
    hours = next(row["label"] for row in rows if row.get("field") == "hours_per_week")
    assert shown[hours] == [r["display"]["hours_per_week"] for r in records]
    earnings = next(row["label"] for row in rows if row.get("field") == "median_earnings_q2")
    not_listed = "No indicado" if prefix else "Not listed"
    assert shown[earnings][0] == not_listed and shown[earnings][1].startswith("$")
    if not prefix:  # the English page shows the build's words as they are
        for row in rows:
            if "kind" not in row and "best" not in row:
                assert shown[row["label"]] == [r["display"].get(row["field"], not_listed) for r in records], row
