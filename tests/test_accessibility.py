"""The accessibility gate: axe-core (WCAG 2.2 A/AA, target size included) on every page type at desktop
and phone widths, visible focus everywhere the keyboard goes."""

import json

import pytest
from browser_support import FOUR, SELECTION, PageWatcher, axe_violations

pytestmark = pytest.mark.browser


# page type -> (path, what to wait for once scripts have run)
PAGE_TYPES = {
    "browse with search and filters": ("?q=coding&format=online&credential=CPC", "#result-count >> text=for “coding”"),
    "browse with no results": ("?q=cpc+online+under+3000&exam_prep=yes", "[data-ways-back] a"),
    "browse page 2": ("page/2/", "article.card"),
    "program": ("programs/summit-health-medical-coding-certificate/", "h1"),
    "credential": ("credentials/cpc/", "h1"),
    "credentials": ("credentials/", "h1"),
    "compare with 4 programs": ("compare/?ids=" + ",".join(FOUR), "table >> th[scope=col] >> nth=3"),
    "match with results": ("match/?work=physician-offices-and-outpatient-clinics&budget=4000&format=online", "ol li"),
    "faq": ("faq/", "h1"),
    "guide": ("guides/become-a-medical-coder/", "h1"),
    "about": ("about/", "h1"),
    "404": ("404.html", "h1"),
}
# Every page type again in Spanish (/es/), with Spanish words in the wait conditions.
PAGE_TYPES.update(
    {
        f"{kind} (es)": ("es/" + path, ready.replace("for “coding”", "para «coding»"))
        for kind, (path, ready) in list(PAGE_TYPES.items())
    }
)


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_axe_violations(context, sample_url, kind, width):
    # A full compare tray is on screen too: the worst case for overlap and contrast.
    context.add_init_script(f"localStorage.setItem('programs-site:compare', {json.dumps(SELECTION)})")
    page = context.new_page()
    watcher = PageWatcher(page)  # console errors and uncaught exceptions alike
    page.set_viewport_size({"width": width, "height": 900})
    path, ready = PAGE_TYPES[kind]
    page.goto(sample_url + path)
    page.locator(ready).first.wait_for()
    details = page.locator("details.filters-panel")
    if details.count() and not details.evaluate("d => d.open"):
        details.locator("summary").click()  # filters open, as a student on a phone would have them
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert watcher.errors == []


FOCUS_STYLE = """el => {
  const style = getComputedStyle(el);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
}"""
UNCOVERED = """el => {
  const box = el.getClientRects()[0] || el.getBoundingClientRect();  // a wrapped link's first line
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + Math.min(box.height / 2, 20), 0), innerHeight - 1);  // large regions: their top
  const top = document.elementFromPoint(x, y);
  const ok = top === el || el.contains(top) || (top && top.contains(el) && top.tagName === 'LABEL');
  return ok ? "" : `under ${top ? top.outerHTML.slice(0, 100) : "nothing"} at ${x},${y}`;
}"""


@pytest.mark.parametrize(
    "path",
    [
        "?q=cpc",
        "programs/summit-health-medical-coding-certificate/",
        "compare/?ids=" + ",".join(FOUR),
        "match/",
        "faq/",
    ],
)
def test_every_focus_stop_is_visible_and_not_covered(context, sample_url, path):
    context.add_init_script(f"localStorage.setItem('programs-site:compare', {json.dumps(SELECTION)})")
    page = context.new_page()
    watcher = PageWatcher(page)
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(sample_url + path)
    page.wait_for_load_state("networkidle")
    seen = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        tag = focused.evaluate("el => el.tagName")
        if tag == "BODY":
            break
        seen += 1
        described = focused.evaluate("el => el.outerHTML.slice(0, 120)")
        assert focused.evaluate(FOCUS_STYLE), f"no visible focus style: {described}"
        assert focused.evaluate(UNCOVERED) == "", f"{described} is {focused.evaluate(UNCOVERED)}"
    assert seen >= 10
    assert watcher.errors == []
