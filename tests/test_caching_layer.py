"""Issue 26, goal 4: caching is one layer (memo.py), keyed on content. The pure modules should hold no
module-level caches and key nothing on `id()`. Not there yet: these lists name what is left, per module,
and may only shrink. A new module-level store or a new `id()` outside the layer fails here: put it in
memo.py (or pass it in from the caller) instead."""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "programs_site"
LAYER = {"build/memo.py"}  # the caching layer: the one place process-lifetime state belongs

# Module-level stores still outside the layer (a name, or `name()` for a functools.cache'd function). The
# pure layers (data/, model/, outputs/, i18n.py) have none: their caller hands them the layer's store
# (`keep=`, memo.Kept), or the layer wraps the function (memo.per_program), or holds the store
# (memo.CATALOGS). What is left is the build layer's own process state, kept next to the code that
# needs it: staging's locks, folders and warnings (one build at a time, per output folder; no cache),
# render's context shared with forked workers (set before a fork, no cache), build_cache's key hashes
# (its keys are lists and dicts, hashed by pickling: see ID_LEFT) and the build in progress, and
# kept.py's fragments (keyed on the content of the values each reads, forgotten when a build starts).
STORES_LEFT = {
    "build/build_cache.py": {"IN_PROGRESS", "_FILE_KEYS", "_PICKLED", "_PICKLED_KEPT", "_TEXT_KEYS"},
    "build/kept.py": {"_KEPT", "_READS"},
    "build/render.py": {"_SHARED"},
    "build/staging.py": {"FINAL_OF", "_EMPTIED", "_LOCKS", "_MADE", "_REUSED", "_WARNED"},
}
PURE_LAYERS = ("data/", "model/", "outputs/", "i18n.py")
# Memos that are fine where they are: each keys a pure function on its arguments' content (a language
# code, a date, a word, a model class), so an entry is never stale whatever the data or the build, and
# each is bounded by what it is keyed on (the package's model classes and columns, the site's languages)
# or by maxsize. Nothing here depends on the CSV's rows, so there is nothing for the layer to drop.
PURE_MEMOS = {
    "i18n.py": {"_LOCALES", "language_name()"},  # a language code's CLDR locale and name
    "data/load.py": {"_column_sets()"},  # a model class's columns
    "model/present.py": {"_long_date()"},  # (date, locale) -> Babel's long date; maxsize 4096
    "data/records.py": {"_column_reader()"},  # (model class, column) -> its pydantic TypeAdapter
    "outputs/search_index.py": {"_stem()"},  # a word's Porter stem; maxsize 100,000
}
# Modules outside the layer that still key something on an object's identity. build_cache keeps each
# output key's pickle hash by the key object: the keys are lists, dicts and dataclasses (no hash of
# their own), so a content key would cost the very pickling it saves.
ID_LEFT = {"build/build_cache.py"}

# What a store starts as: an empty container, a dict of empty slots ({"value": None}), or one of the layer's.
_STORE_CALLS = {"dict", "set", "list", "defaultdict", "OrderedDict", "Counter", "WeakKeyDictionary"}
_STORE_CALLS |= {"WeakValueDictionary", "PerProgram", "Column", "LastViews", "KeptBytecode"}


def _is_store(value: ast.expr) -> bool:
    if isinstance(value, ast.Dict):
        return all(isinstance(v, ast.Constant) and v.value in (None, 0, False) for v in value.values)
    if isinstance(value, (ast.List, ast.Set)):
        return not value.elts
    if isinstance(value, ast.DictComp):  # {name: Column(…) for name in …}: one of the layer's per key
        return _is_store(value.value)
    if isinstance(value, ast.Call):
        func = value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name in _STORE_CALLS and (name != "dict" or not value.args)
    return False


def stores(source: str) -> set[str]:
    found = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and _is_store(node.value):
            found |= {target.id for target in node.targets if isinstance(target, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and node.value is not None and _is_store(node.value):
            if isinstance(node.target, ast.Name):
                found.add(node.target.id)
        elif isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                func = decorator.func if isinstance(decorator, ast.Call) else decorator
                if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) in {
                    "cache",
                    "lru_cache",
                }:
                    found.add(node.name + "()")
    return found


def test_the_scan_finds_each_kind_of_store():
    source = "import functools\nA = {}\nB: dict = {'value': None}\nC = PerProgram('x')\nD = {'a': 1}\n"
    source += (
        "@functools.cache\ndef e(): pass\ndef f(): pass\nG = {n: Column(n) for n in 'ab'}\nH = {n: n for n in 'ab'}\n"
    )
    assert stores(source) == {"A", "B", "C", "e()", "G"}


def test_no_new_module_level_cache_outside_the_caching_layer():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() in LAYER:
            continue
        found = stores(path.read_text(encoding="utf-8"))
        name = path.relative_to(PACKAGE).as_posix()
        allowed = STORES_LEFT.get(name, set()) | PURE_MEMOS.get(name, set())
        assert found <= allowed, f"{name}: {sorted(found - allowed)}"


def test_the_pure_layers_hold_no_store_but_pure_memos():
    assert not [name for name in STORES_LEFT if name.startswith(PURE_LAYERS)]


def test_no_new_identity_key_outside_the_caching_layer():
    using = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).as_posix() not in LAYER and re.search(r"\bid\(", path.read_text(encoding="utf-8"))
    }
    assert using <= ID_LEFT
