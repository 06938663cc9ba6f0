"""The aid figures (data/aid.toml) and the eligibility columns: read, checked, dated, and handed to the browser."""

import datetime as dt
import json
import re
from html import unescape

import pytest
from sitebuild import ROOT, build, csv_text, program

from plugins.programs_site.data.load import load_programs
from plugins.programs_site.data.problems import DataError
from plugins.programs_site.model import aid

SAMPLE = (ROOT / "data/aid.toml").read_text(encoding="utf-8")


def rates_on(day: str, text: str = SAMPLE, tmp_path=None):
    path = tmp_path / "aid.toml"
    path.write_text(text, encoding="utf-8")
    return aid.load_rates(path, dt.date.fromisoformat(day))


def problems_of(text: str, tmp_path, day: str = "2026-12-07") -> list[str]:
    with pytest.raises(DataError) as err:
        rates_on(day, text, tmp_path)
    return [str(p) for p in err.value.problems]


def test_the_sample_has_every_figure_and_the_value_in_force_on_the_day_is_used(tmp_path):
    rates, warnings = rates_on("2026-01-15", tmp_path=tmp_path)
    # Workforce Pell's rules start on 2026-07-01: left out before then, with a warning, never an error.
    assert "workforce_pell_min_hours" not in rates
    assert [w.column for w in warnings] == [n for n in aid.FIGURES if n.startswith("workforce_pell")]
    assert set(rates) | {w.column for w in warnings} == set(aid.FIGURES)
    assert rates["gi_tuition_cap"].value == 29920.95 and rates["gi_tuition_cap"].about is False
    rates, _ = rates_on("2026-08-01", tmp_path=tmp_path)
    cap = rates["gi_tuition_cap"]
    assert (cap.value, cap.start, cap.about) == (30908.34, dt.date(2026, 8, 1), True)
    assert rates["pell_max_award"].value == 7395 and rates["pell_max_award"].start == dt.date(2026, 7, 1)
    assert rates["pell_max_award"].source.startswith("https://fsapartners.ed.gov/")  # the period's own source
    assert rates["gi_exam_fee_max"].source.startswith("https://www.va.gov/")  # the figure's source


def test_an_expired_figure_is_a_warning_at_its_line_and_the_newest_value_is_still_used(tmp_path):
    rates, warnings = rates_on("2027-09-01", tmp_path=tmp_path)
    line = SAMPLE.split("\n").index('[gi_tuition_cap."2026-27"]') + 1
    assert f"aid.toml:{line}:gi_tuition_cap.2026-27: warning: the newest value ended on 2027-07-31" in "\n".join(
        str(w) for w in warnings
    )
    assert rates["gi_tuition_cap"].value == 30908.34


def test_bad_values_are_errors_at_their_lines(tmp_path):
    text = SAMPLE.replace("value = 29920.95", 'value = "lots"').replace("from = 2026-08-01", 'from = "August"')
    text = text.replace('source = "https://www.irs.gov/publications/p15b"', 'source = "ftp://irs.gov/p15b"')
    text += "\n[made_up_rate]\nwhat = 'x'\n"
    lines = text.split("\n")
    found = problems_of(text, tmp_path)
    value_line, from_line = lines.index('value = "lots"') + 1, lines.index('from = "August"') + 1
    made_up_line = lines.index("[made_up_rate]") + 1
    assert f"{tmp_path}/aid.toml:{value_line}:gi_tuition_cap.2025-26.value: value must be a number 0 or more" in (
        "\n".join(found)
    )
    assert any(f":{from_line}:gi_tuition_cap.2026-27.from: from must be a date" in p for p in found)
    assert any(":employer_tax_free.source: source: 'ftp://irs.gov/p15b' is not an http or https" in p for p in found)
    assert any(f":{made_up_line}:made_up_rate: 'made_up_rate' is not a figure" in p for p in found)


def test_a_missing_figure_overlapping_periods_and_broken_toml_are_errors(tmp_path):
    start = SAMPLE.index("[gi_exam_fee_max]")
    without = SAMPLE[:start] + SAMPLE[SAMPLE.index("[employer_tax_free]") :]
    assert any("gi_exam_fee_max: [gi_exam_fee_max] is missing" in p for p in problems_of(without, tmp_path))
    overlap = SAMPLE.replace("until = 2026-07-31", "until = 2026-09-30")
    assert any(
        "gi_tuition_cap.2026-27: starts on 2026-08-01 while '2025-26' still applies" in p
        for p in problems_of(overlap, tmp_path)
    )
    assert problems_of(SAMPLE + "\n[oops\n", tmp_path)[0].startswith(f"{tmp_path}/aid.toml:")
    rates, warnings = rates_on("2024-01-01", tmp_path=tmp_path)
    assert rates == {} and all("no value applies on 2024-01-01" in str(w) for w in warnings)


