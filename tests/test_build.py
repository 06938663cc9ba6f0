"""Real builds with the `pelican` command: the pages, the data files, and what a bad file does."""

import json
import re

import pytest
from sitebuild import ROOT, broken_links, build, csv_text, program, project_copy, snapshot

from plugins.programs_site.data.load import load_programs

SAMPLE_IDS = [
    line.split(",", 1)[0]
    for line in (ROOT / "data/programs.csv").read_text(encoding="utf-8").splitlines()[1:]
    if re.match(r"^[a-z0-9-]+,", line)
]


def test_sample_data_builds_every_page(sample_site):
    out = sample_site.output
    assert len(SAMPLE_IDS) >= 40
    for program_id in SAMPLE_IDS:
        assert (out / "programs" / program_id / "index.html").is_file(), program_id
    for code in ("cpc", "coc", "cic", "crc", "cca", "ccs", "cbcs"):
        assert (out / "credentials" / code / "index.html").is_file()
    for page in (
        "index.html",
        "credentials/index.html",
        "faq/index.html",
        "about/index.html",
        "programs.json",
        "programs.csv",
        "theme/css/site.css",
    ):
        assert (out / page).is_file(), page


def test_every_internal_link_resolves(sample_site):
    assert broken_links(sample_site.output) == []


def test_browse_lists_every_program_as_a_card_without_javascript(sample_site):
    html = sample_site.page("")
    cards = re.findall(r'<article class="card" data-program-id="([^"]+)"', html)
    cards += re.findall(r'<article class="card" data-program-id="([^"]+)"', sample_site.page("page/2/"))
    assert sorted(cards) == sorted(SAMPLE_IDS)
    assert 'href="./page/2/" rel="next"' in html


def test_program_page_shows_unknowns_as_not_listed_and_links_credentials(sample_site):
    html = sample_site.page("programs/silverpine-ps-risk-adjustment/")
    assert re.search(r"<dt>Program cost</dt><dd class=\"unknown\">Not listed</dd>", html)
    assert re.search(r"<dt>Cost to get certified</dt><dd class=\"unknown\">Not listed</dd>", html)
    assert 'href="../../credentials/crc/"' in html


def test_bare_domain_becomes_an_https_link_with_noopener(sample_site):
    html = sample_site.page("programs/summit-health-medical-coding-certificate/")
    assert 'href="https://www.summit-health.example/coding" rel="noopener"' in html


def test_programs_json_has_typed_values_and_nulls_for_unknowns(sample_site):
    data = json.loads((sample_site.output / "programs.json").read_text(encoding="utf-8"))
    assert sorted(p["id"] for p in data) == sorted(SAMPLE_IDS)
    summed = next(p for p in data if p["id"] == "saguaro-valley-college-coding-certificate")
    assert summed["cost_usd"] == 3620
    unknown = next(p for p in data if p["id"] == "silverpine-ps-risk-adjustment")
    assert unknown["cost_usd"] is None


def test_exported_csv_reimports_to_the_same_programs(sample_site, tmp_path):
    original, _ = load_programs(ROOT / "data/programs.csv", {"CPC", "COC", "CIC", "CRC", "CCA", "CCS", "CBCS"})
    again, _ = load_programs(sample_site.output / "programs.csv", {"CPC", "COC", "CIC", "CRC", "CCA", "CCS", "CBCS"})

    def strip(p):
        return {k: v for k, v in p.values().items() if k not in ("line", "cost_is_sum")}

    assert sorted(map(strip, again), key=lambda p: p["id"]) == sorted(map(strip, original), key=lambda p: p["id"])


