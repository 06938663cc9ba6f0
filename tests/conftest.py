import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the plugin package, for unit tests
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitebuild import build


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The bundled sample data, built once for every test that only reads the result."""
    result = build(tmp_path_factory.mktemp("sample"))
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def sample_url(sample_site):
    from browser_support import serve

    with serve(sample_site.output) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from browser_support import CHROMIUM, LAUNCH_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A fresh page that fails the test on any console error, uncaught exception or dialog."""
    from browser_support import PageWatcher

    tab = context.new_page()
    watcher = PageWatcher(tab)
    tab.watcher = watcher
    yield tab
    assert watcher.errors == [], watcher.errors
    assert watcher.dialogs == [], watcher.dialogs
