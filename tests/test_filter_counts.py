"""The counts a first visit shows beside each filter option (written by the build, facets.py) equal
counts worked out here from the CSV itself; and programs with the same name come in one order
everywhere the build lists them (browse pages, search positions, match's name order)."""

import csv
import io
import json
import re
from collections import Counter

import pytest
from sitebuild import build, csv_text

from plugins.programs_site.model.facets import COST_STEPS, DURATION_STEPS

# Exam fees of the test's own credentials.csv; CCC lists none.
FEES = {"AAA": 100.0, "BBB": 300.0, "CCC": None}
CREDENTIALS_CSV = (
    "code,name,issuer,exam_fee_usd\nAAA,Alpha Credential,Board,100\nBBB,Beta Credential,Board,300\n"
    "CCC,Gamma Credential,Board,\n"
)
HEADER = [
    "id", "name", "provider", "format", "duration_months", "cost_usd", "credentials", "exam_prep",
    "exam_voucher_included", "financial_aid", "military_benefits", "state", "accreditation", "workforce_pell",
]  # fmt: skip
# Every kind of cell a filter reads: yes, no and blank for each yes filter ("no" is not a yes), costs
# and lengths across the steps and unknown, ranges, several credentials and accreditations, no state.
# Names tie (in any case) so that the order of the file is not the order of the site.
ROWS = [
    ["z-first", "Medical Coding", "alpha college", "online", "3", "900", "AAA", "yes", "no", "yes", "no", "FL", "ABHES", "approved"],
    ["a-second", "Medical Coding", "Alpha College", "online", "6-9", "$1,950", "AAA;BBB", "no", "yes", "no", "yes", "TX", "ABHES;CAHIIM", "pending"],
    ["m-third", "medical coding", "Beta Institute", "hybrid", "12", "4,000", "BBB", "", "", "", "", "", "", ""],
    ["b-fourth", "MEDICAL CODING", "alpha", "in-person", "", "", "CCC", "yes", "yes", "yes", "yes", "FL", "CAHIIM", "no"],
    ["k-fifth", "Billing Basics", "Gamma School", "", "24", "2999.50", "", "no", "no", "no", "no", "CA", "", "Approved"],
    ["c-sixth", "Billing basics", "gamma school", "online", "18", "15000", "CCC;AAA", "yes", "", "yes", "", "TX", "ABHES", "not approved"],
    ["q-seventh", "Auditing", "Delta", "hybrid", "1.5", "7400", "BBB;CCC", "", "no", "", "no", "", "CAHIIM;ABHES", ""],
]  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("counts")
    (folder / "credentials.csv").write_text(CREDENTIALS_CSV, encoding="utf-8")
    rows = [dict(zip(HEADER, row, strict=True)) for row in ROWS]
    result = build(folder, csv_text(rows, HEADER), env={"CREDENTIALS_CSV": str(folder / "credentials.csv")})
    assert result.returncode == 0, result.stderr
    return result


def records():
    return list(csv.DictReader(io.StringIO(csv_text([dict(zip(HEADER, r, strict=True)) for r in ROWS], HEADER))))


def number(text):
    return float(text.replace("$", "").replace(",", "")) if text else None


def upper(text):
    """The longest a program takes: the top of a range."""
    return number(text.split("-")[-1]) if text else None


def certify(row):
    """Cost + the lowest listed exam fee, unless the voucher is included (docs/data-format.md's rule);
    None when it is not complete: no cost, no credential, or no exam fee listed (never "within" a maximum)."""
    cost = number(row["cost_usd"])
    codes = [c for c in row["credentials"].split(";") if c]
    if cost is None or not codes:
        return None
    if row["exam_voucher_included"] == "yes":
        return cost
    fees = [FEES[c] for c in codes if FEES[c] is not None]
    return cost + min(fees) if fees else None


def ceiling(values, steps, total):
    known = [v for v in values if v is not None]
    counts = {"": total}
    for step in steps:
        counts[str(step)] = sum(1 for v in known if v <= step)
        if step >= max(known):
            break
    return counts


def expected_counts():
    rows = records()
    listed = lambda column: Counter(v for r in rows for v in r[column].split(";") if v)  # noqa: E731
    yes = lambda column: {"yes": sum(1 for r in rows if r[column] == "yes")}  # noqa: E731
    formats = listed("format")
    return {
        "format": {f: formats[f] for f in ("online", "hybrid", "in-person")},
        "credential": dict(listed("credentials")),
        "max_cost": ceiling([certify(r) for r in rows], COST_STEPS, len(rows)),
        "max_duration": ceiling([upper(r["duration_months"]) for r in rows], DURATION_STEPS, len(rows)),
        "exam_prep": yes("exam_prep"),
        "voucher": yes("exam_voucher_included"),
        "financial_aid": yes("financial_aid"),
        "military": yes("military_benefits"),
        "state": {"": len(rows), **listed("state")},
        "accreditation": dict(listed("accreditation")),
        # Only an approval counts ("pending" and "not approved" are not yes), in any case.
        "workforce_pell": {"yes": sum(1 for r in rows if r["workforce_pell"].lower() == "approved")},
    }


def shown_counts(html):
    """{param: {option value: count}} as the filters form shows them before any script runs."""
    form = html[html.index('id="filters"') :]
    found = {}
    for name, value, count in re.findall(
        r'<input type="checkbox" name="([^"]+)" value="([^"]*)">[^<]*<span class="count" data-count>\((\d+)\)</span>',
        form,
    ):
        found.setdefault(name, {})[value] = int(count)
    for name, options in re.findall(r'<select[^>]* name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        for value, count in re.findall(r'<option value="([^"]*)"[^>]*>[^<]*\((\d+)\)</option>', options):
            found.setdefault(name, {})[value] = int(count)
    return found


def test_first_visit_counts_equal_the_csv_for_every_filter_option(site):
    shown = shown_counts(site.page(""))
    expected = expected_counts()
    assert shown.keys() == expected.keys()
    for param, counts in expected.items():
        assert shown[param] == counts, param


def site_order():
    """Name, then provider, then id; names and providers in any case (README, "Browse")."""
    return [r["id"] for r in sorted(records(), key=lambda r: (r["name"].casefold(), r["provider"].casefold(), r["id"]))]


def test_programs_with_the_same_name_come_in_one_order_everywhere(site):
    order = site_order()
    assert order != [r[0] for r in ROWS]  # the file's order is not the site's
    assert re.findall(r'data-program-id="([^"]+)"', site.page("")) == order
    meta = json.loads((site.output / "search/meta.json").read_text(encoding="utf-8"))
    rows = json.loads((site.output / "search/rows/0.json").read_text(encoding="utf-8"))
    assert [row[meta["keys"].index("id")] for row in rows] == order
