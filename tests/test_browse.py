"""Journeys on the browse page: search as you type, filters with counts, state in the URL."""

import html
import re

import pytest
from browser_support import axe_violations, serve
from playwright.sync_api import expect
from sitebuild import ROOT, build, csv_text, program

from plugins.programs_site.data.load import load_credentials, load_programs
from plugins.programs_site.model.certify import cost_to_certify

pytestmark = pytest.mark.browser

PROGRAMS, _ = load_programs(ROOT / "data/programs.csv", set())
CREDENTIALS = {c.code: c for c in load_credentials(ROOT / "data/credentials.csv")[0]}


def certify(program, chosen=None):
    """The cost to get certified the build ships (plugins/programs_site/model/certify.py)."""
    return cost_to_certify(program, CREDENTIALS, chosen).amount


def count_text(n):
    return re.compile(rf"^{n} programs?\b")


def card_ids(page):
    return page.locator("#program-list article.card").evaluate_all("cards => cards.map(c => c.dataset.programId)")


def show_more(page, times=None):
    """Press "Show more programs" `times` times (or while it shows), each time until the new cards are in."""
    more = page.get_by_role("button", name="Show more programs")
    cards = page.locator("#program-list article.card")
    pressed = 0
    while (times is None and more.is_visible()) or (times is not None and pressed < times):
        before = cards.count()
        more.click()
        expect(cards).not_to_have_count(before)
        pressed += 1


def search(page, text):
    box = page.get_by_label("Search programs")
    box.fill(text)


def test_typing_a_prefix_finds_the_whole_word(page, sample_url):
    page.goto(sample_url)
    search(page, "cod")
    expected = [p for p in PROGRAMS if re.search(r"\bcod", f"{p.name} {p.provider}", re.IGNORECASE)]
    expect(page.locator("#result-count")).to_contain_text("for “cod”")
    assert len(expected) > 10
    status = page.locator("#result-count").text_content()
    assert int(status.split()[0]) >= len(expected)
    expect(page.locator("#program-list mark").first).to_have_text(re.compile(r"^Cod", re.IGNORECASE))
    assert page.url.endswith("?q=cod")


def test_a_typo_still_finds_programs(page, sample_url):
    page.goto(sample_url + "?q=billign")
    expect(page.locator("#result-count")).to_contain_text("close spellings")
    names = page.locator("#program-list h3").all_text_contents()
    assert names and all("Billing" in n for n in names)


def test_credential_code_search_finds_exactly_the_programs_that_prepare_for_it(page, sample_url):
    page.goto(sample_url)
    search(page, "CRC")
    expected = sorted(p.id for p in PROGRAMS if "CRC" in p.credentials)
    expect(page.locator("#result-count")).to_have_text(count_text(len(expected)))
    assert sorted(card_ids(page)) == expected


CPC_IDS = sorted(p.id for p in PROGRAMS if "CPC" in p.credentials)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("cpc:", CPC_IDS),
        ("cpc~", CPC_IDS),
        ("cpc^", CPC_IDS),
        ("cpc*", CPC_IDS),
        ("+cpc -", CPC_IDS),
        ('"cpc', CPC_IDS),
        ("credentials:cpc", []),  # the field name is a word like any other, and no program has it
        (":", sorted(p.id for p in PROGRAMS)),  # no words: every program
    ],
)
def test_query_syntax_characters_are_read_as_spaces(page, sample_url, raw, expected):
    page.goto(sample_url)
    search(page, raw)
    expect(page.locator("#result-count")).to_have_text(re.compile(rf"^{len(expected)} programs? for “"))
    show_more(page)
    assert sorted(card_ids(page)) == expected


