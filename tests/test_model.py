"""The site model (plugins/programs_site/model/): what the pages show, built without Pelican."""

import dataclasses
import datetime as dt
import subprocess
import sys

import pytest
from sitebuild import ROOT, csv_text, program

from plugins.programs_site import i18n
from plugins.programs_site.build import memo
from plugins.programs_site.data.load import load_credentials, load_programs
from plugins.programs_site.model import ModelSettings, SiteModel, build_model, page_key
from plugins.programs_site.model.history import Change, History

TODAY = dt.date(2026, 6, 1)
SETTINGS = ModelSettings(default_lang="en", browse_page_size=2, credential_page_limit=10, history_months=24)


def test_the_model_imports_nothing_from_pelican():
    # Pelican made unimportable: importing the model, and what it imports, must not need it.
    code = (
        "import sys; sys.modules['pelican'] = None\n"
        "import plugins.programs_site.model\n"
        "print(sorted(name for name in sys.modules if name.startswith('pelican.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "programs.csv"
    rows = [
        program(id="b-coding", name="B Coding", state="NY", cost_usd="2000"),
        program(id="a-coding", name="A Coding", state="TX", credentials="CCS"),
        program(id="c-coding", name="C Coding", state="NY"),
    ]
    path.write_text(csv_text(rows), encoding="utf-8")
    credentials, _ = load_credentials(ROOT / "data/credentials.csv")
    programs, _ = load_programs(path, {c.code for c in credentials})
    programs.sort(key=lambda p: p.name)
    change = Change("b-coding", "B Coding", "Acme College", TODAY, "changed", "cost", 1000, 2000)
    found = History(available=True, version=TODAY, since=dt.date(2024, 6, 1), changes=[change])
    return programs, credentials, found


def test_a_model_holds_every_value_the_pages_show_in_its_language(data):
    programs, credentials, found = data
    english = build_model(programs, credentials, SETTINGS, found, "en", TODAY)
    spanish = build_model(programs, credentials, SETTINGS, found, "es", TODAY)
    assert isinstance(english, SiteModel)
    assert [v.id for v in english.program_views] == ["a-coding", "b-coding", "c-coding"]  # the order given
    assert [len(views) for _, views in english.browse_pages] == [2, 1]
    assert (english.prefix, spanish.prefix) == ("", "es/")
    assert english.states == (("NY", "New York"), ("TX", "Texas"))
    assert spanish.states == (("NY", "Nueva York"), ("TX", "Texas"))
    assert english.values["data_summary"]["program_count"] == 3
    assert english.values["DATA_HISTORY"]["version"] == "2026-06-01"
    # A program's changes are worded in the language, and part of what its page is made from.
    assert english.changes["b-coding"] == ["Cost: $1,000 → $2,000 on June 1, 2026"]
    assert spanish.changes["b-coding"][0].startswith("Costo: $1,000 → $2,000")
    assert list(english.page_keys["b-coding"].history) == english.changes["b-coding"]
    assert english.page_keys["a-coding"].history == ()
    assert (spanish.page_keys["a-coding"].lang, english.page_keys["a-coding"].lang) == ("es", "")
    # The record's values but its row number: a row moved down the file is the same page; any value
    # changed is another.
    a = english.page_keys["a-coding"]
    assert "a-coding" in a.values and a.values == spanish.page_keys["a-coding"].values
    record = next(p for p in programs if p.id == "a-coding")

    def moved(**changes):
        return type(record)({**record.values(), **changes})

    assert page_key(moved(line=record.line + 40)) == page_key(record)
    assert page_key(moved(cost_usd=1234.0)) != page_key(record)
    assert i18n.current() == i18n.SOURCE_LANG  # the language is set only while the model is built


def test_a_model_is_immutable(data):
    model = build_model(*data[:2], SETTINGS, data[2], "en", TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.lang = "es"
    assert isinstance(model.program_views, tuple) and isinstance(model.credential_views, tuple)


def test_the_caching_layers_reuse_gives_the_same_model(data, monkeypatch):
    # What a long-lived process keeps between builds (memo.LastViews) changes no value of the model.
    monkeypatch.setitem(memo.LONG_LIVED, "on", True)
    reuse = memo.LastViews()
    plain = build_model(*data[:2], SETTINGS, data[2], "es", TODAY)
    for _ in range(2):  # the first build makes the views, the second reuses them
        reuse.begin_build()
        kept = build_model(*data[:2], SETTINGS, data[2], "es", TODAY, reuse=reuse)
        assert kept == plain


def test_the_model_and_the_generator_do_not_ask_whether_the_process_is_long_lived():
    # What a long-lived process (make devserver) keeps is the caching layer's (memo.py) and what it
    # sets up is devserver.py's: the model and its Pelican adapter build the same either way.
    package = ROOT / "plugins" / "programs_site"
    for path in [*sorted((package / "model").glob("*.py")), package / "build" / "generator.py"]:
        text = path.read_text(encoding="utf-8")
        assert "long_lived" not in text and "LONG_LIVED" not in text, path


# The modules that know about the long-lived process (memo.long_lived, memo.LONG_LIVED): devserver.py
# sets it up, the caching layer (memo.py) and the file cache (build_cache.py) keep what it builds from.
# Issue 26 allows these three: every other module is told by its caller (`keep`, the generator's
# KEEP_FOR_NEXT_BUILD setting, which devserver.py sets). This list may only shrink.
KNOWING = {"build_cache.py", "devserver.py", "memo.py"}


def test_no_other_module_asks_whether_the_process_is_long_lived():
    package = ROOT / "plugins" / "programs_site"
    knowing = {
        path.name
        for path in package.rglob("*.py")
        if "long_lived" in (text := path.read_text(encoding="utf-8")) or "LONG_LIVED" in text
    }
    assert knowing <= KNOWING
