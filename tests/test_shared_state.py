"""State that comes from outside the page: shared compare links, the stored selection, other tabs,
and filters chosen on a later page of the list; and the filter counts that answer "what if"."""

import json
import re
from collections import Counter

import pytest
from playwright.sync_api import expect
from sitebuild import ROOT

from plugins.programs_site.data.load import load_credentials, load_programs
from plugins.programs_site.model.certify import cost_to_certify

pytestmark = pytest.mark.browser

PROGRAMS, _ = load_programs(ROOT / "data/programs.csv", set())
BY_NAME = sorted(PROGRAMS, key=lambda p: (p.name.casefold(), p.provider.casefold(), p.id))
STORAGE_KEY = "programs-site:compare"


def headers(page):
    return page.locator("table.compare-table thead th .compare-name").all_text_contents()


def tray_items(page):
    return page.locator("#compare-tray li")


def test_a_link_with_more_than_four_ids_shows_the_first_four_and_says_so(page, sample_url):
    six = [p.id for p in BY_NAME[:6]]
    page.goto(f"{sample_url}compare/?ids={','.join(six)}")
    # The notice names the two left out (by name, as the page shows them), not only how many.
    notice = page.locator(".compare-notice")
    expect(notice).to_contain_text("A comparison holds up to 4 programs, so the first 4 found are shown; left out:")
    for program in BY_NAME[4:6]:
        expect(notice).to_contain_text(program.name)
    expect(page.locator("table.compare-table thead th")).to_have_count(4)
    assert headers(page) == [p.name for p in BY_NAME[:4]]


def test_upper_case_ids_in_a_link_are_the_same_programs(page, sample_url):
    two = BY_NAME[:2]
    page.goto(f"{sample_url}compare/?ids={two[0].id.upper()},%20{two[1].id.title()}")
    expect(page.locator("table.compare-table thead th")).to_have_count(2)
    assert headers(page) == [p.name for p in two]
    expect(page.locator(".compare-notice")).to_be_hidden()  # no id is reported as not listed


GOOD = {"id": BY_NAME[0].id, "name": BY_NAME[0].name, "provider": BY_NAME[0].provider}


@pytest.mark.parametrize(
    ("stored", "kept"),
    [
        ("{not json", 0),
        ('"a string"', 0),
        ('{"id": "x", "name": "y"}', 0),
        (json.dumps([None, 5, "x", {"id": "../etc", "name": "x"}, {"id": "ok", "name": 7}, GOOD, GOOD]), 1),
        (json.dumps([{**GOOD, "id": f"p{n}"} for n in range(9)]), 4),
    ],
)
def test_a_corrupted_stored_selection_keeps_only_what_is_well_formed(context, page, sample_url, stored, kept):
    context.add_init_script(f"localStorage.setItem({STORAGE_KEY!r}, {json.dumps(stored)})")
    page.goto(sample_url)
    expect(page.locator("body[data-ready]")).to_have_count(1)
    expect(tray_items(page)).to_have_count(kept)
    expect(page.locator("#compare-tray")).to_be_visible() if kept else expect(
        page.locator("#compare-tray")
    ).to_be_hidden()
    # Adding still works (up to the cap), and what is written back is clean.
    page.locator("article.card").nth(1).get_by_role("button", name=re.compile("compare")).click()
    if kept == 4:
        expect(page.locator("#compare-tray")).to_contain_text("You can compare up to 4 programs.")
        return
    expect(tray_items(page)).to_have_count(kept + 1)
    saved = json.loads(page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})"))
    assert [item["id"] for item in saved] == [GOOD["id"]] * kept + [BY_NAME[1].id]
    assert all(set(item) == {"id", "name", "provider"} for item in saved)


