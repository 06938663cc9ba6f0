"""The browser's field spec (search/fields.json per language, browser_fields.py): the compare table is
made from it and from data.json's values keyed by field name, so a row never depends on an English label."""

import json
import re

import pytest
from playwright.sync_api import expect

from plugins.programs_site.data import table_schema
from plugins.programs_site.outputs import match_files

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
    assert spanish["fields"]["format"]["labels"] == {
        "online": "En línea",
        "in-person": "Presencial",
        "hybrid": "Híbrido",
    }
    assert spanish["fields"]["outcomes_population"]["labels"]["all"] == "todos los estudiantes"
    # The aid rules' words and the columns they read (tests/js/aid-rules.test.mjs uses the same).
    assert english["roles"]["aid"]["wioa"] == "etpl" and english["roles"]["aid"]["certifyUsd"] == "cost_to_certify_usd"
    assert set(english["roles"]["aid"].values()) <= set(english["fields"])
    # The questionnaire rules' words (tests/js/match-rules.test.mjs uses the same): every one a column,
    # each a file of search/match/ but the cards' date.
    match = english["roles"]["match"]
    assert (
        match["delivery"] == "format" and match["months"] == "duration_months" and match["checked"] == "last_verified"
    )
    assert set(match.values()) <= set(english["fields"])
    assert {column for word, column in match.items() if word != "checked"} <= set(match_files.COLUMNS)


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


def test_every_compare_value_is_in_data_json_typed_under_its_field_name(sample_site):
    shown = [row["field"] for row in spec(sample_site)["compare"] if "kind" not in row]
    records = [data(sample_site, i) for i in (RIDGEVIEW, SUMMIT, OUTCOMES)]
    for field in shown:
        # Each value row has a value for a program that lists it (left out when not listed).
        assert any(field in r["display"] for r in records), field
    display = records[0]["display"]
    assert display["hours_per_week"] == 15 and display["duration_months"] == [12, 12]
    assert display["cost_usd"] == 4850 and display["exam_prep"] is True and display["format"] == "hybrid"
    assert display["last_verified"] == "2026-09-14"
    assert "Hours per week" not in json.dumps(records[0])  # keyed by field, never by an English label


def test_data_json_writes_whole_figures_plainly_and_a_suppressed_one_as_the_word(sample_site):
    # As the browser formats them: 4100, not 4100.0 (each compared column's writer, export.py).
    raw = (sample_site.output / f"programs/{OUTCOMES}/data.json").read_text(encoding="utf-8")
    display = raw.split('"display":', 1)[1]
    for text in ('"cost_usd":4100,', '"duration_months":[12,12],', '"hours_per_week":30,', '"exam_prep":true,'):
        assert text in display
    for text in ('"employment_rate_q2":71,', '"median_earnings_q2":9850,', '"last_verified":"2026-09-30"'):
        assert text in display
    assert data(sample_site, "five-boroughs-hci-medical-coding")["display"]["employment_rate_q2"] == "suppressed"


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
    # Worded by format.js from the typed values, as the program pages word them.
    values = {
        "cost_usd": ["$4,850", "$4,100"],
        "duration_months": ["12 months", "12 months"],
        "format": ["Hybrid", "In-person"],
        "pace": ["Scheduled", "Scheduled"],
        "hours_per_week": ["15", "30"],
        "accreditation": ["Regionally accredited, CAHIIM accredited", "State approved, Regionally accredited"],
        "externship": ["Yes", "Yes"],
        "location": ["Columbus, OH", "Nashville, TN"],
        "employment_rate_q4": ["Not listed", "68%"],
        "median_earnings_q2": ["Not listed", "$9,850"],
        "last_verified": ["September 14, 2026", "September 30, 2026"],
    }
    if prefix:
        values = {
            "duration_months": ["12 meses", "12 meses"],
            "format": ["Híbrido", "Presencial"],
            "externship": ["Sí", "Sí"],
            "employment_rate_q4": ["No indicado", "68%"],
            "last_verified": ["14 de septiembre de 2026", "30 de septiembre de 2026"],
        }
    labels = {row.get("field"): row["label"] for row in reversed(rows)}
    assert {field: shown[labels[field]] for field in values} == values


def test_every_search_field_has_its_also_matches_words_or_is_shown_on_the_card():
    """A card names the field a word was found in ("Also matches its …"); a field left out would be
    named by its column name, in English on every page (SEARCH_FIELDS may name any of these)."""
    from plugins.programs_site.outputs import browser_fields, search_index

    assert set(browser_fields.MATCHED) == set(search_index.FIELDS)
