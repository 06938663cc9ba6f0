"""Names every JavaScript object inherits are words like any other on the browse page (issue 25):
searching them once said "Search and filters are unavailable right now"."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_searching_names_objects_inherit_searches_them(page, sample_url):
    page.goto(sample_url)
    status = page.locator("#result-count")
    for word in ["constructor", "__proto__", "toString", "hasOwnProperty"]:
        page.get_by_label("Search programs").fill(word)
        # No program of the sample data holds these words: none found, said as for any other word.
        expect(status).to_have_text(re.compile(rf"^0 programs for “{re.escape(word)}”"))
        expect(page.get_by_text("No programs match all of that.")).to_be_visible()
        expect(page.locator("#filters")).to_have_attribute("data-counts", "ready")
        assert "unavailable" not in status.text_content()
    page.get_by_label("Search programs").fill("constructor coding")
    expect(status).to_have_text(re.compile(r"^0 programs for “constructor coding”"))
    page.get_by_label("Search programs").fill("coding")
    expect(status).to_have_text(re.compile(r"^\d+ programs for “coding”"))
