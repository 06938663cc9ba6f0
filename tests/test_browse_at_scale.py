"""Browse at 10,000 programs (benchmarks/generate.py's data): the counts beside every filter option are
the ones the CSV gives, and search answers what lunr.py answers, in the same order.

The site is built once for this module; lunr.py's reference index is built from the same documents."""

import re

import pytest
from browser_support import serve
from lunr.query import Query, QueryPresence
from lunr.stemmer import porter_stemmer
from lunr_reference import lunr_py_index
from playwright.sync_api import expect
from sitebuild import ROOT, build

from benchmarks.generate import write_csv
from plugins.programs_site.data.load import load_credentials, load_programs
from plugins.programs_site.model.certify import cost_to_certify

pytestmark = pytest.mark.browser

SIZE = 10_000
FIELDS = ("name", "provider", "credentials", "accreditation", "location")  # pelicanconf.py's SEARCH_FIELDS
CREDENTIALS = {c.code: c for c in load_credentials(ROOT / "data/credentials.csv")[0]}


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browse-10k")
    data = folder / "programs.csv"
    write_csv(SIZE, str(data))
    site = build(folder, data)
    assert site.returncode == 0, site.stderr
    programs, _ = load_programs(data, set(CREDENTIALS))
    programs.sort(key=lambda p: (p.name.casefold(), p.provider.casefold(), p.id))  # browse order
    with serve(site.output) as url:
        yield url, programs


# ---- counts from the CSV ---------------------------------------------------------------------


def passes(program, name, value, codes):
    values = value if isinstance(value, list) else [value]
    if name == "format":
        return program.format in values
    if name == "credential":
        return any(c in values for c in program.credentials)
    if name == "accreditation":
        return any(a in values for a in program.accreditation)
    if name == "state":
        return program.state == value
    if name == "max_cost":
        amount = cost_to_certify(program, CREDENTIALS, codes or None).amount
        return amount is not None and amount <= float(value)
    if name == "max_duration":
        return bool(program.duration_max) and program.duration_max <= float(value)
    attribute = {
        "exam_prep": "exam_prep",
        "voucher": "exam_voucher_included",
        "financial_aid": "financial_aid",
        "military": "military_benefits",
        "workforce_pell": "workforce_pell_approved",
    }[name]
    return getattr(program, attribute) is True


def expected_counts(programs, chosen, shown):
    """For each option the page shows: the programs it would leave with the other filters kept."""
    codes = chosen.get("credential", [])
    out = {}
    for name, values in shown.items():
        others = [p for p in programs if all(passes(p, g, v, codes) for g, v in chosen.items() if g != name)]
        out[name] = {v: len(others) if v == "" else sum(1 for p in others if passes(p, name, v, codes)) for v in values}
    return out


def shown_counts(page):
    return page.evaluate(
        """() => {
          const out = {};
          for (const control of document.querySelectorAll('#filters [name]')) {
            const counts = (out[control.name] ??= {});
            if (control.tagName === 'SELECT') {
              for (const o of control.options) counts[o.value] = Number(o.textContent.match(/\\(([\\d,]+)\\)$/)[1].replaceAll(',', ''));
            } else {
              counts[control.value] = Number(control.closest('label').querySelector('[data-count]').textContent.slice(1, -1).replaceAll(',', ''));
            }
          }
          return out;
        }"""
    )


def url_of(chosen, q=""):
    parts = [f"q={q}"] if q else []
    parts += [f"{name}={v}" for name, value in chosen.items() for v in (value if isinstance(value, list) else [value])]
    return "?" + "&".join(parts)


COMBINATIONS = [
    {"format": ["online"]},
    {"credential": ["CPC"], "max_cost": "3000"},
    {"credential": ["CCS", "CIC"], "format": ["hybrid", "in-person"], "max_duration": "12"},
    {"state": "TX", "exam_prep": "yes", "voucher": "yes"},
    {"financial_aid": "yes", "military": "yes", "max_cost": "5000"},
]


@pytest.mark.parametrize("chosen", COMBINATIONS, ids=lambda c: url_of(c))
def test_filter_counts_at_10000_programs_are_the_csv_counts(page, big, chosen):
    url, programs = big
    page.goto(url + url_of(chosen))
    expect(page.locator("#filters")).to_have_attribute("data-counts", "ready", timeout=30_000)
    shown = shown_counts(page)
    assert shown == expected_counts(programs, chosen, {n: list(v) for n, v in shown.items()})
    matches = sum(1 for p in programs if all(passes(p, g, v, chosen.get("credential", [])) for g, v in chosen.items()))
    expect(page.locator("#result-count")).to_have_text(re.compile(rf"^{matches:,} programs?\b"))


def test_counts_at_10000_programs_agree_and_read_with_thousands_separators(page, big):
    from urllib.request import urlopen

    url, programs = big
    for lang, any_word in (("", "Any"), ("es/", "Cualquiera")):
        with urlopen(url + lang) as response:
            html = response.read().decode("utf-8")
        # Cost and duration: "Any" counts every program, those whose value is not listed too.
        assert html.count(f">{any_word} ({SIZE:,})</option>") == 2
    online = sum(1 for p in programs if p.format == "online")
    page.goto(url + "es/?format=online")
    expect(page.locator("#filters")).to_have_attribute("data-counts", "ready", timeout=30_000)
    expect(page.locator("#filter-max_cost option").first).to_have_text(f"Cualquiera ({online:,})")
    expect(page.locator('#filters label:has(input[value="online"]) [data-count]')).to_have_text(f"({online:,})")
    expect(page.locator("[data-show-more]")).to_have_text(f"Mostrar más programas (faltan {online - 24:,})")


