"""When a browser data file fails to load: the page says what failed, keeps working where it can, and offers a retry."""

import re

import pytest
from browser_support import axe_violations
from playwright.sync_api import expect
from sitebuild import ROOT

from plugins.programs_site.data.load import load_programs

pytestmark = pytest.mark.browser

PROGRAMS, _ = load_programs(ROOT / "data/programs.csv", set())
ONLINE = [p for p in PROGRAMS if p.format == "online"]


def expected_only(page, *fragments):
    """The failures the test caused are the only console errors; anything else still fails the test."""
    theirs = [e for e in page.watcher.errors if not any(f in e for f in ("Failed to load resource", *fragments))]
    page.watcher.errors.clear()
    assert theirs == []


def abort(page, pattern):
    page.route(pattern, lambda route: route.abort())


@pytest.mark.parametrize("file", ["search/terms/*.json", "lunr.min.js"])
def test_without_search_files_the_page_says_so_and_the_filters_keep_working(page, sample_url, file):
    abort(page, f"**/{file}")
    page.goto(sample_url)
    page.get_by_label("Search programs").fill("cpc")
    status = page.locator("#result-count")
    expect(status).to_contain_text("Search is unavailable right now")
    expect(status).to_contain_text(f"{len(PROGRAMS)} programs")
    page.get_by_role("group", name="Format").get_by_role("checkbox", name=re.compile("^Online")).check()
    expect(status).to_have_text(re.compile(rf"^{len(ONLINE)} programs, sorted by name\. Search is unavailable"))
    # Later keystrokes are not swallowed: each tries the search again, and says again that it is unavailable.
    page.get_by_label("Search programs").fill("billing")
    expect(status).to_contain_text("“billing” is not applied")
    page.unroute(f"**/{file}")
    page.get_by_label("Search programs").fill("billin")
    expect(status).to_contain_text("for “billin”")
    expect(page.locator("#program-list mark").first).to_have_text(re.compile("^Billin", re.IGNORECASE))
    expected_only(page)


def test_without_the_program_list_browse_says_so_and_tries_again(page, sample_url):
    page.route("**/search/rows/*.json", lambda route: route.fulfill(status=503, body="busy"))
    page.goto(sample_url)
    page.get_by_role("group", name="Format").get_by_role("checkbox", name=re.compile("^Online")).check()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(
        "program list that search and filters use could not be loaded (the server answered 503)"
    )
    expect(page.locator("#result-count")).to_have_text(re.compile("^Search and filters are unavailable"))
    page.unroute("**/search/rows/*.json")
    alert.get_by_role("button", name="Try again").click()
    expect(page.locator("#result-count")).to_have_text(re.compile(rf"^{len(ONLINE)} programs"))
    expect(alert).to_have_count(0)
    expected_only(page)


def test_when_the_match_data_fails_the_page_says_so_and_tries_again(page, sample_url):
    abort(page, "**/match.json")
    page.goto(sample_url + "match/?format=online")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("The programs to rank (match.json) could not be loaded (no answer from the server")
    expect(page.locator("#match-status")).to_have_text("The ranking is unavailable: the programs did not load.")
    page.unroute("**/match.json")
    alert.get_by_role("button", name="Try again").click()
    expect(page.locator("#match-status")).to_contain_text("fit everything you need")
    expect(page.locator("#match-list > li")).to_have_count(min(20, len(PROGRAMS)))
    expect(alert).to_have_count(0)
    # The form answers after a retry: changing an answer re-ranks and updates the address.
    page.get_by_label("In person", exact=True).check()
    expect(page).to_have_url(re.compile(r"format=in-person"))
    expected_only(page)


def test_when_a_compared_program_fails_to_load_the_page_names_it_and_tries_again(page, sample_url):
    first, second = sorted(p.id for p in PROGRAMS)[:2]
    page.route(f"**/programs/{second}/data.json", lambda route: route.fulfill(status=500, body="oops"))
    page.goto(sample_url + f"compare/?ids={first},{second}")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(f"The details of {second} could not be loaded (the server answered 500)")
    expect(page.locator("table.compare-table thead th[scope=col]")).to_have_count(1)
    assert axe_violations(page) == []
    page.unroute(f"**/programs/{second}/data.json")
    alert.get_by_role("button", name="Try again").click()
    expect(page.locator("table.compare-table thead th[scope=col]")).to_have_count(2)
    expect(alert).to_have_count(0)
    expected_only(page)


def test_a_program_that_is_gone_is_not_a_failure(page, sample_url):
    first = sorted(p.id for p in PROGRAMS)[0]
    page.goto(sample_url + f"compare/?ids={first},no-such-program")
    expect(page.locator(".compare-notice")).to_contain_text("no longer listed, so not shown: no-such-program")
    expect(page.get_by_role("alert")).to_have_count(0)
    expected_only(page)
