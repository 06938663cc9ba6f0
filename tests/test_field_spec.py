"""The maintainer's own columns (data/fields.toml): a column declared there, and nowhere in code, is
a page fact in both languages, a filter with counts (form and browser), a compare row and an export."""

import csv
import io
import json
import re
import subprocess

import pytest
from browser_support import axe_violations, serve
from frictionless import validate
from playwright.sync_api import expect
from sitebuild import build, csv_text, program

from plugins.programs_site.build.memo import Kept
from plugins.programs_site.data.field_spec import read_fields
from plugins.programs_site.data.load import load_programs
from plugins.programs_site.data.problems import DataError

FIELDS = """\
# Columns of the workforce board's export that students ask about.
[[field]]
name = "evening_classes"
type = "yes-no"
label = "Evening classes"
label_es = "Clases nocturnas"
show = ["page", "card", "compare", "filter"]

[[field]]
name = "languages"
type = "list"
label = "Languages taught in"
show = ["page", "filter"]
options = ["English", "Spanish", "Chinese"]
"""

ROWS = [
    program(
        id="alpha", name="Alpha Coding", evening_classes="yes", languages="English;spanish", notes="bring a laptop"
    ),
    program(id="beta", name="Beta Coding", evening_classes="no", languages="", notes=""),
    program(id="gamma", name="Gamma Coding", evening_classes="Y", languages="Spanish", notes=""),
    program(id="delta", name="Delta Coding", evening_classes="", languages="Chinese;English", notes=""),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("declared")
    (workdir / "fields.toml").write_text(FIELDS, encoding="utf-8")  # beside programs.csv: found by default
    result = build(workdir, csv_text(ROWS), env={"BUILD_DATE": "2026-06-01"})
    assert result.returncode == 0, result.stderr
    return result


def facts(html: str) -> dict[str, str]:
    return dict(re.findall(r"<div><dt(?: lang=\"en\")?>([^<]*)</dt><dd[^>]*>([^<]*)</dd></div>", html))


def test_a_declared_column_is_a_fact_on_the_program_page_in_both_languages(site):
    english = site.page("programs/alpha/")
    assert facts(english)["Evening classes"] == "Yes"
    assert facts(english)["Languages taught in"] == "English, Spanish"  # read as the options spell them
    assert "<dt>Evening classes</dt>" in english
    spanish = site.page("es/programs/alpha/")
    assert "<dt>Clases nocturnas</dt><dd>Sí</dd>" in spanish
    # No label_es: the English label, marked as English on the Spanish page.
    assert '<dt lang="en">Languages taught in</dt>' in spanish
    assert facts(site.page("programs/delta/"))["Evening classes"] == "Not listed"  # unknown is never "No"
    # Undeclared extra columns stay under "More details"; declared ones are not repeated there.
    details = english.split('id="more-heading"')[1]
    assert "bring a laptop" in details and "Evening classes" not in details and "evening_classes" not in details


def test_a_declared_filter_has_counts_in_the_form_and_a_file_for_the_browser(site):
    form = site.page("").split('id="filters"')[1].split("</form>")[0]
    evening = re.search(r'<div class="facet" data-facet="evening_classes" data-declared="one">(.*?)</div>', form, re.S)
    assert evening, form
    assert 'name="evening_classes" value="yes"> Evening classes <span class="count" data-count>(2)</span>' in evening[1]
    languages = re.search(r'data-facet="languages" data-declared="many">(.*?)</fieldset>', form, re.S)[1]
    options = re.findall(r'value="([^"]+)"> (\w+) <span class="count" data-count>\((\d+)\)', languages)
    assert options == [("English", "English", "2"), ("Spanish", "Spanish", "2"), ("Chinese", "Chinese", "1")]
    spanish_form = site.page("es/").split('id="filters"')[1]
    assert (
        '<label class="check"><input type="checkbox" name="evening_classes" value="yes"> Clases nocturnas'
        in spanish_form
    )
    assert '<legend lang="en">Languages taught in</legend>' in spanish_form
    assert set(json.loads((site.output / "search/facets/evening_classes.json").read_text())) == {"yes"}
    assert set(json.loads((site.output / "search/facets/languages.json").read_text())) == {
        "English",
        "Spanish",
        "Chinese",
    }


def test_a_declared_card_column_is_on_every_card_and_in_the_browsers_rows(site):
    cards = re.findall(r'<article class="card" data-program-id="(\w+)">(.*?)</article>', site.page(""), re.S)
    shown = {
        pid: re.search(r'<dd data-declared-slot="evening_classes"[^>]*>([^<]*)</dd>', html)[1] for pid, html in cards
    }
    assert shown == {"alpha": "Yes", "beta": "No", "gamma": "Yes", "delta": "Not listed"}
    assert (
        '<dt>Evening classes</dt><dd data-declared-slot="evening_classes" class="unknown">Not listed</dd>'
        in site.page("")
    )
    assert '<dt>Clases nocturnas</dt><dd data-declared-slot="evening_classes">Sí</dd>' in site.page("es/")
    # The card <template> browse.js fills has the slot too; the rows carry the typed value, which
    # format.js words by the field spec's type in the page's language (no English words in the rows).
    template = site.page("").split('<template id="card-template">')[1].split("</template>")[0]
    assert 'data-declared-slot="evening_classes"' in template
    meta = json.loads((site.output / "search/meta.json").read_text())
    assert meta["keys"][-1] == "declared"
    rows = json.loads((site.output / "search/rows/0.json").read_text())
    assert {row[-1]["evening_classes"] for row in rows} <= {True, False, None}
    assert True in {row[-1]["evening_classes"] for row in rows}
    assert "languages" not in site.page("").split('<template id="card-template">')[1].split("</template>")[0]


def test_a_declared_column_is_exported_typed_and_described(site):
    records = {r["id"]: r for r in json.loads((site.output / "programs.json").read_text())}
    assert records["alpha"]["evening_classes"] is True and records["beta"]["evening_classes"] is False
    assert records["delta"]["evening_classes"] is None
    assert records["alpha"]["languages"] == ["English", "Spanish"] and records["beta"]["languages"] == []
    assert records["alpha"]["more_details"] == {"notes": "bring a laptop"}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((site.output / "programs.csv").read_text()))}
    assert rows["alpha"]["evening_classes"] == "yes" and rows["gamma"]["evening_classes"] == "yes"
    assert rows["delta"]["languages"] == "English;Chinese"  # in the declared order
    header = next(csv.reader(io.StringIO((site.output / "programs.csv").read_text())))
    assert header[-3:] == ["evening_classes", "languages", "notes"]
    # The download reads back in, with the same declarations, to the same values.
    spec = read_fields(str(site.output.parent / "fields.toml"))
    again, _ = load_programs(site.output / "programs.csv", {"CPC"}, fields=spec)
    assert {p.id: p.declared for p in again}["delta"] == {"evening_classes": None, "languages": ["English", "Chinese"]}
    package = json.loads((site.output / "datapackage.json").read_text())
    schema = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert schema["evening_classes"]["type"] == "boolean"
    assert schema["languages"]["type"] == "string" and "Spanish" in schema["languages"]["constraints"]["pattern"]
    assert schema["notes"]["description"] == "kept from the source file"
    report = validate(str(site.output / "datapackage.json"))  # open-data tools read the export as described
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    data = json.loads((site.output / "programs/alpha/data.json").read_text())
    assert data["display"]["evening_classes"] is True  # typed; the compare page words it (format.js)
    # The compare row, in each language's field spec (browser_fields.py), just before "Last verified".
    for prefix, label in (("", "Evening classes"), ("es/", "Clases nocturnas")):
        rows = json.loads((site.output / prefix / "search/fields.json").read_text())["compare"]
        at = [row.get("field") for row in rows].index("last_verified")
        assert rows[at - 1] == {"field": "evening_classes", "label": label, "type": "yes-no", "declared": True}


