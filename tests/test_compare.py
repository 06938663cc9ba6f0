"""Comparing programs in Chromium: choosing, the tray, the compare table, sharing it, printing it."""

import csv
import io
import re

import pytest
from browser_support import PageWatcher, axe_violations, serve
from playwright.sync_api import expect
from sitebuild import build, csv_text, program

pytestmark = pytest.mark.browser

RIDGEVIEW = "ridgeview-cc-medical-coding-certificate"  # $4,850, 12 months, no voucher
SUMMIT = "summit-health-medical-coding-certificate"  # $3,699, 6 months, voucher
NORTHLAKE = "northlake-ci-billing-coding-diploma"  # $13,450, 10 months, voucher
BOOTCAMP = "northlake-ci-cpc-exam-prep"  # $1,450, 3 months
SILVERPINE = "silverpine-ps-risk-adjustment"  # cost not published
HEADERS = {
    RIDGEVIEW: "Medical Coding Certificate, Ridgeview Community College",
    SUMMIT: "Medical Coding Certificate, Summit Health Academy Online",
    NORTHLAKE: "Medical Billing and Coding Diploma, Northlake Career Institute",
    BOOTCAMP: "CPC Exam Prep Bootcamp, Northlake Career Institute",
    SILVERPINE: "Risk Adjustment Coding Course, Silverpine Professional Studies",
}
LINK_ROWS = {"Program page", "Provider website"}  # the table shows a link; the CSV holds its address
NOT_FOUND = "console: Failed to load resource: the server responded with a status of 404 (File not found)"

# Every visible row as text, the way a reader sees it; link rows give the link's address.
TABLE_AS_SHOWN = """(table) => [...table.rows].filter((row) => !row.hidden).map((row) => {
  const label = row.cells[0].textContent.trim();
  return [...row.cells].map((cell, i) => {
    const link = cell.querySelector("a");
    return i > 0 && link && LINK_ROWS.includes(label) ? link.href : cell.textContent.replace(/\\s+/g, " ").trim();
  });
})""".replace("LINK_ROWS", repr(sorted(LINK_ROWS)))


def compare_url(base, *ids):
    return f"{base}compare/?ids={','.join(ids)}"


def add_from_card(page, program_id):
    button = page.locator(f'article[data-program-id="{program_id}"]').get_by_role("button", name=re.compile("compare"))
    button.click()
    expect(button).to_have_text(re.compile(r"^Remove .* from compare$"))


def tray(page):
    return page.get_by_role("region", name=re.compile("Selected to compare"))


def column_headers(page):
    return [" ".join(t.split()) for t in page.locator("table thead th").all_text_contents()]


def table_as_shown(page):
    return page.locator("table").evaluate(TABLE_AS_SHOWN)


def downloaded_csv(page):
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename == "program-comparison.csv"
    return list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8-sig", newline="").read())))


def open_comparison(page, base, *ids):
    page.goto(compare_url(base, *ids))
    expect(page.locator("table thead th")).to_have_count(len(ids))


# ---- the journey an advisor makes ------------------------------------------------------------


def test_programs_chosen_on_browse_are_compared_and_the_copied_link_rebuilds_the_table(
    page, context, browser, sample_url
):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=sample_url.rstrip("/"))
    page.goto(sample_url)
    for program_id in (SUMMIT, RIDGEVIEW, NORTHLAKE):
        add_from_card(page, program_id)
    expect(tray(page).get_by_role("listitem")).to_have_count(3)

    tray(page).get_by_role("link", name="Compare (3)").click()
    expect(page).to_have_url(compare_url(sample_url, SUMMIT, RIDGEVIEW, NORTHLAKE))
    expect(page.get_by_role("table")).to_be_visible()
    assert column_headers(page) == [HEADERS[SUMMIT], HEADERS[RIDGEVIEW], HEADERS[NORTHLAKE]]
    table = table_as_shown(page)

    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="Link copied")).to_be_visible()
    link = page.evaluate("navigator.clipboard.readText()")
    # The link also carries the data version it was shared at (tests/test_shared_links.py pins it).
    assert re.fullmatch(re.escape(compare_url(sample_url, SUMMIT, RIDGEVIEW, NORTHLAKE)) + r"&asof=[\d-]{10}", link)

    elsewhere = browser.new_context()  # someone else's browser: no selection, nothing cached
    try:
        other = elsewhere.new_page()
        watcher = PageWatcher(other)
        other.goto(link)
        expect(other.locator("table thead th")).to_have_count(3)
        assert table_as_shown(other) == table
        expect(other.get_by_role("button", name="Keep these programs as my selection")).to_be_visible()
        assert watcher.errors == [] and watcher.dialogs == []
    finally:
        elsewhere.close()