def test_no_figure_of_the_file_is_written_in_the_estimate_code():
    code = (ROOT / "theme/static/js/aid-rules.js").read_text(encoding="utf-8")
    code += (ROOT / "theme/static/js/estimate-view.js").read_text(encoding="utf-8")
    for number in ("7395", "7,395", "900", "29920", "30908", "2000", "5250", "599", "150"):
        assert number not in code, number


def test_eligibility_columns_are_read_and_bad_cells_are_errors_at_row_and_column(tmp_path):
    rows = [
        program(
            id="a", gi_bill="Yes", pell_eligible="n", workforce_pell="Approved", workforce_pell_state="oh", etpl="1"
        ),
        program(id="b", gi_bill="maybe", workforce_pell="soon", workforce_pell_state="XX"),
        program(id="c"),
    ]
    path = tmp_path / "programs.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_programs(path, {"CPC"})
    found = [str(p) for p in err.value.problems]
    assert f"{path}:3:gi_bill: 'maybe' is not yes or no (write yes, no, y, n, true, false, 1 or 0)" in found
    assert f"{path}:3:workforce_pell: 'soon' is not one of: approved, pending, no" in found
    assert any(p.startswith(f"{path}:3:workforce_pell_state: 'XX' is not a US state code") for p in found)
    rows[1] = program(id="b")
    path.write_text(csv_text(rows), encoding="utf-8")
    programs, _ = load_programs(path, {"CPC"})
    a, _, c = programs
    assert (a.gi_bill, a.pell_eligible, a.workforce_pell, a.workforce_pell_state, a.etpl) == (
        True,
        False,
        "approved",
        "OH",
        True,
    )
    assert (c.gi_bill, c.pell_eligible, c.workforce_pell, c.etpl) == (None, None, None, None)  # unknown, never no


def test_the_build_writes_the_figures_in_force_and_stops_on_a_bad_rates_file(tmp_path):
    data = csv_text([program(id="a", gi_bill="yes", etpl="no")])
    good = build(tmp_path, data, env={"BUILD_DATE": "2026-09-01"})
    assert good.returncode == 0, good.stderr
    rates = json.loads((good.output / "aid.json").read_text(encoding="utf-8"))["rates"]
    assert rates["gi_tuition_cap"] == {
        "value": 30908.34,
        "from": "2026-08-01",
        "until": "2027-07-31",
        "source": "https://www.va.gov/education/benefit-rates/post-9-11-gi-bill-rates/",
        "about": True,
        "what": "Post-9/11 GI Bill tuition cap per academic year, private and non-college-degree schools",
    }
    record = json.loads((good.output / "programs/a/data.json").read_text(encoding="utf-8"))
    assert (record["gi_bill"], record["etpl"], record["pell_eligible"]) == (True, False, None)
    bad = tmp_path / "aid.toml"
    bad.write_text(SAMPLE.replace("value = 7395", "value = -1", 1), encoding="utf-8")
    before = sorted(p.name for p in good.output.iterdir())
    failed = build(tmp_path, data, env={"BUILD_DATE": "2026-09-01", "AID_RATES": str(bad)})
    assert failed.returncode == 1
    line = SAMPLE.split("\n").index("value = 7395") + 1
    assert f"{bad}:{line}:pell_max_award.2025-26.value: value must be a number 0 or more (got -1)" in failed.stderr
    assert sorted(p.name for p in good.output.iterdir()) == before


def test_make_check_reports_the_aid_rates_file_with_the_data_files(tmp_path):
    from plugins.programs_site.build.check import check

    path = tmp_path / "aid.toml"
    path.write_text(SAMPLE.replace("value = 2000", "value = 'two thousand'"), encoding="utf-8")
    lines, ok = check(str(ROOT / "data/programs.csv"), str(ROOT / "data/credentials.csv"), aid_rates=str(path))
    line = SAMPLE.split("\n").index("value = 2000") + 1
    assert not ok
    assert f"{path}:{line}:gi_exam_fee_max.rule.value: value must be a number 0 or more (got 'two thousand')" in lines
    lines, ok = check(
        str(ROOT / "data/programs.csv"),
        str(ROOT / "data/credentials.csv"),
        today=dt.date(2026, 12, 7),
        aid_rates=str(ROOT / "data/aid.toml"),
    )
    assert ok and any(line.startswith(f"{ROOT / 'data/aid.toml'} — 9 aid figures, no errors") for line in lines), lines