def test_a_bad_cell_of_a_declared_column_and_a_bad_fields_file_are_reported_together(tmp_path):
    (tmp_path / "fields.toml").write_text(
        FIELDS + '\n[[field]]\nname = "childcare"\ntype = "yes/no"\nlabel = "Childcare"\n', encoding="utf-8"
    )
    rows = [*ROWS[:2], program(id="gamma", name="Gamma Coding", evening_classes="sometimes", languages="French")]
    result = build(tmp_path, csv_text(rows))
    assert result.returncode == 1
    programs = str(tmp_path / "programs.csv")
    assert f"{programs}:4:evening_classes: 'sometimes' is not yes or no" in result.stderr
    assert f"{programs}:4:languages: 'French' is not one of: English, Spanish, Chinese" in result.stderr
    fields = str(tmp_path / "fields.toml")
    assert f"{fields}:18: field 'childcare': type 'yes/no' is not one of: text, number" in result.stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[[field]]\nname = "x"\ntype = "colour"\nlabel = "X"\n', 3, "type 'colour' is not one of: text, number"),
        ('[[field]]\nname = "x"\ntype = "text"\nlabel = "X"\nshow = ["page", "sidebar"]\n', 5, "show 'sidebar'"),
        ('[[field]]\nname = "x"\ntype = "text"\n', 1, "field 'x' needs a label"),
        ('[[field]]\nname = "x"\ntype = "text"\nlabel = "X"\n\n[[field]]\nname = "x"\ntype = "text"\nlabel = "Y"\n', 7,
         "name 'x' is already declared on line 2"),
        ('[[field]]\nname = "cost_usd"\ntype = "money"\nlabel = "Cost"\n', 2, "name 'cost_usd' is a built-in column"),
        ('[[field]]\nname = "voucher"\ntype = "yes-no"\nlabel = "V"\n', 2, "name 'voucher' is a built-in column or parameter"),
        ('[[field]]\nname = "langs"\ntype = "list"\nlabel = "L"\n', 3, "type 'list' needs options"),
        ('[[field]]\nname = "x"\ntype = "text"\nlabel = "X"\nshow = ["filter"]\n', 5, "a filter needs type yes-no, choice, list"),
        ('[[field]]\nname = "Evening Classes"\ntype = "text"\nlabel = "X"\n', 2, "must be lower case letters"),
        ('[[field]]\nname = "x"\ntype = "text"\nlabel = "X"\nlable_es = "Y"\n', 5, "unknown key 'lable_es'"),
        ('[[field]\nname = "x"\n', 1, "not valid TOML"),
    ],
)  # fmt: skip
def test_a_bad_fields_file_names_the_line_and_what_is_wrong(tmp_path, text, line, message):
    path = tmp_path / "fields.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_fields(str(path))
    lines = [str(p) for p in caught.value.problems]
    assert any(shown.startswith(f"{path}:{line}: ") and message in shown for shown in lines), lines