def test_a_shared_link_wins_over_this_browsers_selection_and_offers_to_replace_it(page, sample_url):
    page.goto(sample_url)
    add_from_card(page, RIDGEVIEW)
    open_comparison(page, sample_url, NORTHLAKE, SUMMIT)
    assert column_headers(page) == [HEADERS[NORTHLAKE], HEADERS[SUMMIT]]
    expect(page.get_by_text("not the same as your own selection (1 program)")).to_be_visible()

    page.get_by_role("button", name="Replace my selection with these programs").click()
    expect(page.get_by_text("Your selection now holds the programs in this comparison.")).to_be_focused()
    expect(tray(page).get_by_role("listitem")).to_have_count(2)
    expect(tray(page).get_by_role("link", name="Compare (2)")).to_have_attribute(
        "href", compare_url(sample_url, NORTHLAKE, SUMMIT)
    )


def test_a_link_names_the_ids_that_no_longer_exist_and_shows_the_rest(page, sample_url):
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    page.goto(compare_url(sample_url, SUMMIT, "closed-program-2019", RIDGEVIEW))
    expect(page.get_by_text("no longer listed, so not shown: closed-program-2019.")).to_be_visible()
    assert column_headers(page) == [HEADERS[SUMMIT], HEADERS[RIDGEVIEW]]
    # The 404 for the unknown id is how a static host says "no such program"; Chromium logs the
    # failed request, which is the only console error allowed here.
    assert missing == [f"{sample_url}programs/closed-program-2019/data.json"]
    assert page.watcher.errors == [NOT_FOUND]
    page.watcher.errors.clear()


def test_a_link_with_only_unknown_or_malformed_ids_explains_and_links_to_browse(page, sample_url):
    page.goto(compare_url(sample_url, "..%2F..%2Fetc", "%3Cscript%3E"))
    expect(page.get_by_text("None of the programs in this link could be shown.")).to_be_visible()
    expect(page.get_by_role("link", name="Browse programs")).to_have_attribute("href", sample_url)
    assert page.get_by_role("table").count() == 0


def test_the_compare_page_without_ids_shows_this_browsers_selection_and_puts_it_in_the_address(page, sample_url):
    page.goto(f"{sample_url}compare/")
    expect(page.get_by_text("You have not chosen any programs to compare yet.")).to_be_visible()
    page.goto(sample_url)
    add_from_card(page, BOOTCAMP)
    add_from_card(page, SUMMIT)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Compare").click()
    expect(page).to_have_url(compare_url(sample_url, BOOTCAMP, SUMMIT))
    expect(page.locator("table thead th")).to_have_count(2)


# ---- choosing ---------------------------------------------------------------------------------


def test_the_selection_stops_at_compare_max_with_a_message(page, sample_url):
    page.goto(sample_url)
    for program_id in (SUMMIT, RIDGEVIEW, NORTHLAKE, BOOTCAMP):
        add_from_card(page, program_id)
    fifth_id = page.locator("article.card button.compare-toggle[data-chosen=false]").first.get_attribute(
        "data-compare-id"
    )
    fifth = page.locator(f'button.compare-toggle[data-compare-id="{fifth_id}"]')
    fifth.click()
    message = "You can compare up to 4 programs. Remove one to add"
    expect(tray(page).get_by_text(message)).to_be_visible()
    expect(page.locator("#compare-status")).to_contain_text(message)
    expect(fifth).to_have_text(re.compile(r"^Add .* to compare$"))
    expect(tray(page).get_by_role("listitem")).to_have_count(4)


