"""Shared links over time, in Chromium: an old link's "what changed since", the advisor's note on screen and
on paper, and the printout's QR code leading back to the live comparison."""

import datetime as dt
import io
import re
from urllib.parse import quote

import pytest
import zxingcpp
from browser_support import axe_violations, serve
from history_support import site_with_versions
from PIL import Image
from playwright.sync_api import expect
from sitebuild import csv_text, program

pytestmark = pytest.mark.browser

TODAY = dt.date.today()
SHARED = TODAY - dt.timedelta(days=5)  # the day the advisor sent the link
RAISED = "inpatient-coding"  # its price goes up after the link was sent
GONE = "old-billing"  # removed after the link was sent
STEADY = "steady-coding"
HEADER = ["id", "name", "provider", "format", "duration_months", "cost_usd", "credentials", "exam_prep", "state"]
BEFORE = [
    program(id=RAISED, name="Inpatient Coding Specialist", provider="Ridgeview College", cost_usd="3420"),
    program(id=GONE, name="Billing Basics", provider="Oldtown Institute", cost_usd="999"),
    program(id=STEADY, name="Steady Coding Course", provider="Acme College", cost_usd="2000"),
]
AFTER = [
    program(id=RAISED, name="Inpatient Coding Specialist", provider="Ridgeview College", cost_usd="3620"),
    program(id=STEADY, name="Steady Coding Course", provider="Acme College", cost_usd="2000"),
]
HOSTILE_NAME = '<img src=x onerror="alert(1)">'
HOSTILE_NOTE = "</p><script>alert('note')</script> & \"quotes\"\nsecond line: 100% sure? #hash &amp; ünïcödé 😀"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A site built from a git repository holding two versions of the programs file."""
    versions = [(SHARED, csv_text(BEFORE, HEADER)), (TODAY, csv_text(AFTER, HEADER))]
    with serve(site_with_versions(tmp_path_factory.mktemp("shared"), versions).output) as url:
        yield url


def fragment(by="", note=""):
    parts = [f"by={quote(by)}"] if by else []
    return "#" + "&".join(parts + ([f"note={quote(note)}"] if note else []))


def open_compare(page, url, *ids, asof=None, hash=""):
    query = f"compare/?ids={','.join(ids)}" + (f"&asof={asof.isoformat()}" if asof else "")
    page.goto(url + query + hash)
    expect(page.locator("#compare-app table")).to_be_visible()


def notice(page):
    return page.locator(".share-notice")


# ---- what changed since ----------------------------------------------------------------------


def test_an_old_comparison_link_says_what_changed_since_with_both_prices_and_the_removed_program(page, site):
    open_compare(page, site, RAISED, GONE, STEADY, asof=SHARED)
    expect(notice(page)).to_be_visible()
    shared_on = f"{SHARED:%B} {SHARED.day}, {SHARED.year}"
    expect(notice(page)).to_contain_text(f"Since this comparison was shared on {shared_on}:")
    items = [" ".join(t.split()) for t in notice(page).locator("li").all_text_contents()]
    assert "Inpatient Coding Specialist (Ridgeview College): cost $3,420, now $3,620" in items
    assert any(item.startswith("Billing Basics (Oldtown Institute) is no longer listed") for item in items)
    assert not any("Steady" in item for item in items)  # unchanged programs are not mentioned
    # The removed program's data.json is a 404: the page expects it and says so in its own notice.
    page.watcher.errors[:] = [e for e in page.watcher.errors if "404" not in e]


def test_a_current_link_shows_no_notice(page, site):
    with page.expect_response(re.compile(r"changes\.json$")) as response:
        open_compare(page, site, RAISED, STEADY, asof=TODAY)
    assert response.value.ok
    expect(page.locator(".share-notice-slot")).to_be_attached()
    page.wait_for_load_state("networkidle")
    expect(notice(page)).to_have_count(0)


def test_a_link_without_asof_shows_no_notice_and_never_fetches_the_changes(page, site):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    open_compare(page, site, RAISED, STEADY)
    page.wait_for_load_state("networkidle")
    expect(notice(page)).to_have_count(0)
    assert not [url for url in fetched if url.endswith("changes.json")]


def test_an_old_link_says_so_when_the_changes_cannot_be_loaded(page, site):
    page.route("**/changes.json", lambda route: route.fulfill(status=500, body="broken"))
    open_compare(page, site, RAISED, STEADY, asof=SHARED)
    expect(notice(page)).to_contain_text("What changed since could not be loaded")
    page.watcher.errors[:] = [e for e in page.watcher.errors if "500" not in e]


def test_match_results_from_an_old_link_say_what_changed_and_what_was_removed(page, site):
    page.goto(site + f"match/?budget=5000&asof={SHARED.isoformat()}" + fragment(note="Start with these."))
    expect(notice(page)).to_contain_text("Since these results were shared on")
    expect(notice(page)).to_contain_text("Inpatient Coding Specialist (Ridgeview College): cost $3,420, now $3,620")
    expect(notice(page)).to_contain_text("Billing Basics (Oldtown Institute) is no longer listed")
    expect(page.locator(".share-note-text")).to_have_text("Start with these.")
    # Changing an answer rewrites the address but keeps the link's data version and note in it.
    page.get_by_label("Most you can spend").fill("4000")
    expect(page).to_have_url(re.compile(rf"budget=4000&asof={SHARED.isoformat()}#note=Start"))


# ---- the advisor's note ----------------------------------------------------------------------


def test_a_hostile_note_is_shown_as_text_on_screen_and_in_print(page, site):
    open_compare(page, site, RAISED, STEADY, hash=fragment(HOSTILE_NAME, HOSTILE_NOTE))
    note = page.locator(".share-note")
    expect(note.get_by_role("heading")).to_have_text(f"Note from {HOSTILE_NAME}")
    assert page.locator(".share-note-text").text_content() == HOSTILE_NOTE.strip()
    assert page.locator("#shared-link img, #shared-link script").count() == 0
    page.emulate_media(media="print")
    expect(page.locator(".share-note-text")).to_be_visible()
    assert page.locator(".share-note-text").inner_text() == HOSTILE_NOTE.strip()
    expect(page.locator(".share-print")).to_be_visible()
    expect(page.locator(".share-print")).to_contain_text(f"Prepared by{HOSTILE_NAME}")
    expect(page.get_by_text("Add a note for the student")).to_be_hidden()


def test_a_note_longer_than_the_limit_is_cut_with_a_message(page, site):
    open_compare(page, site, RAISED, hash=fragment("Ms. Lee", "x" * 600))
    assert page.locator(".share-note-text").text_content() == "x" * 500
    expect(page.locator(".share-note")).to_contain_text("This note was longer than 500 characters")


def test_the_note_control_builds_the_copied_link_with_the_data_version(page, context, site):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    open_compare(page, site, RAISED, STEADY)
    expect(page.locator(".share-note")).to_be_hidden()
    page.get_by_text("Add a note for the student").click()
    page.get_by_label("Your name").fill("Ms. Lee")
    page.get_by_label("Note", exact=True).fill("Ask about the payment plan.")
    expect(page.locator(".share-note-text")).to_have_text("Ask about the payment plan.")
    page.get_by_role("button", name="Copy link").click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == (
        f"{site}compare/?ids={RAISED},{STEADY}&asof={TODAY.isoformat()}#by=Ms.+Lee&note=Ask+about+the+payment+plan."
    )
    other = context.new_page()
    other.goto(link)
    expect(other.locator(".share-note").get_by_role("heading")).to_have_text("Note from Ms. Lee")
    expect(other.locator(".share-notice")).to_have_count(0)


# ---- the printout ----------------------------------------------------------------------------


def test_the_printout_carries_the_date_data_version_and_link_with_a_qr_code_that_decodes_to_it(page, site):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    open_compare(page, site, RAISED, STEADY, asof=SHARED, hash=fragment("Ms. Lee", "See page 2."))
    expect(page.locator(".share-qr svg")).to_have_count(0)  # made at print time, not before
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "qrcode" in url]  # nor is its library fetched on a first visit
    page.emulate_media(media="print")
    printout = page.locator(".share-print")
    expect(printout).to_be_visible()
    today = f"{TODAY:%B} {TODAY.day}, {TODAY.year}"
    expect(printout).to_contain_text(f"Printed on{today}")
    expect(printout).to_contain_text(f"Data version{today}")
    link = f"{site}compare/?ids={RAISED},{STEADY}&asof={TODAY.isoformat()}"
    expect(page.locator(".share-print-link")).to_have_text(link)
    qr = page.locator(".share-qr svg")
    expect(qr).to_be_visible()
    image = Image.open(io.BytesIO(qr.screenshot())).convert("L")
    decoded = zxingcpp.read_barcodes(image)
    assert [code.text for code in decoded] == [link]


def test_the_note_the_notice_and_a_program_s_changes_have_no_accessibility_violations(page, site):
    open_compare(page, site, RAISED, STEADY, asof=SHARED, hash=fragment("Ms. Lee", "Compare the costs."))
    expect(notice(page)).to_be_visible()
    page.get_by_text("Add a note for the student").click()
    assert axe_violations(page) == []
    page.goto(site + f"match/?budget=5000&asof={SHARED.isoformat()}" + fragment("Ms. Lee", "Two to look at."))
    expect(notice(page)).to_be_visible()
    assert axe_violations(page) == []
    page.goto(site + f"programs/{RAISED}/")
    expect(page.get_by_role("heading", name="Changes to this listing")).to_be_visible()
    assert axe_violations(page) == []
