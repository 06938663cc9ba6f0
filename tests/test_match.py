"""The questionnaire at /match/ in headless Chromium: answer, read the ranking, share it, compare the top 3."""

import re

import pytest
from browser_support import PageWatcher, axe_violations, serve
from playwright.sync_api import expect
from sitebuild import build, csv_text, program

pytestmark = pytest.mark.browser

# Generic credentials and work settings: the questionnaire takes both from the data, whatever the field.
CREDENTIALS = """code,name,issuer,best_for,exam_summary,exam_fee_usd,url
AAA,Alpha Credential,Board A,Offices and clinics,,100,
BBB,Beta Credential,Board B,Hospitals,,200,
CCC,Gamma Credential,Board B,Hospitals,,200,
"""


def row(id, **values):
    base = {
        "pace": "self-paced",
        "exam_voucher_included": "yes",
        "financial_aid": "yes",
        "military_benefits": "no",
        "credentials": "AAA",
    }
    return program(id=id, name=id.replace("-", " ").title(), provider=f"{id} school", **{**base, **values})


PROGRAMS = [
    row("long-online", duration_months="12", cost_usd="3500", exam_voucher_included="no"),
    row("over-budget", duration_months="4", cost_usd="9000"),
    row("quick-online", duration_months="6", cost_usd="3000"),
    row("campus-ohio", format="in-person", state="OH", duration_months="5", cost_usd="2000"),
    row("hospital-track", duration_months="6", cost_usd="2500", credentials="BBB"),
    row("unlisted-cost", duration_months="6", cost_usd="", exam_voucher_included=""),
]
# With the answers the journey gives (offices and clinics, $4,000, online, 6 months, prep, voucher):
# the two known to meet every must-have, best fit first, then the one whose cost is not listed
# (never "within budget"). The other three each miss one must-have.
EXPECTED_TOP = ["quick-online", "long-online", "unlisted-cost"]
JOURNEY_QUERY = "work=offices-and-clinics&budget=4000&format=online&months=6&prep=yes&voucher=yes"


