"""Site-wide gates on every generated page: valid HTML, a strict CSP with no inline script, safe links,
and a loader that survives any spreadsheet."""

import csv
import json
import re
import subprocess
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import ROOT, build, csv_text, program, snapshot

from plugins.programs_site.data.load import load_programs
from plugins.programs_site.data.problems import DataError
from plugins.programs_site.outputs.export import COLUMNS

HTML_VALIDATE = ROOT / "node_modules/.bin/html-validate"
CSP_REQUIRED = ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'"]


def html_files(output):
    return sorted(output.rglob("*.html"))


def test_every_page_is_valid_html(sample_site):
    files = html_files(sample_site.output)
    assert len(files) > 60
    result = subprocess.run(
        [str(HTML_VALIDATE), "--config", str(ROOT / ".htmlvalidate.json"), "--formatter", "json", *map(str, files)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,  # the messages are the assertion, not the exit status alone
    )
    reports = json.loads(result.stdout or "[]")
    problems = [
        f"{r['filePath']}:{m['line']}:{m['column']}: {m['message']} ({m['ruleId']})"
        for r in reports
        for m in r["messages"]
    ]
    assert problems == [], "\n".join(problems[:30])
    assert result.returncode == 0


def test_the_html_validator_can_fail(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>')
    result = subprocess.run(
        [str(HTML_VALIDATE), "--config", str(ROOT / ".htmlvalidate.json"), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.csp = None
        self.inline_scripts = 0
        self.handlers = []
        self.styles = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = attrs.get("content")
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            self.inline_scripts += 1
        self.handlers += [name for name in attrs if name.startswith("on")]
        self.styles += "style" in attrs
        if tag == "a" and "href" in attrs:
            self.links.append(attrs)


def scan(path):
    parser = _Scan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_declares_the_csp_and_has_no_inline_script_handler_or_style(sample_site):
    for path in html_files(sample_site.output):
        page = scan(path)
        assert page.csp and all(d in page.csp for d in CSP_REQUIRED), path
        assert (page.inline_scripts, page.handlers, page.styles) == (0, [], 0), path


def test_the_deploy_docs_give_the_pages_csp_as_a_header_with_frame_ancestors(sample_site):
    """frame-ancestors is ignored in a meta tag, so README gives the header; it must match the pages' policy."""
    meta = scan(sample_site.output / "index.html").csp
    header = re.search(r"^Content-Security-Policy: (.+)$", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)
    assert header and header.group(1) == f"{meta}; frame-ancestors 'none'"


def test_external_links_are_http_and_new_tabs_carry_noopener(sample_site):
    checked = 0
    for path in html_files(sample_site.output):
        for link in scan(path).links:
            href = link["href"]
            scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", href)
            if scheme:
                assert scheme.group(1) in ("http", "https", "mailto"), (path, href)
                checked += 1
            if link.get("target") == "_blank":
                assert "noopener" in (link.get("rel") or ""), (path, href)
    assert checked > 50


# ---- any spreadsheet ---------------------------------------------------------------------------

TEXT_COLUMNS = {"name", "provider", "city", "outcomes_source"}
PROBLEM_LINE = re.compile(r"^.+:\d+:[\w ]+: .+$")
cell_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(COLUMNS), value=cell_text)
def test_any_text_in_any_column_loads_or_gives_a_located_error(tmp_path, column, value):
    path = tmp_path / "any.csv"
    # Every cell quoted: with "\n" line ends, csv's minimal quoting leaves a bare carriage return
    # unquoted, and every CSV reader (and spreadsheet) takes it for a line break, splitting the row.
    path.write_text(csv_text([program(**{column: value})], quoting=csv.QUOTE_ALL), encoding="utf-8")
    try:
        (only,), _ = load_programs(path, {"CPC"})
    except DataError as err:
        assert err.problems
        for problem in err.problems:
            assert PROBLEM_LINE.match(str(problem).replace("\n", " ")), str(problem)
            assert str(problem).startswith(f"{path}:")
    else:
        # Loaded: the row is the one written, and a text column holds the value trimmed (unknown if blank).
        assert only.line == 2
        if column in TEXT_COLUMNS:
            assert getattr(only, column) == (value.strip() or None), (column, value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_any_bytes_load_or_give_a_located_error(tmp_path, raw):
    path = tmp_path / "bytes.csv"
    path.write_bytes(raw)
    try:
        programs, _ = load_programs(path, set())
    except DataError as err:
        assert err.problems and all(str(p).startswith(f"{path}:") for p in err.problems)
    else:
        # Loaded: every program has its required cells and a distinct id, and rows come after the header.
        assert programs
        assert all(p.name and p.provider and p.line >= 2 for p in programs)
        assert len({p.id for p in programs}) == len(programs)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(lambda s: s.strip())
)
def test_any_accepted_name_is_shown_escaped_on_its_page(tmp_path_factory, name):
    folder = tmp_path_factory.mktemp("any-name")
    result = build(folder, csv_text([program(id="x", name=name)]))
    assert result.returncode == 0, result.stderr
    html = result.page("programs/x/")
    from markupsafe import escape

    assert f"<h1>{escape(name.strip())}</h1>" in html


def test_spreadsheet_exports_read_the_same(tmp_path):
    """Excel 'CSV UTF-8' (BOM, CRLF, quotes only where needed) and a Google Sheets export (LF, no BOM)."""
    rows = [program(id="a", name='Coding, "Plus"', description="Line one\nLine two"), program(id="b")]
    text = csv_text(rows)
    excel = tmp_path / "excel.csv"
    excel.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    sheets = tmp_path / "sheets.csv"
    sheets.write_text(text + ",,,,,,,,\n", encoding="utf-8")
    from_excel, _ = load_programs(excel, {"CPC"})
    from_sheets, _ = load_programs(sheets, {"CPC"})
    assert [{**p.values(), "line": 0} for p in from_excel] == [{**p.values(), "line": 0} for p in from_sheets]
    assert from_excel[0].name == 'Coding, "Plus"'


# ---- no lost work ------------------------------------------------------------------------------


def test_a_write_failure_after_pages_were_written_leaves_the_previous_output(tmp_path):
    good = build(tmp_path, csv_text([program(id=f"p{n}") for n in range(3)]))
    assert good.returncode == 0, good.stderr
    before = snapshot(good.output)
    # A settings file that makes the data-file step fail as a full disk would, after every page was written.
    settings_file = tmp_path / "failing.py"
    settings_file.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        "from plugins.programs_site.build.generator import ProgramsGenerator\n"
        "def _full(self, name, body):\n    raise OSError(28, 'No space left on device')\n"
        "ProgramsGenerator._write_text = _full\n"
    )
    failed = build(tmp_path, csv_text([program(id=f"p{n}") for n in range(5)]), settings=str(settings_file))
    assert failed.returncode != 0
    assert "No space left on device" in failed.stdout + failed.stderr
    assert "Traceback" not in failed.stderr and failed.stderr.count("Build failed: ") == 1
    assert snapshot(good.output) == before
    assert not list(tmp_path.glob(".output.building-*"))