@pytest.mark.browser
def test_a_declared_filter_and_compare_row_work_in_the_browser(site, page):
    with serve(site.output) as url:
        page.goto(url)
        count = page.locator("#result-count")
        expect(count).to_have_text(re.compile(r"^4 programs"))
        box = page.get_by_role("checkbox", name=re.compile("^Evening classes"))
        box.check()
        expect(count).to_have_text(re.compile(r"^2 programs"))
        assert "evening_classes=yes" in page.url
        # The other filter's counts follow: of the two evening programs, one is taught in English.
        languages = page.get_by_role("group", name="Languages taught in")
        expect(languages.locator("label", has_text="English")).to_contain_text("(1)")
        languages.get_by_role("checkbox", name=re.compile("^English")).check()
        expect(count).to_have_text(re.compile(r"^1 program\b"))
        assert "languages=English" in page.url
        expect(page.locator("#program-list article.card")).to_have_count(1)
        expect(page.locator('#program-list [data-declared-slot="evening_classes"]')).to_have_text("Yes")
        # A link with the parameter restores the view.
        page.goto(f"{url}es/?evening_classes=yes")
        expect(page.locator("#result-count")).to_have_text(re.compile(r"^2 programas"))
        expect(page.get_by_role("checkbox", name=re.compile("^Clases nocturnas"))).to_be_checked()
        expect(page.locator('#program-list [data-declared-slot="evening_classes"]')).to_have_text(["Sí", "Sí"])
        assert axe_violations(page) == []  # the declared filters, chips and cards, in Spanish
        page.goto(f"{url}es/compare/?ids=alpha,beta")
        row = page.locator("tr", has=page.locator("th", has_text="Clases nocturnas"))
        expect(row.locator("td")).to_have_text(["Sí", "No"])
        assert axe_violations(page) == []
        page.goto(f"{url}compare/?ids=alpha,delta")
        row = page.locator("tr", has=page.locator("th", has_text="Evening classes"))
        expect(row.locator("td")).to_have_text(["Yes", "Not listed"])