@pytest.fixture(scope="module")
def match_url(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("match")
    (workdir / "credentials.csv").write_text(CREDENTIALS, encoding="utf-8")
    result = build(workdir, csv_text(PROGRAMS), env={"CREDENTIALS_CSV": str(workdir / "credentials.csv")})
    assert result.returncode == 0, result.stderr
    with serve(result.output) as url:
        yield url + "match/"


def result_ids(page):
    return [
        href.rstrip("/").rsplit("/", 1)[-1]
        for href in page.locator("#match-list > li h3 a").evaluate_all("links => links.map(a => a.href)")
    ]


def answer_the_journey_questions(page):
    page.get_by_label("Where do you want to work?").select_option(label="Offices and clinics (AAA)")
    page.get_by_label("Most you can spend").fill("4000")
    page.get_by_role("group", name="How do you want to study?").get_by_label("Online", exact=True).check()
    page.get_by_label("How soon do you want to finish?").select_option("6")
    page.get_by_label("Exam prep").check()
    page.get_by_label("Exam voucher").check()


def test_answers_rank_programs_with_reasons_that_name_the_values(page, match_url):
    page.goto(match_url)
    answer_the_journey_questions(page)
    expect(page.locator("#match-status")).to_have_text(
        "2 programs fit everything you need, best fit first. After them, 1 program might: "
        "it does not list something you need, such as the cost."
    )
    expect(page.locator("#match-list > li h3")).to_have_text(["Quick Online", "Long Online", "Unlisted Cost"])
    first, long_online, unlisted = (page.locator("#match-list > li").nth(i) for i in range(3))
    expect(first.locator(".reasons-fits li")).to_have_text(
        [
            "Prepares for AAA, for offices and clinics",
            "$3,000 to get certified, $1,000 under your $4,000 budget",
            "Online, as you asked",
            "6 months, within the 6 you want",
            "Exam prep included",
            "Exam voucher included",
        ]
    )
    expect(unlisted.locator(".reasons-unknowns li")).to_have_text(
        ["Cost to get certified: not listed", "Exam voucher: not listed"]
    )
    expect(unlisted.locator(".match-verdict")).to_have_text(
        "Cost to get certified: not listed: check with the provider"
    )
    expect(long_online.locator(".reasons-misses li")).to_have_text(
        ["12 months, longer than the 6 you want", "Exam voucher not included"]
    )
    expect(page).to_have_url(match_url + "?" + JOURNEY_QUERY)


def test_a_shared_link_shows_the_same_answers_and_ranking_then_compares_the_top_3(page, browser, match_url):
    page.goto(match_url)
    answer_the_journey_questions(page)
    expect(page).to_have_url(re.compile("voucher=yes"))
    expect(page.locator("#match-list > li")).to_have_count(3)
    shared_url, ranking = page.url, result_ids(page)
    assert ranking == EXPECTED_TOP

    fresh = browser.new_context(viewport={"width": 375, "height": 800})
    tab = fresh.new_page()
    watcher = PageWatcher(tab)
    fetched = []
    tab.on("request", lambda request: fetched.append(request.url))
    tab.goto(shared_url)
    expect(tab.locator("#match-list > li")).to_have_count(3)
    assert result_ids(tab) == ranking
    # The ranking needs match.json and meta.json only: the rules' roles come with match.json.
    assert not any(u.endswith("search/fields.json") for u in fetched), fetched
    expect(tab.get_by_label("Where do you want to work?")).to_have_value("offices-and-clinics")
    expect(tab.get_by_label("Most you can spend")).to_have_value("4000")
    expect(
        tab.get_by_role("group", name="How do you want to study?").get_by_label("Online", exact=True)
    ).to_be_checked()
    expect(tab.get_by_label("How soon do you want to finish?")).to_have_value("6")
    expect(tab.get_by_label("Exam prep")).to_be_checked()
    expect(tab.get_by_label("Exam voucher")).to_be_checked()
    expect(tab.get_by_label("Which state do you live in?")).to_have_value("")

    compare = tab.get_by_role("link", name="Compare the top 3")
    expect(compare).to_have_attribute("href", re.compile(r"(^|/)compare/\?ids=quick-online,long-online,unlisted-cost$"))
    with tab.expect_navigation() as navigation:
        compare.click()
    assert navigation.value.status == 200
    assert re.search(r"/compare/\?ids=quick-online,long-online,unlisted-cost$", navigation.value.url)
    assert watcher.errors == []
    fresh.close()


def test_when_nothing_fits_the_closest_programs_are_shown_with_what_they_miss(page, match_url):
    page.goto(match_url + "?work=hospitals&format=in-person")
    expect(page.locator("#match-status")).to_have_text(re.compile("^No program fits everything you need"))
    items = page.locator("#match-list > li")
    expect(items).to_have_count(len(PROGRAMS))
    assert result_ids(page)[:2] == ["hospital-track", "campus-ohio"]
    expect(items.first.locator(".match-verdict")).to_have_text("Misses 1 thing you need")
    expect(items.first.locator(".reasons-misses li")).to_have_text(["Online, not in-person as you asked"])
    expect(items.nth(1).locator(".reasons-misses li")).to_have_text(["Prepares for AAA, not BBB or CCC for hospitals"])
    expect(items.nth(2).locator(".match-verdict")).to_have_text("Misses 2 things you need")


def test_unknown_values_are_listed_as_not_listed_and_do_not_exclude(page, match_url):
    page.goto(match_url + "?budget=100")
    expect(page.locator("#match-list > li")).to_have_count(1)
    expect(page.locator("#match-list > li h3")).to_have_text("Unlisted Cost")
    expect(page.locator("#match-status")).to_have_text(re.compile("^No program is known to fit everything you need"))
    expect(page.locator(".reasons-unknowns li")).to_have_text(["Cost to get certified: not listed"])


def test_the_questions_say_which_answers_are_must_haves(page, match_url):
    page.goto(match_url)
    expect(page.get_by_label("Most you can spend")).to_have_accessible_name(re.compile(r"\(must have\)$"))
    expect(page.get_by_label("How soon do you want to finish?")).to_have_accessible_name(
        re.compile(r"\(nice to have\)$")
    )


def test_the_questionnaire_is_keyboard_operable(page, match_url):
    page.goto(match_url)
    budget = page.get_by_label("Most you can spend")
    expect(budget).to_be_visible()  # the form appears once the page's script runs
    budget.focus()
    page.keyboard.type("4000")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    expect(page).to_have_url(match_url + "?budget=4000&format=online")
    budget.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Programs for you")).to_be_focused()
    page.get_by_role("button", name="Clear answers").press("Enter")
    expect(page).to_have_url(match_url)
    expect(page.locator("#match-list > li")).to_have_count(len(PROGRAMS))


def test_unreadable_answers_in_a_link_are_ignored(page, match_url):
    page.goto(match_url + "?work=nowhere&budget=abc&format=by-post&months=-2&state=Ohio")
    expect(page.locator("#match-status")).to_have_text(f"{len(PROGRAMS)} programs. Answer any question to rank them.")
    expect(page).to_have_url(match_url)


def test_a_value_the_menus_do_not_offer_is_kept(page, match_url):
    page.goto(match_url + "?months=7&state=TX")
    expect(page.get_by_label("How soon do you want to finish?")).to_have_value("7")
    expect(page.get_by_label("Which state do you live in?")).to_have_value("TX")
    expect(page).to_have_url(match_url + "?months=7&state=TX")


def test_copy_link_puts_the_answers_address_on_the_clipboard(page, context, match_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(match_url + "?" + JOURNEY_QUERY)
    expect(page.locator("#match-list > li")).to_have_count(3)
    page.get_by_role("button", name="Copy link to these answers").click()
    expect(page.locator("#match-copy-status")).to_have_text(re.compile("^Link copied"))
    # The link also carries the data version it was shared at (tests/test_shared_links.py pins it).
    assert re.fullmatch(re.escape(page.url) + r"&asof=[\d-]{10}", page.evaluate("navigator.clipboard.readText()"))


def test_results_have_no_accessibility_violations_and_fit_a_phone(page, match_url):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(match_url + "?budget=4000&format=online&months=6&voucher=yes&aid=either&state=OH")
    expect(page.locator("#match-list > li").first).to_be_visible()
    expect(page.locator(".reasons-misses li").first).to_be_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Tap targets on a phone: each choice's row at least 44 px tall, the control itself at least 24 px.
    sizes = page.locator(".choices label").evaluate_all(
        "labels => labels.map(l => [l.getBoundingClientRect().height, l.querySelector('input').getBoundingClientRect().width])"
    )
    assert sizes and all(row >= 44 and control >= 24 for row, control in sizes), sizes


def test_sample_data_shows_20_at_a_time_and_show_more_moves_focus_to_the_next(page, sample_url):
    page.goto(sample_url + "match/")
    items = page.locator("#match-list > li")
    expect(items).to_have_count(20)
    assert axe_violations(page) == []
    total = int(re.match(r"\d+", page.locator("#match-status").inner_text()).group())
    page.get_by_role("button", name=re.compile("^Show 20 more")).click()
    expect(items).to_have_count(min(40, total))
    expect(items.nth(20).locator("h3 a")).to_be_focused()


def test_without_javascript_the_page_explains_itself_and_links_to_credentials(browser, match_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(match_url)
    # get_by_text skips <noscript>, so find the paragraph by its tag.
    expect(tab.locator("main p", has_text="This questionnaire asks where you want to work")).to_be_visible()
    expect(tab.get_by_role("link", name="browse programs by credential")).to_have_attribute("href", "../credentials/")
    expect(tab.locator("#match-form")).to_be_hidden()
    context.close()