def test_bad_data_fails_with_every_problem_and_leaves_output_untouched(tmp_path):
    good = build(tmp_path, csv_text([program()]))
    assert good.returncode == 0, good.stderr
    before = snapshot(good.output)
    rows = [program(id="a"), program(id="b", cost_usd="$abc"), program(id="a", url="javascript:alert(1)")]
    bad = build(tmp_path, csv_text(rows))
    path = tmp_path / "programs.csv"
    assert bad.returncode != 0
    assert "Traceback" not in bad.stderr
    assert bad.error_lines == [
        f"{path}:3:cost_usd: '$abc' is not a number (write dollars like 3699 or $3,699.00)",
        f"{path}:4:url: 'javascript:alert(1)' is not an http or https web address",
        f"{path}:4:id: id 'a' is already used on row 2",
    ]
    assert snapshot(good.output) == before
    assert not list(tmp_path.glob(".output.building-*"))


def test_each_file_level_error_fails_cleanly(tmp_path):
    cases = {
        "missing": (None, "1:1: file not found"),
        "empty": ("", "1:1: the file is empty; expected a header row and one row per entry"),
        "header only": ("id,name,provider\n", "2:1: no programs: the file has a header row but no data rows"),
        "missing column": (
            "id,name\na,b\n",
            (
                "1:provider: required column 'provider' is missing (the school or organisation); if the file "
                "calls it something else, map it in {toml} (`make mapping` writes a starter)"
            ),
        ),
    }
    for label, (text, expected) in cases.items():
        path = tmp_path / f"{label}.csv"
        if text is not None:
            path.write_text(text)
        result = build(tmp_path, path)
        assert result.returncode != 0, label
        assert result.error_lines == [f"{path}:{expected.format(toml=path.with_suffix('.toml'))}"], label
        assert not (tmp_path / "output").exists(), label


HOSTILE = '<script>alert("x")</script>'


def test_hostile_text_is_escaped_everywhere(tmp_path):
    row = program(
        id="evil",
        name=HOSTILE,
        provider='O\'Brien & "Sons" </script><img src=x onerror=alert(1)>',
        description="{{ 7 * 7 }} {% raw %} ${7*7} \u202e ü 🎓 " + "long " * 2000,  # control characters: test_any_cell
        credentials="CPC",
        **{"Notes <b>": "<iframe src=javascript:alert(1)>"},
    )
    result = build(tmp_path, csv_text([row]))
    assert result.returncode == 0, result.stderr
    for page in result.output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "<iframe" not in html, page
        assert "<b>" not in html, page
    html = result.page("programs/evil/")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "{{ 7 * 7 }}" in html and "49" not in html
    assert "🎓" in html
    data = json.loads((result.output / "programs.json").read_text(encoding="utf-8"))
    assert data[0]["name"] == HOSTILE