def test_filters_give_the_counts_the_data_has(page, sample_url):
    page.goto(sample_url)
    page.get_by_role("group", name="Format").get_by_role("checkbox", name=re.compile("^Online")).check()
    online = [p for p in PROGRAMS if p.format == "online"]
    expect(page.locator("#result-count")).to_have_text(count_text(len(online)))
    page.get_by_role("group", name="Prepares for").get_by_role("checkbox", name=re.compile("^CPC")).check()
    online_cpc = [p for p in online if "CPC" in p.credentials]
    expect(page.locator("#result-count")).to_have_text(count_text(len(online_cpc)))
    page.get_by_label("Cost to get certified up to").select_option("3000")
    # With CPC chosen, the cost to get certified is with the CPC exam fee.
    cheap = [p for p in online_cpc if certify(p, ["CPC"]) is not None and certify(p, ["CPC"]) <= 3000]
    expect(page.locator("#result-count")).to_have_text(count_text(len(cheap)))
    assert sorted(card_ids(page)) == sorted(p.id for p in cheap)
    # The count beside "Hybrid" is what choosing it would give with the other filters kept.
    hybrid_cpc = [
        p for p in PROGRAMS if p.format == "hybrid" and "CPC" in p.credentials and (certify(p, ["CPC"]) or 1e9) <= 3000
    ]
    expect(page.get_by_role("group", name="Format").locator("label", has_text="Hybrid")).to_contain_text(
        f"({len(hybrid_cpc)})"
    )
    assert "format=online" in page.url and "credential=CPC" in page.url and "max_cost=3000" in page.url


def test_sorting_by_cost_puts_unknown_costs_last(page, sample_url):
    page.goto(sample_url + "?sort=cost")
    expect(page.locator("#result-count")).to_contain_text("lowest cost to get certified first")
    show_more(page, 2)
    ids = card_ids(page)
    known = sorted((p for p in PROGRAMS if certify(p) is not None), key=lambda p: (certify(p), p.name))
    assert ids[0] == known[0].id
    # Unknown and incomplete costs (an exam fee not listed, no credential) come after every complete one.
    complete = {p.id for p in known}
    flags = [i in complete for i in ids]
    assert False in flags and flags == sorted(flags, reverse=True)


def test_a_shared_link_restores_the_same_view(page, sample_url, browser):
    page.goto(sample_url)
    search(page, "coding")
    page.get_by_role("group", name="Format").get_by_role("checkbox", name=re.compile("^Hybrid")).check()
    page.get_by_label("Sort by").select_option("cost")
    expect(page.locator("#result-count")).to_contain_text("lowest cost to get certified first")
    shared, ids = page.url, card_ids(page)
    other = browser.new_context()
    fresh = other.new_page()
    fresh.goto(shared)
    expect(fresh.locator("#result-count")).to_have_text(page.locator("#result-count").text_content())
    assert card_ids(fresh) == ids
    expect(fresh.get_by_label("Search programs")).to_have_value("coding")
    expect(
        fresh.get_by_role("group", name="Format").get_by_role("checkbox", name=re.compile("^Hybrid"))
    ).to_be_checked()
    other.close()


def test_back_and_forward_restore_filters(page, sample_url):
    page.clock.install()  # changes a moment apart are one search; the clock says when a moment has passed
    page.goto(sample_url)
    page.get_by_role("checkbox", name=re.compile("^Military benefits")).check()
    military = sum(1 for p in PROGRAMS if p.military_benefits)
    expect(page.locator("#result-count")).to_have_text(count_text(military))
    page.clock.run_for(5000)
    page.get_by_label("State", exact=True).select_option("TX")
    both = sum(1 for p in PROGRAMS if p.military_benefits and p.state == "TX")
    expect(page.locator("#result-count")).to_have_text(count_text(both))
    page.go_back()
    expect(page.locator("#result-count")).to_have_text(count_text(military))
    expect(page.get_by_label("State", exact=True)).to_have_value("")
    page.go_forward()
    expect(page.locator("#result-count")).to_have_text(count_text(both))


def test_unknown_and_malformed_parameters_are_ignored(page, sample_url):
    page.goto(sample_url + "?format=bogus&max_cost=abc&foo=bar&sort=weird&state=ZZ&exam_prep=maybe")
    page.get_by_label("Search programs").focus()
    page.get_by_role("group", name="Format").get_by_role("checkbox", name=re.compile("^Online")).check()
    expect(page.locator("#result-count")).to_have_text(count_text(sum(1 for p in PROGRAMS if p.format == "online")))
    assert "bogus" not in page.url and "foo" not in page.url


def test_clear_all_resets_everything(page, sample_url):
    page.goto(sample_url + "?q=cpc&format=online&voucher=yes")
    expect(page.locator("#result-count")).to_contain_text("for “cpc”")
    page.get_by_role("button", name="Clear all filters").click()
    expect(page.locator("#result-count")).to_have_text(count_text(len(PROGRAMS)))
    assert page.url.rstrip("/") == sample_url.rstrip("/")


