"""Outcomes from a state's training-provider report: read (federal field names through a mapping file,
-1 = suppressed), shown with their cohort, population, count and source, a suppressed figure never as 0."""

import csv
import io
import json
import re

import pytest
from sitebuild import build, csv_text, program

from plugins.programs_site.data import fields
from plugins.programs_site.data.fields import CellError
from plugins.programs_site.data.load import load_programs
from plugins.programs_site.data.problems import DataError

# An export as a state's report writes it (ETA-9171-style headers), read through a mapping file.
REPORT = [
    program(id="reported", name="Reported Coding", EMPLOYMENT_RATE_Q2_ALL="71", EMPLOYMENT_RATE_Q4_ALL="68.5",
            MEDIAN_EARNINGS_Q2_ALL="9850", CREDENTIAL_RATE_ALL="64", TOTAL_EXITERS_ALL="112", PROGRAM_YEAR="PY2023",
            completion_rate="62", outcomes_source="State training provider list, 2025"),
    program(id="small", name="Small Group Coding", EMPLOYMENT_RATE_Q2_ALL="-1", EMPLOYMENT_RATE_Q4_ALL="*",
            MEDIAN_EARNINGS_Q2_ALL="-1", CREDENTIAL_RATE_ALL="suppressed", TOTAL_EXITERS_ALL="-1", PROGRAM_YEAR="PY2023",
            completion_rate="-1", outcomes_source="State training provider list, 2025"),
    program(id="none", name="No Outcomes Coding"),
    program(id="better", name="Zeta Coding", EMPLOYMENT_RATE_Q2_ALL="80", PROGRAM_YEAR="PY2023", credentials="CCA"),
]  # fmt: skip
MAPPING = """\
[columns]
employment_rate_q2 = "EMPLOYMENT_RATE_Q2_ALL"
employment_rate_q4 = "EMPLOYMENT_RATE_Q4_ALL"
median_earnings_q2 = "MEDIAN_EARNINGS_Q2_ALL"
credential_rate = "CREDENTIAL_RATE_ALL"
outcomes_exited = "TOTAL_EXITERS_ALL"
outcomes_cohort = "PROGRAM_YEAR"
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("outcomes")
    (workdir / "programs.toml").write_text(MAPPING + "\n[values.outcomes_population]\n", encoding="utf-8")
    rows = [{**row, "outcomes_population": "all" if row["id"] != "none" else ""} for row in REPORT]
    result = build(workdir, csv_text(rows), env={"BUILD_DATE": "2026-12-07"})
    assert result.returncode == 0, result.stderr
    return result


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_cell_rules_read_suppressed_as_a_word_never_as_zero():
    assert [fields.outcome_percent(v) for v in ("-1", "*", "Suppressed", "", "72%")] == [
        "suppressed", "suppressed", "suppressed", None, 72.0,
    ]  # fmt: skip
    assert fields.outcome_money("$9,850") == 9850.0 and fields.outcome_count("-1") == "suppressed"
    with pytest.raises(CellError, match="must be 0 or more"):
        fields.outcome_percent("-2")
    assert fields.outcomes_population("WIOA participants") == "wioa"


def test_bad_outcome_cells_are_errors_at_row_and_column(tmp_path):
    path = tmp_path / "programs.csv"
    path.write_text(csv_text([program(employment_rate_q2="n/a", outcomes_population="some")]), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_programs(path, {"CPC"})
    found = [str(p) for p in err.value.problems]
    assert f"{path}:2:employment_rate_q2: 'n/a' is not a percentage (write 72 or 72%)" in found
    assert f"{path}:2:outcomes_population: 'some' is not one of: all, wioa" in found


def test_the_program_page_shows_the_figures_with_cohort_population_count_and_source(site):
    page = text_of(site.page("programs/reported/"))
    assert "Employed in the 2nd quarter after leaving 71%" in page
    assert "Employed in the 4th quarter after leaving 68.5%" in page
    assert "Median earnings in the 2nd quarter after leaving $9,850" in page
    assert "Earned a credential 64%" in page
    assert "Covers: PY2023, all students, 112 students who left" in page
    assert "Source: State training provider list, 2025" in page


def test_a_suppressed_figure_says_so_and_is_never_zero(site):
    page = text_of(site.page("programs/small/"))
    assert page.count("Suppressed (too few students to report)") == 5  # completion, 2 employment, earnings, credential
    assert "Covers: PY2023, all students, number of students suppressed" in page
    assert not re.search(r"after leaving (0%|\$0)", page)
    spanish = text_of(site.page("es/programs/small/"))
    assert "Suprimido (muy pocos estudiantes para informar)" in spanish
    assert "Abarca: PY2023, todos los estudiantes, número de estudiantes suprimido" in spanish
    # A program without the report's figures keeps the page as it was: no outcomes section at all.
    assert 'id="outcomes-heading"' not in site.page("programs/none/")


def test_the_exports_write_suppressed_as_the_word(site):
    records = {r["id"]: r for r in json.loads((site.output / "programs.json").read_text(encoding="utf-8"))}
    small, reported = records["small"], records["reported"]
    assert small["employment_rate_q2"] == "suppressed" and small["completion_rate"] == "suppressed"
    assert (reported["employment_rate_q4"], reported["median_earnings_q2"], reported["outcomes_exited"]) == (
        68.5,
        9850,
        112,
    )
    rows = {
        r["id"]: r for r in csv.DictReader(io.StringIO((site.output / "programs.csv").read_text(encoding="utf-8-sig")))
    }
    assert rows["small"]["median_earnings_q2"] == "suppressed" and rows["none"]["credential_rate"] == ""


ROWS_AS_SHOWN = """(table) => [...table.tBodies[0].rows].map((row) =>
  [...row.cells].map((cell) => cell.textContent.replace(/\\s+/g, " ").replace("( ", "(").replace(" )", ")").trim()))"""


@pytest.mark.browser
def test_the_comparison_shows_the_outcomes_a_suppressed_one_in_words(page, site):
    from browser_support import serve
    from playwright.sync_api import expect

    with serve(site.output) as url:
        for lang, label, suppressed in (
            ("", "Employed in the 2nd quarter after leaving", "Suppressed (too few students to report)"),
            (
                "es/",
                "Con empleo en el 2.º trimestre después de salir",
                "Suprimido (muy pocos estudiantes para informar)",
            ),
        ):
            page.goto(f"{url}{lang}compare/?ids=reported,small,none")
            expect(page.locator("table")).to_be_visible()
            rows = {
                row[0].removesuffix(" differs").strip(): row[1:]
                for row in page.locator("table").evaluate(ROWS_AS_SHOWN)
            }
            found = next(cells for name, cells in rows.items() if name.startswith(label))
            assert found[:2] == ["71%", suppressed], found
            assert "0%" not in found
        cover = next(cells for name, cells in rows.items() if name.startswith("Los resultados abarcan"))
        # Programs without the report's figures get no outcome rows at all.
        page.goto(f"{url}compare/?ids=none")
        expect(page.locator("table")).to_be_visible()
        shown = [row[0] for row in page.locator("table").evaluate(ROWS_AS_SHOWN)]
        assert shown and not any(name.startswith(("Employed", "Outcomes cover")) for name in shown)
        assert cover[:2] == [
            "PY2023, todos los estudiantes, 112 estudiantes que salieron",
            "PY2023, todos los estudiantes, número de estudiantes suprimido",
        ]


@pytest.mark.browser
def test_browse_sorts_by_employment_rate_with_suppressed_and_unknown_last(page, site):
    from browser_support import serve
    from playwright.sync_api import expect

    with serve(site.output) as url:
        page.goto(url + "?sort=employment")
        expect(page.locator("#result-count")).to_have_text("4 programs, highest employment rate first")
        cards = page.locator("article[data-program-id]")
        expect(cards).to_have_count(4)
        order = cards.evaluate_all("cards => cards.map(c => c.dataset.programId)")
        # 80%, 71%, then the suppressed and the unlisted in name order: never read as 0.
        assert order == ["better", "reported", "none", "small"], order
        expect(page.get_by_label("Sort by")).to_have_value("employment")


# ---- exam facts per credential (data/credentials.csv: CCA has AHIMA's 2022 pass rate, CPC none) --------


def test_credential_pages_show_the_exam_facts_and_an_unlisted_pass_rate_as_not_listed(site):
    cca = site.page("credentials/cca/")
    assert re.search(
        r"<dt>First-time pass rate</dt><dd>70% in 2022 \(<a href=\"https://www\.ahima\.org/[^\"]+\" rel=\"noopener\">source</a>\)</dd>",
        cca,
    )
    assert '<dt>Attempts the fee includes</dt><dd class="unknown">Not listed</dd>' in cca
    assert '<dt>First-time pass rate</dt><dd class="unknown">Not listed</dd>' in site.page("credentials/cpc/")
    assert "<dt>Tasa de aprobación en el primer intento</dt><dd>70% en 2022" in site.page("es/credentials/cca/")


@pytest.mark.browser
def test_the_comparison_shows_each_credentials_exam_facts(page, site):
    from browser_support import serve
    from playwright.sync_api import expect

    with serve(site.output) as url:
        page.goto(f"{url}compare/?ids=better,reported")
        expect(page.locator("table")).to_be_visible()
        rows = {
            row[0].removesuffix(" differs").strip(): row[1:] for row in page.locator("table").evaluate(ROWS_AS_SHOWN)
        }
        assert rows["Exam facts"] == ["CCA: 70% first-time pass rate in 2022", "Not listed"]
        page.goto(f"{url}es/compare/?ids=better,reported")
        expect(page.locator("table")).to_be_visible()
        rows = {
            row[0].removesuffix(" differs").strip(): row[1:] for row in page.locator("table").evaluate(ROWS_AS_SHOWN)
        }
        assert rows["Datos del examen"][0] == "CCA: 70% de aprobación en el primer intento en 2022"