def test_make_check_reports_the_fields_file_and_the_declared_columns(tmp_path):
    from test_report import CREDENTIALS, run_check

    programs = tmp_path / "programs.csv"
    programs.write_text(csv_text([program(id="a", evening_classes="often", languages="English")]))
    (tmp_path / "fields.toml").write_text(FIELDS.replace('show = ["page", "filter"]', 'show = ["page", "sidebar"]'))
    status, lines = run_check(tmp_path, programs)
    assert status == 1
    assert lines == [
        f"{tmp_path}/fields.toml:13: field 'languages': show 'sidebar' is not one of: page, card, compare, filter",
        f"{programs}:2:evening_classes: 'often' is not yes or no (write yes, no, y, n, true, false, 1 or 0)",
        f"{CREDENTIALS} — 7 credentials, no errors, no warnings",
        f"{programs} — 1 error",
        "data/aid.toml — 9 aid figures, no errors, no warnings",
        f"{tmp_path}/fields.toml — 1 error",
        "2 errors: `make html` would stop. Nothing was built.",
    ]


def test_a_long_lived_process_reads_the_rows_again_when_the_declarations_change(tmp_path, monkeypatch):
    """`make devserver` keeps validated rows; an edited fields.toml must not leave them read the old way."""
    programs = tmp_path / "programs.csv"
    programs.write_text(csv_text(ROWS))
    fields = tmp_path / "fields.toml"
    fields.write_text(FIELDS)
    kept = Kept()
    first, _ = load_programs(programs, {"CPC"}, fields=read_fields(str(fields)), keep=kept)
    assert first[0].declared["evening_classes"] is True
    fields.write_text(FIELDS.replace('type = "yes-no"', 'type = "text"').replace('"compare", "filter"]', '"compare"]'))
    again, _ = load_programs(programs, {"CPC"}, fields=read_fields(str(fields)), keep=kept)
    assert again[0].declared["evening_classes"] == "yes"