def test_another_data_set_builds_into_another_folder(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text(csv_text([program(id="only-one", name="Only One")]))
    result = build(tmp_path, other, output=tmp_path / "elsewhere")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere/programs/only-one/index.html").is_file()
    assert len(list((tmp_path / "elsewhere/programs").iterdir())) == 1


def test_a_thousand_programs_build_every_page_and_paginate(tmp_path):
    rows = [program(id=f"p-{n:04d}", name=f"Program {n:04d}", cost_usd=str(1000 + n)) for n in range(1000)]
    result = build(tmp_path, csv_text(rows))
    assert result.returncode == 0, result.stderr
    assert len(list((result.output / "programs").iterdir())) == 1000
    pages = 1 + len(list((result.output / "page").iterdir()))
    assert pages == -(-1000 // 48)
    listed = set()
    for n in range(1, pages + 1):
        html = result.page("" if n == 1 else f"page/{n}/")
        listed |= set(re.findall(r'data-program-id="([^"]+)"', html))
    assert len(listed) == 1000
    assert broken_links(result.output) == []


def test_a_plugin_that_fails_to_load_fails_the_build(tmp_path):
    copy = project_copy(tmp_path)
    generator = copy / "plugins/programs_site/build/generator.py"
    generator.write_text(generator.read_text().replace("import os\n", "import os\nimport no_such_module\n", 1))
    result = build(
        tmp_path,
        settings=str(copy / "pelicanconf.py"),
        env={"PROGRAMS_CSV": str(ROOT / "data/programs.csv"), "CREDENTIALS_CSV": str(ROOT / "data/credentials.csv")},
    )
    assert result.returncode != 0
    assert "no_such_module" in result.stderr + result.stdout
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("count", [5, 300], ids=["one process", "worker processes"])
def test_a_template_error_midway_is_reported_and_leaves_the_previous_output(tmp_path, count):
    rows = csv_text([program(id=f"p{n}") for n in range(count)])
    good = build(tmp_path, rows)
    assert good.returncode == 0, good.stderr
    before = snapshot(good.output)
    copy = project_copy(tmp_path)
    template = copy / "theme/templates/program.html"
    # Fails on one program page, after the browse page and other program pages were written.
    text = template.read_text()
    line = text[: text.index("{% block content %}")].count("\n") + 1
    template.write_text(
        text.replace(
            "{% block content %}",
            "{% block content %}{% if program.id == 'p2' %}{{ program.missing.attribute }}{% endif %}",
            1,
        )
    )
    settings = copy / "pelicanconf.py"
    result = build(tmp_path, rows, settings=str(settings))
    assert result.returncode != 0
    # Past render.PARALLEL_MIN files the pages are written by worker processes; the report is the same.
    assert f"{template}:{line}: UndefinedError: " in result.stderr
    # Whichever language's page of p2 a worker reaches first is the one named.
    assert re.search(r"\(writing (es/)?programs/p2/index\.html\)", result.stderr)
    assert snapshot(good.output) == before
    assert not list(tmp_path.glob(".output.building-*"))


@pytest.mark.parametrize("count", [5, 300], ids=["one process", "worker processes"])
def test_a_template_that_does_not_compile_is_reported_with_its_place(tmp_path, count):
    # Templates are compiled before the page workers fork; a syntax error is still reported as the
    # page that meets it reports it, `path:line:`, not as a traceback.
    rows = csv_text([program(id=f"p{n}") for n in range(count)])
    copy = project_copy(tmp_path)
    template = copy / "theme/templates/program.html"
    text = template.read_text()
    line = text[: text.index("{% block content %}")].count("\n") + 1
    template.write_text(text.replace("{% block content %}", "{% block content %}{% if %}", 1))
    result = build(tmp_path, rows, settings=str(copy / "pelicanconf.py"))
    assert result.returncode != 0
    assert f"{template}:{line}: TemplateSyntaxError: " in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "output").exists()


def test_pages_written_by_worker_processes_are_the_pages_one_process_writes(tmp_path):
    # Dated rows: an Atom feed without dated entries says it was updated at build time.
    rows = csv_text(
        [
            program(
                id=f"p{n:03d}", name=f"Program {n}", cost_usd=str(900 + n), last_verified=f"2026-05-{n % 28 + 1:02d}"
            )
            for n in range(300)
        ]
    )
    one = build(tmp_path, rows, output=tmp_path / "one", env={"PROGRAMS_SITE_PROCESSES": "1"})
    two = build(tmp_path, rows, output=tmp_path / "two", env={"PROGRAMS_SITE_PROCESSES": "2"})
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert len(list((two.output / "programs").iterdir())) == 300
    assert snapshot(one.output) == snapshot(two.output)


def test_credential_pages_list_the_cheapest_to_certify_first_and_stay_small(tmp_path):
    rows = [
        program(id=f"p{n:03d}", cost_usd=str(5000 - n), credentials="CPC", exam_voucher_included="no")
        for n in range(120)
    ]
    rows.append(program(id="unknown-cost", cost_usd="", credentials="CPC"))
    result = build(tmp_path, csv_text(rows))
    assert result.returncode == 0, result.stderr
    html = result.page("credentials/cpc/")
    listed = re.findall(r'href="\.\./\.\./programs/([^/]+)/"', html)
    assert len(listed) == 100
    assert listed[:2] == ["p119", "p118"]  # $4,881 and $4,882 before the exam fee
    assert "unknown-cost" not in listed
    assert "Filter and sort all 121" in html
