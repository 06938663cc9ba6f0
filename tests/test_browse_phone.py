"""Browse on a phone (390 px, touch), in English and Spanish: search as you type above the keyboard,
counts that agree and read in the page's language, a zero-result search that offers a way back,
compact cards, 24 px targets, focus never under the sticky buttons, and a finished no-JS header.

One built site (the session's sample) and one browser for the module; each test opens one context."""

import json
import re
import unicodedata

import pytest
from browser_support import SELECTION
from playwright.sync_api import expect
from test_accessibility import UNCOVERED

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
KEYBOARD_OPEN = {"width": 390, "height": 420}  # what a phone shows above its on-screen keyboard
LANGS = {"en": "", "es": "es/"}
WORDS = {
    "en": {
        "any": "Any",
        "for": "for “{q}”",
        "programs": "programs",
        "without": "without",
        "remove": "(remove this filter)",
    },
    "es": {
        "any": "Cualquiera",
        "for": "para «{q}»",
        "programs": "programas",
        "without": "sin",
        "remove": "(quitar este filtro)",
    },
}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    yield context
    context.close()


def ready(page, url):
    page.goto(url)
    page.locator("body[data-ready]").wait_for()


def reading_order(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


IN_VIEW = """(visible) => {
  const box = (selector) => document.querySelector(selector)?.getBoundingClientRect();
  const search = box('#site-search-input'), count = box('#result-count'), first = box('#program-list article');
  return first && search.top >= 0 && search.bottom <= visible && count.top >= 0 && count.bottom <= visible
    && first.top + 48 <= visible;
}"""


def test_a_space_typed_while_results_come_back_is_kept(phone, sample_url):
    page = phone.new_page()
    ready(page, sample_url)
    box = page.locator("#site-search-input")
    box.tap()
    page.keyboard.type("cpc ")
    # The results for "cpc" arrive while the box says "cpc ": the space stays, so "online" is a new word.
    expect(page.get_by_role("status").filter(has_text=WORDS["en"]["for"].format(q="cpc"))).to_be_visible(timeout=20_000)
    expect(box).to_have_value("cpc ")
    page.keyboard.type("online")
    expect(box).to_have_value("cpc online")


@pytest.mark.parametrize("lang", LANGS)
def test_typing_on_a_phone_shows_the_count_and_first_results_above_the_keyboard(phone, sample_url, lang):
    page = phone.new_page()
    ready(page, sample_url + LANGS[lang])
    intro_count = page.locator(".intro p").last
    expect(intro_count).to_be_visible()
    page.set_viewport_size(KEYBOARD_OPEN)  # the keyboard opens as the box is tapped
    page.locator("#site-search-input").tap()
    page.keyboard.type("cpc online")
    status = page.get_by_role("status").filter(has_text=WORDS[lang]["for"].format(q="cpc online"))
    # The first search fetches the index: on a loaded machine that can take longer than expect's 5 s.
    expect(status).to_have_text(re.compile(rf"^13 {WORDS[lang]['programs']}"), timeout=20_000)
    expect(intro_count).to_be_hidden()  # "50 programs" no longer stands above the results
    # The search box, the count and the start of the first card (its name) all above the keyboard.
    page.wait_for_function(IN_VIEW, arg=KEYBOARD_OPEN["height"], timeout=5_000)
    # Search (the keyboard's Go) puts the keyboard away and leaves the results where they are.
    page.keyboard.press("Enter")
    expect(page.locator("#site-search-input")).not_to_be_focused()
    page.set_viewport_size(PHONE)
    assert status.bounding_box()["y"] >= 0


@pytest.mark.parametrize("lang", LANGS)
def test_filter_counts_agree_with_the_total_and_states_read_in_order(phone, sample_site, sample_url, lang):
    words = WORDS[lang]
    html = sample_site.page(LANGS[lang] + "index.html")
    # Server-rendered: "Any" counts every program, those whose cost or length is not listed too.
    assert html.count(f">{words['any']} (50)</option>") == 2, "max_cost and max_duration"
    page = phone.new_page()
    ready(page, sample_url + LANGS[lang] + "?exam_prep=yes")
    expect(page.locator("#filters")).to_have_attribute("data-counts", "ready")
    total = re.match(r"^(\d+)", page.locator("#result-count").text_content()).group(1)
    for menu in ("#filter-max_cost", "#filter-max_duration"):
        expect(page.locator(f"{menu} option").first).to_have_text(f"{words['any']} ({total})")
    states = page.locator("#filter-state option").evaluate_all("os => os.slice(1).map(o => o.dataset.label)")
    names = [re.sub(r" \([A-Z]{2}\)$", "", s) for s in states]
    assert names == sorted(names, key=reading_order)
    assert len(names) > 5


def test_without_javascript_the_header_has_no_empty_band(browser, sample_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    for path in LANGS.values():
        page.goto(sample_url + path)
        expect(page.locator(".site-search")).to_be_hidden()
        header = page.locator(".site-header").bounding_box()
        nav = page.locator(".site-nav").bounding_box()
        gap = header["y"] + header["height"] - (nav["y"] + nav["height"])
        assert gap <= 16, f"{gap:.0f} px of empty header under the menu"
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_search_that_finds_nothing_says_what_to_leave_out(phone, sample_url, lang):
    words = WORDS[lang]
    page = phone.new_page()
    ready(page, sample_url + LANGS[lang] + "?q=cpc+online+under+3000&exam_prep=yes")
    status = page.locator("#result-count")
    expect(status).to_have_text(f"0 {words['programs']} " + words["for"].format(q="cpc online under 3000"))
    # Each way back is a link to the same view with one thing left out, and says what it gives.
    ways = page.locator("[data-ways-back] a")
    quote = "«{}»" if lang == "es" else "“{}”"
    first = ways.first
    expect(first).to_have_text(f"{words['without']} {quote.format('under')}, {quote.format('3000')}")
    expect(first.locator("xpath=..")).to_contain_text(f"(13 {words['programs']})")
    assert first.get_attribute("href").endswith("?q=cpc+online&exam_prep=yes")
    # The chips' words for screen readers are in the page's language.
    expect(page.locator(".filter-chip .visually-hidden").first).to_have_text(" " + words["remove"])
    first.click()
    expect(status).to_have_text(
        re.compile(rf"^13 {words['programs']} " + re.escape(words["for"].format(q="cpc online")))
    )
    assert page.url.endswith("?q=cpc+online&exam_prep=yes")
    # A filter is offered as a way back too.
    ready(page, sample_url + LANGS[lang] + "?credential=CRC&format=in-person")
    expect(ways).to_have_count(2)
    expect(ways.nth(0)).to_contain_text(f"{words['without']} ")
    expect(ways.nth(0).locator("xpath=..")).to_contain_text(f"(10 {words['programs']})")


@pytest.mark.parametrize("lang", LANGS)
def test_show_more_says_how_many_remain(phone, sample_url, lang):
    page = phone.new_page()
    ready(page, sample_url + LANGS[lang] + "?sort=name")
    more = page.locator("[data-show-more]")
    left = {"en": "Show more programs ({} not shown yet)", "es": "Mostrar más programas (faltan {})"}[lang]
    expect(more).to_have_text(left.format(26))
    more.click()
    expect(more).to_have_text(left.format(2))


@pytest.mark.parametrize("lang", LANGS)
def test_cards_on_a_phone_are_compact_and_keep_the_facts(phone, sample_url, lang):
    page = phone.new_page()
    for query in ("", "?q=coding"):
        ready(page, sample_url + LANGS[lang] + query)
        page.wait_for_function("() => document.querySelector('#program-list article')")
        cards = page.locator("#program-list article.card")
        heights = cards.evaluate_all("cs => cs.map(c => c.getBoundingClientRect().height)")
        assert max(heights) <= 360, f"tallest card {max(heights):.0f} px"
        for slot in ("certify_text", "duration", "format", "exam_prep"):
            expect(cards.first.locator(f'[data-slot="{slot}"]')).to_be_visible()
        expect(page.locator("#program-list .badges").first).to_be_visible()


# Every link, button and box outside a sentence: at least 24 by 24 px (WCAG 2.5.8).
SMALL_TARGETS = """() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, summary')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.width >= 24 && r.height >= 24) continue;
    const block = el.closest('p, dd, td, li');
    if (block && block.textContent.trim() !== el.textContent.trim()) continue;  // in running text
    small.push(`${Math.round(r.width)}x${Math.round(r.height)} ${el.outerHTML.slice(0, 80)}`);
  }
  return small;
}"""


def test_targets_are_at_least_24_px_and_focus_is_never_under_the_sticky_buttons(phone, sample_url):
    phone.add_init_script(f"localStorage.setItem('programs-site:compare', {json.dumps(SELECTION)})")
    page = phone.new_page()
    for path in (
        "",
        "es/",
        "programs/summit-health-medical-coding-certificate/",
        "credentials/cpc/",
        "es/credentials/cpc/",
    ):
        page.goto(sample_url + path)
        page.wait_for_load_state("networkidle")
        summary = page.locator("details.filters-panel summary")
        if summary.count():
            summary.click()
        assert page.evaluate(SMALL_TARGETS) == [], path
    # With the filters open under a full compare tray and the keyboard open, Tab through every filter:
    # none is left under the sticky "Show results" buttons or the tray (WCAG 2.4.11).
    page.set_viewport_size(KEYBOARD_OPEN)
    page.goto(sample_url + "?q=cpc")
    page.wait_for_load_state("networkidle")
    page.locator("details.filters-panel summary").click()
    covered = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if focused.evaluate("el => !el.closest('#filters')"):
            break
        where = focused.evaluate(UNCOVERED)
        if where:
            covered.append(focused.evaluate("el => el.outerHTML.slice(0, 80)") + " " + where[:60])
    assert covered == []