def test_a_mapping_file_renames_and_recodes_a_declared_column(tmp_path):
    """A state's export keeps its own header (`eveningcourses`) and codes (1/2): the mapping file says so."""

    rows = [
        {"id": "a", "name": "A", "provider": "P", "EveningCourses": "1", "languages": "EN;ES", "other": "x"},
        {"id": "b", "name": "B", "provider": "P", "EveningCourses": "2", "languages": "", "other": "y"},
        {"id": "c", "name": "C", "provider": "P", "EveningCourses": "3", "languages": "FR", "other": "z"},
    ]
    programs = tmp_path / "programs.csv"
    programs.write_text(csv_text(rows))
    (tmp_path / "programs.toml").write_text(
        'other_columns = []\n[columns]\nevening_classes = "EveningCourses"\n'
        '[values.evening_classes]\n"1" = "yes"\n"2" = "no"\n'
        '[values.languages]\nEN = "English"\nES = "Spanish"\n'
    )
    spec = read_fields(_write(tmp_path / "fields.toml", FIELDS))
    with pytest.raises(DataError) as caught:
        load_programs(programs, set(), fields=spec)
    # Messages name the spreadsheet's own header.
    assert [str(p) for p in caught.value.problems] == [
        f"{programs}:4:EveningCourses: '3' is not yes or no (write yes, no, y, n, true, false, 1 or 0)",
        f"{programs}:4:languages: 'FR' is not one of: English, Spanish, Chinese",
    ]
    programs.write_text(csv_text(rows[:2]))
    loaded, _ = load_programs(programs, set(), fields=spec)
    assert [p.declared for p in loaded] == [
        {"evening_classes": True, "languages": ["English", "Spanish"]},
        {"evening_classes": False, "languages": []},
    ]
    assert [p.extra for p in loaded] == [[], []]  # other_columns = []: the declared columns are kept still
    (tmp_path / "programs.toml").write_text('[values.evening_classes]\n"1" = "often"\n')
    with pytest.raises(DataError) as caught:
        load_programs(programs, set(), fields=spec)
    assert "'1' = 'often': 'often' is not yes or no" in str(caught.value)


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_pages_with_declared_columns_are_valid_html(site):
    from test_quality import HTML_VALIDATE, ROOT

    pages = [site.output / path / "index.html" for path in ("", "es", "programs/alpha", "es/programs/alpha")]
    result = subprocess.run(
        [str(HTML_VALIDATE), "--config", str(ROOT / ".htmlvalidate.json"), *map(str, pages)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,  # the output is the assertion
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_builtin_order_naming_no_field_or_row_is_an_error(tmp_path):
    # builtin_fields.toml's [order] places its columns and [[row]]s by name: a misspelt one is reported.
    path = tmp_path / "builtin_fields.toml"
    path.write_text(
        '[order]\npage = ["x"]\ncompare = ["x", "aid",\n           "*", "exam_fact"]\n\n[[row]]\nname = "aid"\n'
        'kind = "aid"\n\n[[field]]\nname = "x"\ntype = "text"\nlabel = "X"\nshow = ["compare"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        read_fields(str(path), builtin=True)
    # At the line that names it (the list's second line), not at the file's first.
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (4, "[order].compare: 'exam_fact' is not a declared field or row")
    ]
    path.write_text(path.read_text().replace(', "exam_fact"', ""), encoding="utf-8")
    spec = read_fields(str(path), builtin=True)
    assert [row.name for row in spec.compare_rows()] == ["x", "aid"]


def test_a_table_a_fields_file_may_not_have_is_reported_at_its_line(tmp_path):
    path = _write(
        tmp_path / "fields.toml",
        '# mine\n\n[[field]]\nname = "x"\ntype = "text"\nlabel = "X"\n\n[order]\npage = ["x"]\n',
    )
    with pytest.raises(DataError) as caught:
        read_fields(path)
    assert [p.line for p in caught.value.problems] == [8]
    assert "unknown key 'order'" in caught.value.problems[0].message


def test_every_type_words_an_unknown_value_as_not_listed_and_a_known_one_by_its_type():
    import datetime as dt

    from plugins.programs_site.data.field_spec import TYPES, Field
    from plugins.programs_site.model.present import field_text

    for kind in (*TYPES, "outcome"):
        assert field_text(Field("x", kind, "X"), None) == "Not listed", kind
    known = {"text": "Evenings", "number": 2.0, "money": 1200.0, "months": (3.0, 5.0), "yes-no": True,
             "choice": "English", "list": ["English", "Chinese"], "url": "https://example.org/",
             "date": dt.date(2026, 3, 5), "percent": 81.5}  # fmt: skip
    words = {kind: field_text(Field("x", kind, "X"), value) for kind, value in known.items()}
    assert words == {"text": "Evenings", "number": "2", "money": "$1,200", "months": "3–5 months", "yes-no": "Yes",
                     "choice": "English", "list": "English, Chinese", "url": "https://example.org/",
                     "date": "March 5, 2026", "percent": "81.5%"}  # fmt: skip
    assert field_text(Field("x", "list", "X"), []) == "Not listed"


def test_a_builtin_role_naming_no_field_is_an_error_at_its_line(tmp_path):
    # builtin_fields.toml's [roles.<module>]: the column each of a browser rule module's words reads.
    text = '[roles.match]\ndelivery = "x"\n\n[roles.aid]\ncostUsd = "cost"\n\n[[field]]\nname = "x"\ntype = "text"\n'
    path = _write(tmp_path / "builtin_fields.toml", text)
    with pytest.raises(DataError) as caught:
        read_fields(path, builtin=True)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (5, "[roles.aid]: costUsd = 'cost' is not a declared field")
    ]
    spec = read_fields(_write(tmp_path / "builtin_fields.toml", text.replace('"cost"', '"x"')), builtin=True)
    assert spec.roles == (("match", (("delivery", "x"),)), ("aid", (("costUsd", "x"),)))