def test_the_selection_survives_a_reload_and_other_pages(page, sample_url):
    page.goto(sample_url)
    add_from_card(page, SUMMIT)
    add_from_card(page, RIDGEVIEW)
    page.reload()
    expect(tray(page).get_by_role("listitem")).to_have_count(2)
    page.goto(f"{sample_url}programs/{SUMMIT}/")
    expect(page.get_by_role("button", name="Remove Medical Coding Certificate from compare")).to_be_visible()
    expect(tray(page).get_by_role("link", name="Compare (2)")).to_be_visible()


def test_the_compare_button_works_from_the_keyboard_and_announces_the_change(page, sample_url):
    page.goto(f"{sample_url}programs/{RIDGEVIEW}/")
    page.get_by_role("button", name="Add Medical Coding Certificate to compare").focus()
    page.keyboard.press("Space")
    # The chosen state is in the button's own words.
    expect(page.get_by_role("button", name="Remove Medical Coding Certificate from compare")).to_be_focused()
    expect(page.locator("#compare-status")).to_have_text(
        "Added Medical Coding Certificate (Ridgeview Community College) to compare. 1 of 4 selected."
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Add Medical Coding Certificate to compare")).to_be_focused()
    expect(page.locator("#compare-status")).to_contain_text(
        "Removed Medical Coding Certificate (Ridgeview Community College)"
    )
    expect(page.locator("#compare-tray")).to_be_hidden()


def test_removing_a_program_in_the_tray_updates_the_comparison_and_keeps_focus_in_the_tray(page, sample_url):
    open_comparison(page, sample_url, SUMMIT, RIDGEVIEW, NORTHLAKE)
    page.get_by_role("button", name="Keep these programs as my selection").click()
    page.get_by_role(
        "button", name="Remove Medical Coding Certificate (Ridgeview Community College) from compare"
    ).click()
    expect(page.locator("table thead th")).to_have_count(2)
    assert column_headers(page) == [HEADERS[SUMMIT], HEADERS[NORTHLAKE]]
    expect(page).to_have_url(compare_url(sample_url, SUMMIT, NORTHLAKE))
    expect(
        page.get_by_role("button", name=re.compile("Remove Medical Billing and Coding Diploma.* from compare$"))
    ).to_be_focused()
    expect(page.locator("#compare-status")).to_contain_text(
        "Removed Medical Coding Certificate (Ridgeview Community College) from compare."
    )


def test_the_tray_never_covers_the_element_with_focus(page, sample_url):
    page.goto(sample_url)
    add_from_card(page, SUMMIT)
    tray_top = page.locator("#compare-tray").bounding_box()["y"]
    card = page.locator("article.card").nth(10)
    # Scroll so the card's compare button sits inside the window but behind the tray, then Tab to it
    # from the card's title link.
    card.get_by_role("button").evaluate("(b) => window.scrollBy(0, b.getBoundingClientRect().top - (innerHeight - 40))")
    card.get_by_role("link").first.evaluate("(a) => a.focus({preventScroll: true})")
    page.keyboard.press("Tab")
    expect(card.get_by_role("button")).to_be_focused()
    assert (
        card.get_by_role("button").bounding_box()["y"] + card.get_by_role("button").bounding_box()["height"] <= tray_top
    )


# ---- the table --------------------------------------------------------------------------------


def test_the_table_has_programs_as_column_headers_and_every_row_named(page, sample_url):
    open_comparison(page, sample_url, SUMMIT, SILVERPINE)
    table = page.get_by_role("table", name="2 programs side by side")
    expect(table.get_by_role("columnheader")).to_have_count(2)
    rows = [r[0] for r in table_as_shown(page)[1:]]
    assert rows == [
        "Cost to get certified",
        "Program cost",
        "Duration",
        "Format",
        "Pace",
        "Hours per week",
        "Credentials",
        "Exam prep",
        "Exam voucher",
        "Accreditation",
        "Externship",
        "Federal financial aid",
        "Military benefits",
        "Location",
        "Last verified",
        "Program page",
        "Provider website",
    ]
    assert page.locator("tbody th[scope=row]").count() == len(rows)
    assert page.locator("thead th[scope=col]").count() == 2
    cost = table.get_by_role("row", name=re.compile("^Program cost"))
    expect(cost.get_by_role("cell").nth(1)).to_have_text("Not listed")


def test_best_values_are_marked_in_words(page, sample_url):
    open_comparison(page, sample_url, RIDGEVIEW, SUMMIT, SILVERPINE)
    rows = {row[0]: row[1:] for row in table_as_shown(page)}
    assert rows["Cost to get certified"] == ["$5,149", "$3,699 (Lowest cost to get certified)", "Not listed"]
    assert rows["Program cost"] == ["$4,850", "$3,699", "Not listed"]
    assert rows["Duration"] == ["12 months", "4–6 months", "4 months (Shortest)"]
    assert rows["Exam voucher"] == ["No", "Yes (Includes exam voucher)", "Not listed"]
    assert rows["Exam prep"] == ["Yes", "Yes", "Yes"]  # all the same: nothing to tell apart
    expect(page.locator(".best-badge").first).to_be_visible()


def test_show_only_differences_hides_rows_where_every_program_is_the_same(page, sample_url):
    open_comparison(page, sample_url, SUMMIT, SILVERPINE)
    everything = table_as_shown(page)
    page.get_by_label("Show only differences").check()
    expect(page.get_by_role("status").filter(has_text="Showing only the")).to_be_visible()
    differences = table_as_shown(page)
    assert differences[0] == everything[0]
    assert {row[0] for row in everything[1:] if len(set(row[1:])) == 1} - LINK_ROWS == {
        row[0] for row in everything[1:] if row not in differences
    }
    assert all(len(set(row[1:])) > 1 or row[0] in LINK_ROWS for row in differences[1:])
    assert len(differences) < len(everything)
    page.get_by_label("Show only differences").uncheck()
    assert table_as_shown(page) == everything


# ---- sharing and keeping ----------------------------------------------------------------------


def test_the_downloaded_csv_holds_exactly_what_the_table_shows(page, sample_url):
    open_comparison(page, sample_url, NORTHLAKE, SILVERPINE, SUMMIT, RIDGEVIEW)
    every = table_as_shown(page)
    assert downloaded_csv(page) == [["", *column_headers(page)], *every[1:]]
    page.get_by_label("Show only differences").check()
    shown = table_as_shown(page)
    assert downloaded_csv(page) == [["", *column_headers(page)], *shown[1:]]
    assert len(shown) < len(every)  # some rows are the same for all four, and hidden


def test_copy_link_shows_the_link_when_the_clipboard_is_unavailable(page, sample_url):
    open_comparison(page, sample_url, SUMMIT, RIDGEVIEW)
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.get_by_role("button", name="Copy link").click()
    field = page.get_by_label("Link to this comparison")
    expect(field).to_be_visible()
    expect(field).to_be_focused()
    expect(field).to_have_value(re.compile(re.escape(compare_url(sample_url, SUMMIT, RIDGEVIEW)) + r"&asof=[\d-]{10}$"))


def test_printing_puts_four_programs_across_one_landscape_page(page, sample_url):
    open_comparison(page, sample_url, NORTHLAKE, SILVERPINE, SUMMIT, RIDGEVIEW)
    pdf = page.pdf(prefer_css_page_size=True)
    assert set(re.findall(rb"/MediaBox \[0 0 (\d+) (\d+)\]", pdf)) == {(b"792", b"612")}  # US Letter, landscape
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 980, "height": 700})  # 11in minus 1cm margins, in CSS pixels
    table = page.locator("table")
    assert table.evaluate(
        "(t) => t.scrollWidth <= t.parentElement.clientWidth && t.getBoundingClientRect().right <= 980"
    )
    expect(page.locator("#compare-tray")).to_be_hidden()
    expect(page.get_by_role("button", name="Download CSV")).to_be_hidden()