# ---- the program page's aid list, shared by the pages that show the same (aid.PageSections) --------

# Each program differs from "base" in one value the aid list is worded from (and "no-cost" in having
# no estimate): a page that showed another program's list or note would show base's, or base theirs.
LISTED = {"gi_bill": "yes", "pell_eligible": "yes", "etpl": "yes", "workforce_pell": "approved"}
SHARED_ROWS = {
    "base": {**LISTED, "workforce_pell_state": "oh"},
    "gi-no": {**LISTED, "workforce_pell_state": "oh", "gi_bill": "no"},
    "pell-unknown": {**LISTED, "workforce_pell_state": "oh", "pell_eligible": ""},
    "etpl-no": {**LISTED, "workforce_pell_state": "oh", "etpl": "no"},
    "pending": {**LISTED, "workforce_pell": "pending"},
    "california": {**LISTED, "workforce_pell_state": "ca"},
    "unlisted-short": {**LISTED, "workforce_pell": "", "clock_hours": "300", "duration_months": "12 weeks"},
    "unlisted-long": {**LISTED, "workforce_pell": "", "clock_hours": "300", "duration_months": "6"},
    "no-cost": {**LISTED, "workforce_pell_state": "oh", "cost_usd": ""},
}
SHARED_LISTS = {
    "base": ["Approved", "Eligible", "Approved (Ohio)", "On the state's list: vouchers can apply"],
    "gi-no": ["Not approved", "Eligible", "Approved (Ohio)", "On the state's list: vouchers can apply"],
    "pell-unknown": ["Approved", "Not listed: ask the school", "Approved (Ohio)", "On the state's list: vouchers can apply"],
    "etpl-no": ["Approved", "Eligible", "Approved (Ohio)", "Not on the state's list"],
    "pending": ["Approved", "Eligible", "Approval pending", "On the state's list: vouchers can apply"],
    "california": ["Approved", "Eligible", "Approved (California)", "On the state's list: vouchers can apply"],
    "unlisted-short": [
        "Approved",
        "Eligible",
        "Not listed; its length fits the rules (150–599 clock hours, 8 to under 15 weeks): ask the school",
        "On the state's list: vouchers can apply",
    ],
    "unlisted-long": ["Approved", "Eligible", "Not listed: ask the school", "On the state's list: vouchers can apply"],
    "no-cost": ["Approved", "Eligible", "Approved (Ohio)", "On the state's list: vouchers can apply"],
}  # fmt: skip


def aid_list(html: str) -> list[str]:
    start = html.index('<section aria-labelledby="estimate-heading"')
    section = html[start : html.index("</section>", start)]
    listed = re.search(r"</h3>\s*<dl class=\"facts\">(.*?)</dl>", section, re.S)[1]
    return [unescape(text) for text in re.findall(r"<dd[^>]*>([^<]*)</dd>", listed)]


def test_each_program_page_shows_its_own_aid_list_and_note_in_its_language(tmp_path):
    rows = [program(id=pid, name=f"Coding {pid}", **values) for pid, values in SHARED_ROWS.items()]
    site = build(tmp_path, csv_text(rows), env={"BUILD_DATE": "2026-12-07"})
    assert site.returncode == 0, site.stderr
    spanish = {pid: aid_list(site.page(f"es/programs/{pid}/")) for pid in SHARED_ROWS}
    for pid, expected in SHARED_LISTS.items():
        assert aid_list(site.page(f"programs/{pid}/")) == expected, pid
        # The Spanish page: its own words, differing from base's where the English list does.
        differs = [a != b for a, b in zip(expected, SHARED_LISTS["base"], strict=True)]
        assert [a != b for a, b in zip(spanish[pid], spanish["base"], strict=True)] == differs, pid
        assert spanish[pid] != expected
        # The note and the button come with an estimate only, and link the page's own language's FAQ.
        for prefix, faq in (("", '"../../faq/#what-would'), ("es/", '"../../../es/faq/#what-would')):
            page = site.page(f"{prefix}programs/{pid}/")
            assert ("data-estimate-app" in page) == (pid != "no-cost"), (prefix, pid)
            assert (faq in page) == (pid != "no-cost"), (prefix, pid)
    assert spanish["california"][2] == "Aprobado (California)"
