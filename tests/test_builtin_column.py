"""Adding a built-in column is its declaration, its catalog entries and its line in the docs
(CONTRIBUTING, "Adding a column"): in a copy of the project, one yes/no column added in those three
places only is a page fact in both languages, a fact on browse's cards (the server's and those
browse.js draws), a filter with its count, a compare row (the browser's field spec, data.json and the
compare page), and a column of both exports and of datapackage.json."""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import serve
from frictionless import validate
from playwright.sync_api import expect
from sitebuild import ROOT, build, csv_text, documented_columns, program, project_copy
from test_field_spec import facts

DECLARATION = """
[[field]]
name = "evening_classes"
type = "yes-no"
description = "classes held in the evening"
label = "Evening classes"
show = ["page", "card", "compare", "filter", "match", "history"]
hints = ["eveningclasses", "eveningcourses"]
"""
PYBABEL = str(Path(sys.executable).parent / "pybabel")
DOCS_LINE = "| evening_classes | no | classes held in the evening | yes/no |\n"

ROWS = [
    program(id="alpha", name="Alpha Coding", evening_classes="yes"),
    program(id="beta", name="Beta Coding", evening_classes="no"),
    program(id="gamma", name="Gamma Coding", evening_classes="Y"),
    program(id="delta", name="Delta Coding", evening_classes=""),
]