def test_the_selection_follows_changes_made_in_another_tab(context, page, sample_url):
    def button(tab, program):
        return tab.locator(f'article[data-program-id="{program.id}"]').get_by_role("button", name=re.compile("compare"))

    page.goto(sample_url)
    button(page, BY_NAME[0]).click()
    other = context.new_page()
    other.goto(sample_url + "compare/")  # shows this browser's selection, and follows it
    expect(other.locator("table.compare-table thead th")).to_have_count(1)
    button(page, BY_NAME[1]).click()
    expect(tray_items(other)).to_have_count(2)
    expect(other.locator("table.compare-table thead th")).to_have_count(2)
    other.locator("#compare-tray").get_by_role("button", name=re.compile("Remove")).first.click()
    expect(tray_items(page)).to_have_count(1)
    # The button's words carry the state: "Add … to compare" or "Remove … from compare".
    expect(button(page, BY_NAME[0])).to_have_accessible_name(re.compile("^Add "))
    expect(button(page, BY_NAME[1])).to_have_accessible_name(re.compile("^Remove "))
    other.close()


def test_choosing_a_filter_on_page_2_shows_the_filtered_list_from_the_start(page, sample_url):
    page.goto(sample_url + "page/2/")
    page.get_by_role("group", name="Format").get_by_role("checkbox", name=re.compile("^Online")).check()
    expect(page).to_have_url(sample_url + "?format=online")
    online = [p for p in PROGRAMS if p.format == "online"]
    expect(page.locator("#result-count")).to_have_text(re.compile(rf"^{len(online)} programs, sorted by name"))
    expect(page.locator("#program-list article.card").first).to_have_attribute(
        "data-program-id", next(p.id for p in BY_NAME if p.format == "online")
    )


COUNTS = """(form) => {
  const counts = {};
  for (const input of form.querySelectorAll("input[type=checkbox]")) {
    counts[`${input.name}=${input.value}`] = Number(input.closest("label").querySelector("[data-count]").textContent.replace(/\\D/g, ""));
  }
  for (const select of form.querySelectorAll("select")) {
    for (const option of select.options) counts[`${select.name}=${option.value}`] = Number(option.textContent.match(/\\((\\d+)\\)$/)[1]);
  }
  return counts;
}"""


def test_every_filter_count_is_what_choosing_that_option_would_give(page, sample_url):
    page.goto(sample_url + "?format=online&credential=CPC")
    online_cpc = [p for p in PROGRAMS if p.format == "online" and "CPC" in p.credentials]
    expect(page.locator("#result-count")).to_have_text(re.compile(rf"^{len(online_cpc)} programs"))
    # The counts come just after the first results; until then they are blank, never wrong.
    expect(page.locator("#filters")).to_have_attribute("data-counts", "ready")
    counts = page.locator("#filters").evaluate(COUNTS)
    # An option of an active filter counts the programs that pass every *other* filter; an option
    # of any other filter counts those that pass them all.
    cpc = [p for p in PROGRAMS if "CPC" in p.credentials]
    online = [p for p in PROGRAMS if p.format == "online"]
    expected = {}
    for value, n in Counter(p.format for p in cpc if p.format).items():
        expected[f"format={value}"] = n
    for value, n in Counter(c for p in online for c in p.credentials).items():
        expected[f"credential={value}"] = n
    for value, n in Counter(p.state for p in online_cpc if p.state).items():
        expected[f"state={value}"] = n
    expected["state="] = len(online_cpc)
    expected["exam_prep=yes"] = sum(1 for p in online_cpc if p.exam_prep)
    expected["financial_aid=yes"] = sum(1 for p in online_cpc if p.financial_aid)
    # The cost filter reads the cost to get certified for the credential chosen (CPC here).
    credentials = {c.code: c for c in load_credentials(ROOT / "data/credentials.csv")[0]}
    for limit in (3000, 5000):
        costs = [cost_to_certify(p, credentials, ["CPC"]).amount for p in online_cpc]
        expected[f"max_cost={limit}"] = sum(1 for cost in costs if cost is not None and cost <= limit)
    assert len({v for k, v in expected.items()}) > 3  # the counts differ, so a wrong one shows
    assert {key: counts.get(key, 0) for key in expected} == expected
