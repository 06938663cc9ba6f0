"""README's layout and docs/architecture.md name every module of the plugin and of the browser code, so
the two pages a new contributor reads first cannot drift from the code (issue 26: four modules were
missing from the README's list)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    [p.name for p in (ROOT / "plugins" / "programs_site").glob("*.py") if p.name != "__init__.py"]
    + [p.name for p in (ROOT / "theme" / "static" / "js").glob("*.js")]
)


@pytest.mark.parametrize("doc", ["README.md", "docs/architecture.md"])
def test_every_module_is_named(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    if doc == "README.md":  # its layout block: from the plugin's folder to the tests' line
        text = text[text.index("plugins/programs_site/") : text.index("\ntests/ ")]
    # README's layout names browser modules without ".js" ("compare-pick (which …)"), the
    # architecture page with it; both name Python modules with ".py".
    named = set(re.findall(r"[\w-]+(?:\.py|\.js)?", text))
    missing = [m for m in MODULES if m not in named and not (m.endswith(".js") and m[:-3] in named)]
    assert not missing, f"{doc} does not name: {', '.join(missing)}"