def add_column(copy) -> None:
    """The three edits CONTRIBUTING names, and nothing else."""
    with (copy / "plugins/programs_site/data/builtin_fields.toml").open("a", encoding="utf-8") as declarations:
        declarations.write(DECLARATION)
    # `make messages` (its commands, from the Makefile), then the Spanish for the new label.
    extract = [PYBABEL, "extract", "-F", "babel.cfg", "-k", "N_", "-k", "t", "-k", "tn:1,2", "--no-wrap"]
    pot = "theme/translations/messages.pot"
    subprocess.run([*extract, "--sort-by-file", "-o", pot, "."], cwd=copy, env={**os.environ, "PYTHONPATH": "."},
                   check=True, capture_output=True)  # fmt: skip
    update = [PYBABEL, "update", "-i", pot, "-d", "theme/translations", "--no-wrap"]
    subprocess.run(update, cwd=copy, check=True, capture_output=True)
    catalog = copy / "theme/translations/es/LC_MESSAGES/messages.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgid "Evening classes"\nmsgstr ""\n' in text  # found in the declaration, waiting for its Spanish
    catalog.write_text(
        text.replace('msgid "Evening classes"\nmsgstr ""', 'msgid "Evening classes"\nmsgstr "Clases nocturnas"')
    )
    docs = copy / "docs/data-format.md"
    text = docs.read_text(encoding="utf-8")
    last_row = next(line for line in text.splitlines(keepends=True) if "etpl |" in line)
    docs.write_text(text.replace(last_row, last_row + DOCS_LINE, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def copy_and_site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("builtin")
    copy = project_copy(workdir)
    shutil.copytree(ROOT / "docs", copy / "docs")
    shutil.copy(ROOT / "babel.cfg", copy / "babel.cfg")
    (copy / "node_modules").symlink_to(ROOT / "node_modules")  # the browser packages the build copies
    add_column(copy)
    result = build(
        workdir, csv_text(ROWS), settings=str(copy / "pelicanconf.py"), cwd=copy, env={"BUILD_DATE": "2026-06-01"}
    )
    assert result.returncode == 0, result.stderr
    return copy, result


def test_the_new_column_is_a_fact_on_the_program_page_in_both_languages(copy_and_site):
    _, site = copy_and_site
    english = facts(site.page("programs/alpha/"))
    assert english["Evening classes"] == "Yes"
    assert list(english).index("Evening classes") == list(english).index("Location") + 1  # after the built-ins
    assert facts(site.page("programs/beta/"))["Evening classes"] == "No"
    assert facts(site.page("programs/delta/"))["Evening classes"] == "Not listed"
    assert "<dt>Clases nocturnas</dt><dd>Sí</dd>" in site.page("es/programs/alpha/")
    # The browser's Spanish words carry the label too, as they carry every built-in column's.
    assert (
        json.loads((site.output / "es/messages.json").read_text())["messages"]["Evening classes"] == "Clases nocturnas"
    )


def card_fact(html: str, pid: str) -> str:
    card = html.split(f'data-program-id="{pid}"')[1].split("</article>")[0]
    return re.search(r'<div><dt>Evening classes</dt><dd data-slot="evening_classes"[^>]*>([^<]*)</dd></div>', card)[1]


def test_the_new_column_is_a_fact_on_the_servers_cards(copy_and_site):
    _, site = copy_and_site
    home = site.page("")
    assert [card_fact(home, pid) for pid in ("alpha", "beta", "delta")] == ["Yes", "No", "Not listed"]
    # After the built-in facts (builtin_fields.toml's [order].card lists them), in the card's list.
    facts = re.findall(r"<dt>([^<]*)</dt>", home.split('data-program-id="alpha"')[1].split("</article>")[0])
    assert facts[-2:] == ["Exam prep", "Evening classes"]
    # The browser's card <template> has its slot, and search/meta.json says how browse.js fills it.
    assert '<dd data-slot="evening_classes"></dd>' in home.split("<template")[1]
    meta = json.loads((site.output / "search/meta.json").read_text())
    assert {"slot": "evening_classes", "type": "yes-no"} in meta["card"]
    assert "evening_classes" in meta["keys"]


@pytest.mark.browser
def test_the_new_column_is_a_fact_on_the_cards_the_browser_draws(copy_and_site, page):
    _, site = copy_and_site
    with serve(site.output) as url:
        page.goto(f"{url}?sort=cost")
        expect(page.locator("#result-count")).to_contain_text("lowest cost")
        cards = page.locator("#program-list article.card")
        expect(cards).to_have_count(4)
        drawn = dict(cards.evaluate_all(
            "cards => cards.map((c) => [c.dataset.programId, c.querySelector('[data-slot=evening_classes]').textContent])"
        ))  # fmt: skip
        assert drawn == {"alpha": "Yes", "beta": "No", "gamma": "Yes", "delta": "Not listed"}


def test_the_new_column_is_a_filter_with_its_count_in_the_form_and_a_file_for_the_browser(copy_and_site):
    _, site = copy_and_site
    form = site.page("").split('id="filters"')[1].split("</form>")[0]
    assert 'name="evening_classes" value="yes"> Evening classes <span class="count" data-count>(2)</span>' in form
    assert 'name="evening_classes" value="yes"> Clases nocturnas' in site.page("es/").split('id="filters"')[1]
    assert set(json.loads((site.output / "search/facets/evening_classes.json").read_text())) == {"yes"}


def test_the_new_column_is_a_compare_row(copy_and_site):
    _, site = copy_and_site
    # Its row in each language's field spec (browser_fields.py reads the declaration): worded by its
    # type, after the built-in rows [order].compare lists, before the rows that end the table.
    for prefix, label in (("", "Evening classes"), ("es/", "Clases nocturnas")):
        rows = json.loads((site.output / prefix / "search/fields.json").read_text())["compare"]
        at = [row.get("field") for row in rows].index("last_verified")
        assert rows[at - 1] == {"field": "evening_classes", "label": label, "type": "yes-no"}
    # Its value in each program's data.json display, typed, under the row's field (unknown left out).
    for pid, value in (("alpha", True), ("beta", False), ("delta", None)):
        data = json.loads((site.output / f"programs/{pid}/data.json").read_text())
        assert data["evening_classes"] == value
        assert data["display"].get("evening_classes", None) == value
        assert ("evening_classes" in data["display"]) == (value is not None)


@pytest.mark.browser
def test_the_new_column_is_a_compare_row_in_the_browser(copy_and_site, page):
    _, site = copy_and_site
    with serve(site.output) as url:
        page.goto(f"{url}compare/?ids=alpha,beta,delta")
        row = page.locator("tr", has=page.locator("th", has_text="Evening classes"))
        expect(row.locator("td")).to_have_text(["Yes", "No", "Not listed"])
        page.goto(f"{url}es/compare/?ids=alpha,beta")
        row = page.locator("tr", has=page.locator("th", has_text="Clases nocturnas"))
        expect(row.locator("td")).to_have_text(["Sí", "No"])


def test_the_new_column_is_a_file_the_questionnaire_can_rank_by(copy_and_site):
    _, site = copy_and_site
    # Its typed values in browse order (search/'s numbering: by name), coded as every match column is.
    assert json.loads((site.output / "search/match/evening_classes.json").read_text()) == {
        "values": [True, False, None],
        "codes": "0120",  # Alpha, Beta, Delta, Gamma
    }
    columns = json.loads((site.output / "search/match.json").read_text())["columns"]
    assert columns[-2:] == ["aid", "evening_classes"]  # after those builtin_fields.toml's [order].match lists


# The data's history of a program in the copy, between two versions of its file (history.py).
CHANGES = """
import datetime as dt, sys
from plugins.programs_site import i18n
from plugins.programs_site.data.load import load_programs
from plugins.programs_site.model import history
before, after = (history.snapshot(load_programs(path, set())[0]) for path in sys.argv[1:])
changes = history.diff(before, after, dt.date(2026, 6, 1))
for lang in ("en", "es"):
    with i18n.language(lang):
        print([change.line() for change in changes])
print(history.TYPES["evening_classes"])
"""


def test_a_change_to_the_new_column_is_a_change_in_the_data_history(copy_and_site, tmp_path):
    copy, _ = copy_and_site
    versions = []
    for number, value in enumerate(("no", "yes")):
        path = tmp_path / f"programs-{number}.csv"
        path.write_text(csv_text([program(id="alpha", name="Alpha Coding", evening_classes=value)]), encoding="utf-8")
        versions.append(str(path))
    command = [sys.executable, "-c", CHANGES, *versions]
    run = subprocess.run(command, cwd=copy, capture_output=True, text=True, check=False)  # stderr is the message
    assert run.returncode == 0, run.stderr
    english, spanish, kind = run.stdout.splitlines()
    assert english == "['Evening classes: No → Yes on June 1, 2026']"
    assert spanish.startswith("['Clases nocturnas: No → Sí ")
    assert kind == "yes-no"  # changes.json's type for the browser's words


def test_the_new_column_is_exported_described_and_documented(copy_and_site):
    copy, site = copy_and_site
    records = {r["id"]: r for r in json.loads((site.output / "programs.json").read_text())}
    assert [records[p]["evening_classes"] for p in ("alpha", "beta", "gamma", "delta")] == [True, False, True, None]
    text = (site.output / "programs.csv").read_text()
    header = next(csv.reader(io.StringIO(text)))
    assert header.index("evening_classes") == header.index("etpl") + 1  # the file's own columns, before derived
    rows = {r["id"]: r["evening_classes"] for r in csv.DictReader(io.StringIO(text))}
    assert rows == {"alpha": "yes", "beta": "no", "gamma": "yes", "delta": ""}
    package = json.loads((site.output / "datapackage.json").read_text())
    schema = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert schema["evening_classes"] == {
        "name": "evening_classes",
        "type": "boolean",
        "description": "classes held in the evening",
        "trueValues": ["yes"],
        "falseValues": ["no"],
    }
    report = validate(str(site.output / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # The copy's docs list the copy's columns (the check tests/test_datapackage.py makes of the project).
    code = (
        "from plugins.programs_site.data.table_schema import PROGRAM_COLUMNS as c; print(' '.join(x.name for x in c))"
    )
    columns = subprocess.run([sys.executable, "-c", code], cwd=copy, capture_output=True, text=True, check=True)
    listed, _ = documented_columns((copy / "docs/data-format.md").read_text(encoding="utf-8"), "## programs.csv")
    assert "evening_classes" in listed and sorted(listed) == sorted(columns.stdout.split())