# ---- cost, safety, access ---------------------------------------------------------------------


def test_the_compare_page_fetches_only_the_programs_it_shows(page, sample_url):
    data = []
    page.on("request", lambda r: data.append(r.url[len(sample_url) :]) if r.url.endswith((".json", ".csv")) else None)
    open_comparison(page, sample_url, SUMMIT, RIDGEVIEW)
    page.wait_for_load_state("networkidle")
    # And the rows' spec (search/fields.json, one small file whatever the number of programs).
    assert sorted(data) == sorted([*(f"programs/{i}/data.json" for i in (SUMMIT, RIDGEVIEW)), "search/fields.json"])


def test_hostile_values_in_the_data_are_shown_as_text(page, tmp_path):
    hostile = [
        program(
            id="script-name",
            name='<script>alert("name")</script>',
            provider="<img src=x onerror=alert(1)>",
            accreditation='"><svg onload=alert(2)>',
        ),
        program(id="formula-name", name='=HYPERLINK("https://evil.example","Cheap!")', provider="@SUM(1+1)"),
    ]
    site = build(tmp_path, csv_text(hostile))
    assert site.returncode == 0, site.stderr
    with serve(site.output) as url:
        page.goto(url)
        add_from_card(page, "script-name")
        add_from_card(page, "formula-name")
        expect(tray(page)).to_contain_text('<script>alert("name")</script>')
        tray(page).get_by_role("link", name="Compare (2)").click()
        expect(page.locator("table thead th").first).to_have_text(re.compile(r'^<script>alert\("name"\)</script>'))
        expect(page.get_by_role("row", name=re.compile("^Accreditation"))).to_contain_text('"><svg onload=alert(2)>')
        assert page.locator("main script, main img, main svg, #compare-tray img").count() == 0
        sheet = downloaded_csv(page)
    assert sheet[0][1] == '<script>alert("name")</script>, <img src=x onerror=alert(1)>'
    # Spreadsheets run a cell starting with = or @ as a formula; the export keeps it text.
    assert sheet[0][2] == '\'=HYPERLINK("https://evil.example","Cheap!"), @SUM(1+1)'