def test_data_and_index_load_only_when_used(page, sample_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(sample_url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "/search/" in u or u.endswith("lunr.min.js")]
    search(page, "cpc")
    expect(page.locator("#result-count")).to_contain_text("for “cpc”")
    assert [u for u in requested if "/search/terms/" in u]


def test_searching_from_another_page_lands_on_browse(page, sample_url):
    page.goto(sample_url + "faq/")
    page.get_by_label("Search programs").fill("risk adjustment")
    page.get_by_label("Search programs").press("Enter")
    expect(page.locator("#result-count")).to_contain_text("for “risk adjustment”")
    expected = {p.id for p in PROGRAMS if "risk adjustment" in p.name.lower()}
    assert len(expected) >= 2
    assert expected <= set(card_ids(page))


def test_keyboard_alone_searches_filters_and_opens_a_program(page, sample_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(sample_url)
    page.keyboard.press("Tab")  # skip link
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search-input":
            break
    page.keyboard.type("cpc")
    expect(page.locator("#result-count")).to_contain_text("for “cpc”")
    online = page.get_by_role("group", name="Format").get_by_role("checkbox", name=re.compile("^Online"))
    for _ in range(40):
        page.keyboard.press("Tab")
        if online.evaluate("el => el === document.activeElement"):
            break
    page.keyboard.press("Space")
    expect(online).to_be_checked()
    expect(page.locator("#result-count")).to_contain_text("for “cpc”")
    first = page.locator("#program-list article.card h3 a").first
    first.focus()
    name = first.text_content()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_browse_with_filters_open_and_results_is_accessible(page, sample_url):
    page.goto(sample_url + "?q=coding&format=online")
    expect(page.locator("#result-count")).to_contain_text("for “coding”")
    assert page.locator("details.filters-panel").evaluate("d => d.open")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 800})
    page.locator("details.filters-panel summary").click() if not page.locator("details.filters-panel").evaluate(
        "d => d.open"
    ) else None
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_codes_and_marked_words_find_only_the_programs_that_name_them(page, tmp_path):
    rows = [
        program(id="ccs-p", name="CCS-P Exam Review", credentials="CCS-P"),
        program(id="ccs-and-p", name="CCS Review Part P", credentials="CCS"),
        program(id="icd-cm", name="ICD-10-CM Boot Camp", credentials=""),
        program(id="icd-pcs", name="ICD-10-PCS Boot Camp", credentials=""),
        # Marks inside a word: the index splits where the browser splits a query.
        program(id="st-marys", name="St. Mary's Coding_Lab (A.A.S.)", credentials=""),
    ]
    site = build(tmp_path, csv_text(rows))
    assert site.returncode == 0, site.stderr
    with serve(site.output) as url:
        queries = [("CCS-P", ["ccs-p"]), ("ICD-10-CM", ["icd-cm"]), ("icd-10", ["icd-cm", "icd-pcs"])]
        queries += [
            ("mary's", ["st-marys"]),
            ("Mary", ["st-marys"]),
            ("coding_lab", ["st-marys"]),
            ("lab", ["st-marys"]),
        ]
        for query, expected in queries:
            page.goto(url + "?q=" + query)
            expect(page.locator("#result-count")).to_have_text(count_text(len(expected)))
            assert sorted(card_ids(page)) == expected, query


def test_choosing_a_filter_while_typing_keeps_the_words(page, sample_url):
    page.goto(sample_url)
    page.get_by_label("Search programs").press_sequentially("billing")
    page.get_by_role("group", name="Format").get_by_role("checkbox", name=re.compile("^Online")).check()
    expect(page.locator("#result-count")).to_contain_text("for “billing”")
    expect(page.get_by_label("Search programs")).to_have_value("billing")
    assert "q=billing" in page.url and "format=online" in page.url


RELEVANCE = {
    # query -> what each of the top results must be (a guard for index and query tuning)
    "cpc online": lambda p: "CPC" in p.credentials and p.format == "online",
    "billing": lambda p: "billing" in p.name.lower(),
    "risk adjustment": lambda p: "risk adjustment" in p.name.lower() or "CRC" in p.credentials,
    "inpat": lambda p: "inpatient" in p.name.lower(),
    "billign": lambda p: "billing" in p.name.lower(),
    "CCS": lambda p: "CCS" in p.credentials,
}