# ---- search against lunr.py ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference(big):
    _, programs = big
    return lunr_py_index(programs, FIELDS)


def lunr_py_search(index, text):
    """The worker's query (search-worker.js) asked of lunr.py: every word by prefix or stem, else one typo."""
    words = [w.replace("-", "") for w in text.lower().split()]
    stems = [porter_stemmer.stem(w) for w in words]
    query = index.create_query()
    for word, stem in zip(words, stems, strict=True):
        query.term(word, use_pipeline=False, boost=5)
        query.term(word, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING)
        if stem != word:
            query.term(stem, use_pipeline=False, boost=2)
    hits = [
        h
        for h in index.query(query)
        if all(
            any(t.startswith(w) or t == s for t in h["match_data"].metadata) for w, s in zip(words, stems, strict=True)
        )
    ]
    fuzzy = False
    if not hits:
        query = index.create_query()
        for word in words:
            options = {"edit_distance": 1} if len(word) >= 4 else {"wildcard": Query.WILDCARD_TRAILING}
            query.term(word, use_pipeline=False, presence=QueryPresence.REQUIRED, **options)
        hits, fuzzy = index.query(query), True
    # Best first; equal scores (to a millionth) in browse order.
    return [int(h["ref"]) for h in sorted(hits, key=lambda h: (-round(h["score"] * 1e6), int(h["ref"])))], fuzzy


QUERIES = {
    "exact": "billing",
    "prefix": "cod",
    "typo": "billng",
    "hyphenated code": "fast-track",
    "two words": "inpatient cod",
}


@pytest.mark.parametrize("kind", list(QUERIES))
def test_search_at_10000_programs_answers_what_lunr_py_answers(page, big, reference, kind):
    url, programs = big
    query = QUERIES[kind]
    expected, fuzzy = lunr_py_search(reference, query)
    assert expected, query
    page.goto(url + "?q=" + query)
    status = page.locator("#result-count")
    expect(status).to_contain_text(f"{len(expected):,} program", timeout=30_000)
    expect(status).to_contain_text(f"for “{query}”")
    assert ("close spellings" in status.text_content()) == fuzzy
    ids = page.locator("#program-list article.card").evaluate_all("cards => cards.map(c => c.dataset.programId)")
    assert ids == [programs[p].id for p in expected[: len(ids)]]
    assert len(ids) == min(24, len(expected))


# ---- the questionnaire's ranking against the full records ----------------------------------------

# The node side of the reference: match-rules.js's rankPrograms over every program's full record (the
# records the CSV gives, written by export.match_json as the page read them before search/match.json),
# each column under the rules' word for it (the field spec's roles.match).
RANK_WITH_FULL_RECORDS = """
import { readFileSync } from "node:fs";
import { answersToParams, parseAnswers, rankPrograms, readMatchData, shortlist } from "./theme/static/js/match-rules.js";
const data = readMatchData(JSON.parse(readFileSync(process.argv[1], "utf8")), JSON.parse(process.argv[3]));
const out = {};
for (const query of JSON.parse(process.argv[2])) {
  const params = new URLSearchParams(query);
  const ranked = rankPrograms(data.programs, parseAnswers(params, data.workSettings), data.workSettings, undefined, params.get("sort") || "fit", JSON.parse(process.argv[3]));
  const result = shortlist(ranked);
  out[query] = { ids: result.shown.slice(0, 20).map((m) => m.id), shown: result.shown.length, fit: result.fitCount };
}
console.log(JSON.stringify(out));
"""


def match_queries(first_setting: str) -> list[str]:
    return [
        "",
        f"work={first_setting}&budget=4000",
        "format=online&months=12&prep=yes&sort=cost",
        "state=CA&aid=either&voucher=yes&pace=self-paced",
        f"work={first_setting}&budget=1500&format=in-person&state=WY&sort=duration",  # nothing fits
    ]


@pytest.fixture(scope="module")
def full_record_ranking(big, tmp_path_factory):
    import datetime as dt
    import json
    import subprocess

    from plugins.programs_site.model import present
    from plugins.programs_site.outputs import browser_fields, export

    _, programs = big
    settings = present.work_settings(list(CREDENTIALS.values()))
    views = [present.program_view(p, CREDENTIALS, dt.date(2026, 1, 1)) for p in programs]
    records = tmp_path_factory.mktemp("match-10k") / "match.json"
    records.write_text(export.match_json(programs, views, CREDENTIALS, settings), encoding="utf-8")
    queries = match_queries(settings[0].key)
    ranked = subprocess.run(
        [
            "node",
            "--input-type=module",
            "-e",
            RANK_WITH_FULL_RECORDS,
            str(records),
            json.dumps(queries),
            json.dumps(browser_fields.ROLES["match"]),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return queries, json.loads(ranked.stdout)


@pytest.mark.parametrize("which", range(5))
def test_match_at_10000_programs_ranks_as_the_full_records_do(page, big, full_record_ranking, which):
    url, _ = big
    queries, expected = full_record_ranking
    query = queries[which]
    page.goto(url + "match/" + (f"?{query}" if query else ""))
    expect(page.locator("#match-list > li")).to_have_count(min(20, expected[query]["shown"]), timeout=30_000)
    links = page.locator("#match-list > li h3 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert [re.search(r"programs/([^/]+)/$", href).group(1) for href in links] == expected[query]["ids"]
    status = page.locator("#match-status").text_content()
    if expected[query]["fit"]:
        assert f"{expected[query]['fit']:,} program" in status