def test_compare_page_with_four_programs_has_no_accessibility_violations(page, sample_url):
    page.goto(sample_url)
    for program_id in (SUMMIT, RIDGEVIEW):
        add_from_card(page, program_id)
    open_comparison(page, sample_url, NORTHLAKE, SILVERPINE, SUMMIT, RIDGEVIEW)
    page.get_by_label("Show only differences").check()
    assert axe_violations(page) == []


def test_browse_with_the_tray_at_its_cap_has_no_accessibility_violations(page, sample_url):
    page.goto(sample_url)
    for program_id in (SUMMIT, RIDGEVIEW, NORTHLAKE, BOOTCAMP):
        add_from_card(page, program_id)
    page.locator("article.card button.compare-toggle[data-chosen=false]").first.click()
    expect(tray(page).get_by_text("You can compare up to 4 programs")).to_be_visible()
    assert axe_violations(page) == []


def test_on_a_phone_the_row_labels_stay_while_the_programs_scroll_sideways(page, sample_url):
    page.set_viewport_size({"width": 375, "height": 800})
    open_comparison(page, sample_url, NORTHLAKE, SILVERPINE, SUMMIT, RIDGEVIEW)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    label = page.get_by_role("rowheader", name="Duration")
    first_program = page.get_by_role("row", name=re.compile("^Duration")).get_by_role("cell").first
    label_x, program_x = label.bounding_box()["x"], first_program.bounding_box()["x"]
    page.get_by_role("region", name="4 programs side by side").evaluate("(box) => { box.scrollLeft = 400; }")
    assert label.bounding_box()["x"] == label_x
    assert first_program.bounding_box()["x"] < program_x - 300


def test_on_a_phone_the_full_tray_fits_without_sideways_scrolling(page, sample_url):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(sample_url)
    for program_id in (SUMMIT, RIDGEVIEW, NORTHLAKE, BOOTCAMP):
        add_from_card(page, program_id)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator("#compare-tray").bounding_box()["height"] < 200  # a bar, not a curtain


def test_comparing_works_when_the_site_lives_under_a_sub_path(page, sample_site):
    with serve(sample_site.output, mount="coding-programs") as url:
        page.goto(f"{url}programs/{SUMMIT}/")
        page.get_by_role("button", name="Add Medical Coding Certificate to compare").click()
        tray(page).get_by_role("link", name="Compare (1)").click()
        expect(page).to_have_url(compare_url(url, SUMMIT))
        expect(page.get_by_role("columnheader")).to_have_text([HEADERS[SUMMIT]])


def test_without_javascript_the_compare_page_says_so_and_links_to_browse(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(compare_url(sample_url, SUMMIT, RIDGEVIEW))
        expect(tab.get_by_text("Comparing programs side by side needs JavaScript")).to_be_visible()
        tab.get_by_role("link", name="browse all programs").click()
        expect(tab).to_have_url(sample_url)
    finally:
        context.close()