@pytest.mark.parametrize("query", list(RELEVANCE))
def test_search_relevance_on_the_sample_data(page, sample_url, query):
    page.goto(sample_url + "?q=" + query)
    expect(page.locator("#result-count")).to_contain_text(f"for “{query}”")
    check = RELEVANCE[query]
    by_id = {p.id: p for p in PROGRAMS}
    top = card_ids(page)[:3]
    assert len(top) == 3, query
    assert all(check(by_id[i]) for i in top), (query, top)


def test_a_state_is_found_by_its_code_and_by_its_name(page, sample_url):
    texas = sorted(p.id for p in PROGRAMS if p.state == "TX")
    assert texas
    page.goto(sample_url + "?q=tx")
    expect(page.locator("#result-count")).to_have_text(re.compile(rf"^{len(texas)} programs? for “tx”"))
    assert sorted(card_ids(page)) == texas
    search(page, "texas")  # a state's name finds the same programs as its code
    expect(page.locator("#result-count")).to_have_text(re.compile(rf"^{len(texas)} programs? for “texas”"))
    assert sorted(card_ids(page)) == texas


def test_format_words_in_the_search_act_as_a_format_filter(page, sample_url):
    page.goto(sample_url + "?q=cpc+online")
    expected = sorted(p.id for p in PROGRAMS if "CPC" in p.credentials and p.format == "online")
    expect(page.locator("#result-count")).to_have_text(count_text(len(expected)))
    show_more(page)
    assert sorted(card_ids(page)) == expected
    search(page, "in person")
    in_person = sum(1 for p in PROGRAMS if p.format == "in-person")
    expect(page.locator("#result-count")).to_have_text(count_text(in_person))


# Each card's facts as the page shows them: the <dd>s and the date of its last check.
CARD_FACTS = """cards => cards.map((card) => [card.dataset.programId,
  [...card.querySelectorAll('dd[data-slot], dd[data-declared-slot], [data-slot=last_verified]')].map((e) => e.textContent.trim())])"""


def server_cards(site, lang: str) -> dict[str, list[str]]:
    """{id: the facts of its card} from every page of the server's list (what a reader without JS sees)."""
    cards, number, path = {}, 1, lang
    while (site.output / path / "index.html").exists():
        found = re.findall(r'<article class="card" data-program-id="([^"]+)">(.*?)</article>', site.page(path), re.S)
        for program_id, body in found:
            facts = re.findall(
                r'<(?:dd data-(?:declared-)?slot="[^"]+"|span data-slot="last_verified")[^>]*>([^<]*)</', body
            )
            cards[program_id] = [html.unescape(text).strip() for text in facts]
        number += 1
        path = f"{lang}page/{number}/"
    return cards


@pytest.mark.parametrize("lang", ["", "es/"])
def test_the_cards_the_browser_draws_say_what_the_servers_cards_say(page, sample_site, sample_url, lang):
    """The rows carry typed values (months as [low, high], ISO dates, the cost's amount or why there is
    none), which format.js words in the page's language: no English words come with the data."""
    server = server_cards(sample_site, lang)
    page.goto(f"{sample_url}{lang}?sort=cost")
    expect(page.locator("#result-count")).to_contain_text("el menor costo" if lang else "lowest cost")
    more = "Mostrar más programas" if lang else "Show more programs"
    while page.get_by_role("button", name=more).is_visible():
        before = page.locator("#program-list article.card").count()
        page.get_by_role("button", name=more).click()
        expect(page.locator("#program-list article.card")).not_to_have_count(before)
    drawn = dict(page.locator("#program-list article.card").evaluate_all(CARD_FACTS))
    assert len(drawn) == len(server) > 24
    assert {program_id: server[program_id] for program_id in drawn} == drawn
    # Every kind of value was compared: a range of months, an exam fee not listed, no credential, not listed.
    texts = {text for facts in drawn.values() for text in facts}
    fee, none, missing = ("exam fee not listed", "No credential listed", "Not listed")
    if lang:
        fee, none, missing = ("tarifa del examen no indicada", "Ninguna credencial indicada", "No indicado")
    assert any(fee in text for text in texts) and none in texts and missing in texts
