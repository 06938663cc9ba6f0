"""What search engines, feed readers and static hosts see: JSON-LD, sitemap, feed, sub-path deploys."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from browser_support import serve
from playwright.sync_api import expect
from sitebuild import ROOT, broken_links, build

SITEURL = "https://example.org/coding-programs"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """`make publish` with a sub-path SITEURL."""
    result = build(tmp_path_factory.mktemp("publish"), settings="publishconf.py", env={"SITEURL": SITEURL})
    assert result.returncode == 0, result.stderr
    return result


def jsonld(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    ]


def test_faq_json_ld_has_one_entry_per_question_in_the_markdown(sample_site):
    questions = [
        line[3:].strip()
        for line in (ROOT / "content/pages/faq.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    ]
    assert len(questions) >= 14
    (data,) = jsonld(sample_site.page("faq/"))
    assert data["@type"] == "FAQPage"
    names = [q["name"] for q in data["mainEntity"]]
    assert [re.sub(r"[\"'“”‘’]", "", n) for n in names] == [re.sub(r"[\"'“”‘’]", "", q) for q in questions]
    assert all(q["acceptedAnswer"]["text"] for q in data["mainEntity"])


def test_faq_questions_are_linkable_from_its_table_of_contents(sample_site):
    html = sample_site.page("faq/")
    toc = re.findall(r'<li><a href="#([^"]+)">', html)
    assert len(toc) >= 14
    for anchor in toc:
        assert f'id="{anchor}"' in html


def test_program_json_ld_carries_the_data(published):
    data, breadcrumbs = jsonld(published.page("programs/summit-health-medical-coding-certificate/"))
    assert data["@type"] == "EducationalOccupationalProgram"
    assert data["name"] == "Medical Coding Certificate"
    assert data["provider"]["name"] == "Summit Health Academy Online"
    assert data["timeToComplete"] == "P6M"
    assert data["educationalProgramMode"] == "online"
    assert data["offers"] == {"@type": "Offer", "price": 3699, "priceCurrency": "USD", "category": "Total cost"}
    assert [c["name"] for c in data["occupationalCredentialAwarded"]] == ["Certified Professional Coder"]
    assert data["url"] == f"{SITEURL}/programs/summit-health-medical-coding-certificate/"
    assert breadcrumbs["@type"] == "BreadcrumbList" and len(breadcrumbs["itemListElement"]) == 2


def test_unknown_values_are_left_out_of_json_ld_not_invented(published):
    data, _ = jsonld(published.page("programs/silverpine-ps-risk-adjustment/"))
    assert "offers" not in data
    weeks, _ = jsonld(published.page("programs/tandem-aho-medical-coding-certificate/"))
    assert weeks["timeToComplete"] == "P24W"  # 24 weeks


def test_json_ld_cannot_break_out_of_its_script_block(tmp_path):
    from sitebuild import csv_text, program

    result = build(
        tmp_path, csv_text([program(id="x", name="</script><script>alert(1)</script>", provider="A & B <!--")])
    )
    html = result.page("programs/x/")
    (data, _) = jsonld(html)
    assert data["name"] == "</script><script>alert(1)</script>"
    assert html.count("</script>") == html.count("<script")


def test_pages_have_titles_descriptions_canonical_and_open_graph(published):
    html = published.page("programs/summit-health-medical-coding-certificate/")
    assert "<title>Medical Coding Certificate – Summit Health Academy Online" in html
    assert re.search(
        r'<meta name="description" content="Medical Coding Certificate from Summit Health Academy Online: Online; prepares for CPC',
        html,
    )
    assert f'<link rel="canonical" href="{SITEURL}/programs/summit-health-medical-coding-certificate/">' in html
    assert '<meta property="og:title" content="Medical Coding Certificate – Summit Health Academy Online' in html
    assert '<meta name="twitter:card" content="summary">' in html
    faq = published.page("faq/")
    assert f'<link rel="canonical" href="{SITEURL}/faq/">' in faq


def test_sitemap_lists_exactly_the_built_pages(published):
    tree = ET.parse(published.output / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in tree.findall("s:url/s:loc", ns)]
    folders = [p.parent.relative_to(published.output).as_posix() for p in published.output.rglob("index.html")]
    built = [f"{SITEURL}/" if folder == "." else f"{SITEURL}/{folder}/" for folder in folders]
    assert len(built) > 60 and f"{SITEURL}/" in built
    assert sorted(locs) == sorted(built)
    lastmods = {u.find("s:loc", ns).text: u.find("s:lastmod", ns) for u in tree.findall("s:url", ns)}
    assert lastmods[f"{SITEURL}/programs/summit-health-medical-coding-certificate/"] is not None
    assert (
        published.output / "robots.txt"
    ).read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {SITEURL}/sitemap.xml\n"


def test_feed_is_atom_with_absolute_links(published):
    # Its entries (one per change in the data's history) are pinned in tests/test_history.py.
    tree = ET.parse(published.output / "feeds/programs.atom.xml")
    atom = "{http://www.w3.org/2005/Atom}"
    assert tree.getroot().tag == f"{atom}feed"
    assert tree.find(f"{atom}link[@rel='self']").get("href") == f"{SITEURL}/feeds/programs.atom.xml"
    updated = [e.find(f"{atom}updated").text for e in tree.findall(f"{atom}entry")]
    assert updated == sorted(updated, reverse=True)


def test_publish_build_links_resolve_under_the_sub_path(published):
    assert broken_links(published.output, site_prefix="/coding-programs") == []


@pytest.fixture(scope="module")
def served_under_sub_path(tmp_path_factory):
    """A publish build whose SITEURL is a sub-folder of a local server, as a project site on GitHub Pages."""
    root = tmp_path_factory.mktemp("host")
    with serve(root) as base:
        siteurl = base + "coding-programs"
        result = build(root, settings="publishconf.py", env={"SITEURL": siteurl}, output=root / "coding-programs")
        assert result.returncode == 0, result.stderr
        yield siteurl + "/"


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "",
        "programs/summit-health-medical-coding-certificate/",
        "credentials/cpc/",
        "faq/",
        "compare/?ids=summit-health-medical-coding-certificate",
        "match/",
        "?q=cpc&format=online",
        "no-such-page/",
    ],
)
def test_a_sub_path_deploy_loads_every_asset_and_fetch(page, served_under_sub_path, path):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    if path == "no-such-page/":
        page.goto(served_under_sub_path + "404.html")  # what a host serves for a missing page
    else:
        page.goto(served_under_sub_path + path)
    page.wait_for_load_state("networkidle")
    if "q=" in path:
        expect(page.locator("#result-count")).to_contain_text("for “cpc”")
    assert failed == []
    for link in page.locator("a[href]").evaluate_all("links => links.map(a => a.href)"):
        if link.startswith("http://127.0.0.1"):
            assert "/coding-programs/" in link, link


def test_the_guides_folder_has_an_index_that_links_every_guide_in_each_language(sample_site):
    """/guides/ was a 404 under the guides' own addresses; it lists GUIDES (pelicanconf.py) in the page's language."""
    for prefix, titles in [
        ("", ["How to become a certified medical coder", "Online or in-person?"]),
        ("es/", ["Cómo llegar a ser codificador médico certificado", "¿En línea o presencial?"]),
    ]:
        html = (sample_site.output / prefix / "guides" / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<ul class="guide-list">(.*?)</ul>', html, re.DOTALL)[0]
        assert re.findall(r">([^<]+)</a>", links) == titles
        for path in ("guides/become-a-medical-coder/", "guides/online-or-in-person/"):
            assert f'/{prefix}{path}"' in links
            assert (sample_site.output / prefix / path / "index.html").exists()
