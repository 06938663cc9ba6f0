"""Reading pages in headless Chromium: readable on a phone, accessible, no errors."""

import re

import pytest
from browser_support import axe_violations
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

READING_PAGES = [
    "",
    "programs/summit-health-medical-coding-certificate/",
    "credentials/cpc/",
    "credentials/",
    "faq/",
    "about/",
    "page/2/",
    "guides/",
    "guides/become-a-medical-coder/",
    "guides/online-or-in-person/",
    "404.html",
]


@pytest.mark.parametrize("path", READING_PAGES)
def test_reading_pages_have_no_accessibility_violations(page, sample_url, path):
    page.goto(sample_url + path)
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", READING_PAGES)
def test_reading_pages_fit_a_phone_without_sideways_scrolling(page, sample_url, path):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(sample_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_pages_read_without_javascript(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(sample_url)
    assert tab.locator("article.card").count() == 48
    tab.get_by_role("link", name="Next").click()
    expect(tab).to_have_url(re.compile(r"/page/2/$"))
    expect(tab.locator("article.card")).to_have_count(2)
    tab.locator("article.card h3 a").first.click()
    expect(tab).to_have_url(re.compile(r"/programs/[a-z0-9-]+/$"))
    expect(tab.get_by_role("heading", name="Key facts")).to_be_visible()
    context.close()


def test_the_accessibility_check_can_fail(page, sample_url):
    page.goto(sample_url)
    page.evaluate(
        "document.querySelector('main').append(Object.assign(document.createElement('input'), {type: 'text'}))"
    )
    assert [v["id"] for v in axe_violations(page)] == ["label"]
