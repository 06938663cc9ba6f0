"""The Spanish site (/es/): complete catalogs, every page type in Spanish, hreflang and the sitemap,
Spanish search, counts and plurals, and the language switch keeping the view (docs/translating.md)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from browser_support import FOUR, SELECTION, PageWatcher, serve
from playwright.sync_api import expect
from sitebuild import ROOT, build

sys.path.insert(0, str(ROOT))
from pelicanconf import LANGUAGES

OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != "en"]
KEYWORDS = ["-k", "N_", "-k", "t", "-k", "tn:1,2"]  # as the Makefile's BABEL_EXTRACT
PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)s")


def catalog(lang: str):
    with (ROOT / "theme/translations" / lang / "LC_MESSAGES/messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def problems(entries) -> list[str]:
    """Untranslated, fuzzy, an empty plural form, or placeholders that differ from the English."""
    found = []
    for message in entries:
        if not message.id:
            continue
        forms = list(message.string) if message.pluralizable else [message.string]
        if message.fuzzy:
            found.append(f"fuzzy: {message.id!r}")
        if not forms or any(not form for form in forms):
            found.append(f"untranslated or an empty plural form: {message.id!r}")
            continue
        ids = message.id if message.pluralizable else [message.id]
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        if any(set(PLACEHOLDER.findall(form)) - wanted - {"{count}", "%(count)s"} for form in forms):
            found.append(f"placeholders differ: {message.id!r}")
    return found


# ---- the catalogs (no build) ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_message_is_translated_with_every_plural_form(lang):
    entries = catalog(lang)
    assert len(entries) > 200
    assert entries.num_plurals == 3 if lang == "es" else True
    assert problems(entries) == []


def test_the_catalog_check_catches_fuzzy_empty_and_missing_plural_forms():
    entries = catalog("es")
    singular = next(m for m in entries if m.id and not m.pluralizable)
    plural = next(m for m in entries if m.pluralizable)
    singular.flags.add("fuzzy")
    plural.string = (plural.string[0], plural.string[1], "")  # the usual plural, msgstr[2], left empty
    found = problems([singular, plural])
    assert any(line.startswith("fuzzy") for line in found)
    assert any("empty plural form" in line for line in found)


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_pybabel_extract_finds_no_string_missing_from_the_catalog(tmp_path, lang):
    pot = tmp_path / "messages.pot"
    pybabel = str(Path(sys.executable).parent / "pybabel")
    subprocess.run(
        [pybabel, "extract", "-F", "babel.cfg", *KEYWORDS, "--no-wrap", "-o", str(pot), "."],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # babel.cfg's Jinja extension ({% kept %})
        check=True,
        capture_output=True,
    )
    # Every template parsed: one that fails to parse is skipped silently, its strings lost.
    assert "Skip to content" in pot.read_text(encoding="utf-8")
    with pot.open("rb") as handle:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(lang) if m.id}
    assert len(extracted) > 200 and "Skip to content" in extracted
    assert sorted(extracted - known) == [], "run `make messages` and translate the new strings"


# ---- the built site ------------------------------------------------------------------------------

SPANISH_PAGES = [
    "es/",
    "es/page/2/",
    "es/programs/summit-health-medical-coding-certificate/",
    "es/credentials/cpc/",
    "es/credentials/",
    "es/compare/",
    "es/match/",
    "es/faq/",
    "es/guides/",
    "es/guides/become-a-medical-coder/",
    "es/guides/online-or-in-person/",
    "es/about/",
    "es/404.html",
]


@pytest.mark.parametrize("path", SPANISH_PAGES)
def test_every_page_type_has_a_spanish_twin_linked_both_ways(sample_site, path):
    html = sample_site.page(path)
    english_path = path.removeprefix("es/")
    english = sample_site.page(english_path)
    assert re.search(r'<html lang="es"', html)
    assert re.search(r'<html lang="en"', english)
    # The visible switch, in its own language, to the same page.
    assert re.search(r'<a href="[^"]*/' + re.escape(english_path) + r'" lang="en" hreflang="en"[^>]*>English</a>', html)
    assert re.search(r'<a href="[^"]*/' + re.escape(path) + r'" lang="es" hreflang="es"[^>]*>Español</a>', english)
    for page in (html, english):
        assert re.search(r'<link rel="alternate" hreflang="en" href="[^"]*/' + re.escape(english_path) + '"', page)
        assert re.search(r'<link rel="alternate" hreflang="es" href="[^"]*/' + re.escape(path) + '"', page)
        assert re.search(
            r'<link rel="alternate" hreflang="x-default" href="[^"]*/' + re.escape(english_path) + '"', page
        )


def test_spanish_pages_use_the_spanish_words_and_mark_english_data(sample_site):
    program = sample_site.page("es/programs/summit-health-medical-coding-certificate/")
    assert "Datos principales" in program and "Key facts" not in program
    assert re.search(r'<h1><span lang="en">[^<]+</span></h1>', program)  # the program's name, as written
    credential = sample_site.page("es/credentials/cpc/")
    assert "<h1>Codificador Profesional Certificado (CPC)</h1>" in credential  # credentials.csv's name_es
    assert "AAPC" in credential
    browse = sample_site.page("es/")
    assert '<label for="site-search-input">Buscar programas</label>' in browse
    assert re.search(r"\d+ programas, ordenados por nombre", browse)
    # State names in the browse filter and the questionnaire's menu are interface words too.
    assert re.search(r'<option value="NY"[^>]*>Nueva York \(NY\) \(\d+\)', browse)
    assert '<option value="NY">Nueva York (NY)' in sample_site.page("es/match/")
    assert '<option value="NY">New York (NY)' in sample_site.page("match/")


def test_the_spanish_faq_gives_its_own_faqpage_structured_data(sample_site):
    html = sample_site.page("es/faq/")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["@type"] == "FAQPage"
    assert all(q["name"].startswith("¿") for q in data["mainEntity"])
    # Same anchors in both languages, so a shared /faq/#… link works in Spanish too.
    assert 'id="which-certification-should-i-choose"' in html


def test_the_sitemap_lists_both_languages_with_alternates(sample_site):
    sitemap = (sample_site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    assert "<loc>/es/programs/summit-health-medical-coding-certificate/</loc>" in sitemap
    entry = re.search(r"<url><loc>/es/faq/</loc>.*?</url>", sitemap)[0]
    assert 'hreflang="en" href="/faq/"' in entry and 'hreflang="x-default" href="/faq/"' in entry


def test_publish_gives_absolute_alternates(tmp_path):
    result = build(tmp_path, settings="publishconf.py", env={"SITEURL": "https://example.org/coding"})
    assert result.returncode == 0, result.stderr
    html = result.page("es/credentials/")
    assert '<link rel="alternate" hreflang="en" href="https://example.org/coding/credentials/">' in html
    assert '<link rel="alternate" hreflang="es" href="https://example.org/coding/es/credentials/">' in html
    assert '<link rel="canonical" href="https://example.org/coding/es/credentials/">' in html


# ---- in the browser -------------------------------------------------------------------------------

# Spanish page type -> (path, what shows once its scripts have run)
SPANISH_TYPES = {
    "browse with search and filters": (
        "es/?q=codificacion&format=online&credential=CPC",
        "#result-count >> text=para «",
    ),
    "browse page 2": ("es/page/2/", "article.card"),
    "program": ("es/programs/summit-health-medical-coding-certificate/", "h1"),
    "credential": ("es/credentials/cpc/", "h1"),
    "credentials": ("es/credentials/", "h1"),
    "compare with 4 programs": ("es/compare/?ids=" + ",".join(FOUR), "table >> th[scope=col] >> nth=3"),
    "match with results": (
        "es/match/?work=physician-offices-and-outpatient-clinics&budget=4000&format=online",
        "ol li",
    ),
    "faq": ("es/faq/", "h1"),
    "guide": ("es/guides/become-a-medical-coder/", "h1"),
    "about": ("es/about/", "h1"),
    "404": ("es/404.html", "h1"),
}

# Text nodes (and accessible names) in the page's language: anything inside lang="en" is the data, as written.
PAGE_TEXT = """() => {
  const own = (el) => (el.closest('[lang]')?.lang || '') === document.documentElement.lang;
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style') || !own(el)) continue;
    if (node.textContent.trim()) out.push(node.textContent.trim());
  }
  for (const el of document.querySelectorAll('[aria-label], [placeholder], [data-label], [data-differs]')) {
    if (!own(el)) continue;
    for (const name of ['aria-label', 'placeholder', 'data-label', 'data-differs']) if (el.getAttribute(name)) out.push(el.getAttribute(name));
  }
  out.push(document.title);
  return out;
}"""


def english_interface_text() -> tuple[set[str], set[str]]:
    """From the catalog: English phrases (2+ words) and single words whose Spanish differs."""
    phrases, words = set(), set()
    for message in catalog("es"):
        if not message.id:
            continue
        ids = message.id if message.pluralizable else [message.id]
        strings = message.string if message.pluralizable else [message.string]
        # A part the Spanish also uses as a whole word ("CSV", "GI Bill") is not English interface text,
        # unless the "translation" is the English itself.
        spanish = "" if list(strings) == list(ids) else " ".join(strings)
        for english in ids:
            for part in re.split(r"\{\w+\}|%\(\w+\)s|<[^>]+>|[.:;()“”«»…]", english):
                part = part.strip(" ,·–-")
                if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", spanish):
                    continue
                if len(part.split()) >= 2 and len(part) >= 8:
                    phrases.add(part)
                elif len(part.split()) == 1 and len(part) >= 3 and part[0].isupper():
                    words.add(part)
    return phrases, words


def english_found(texts: list[str], phrases: set[str], words: set[str]) -> list[str]:
    found = []
    for text in texts:
        found += [f"{phrase!r} in {text[:80]!r}" for phrase in phrases if phrase in text]
        found += [f"{text!r}" for word in words if text == word]
    return found


@pytest.mark.browser
@pytest.mark.parametrize("kind", list(SPANISH_TYPES))
def test_no_english_interface_text_on_any_spanish_page_type(context, sample_url, kind):
    context.add_init_script(f"localStorage.setItem('programs-site:compare', {json.dumps(SELECTION)})")
    page = context.new_page()
    watcher = PageWatcher(page)
    path, ready = SPANISH_TYPES[kind]
    page.goto(sample_url + path)
    page.locator(ready).first.wait_for()
    page.wait_for_load_state("networkidle")
    phrases, words = english_interface_text()
    assert len(phrases) > 200
    assert english_found(page.evaluate(PAGE_TEXT), phrases, words) == []
    assert watcher.errors == []


def test_the_english_text_check_can_fail():
    phrases, words = english_interface_text()
    assert english_found(["5 programs, sorted by name"], phrases, words)
    assert english_found(["Search"], phrases, words)
    assert english_found(["Key facts"], phrases, words)
    assert english_found(["Buscar programas", "5 programas, ordenados por nombre"], phrases, words) == []


def result_count(page, url: str) -> str:
    page.goto(url)
    page.locator("#filters:not([hidden])").wait_for()
    page.wait_for_load_state("networkidle")
    return page.locator("#result-count").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize(
    "query, expected",
    [
        ("zzzqqq", "0 programas para «zzzqqq»"),
        ("bluebonnet", "1 programa para «bluebonnet»"),
        ("ridgeview", "2 programas para «ridgeview»"),
        # The sort's words come from the build (search/meta.json `sorts`), in the page's language.
        ("ridgeview&sort=cost", "2 programas para «ridgeview», el menor costo para certificarse primero"),
    ],
)
def test_counts_and_plurals_in_spanish(page, sample_url, query, expected):
    assert result_count(page, f"{sample_url}es/?q={query}").startswith(expected)


@pytest.mark.browser
def test_thousands_are_written_alike_in_spanish(tmp_path, page):
    sys.path.insert(0, str(ROOT))
    from benchmarks.generate import write_csv

    data = tmp_path / "programs.csv"
    write_csv(2358, str(data))
    site = build(tmp_path, data, env={"PROGRAMS_SITE_PROCESSES": "1"})
    assert site.returncode == 0, site.stderr
    assert "2,358 programas, ordenados por nombre" in site.page("es/")  # the server's words (Babel es_US)
    with serve(site.output) as url:
        assert result_count(page, url + "es/") == "2,358 programas, ordenados por nombre"  # the browser's (Intl es-US)


@pytest.mark.browser
def test_spanish_search_words_and_words_without_accents_find_the_english_data(page, sample_url):
    english = result_count(page, f"{sample_url}es/?q=coding+online")
    spanish = result_count(page, f"{sample_url}es/?q=codificación+en+línea")
    bare = result_count(page, f"{sample_url}es/?q=codificacion+en+linea")
    count = lambda text: int(text.split()[0].replace(",", ""))  # noqa: E731
    assert count(english) > 0
    assert count(spanish) == count(bare) == count(english)
    # The card's and the chip's words are the page's, from the build's JSON and the form, never the data's.
    page.goto(f"{sample_url}es/?q=texas+en+l%C3%ADnea")
    expect(page.get_by_role("button", name=re.compile(r"^Modalidad: En línea \(de su búsqueda\)"))).to_be_visible()
    expect(page.locator("article.card .match-note").first).to_have_text("También coincide en: ubicación")


@pytest.mark.browser
def test_the_language_switch_lands_on_the_same_view(page, sample_url):
    ids = ",".join(FOUR[:2])
    page.goto(f"{sample_url}es/compare/?ids={ids}#by=Ana&note=Hola")
    page.locator("table >> th[scope=col] >> nth=1").wait_for()
    page.get_by_role("link", name="English").click()
    page.locator("table >> th[scope=col] >> nth=1").wait_for()
    assert page.url == f"{sample_url}compare/?ids={ids}#by=Ana&note=Hola"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".share-note-text").inner_text() == "Hola"

    page.goto(f"{sample_url}match/?budget=4000&format=online")
    page.locator("ol li").first.wait_for()
    page.get_by_role("link", name="Español").click()
    page.locator("ol li").first.wait_for()
    assert page.url == f"{sample_url}es/match/?budget=4000&format=online"
    assert page.locator("#match-budget").input_value() == "4000"
    assert page.get_by_label("En línea", exact=True).is_checked()

    # A Spanish search goes over in the data's words, which the English search understands.
    page.goto(f"{sample_url}es/?q=codificación+en+línea")
    page.locator("#filters:not([hidden])").wait_for()
    page.get_by_role("link", name="English").click()
    page.locator("#result-count >> text=for “coding online”").wait_for()
    assert page.url == f"{sample_url}?q=coding+online"

    page.goto(f"{sample_url}programs/{FOUR[0]}/")
    page.get_by_role("link", name="Español").click()
    assert page.url == f"{sample_url}es/programs/{FOUR[0]}/"
    # DESIGN's accessible name in Spanish: "comparar" and the program's name.
    page.get_by_role("button", name=re.compile("Añadir .*Medical Coding.* para comparar")).wait_for()


def test_a_third_language_is_a_catalog_and_a_settings_line(tmp_path):
    from babel.messages.pofile import write_po
    from sitebuild import project_copy

    project = project_copy(tmp_path)
    french = catalog("es")
    french.locale = "fr"
    for message in french:
        if message.id == "Key facts":
            message.string = "Informations clés"
    folder = project / "theme/translations/fr/LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as handle:
        write_po(handle, french)
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text().replace('"en,es"', '"en,es,fr"'))
    credentials = project / "data/credentials.csv"
    lines = credentials.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",name_fr"] + [
        line + (",Codeur professionnel certifié" if line.startswith("CPC,") else ",") for line in lines[1:]
    ]
    credentials.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(
        tmp_path,
        settings=str(settings),
        env={"CREDENTIALS_CSV": str(credentials), "PROGRAMS_CSV": str(project / "data/programs.csv")},
    )
    assert result.returncode == 0, result.stderr
    program = result.page("fr/programs/summit-health-medical-coding-certificate/")
    assert '<html lang="fr"' in program and "Informations clés" in program
    assert ">Français</a>" in result.page("programs/summit-health-medical-coding-certificate/")
    assert "<h1>Codeur professionnel certifié (CPC)</h1>" in result.page("fr/credentials/cpc/")
    assert "name_fr" not in result.page("fr/credentials/cpc/")
    assert (result.output / "fr/messages.json").is_file()
