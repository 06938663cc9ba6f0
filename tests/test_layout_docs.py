"""The folders show the layers, and the two pages a new contributor reads first cannot drift from the code
(issue 26): README's list of the plugin's modules is made from their docstrings (`make layout`),
docs/architecture.md names every module by its folder, and each layer imports only from the layers below it."""

import re
from pathlib import Path

import pytest
from project_layout import PLUGIN, fenced, readme_block

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("data", "model", "outputs", "build")  # each may import from those before it, never after
# Modules at the package root: the wiring (__init__.py) and what every layer uses (languages, JSON text).
FOUNDATIONS = ("i18n", "json_text")
# Imports that still go up a layer, each with its reason; the list may only shrink.
UPWARD = {
    # the one caching layer (build/memo.py) is handed pieces of the outputs to keep between builds
    ("outputs/export.py", "build.memo"),
    ("outputs/match_files.py", "build.memo"),
    ("outputs/search_files.py", "build.memo"),
    ("outputs/search_index.py", "build.memo"),
    # the languages' catalogs, read once and kept by their text, live in the caching layer (memo.CATALOGS)
    ("i18n.py", "build.memo"),
}
IMPORT = re.compile(r"^\s*from (\.+)([\w.]*) import (\([^)]*\)|[^\n]*)", re.M)


def _modules() -> list[Path]:
    return sorted(p for p in PLUGIN.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path):
    """(the module's folder parts, what it imports as package parts) for every relative import."""
    here = list(path.relative_to(PLUGIN).parts[:-1])
    for dots, name, names in IMPORT.findall(path.read_text(encoding="utf-8")):
        base = here[: len(here) - (len(dots) - 1)]
        if name:
            yield base + name.split(".")
            continue
        for item in names.strip("()").replace("\n", " ").split(","):
            item = item.split("#")[0].strip()
            if item:
                yield [*base, item.split(" as ")[0]]


def upward_imports() -> set[tuple[str, str]]:
    found = set()
    for path in _modules():
        rel = path.relative_to(PLUGIN)
        layer = rel.parts[0] if len(rel.parts) > 1 else None
        for target in _imports(path):
            to = target[0] if target and target[0] in LAYERS else None
            if layer is None and rel.name == "__init__.py":
                continue  # the wiring imports what it wires
            if to is None:
                continue  # a foundation, or the same folder
            if layer is None or LAYERS.index(to) > LAYERS.index(layer):
                found.add((rel.as_posix(), ".".join(target[:2])))
    return found


def test_the_package_is_folders_by_layer_with_only_the_foundations_beside_them():
    top = sorted(p.stem for p in PLUGIN.glob("*.py") if p.name != "__init__.py")
    assert top == sorted(FOUNDATIONS)
    assert sorted(p.name for p in PLUGIN.iterdir() if (p / "__init__.py").exists()) == sorted(LAYERS)


def test_each_layer_imports_only_from_the_layers_below_it():
    found = upward_imports()
    assert found <= UPWARD, f"imports that go up a layer: {sorted(found - UPWARD)}"
    assert found == UPWARD, f"no longer needed in UPWARD (remove them): {sorted(UPWARD - found)}"


def test_readmes_module_list_is_the_one_made_from_the_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_block(readme) == fenced(), "README's Project layout is stale: run `make layout`"


def test_the_architecture_page_names_every_module_by_its_folder():
    text = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
    missing = [
        rel for rel in (p.relative_to(PLUGIN).as_posix() for p in _modules()) if not rel.endswith("__init__.py")
        if rel not in text
    ]  # fmt: skip
    assert not missing, f"docs/architecture.md does not name: {', '.join(missing)}"


@pytest.mark.parametrize("doc", ["README.md", "docs/architecture.md"])
def test_every_browser_module_is_named(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    named = set(re.findall(r"[\w-]+(?:\.js)?", text))
    missing = [p.name for p in (ROOT / "theme/static/js").glob("*.js") if p.name not in named and p.stem not in named]
    assert not missing, f"{doc} does not name: {', '.join(missing)}"
