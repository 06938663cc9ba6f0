"""Whether this process builds more than once (`make devserver`), and what it remembers per program.

Only then are the last build's validated rows, worded views and search words worth keeping in
memory: a single `pelican` run would hold them (hundreds of MB at 100,000 programs) for nothing.

load.py hands back the same record object for a row that did not change, and the generator the
same view for it, so "this record with this view" is a sound key for anything made from them
alone (an export's row): `PerProgram` keeps such pieces by object identity. Within one build it
works a piece out once however many files use it; in a long-lived process it keeps the last
build's pieces, so a one-row edit works out one program's pieces again, not every program's.

Every store of that memory is here, none in the pure layers (data/, model/, outputs/, i18n.py): a pure
function is wrapped (`per_program`), or handed its store by its caller (`Kept`, passed down as `keep=`
by the generator; `LastViews`, passed to the site model), or reads one kept here by content (`CATALOGS`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from jinja2.bccache import BytecodeCache

LONG_LIVED = {"on": False}
# In a forked page worker: each program's pieces are asked for once there (its data file), and
# what a worker keeps is a private copy on top of the memory it shares with the build.
IN_WORKER = {"on": False}


def long_lived() -> bool:
    return LONG_LIVED["on"]


class PerProgram:
    """Pieces of files made from one program and its view, by object identity (the objects are kept,
    so an id is never reused while its entry lives)."""

    STORES: ClassVar[list[PerProgram]] = []

    def __init__(self, name: str, within_build: bool = True):
        """`within_build`: used by several files of one build, so kept for the build even in a
        single run; otherwise kept only in a long-lived process (one use per build)."""
        self.name = name
        self.within_build = within_build
        self._pieces: dict[tuple[int, int], tuple[Any, Any, Any]] = {}
        self._pruned = 0  # how many pieces the last pruning kept
        self._signature: Any = None  # what the pieces were made from beyond their program and view (made_from)
        PerProgram.STORES.append(self)

    def get(self, program: Any, view: Any, make: Callable[[], Any]) -> Any:
        key = (id(program), id(view))
        hit = self._pieces.get(key)
        if hit is not None and hit[0] is program and hit[1] is view:
            return hit[2]
        value = make()
        if (self.within_build or long_lived()) and not IN_WORKER["on"]:
            self._pieces[key] = (program, view, value)
        return value

    def keep_only(self, alive: set[int]) -> None:
        """Drop the pieces of programs no longer listed (`alive`: their ids), once they are many: a
        look at every piece after each rebuild would cost more than the few stale ones hold."""
        if len(self._pieces) > self._pruned * 1.25 + 100:
            self._pieces = {k: v for k, v in self._pieces.items() if k[0] in alive}
            self._pruned = len(self._pieces)

    def clear(self) -> None:
        self._pieces = {}
        self._pruned = 0

    def made_from(self, signature: Any) -> None:
        """Keep the pieces only if they were made from the same shared inputs as last time (`signature`)."""
        if signature != self._signature:
            self.clear()
        self._signature = signature


def per_program(name: str, within_build: bool = True) -> Callable[[Callable], Callable]:
    """Wraps a pure `make(program, view, *rest)` so its piece is kept per program and view (PerProgram):
    whatever else it is made from (`rest`) must be the same for the whole build (or stand in the view)."""
    store = PerProgram(name, within_build)

    def wrap(make: Callable) -> Callable:
        @functools.wraps(make)
        def kept(program: Any, view: Any = None, *rest: Any) -> Any:
            return store.get(program, view, functools.partial(make, program, view, *rest))

        kept.store = store  # type: ignore[attr-defined]
        return kept

    return wrap


class LastViews:
    """The last build's program views and page keys, by language and record (load.py hands back the
    same record for an unchanged row), so a long-lived process words again only the rows that changed;
    and the page keys with their program's changes added, the same object from build to build while
    neither changed, so build_cache hashes it once. The site model (model/) asks for them through
    `views_and_keys` and `with_history`; a single build keeps nothing."""

    def __init__(self):
        self._views: dict[str, dict[str, Any]] = {}
        self._history: dict[int, tuple[Any, list, Any]] = {}
        self._last_history: dict[int, tuple[Any, list, Any]] = {}
        # A program's cost to get certified with one credential (a credential page's order).
        self._costs = PerProgram("cost to get certified with one credential", within_build=False)

    def begin_build(self) -> None:
        self._last_history, self._history = self._history, {}

    def views_and_keys(self, lang: str, programs, signature: list, make: Callable[[Any], tuple[Any, dict]]):
        """Each program's view and page key, made by `make` unless the last build made them from the
        same record with the same `signature` (what else the views word: credentials, day, columns)."""
        last = self._views.setdefault(lang, {"signature": None, "programs": {}})
        known = last["programs"] if last["signature"] == signature else {}
        now = {}
        for program in programs:
            hit = known.get(id(program))
            if hit is None or hit[0] is not program:
                hit = (program, *make(program))
            now[id(program)] = hit
        if long_lived():
            last.update(signature=signature, programs=now)
        return [now[id(p)][1] for p in programs], {p.id: now[id(p)][2] for p in programs}

    def cost_with(self, program: Any, credential: Any, make: Callable[[], Any]) -> Any:
        """`make()`, the cost to get certified with `credential`, or what it gave last build for the same records."""
        return self._costs.get(program, credential, make)

    def with_history(self, key: Any, lines: list[str], add: Callable[[Any, list[str]], Any]) -> Any:
        """`add(key, lines)`: the key with the program's changes' sentences added."""
        hit = self._last_history.get(id(key))
        if hit is None or hit[0] is not key or hit[1] != lines:
            hit = (key, lines, add(key, lines))
        if long_lived():
            self._history[id(key)] = hit
        return hit[2]


VIEWS = LastViews()


class Catalogs:
    """The languages' message catalogs as read and compiled (i18n.py), by language: (catalog,
    translations, the file's text); and what a template's `_()` returns, by language and message.
    Kept while each catalog file's text is the same (`keep_if`, at the start of each build)."""

    def __init__(self):
        self.read: dict[str, tuple[Any, Any, bytes]] = {}
        self.markup: dict[tuple[str, str], Any] = {}

    def keep_if(self, text_of: Callable[[str], bytes]) -> None:
        """Drop each catalog whose file's text (`text_of(lang)`) is not the one it was read from, and the
        words made from it."""
        for lang, kept in list(self.read.items()):
            try:
                same = text_of(lang) == kept[2]
            except OSError:
                same = False
            if not same:
                del self.read[lang]
                self.markup = {key: text for key, text in self.markup.items() if key[0] != lang}


CATALOGS = Catalogs()


class Kept:
    """What the pure modules keep from their last build in a long-lived process, handed to them by the
    generator as `keep=` (a single build hands None, and they keep nothing). One plain dict per use, read
    and replaced by the one function named, each keyed on content (a file's path and its records' text,
    a row's cells, a document's words) and checked against what it was made from before it is used."""

    def __init__(self):
        self.cells: dict = {}  # csv_table.read_table: path -> (width, {a record's text: its cells})
        self.rows: dict = {}  # csv_table._shape: path -> (header layout, {a row's cells: its row})
        self.by_row: dict = {}  # load._records: model -> (header and declarations, {cells: (line, record, key)})
        self.validated: dict = {}  # load._records: (model, line, values, declarations) -> its record
        self.words: dict = {}  # search_index: a document's text -> its processed words
        self.index: dict = {}  # search_index: "index" -> (fields, every document's words, the term files)
        self.row_files: dict = {}  # search_files.row_files: file number -> (its rows, its text)
        self.facet_sets: dict = {}  # search_files.facet_files: filter -> its Column
        self.match_columns: dict = {}  # match_files.match_files: column -> its Column


KEPT = Kept()
# The cards of the browse pages (browse_page.py), per program and view, while the cards' shared inputs are the same.
CARDS = PerProgram("browse card", within_build=False)
# What the forked search-index worker reads (search_index.start_index): set just before the fork, so the
# records are not pickled, and emptied right after. Process state, not a cache.
FOR_FORK: dict = {}


def in_worker() -> None:
    """Called first in each forked page worker (render.py)."""
    IN_WORKER["on"] = True


def build_done(programs: Iterable[Any]) -> None:
    """After a build: a long-lived process keeps the pieces of the programs still listed; a single
    build drops them all (its memory goes back for the next step: writing the output)."""
    alive = {id(p) for p in programs} if long_lived() else set()
    for store in PerProgram.STORES:
        if long_lived():
            store.keep_only(alive)
        else:
            store.clear()


class KeptBytecode(BytecodeCache):
    """Compiled templates, kept in memory across the builds of a long-lived process: Pelican makes new
    template environments for each build, which would compile every template again (about 0.2 s).

    Jinja reuses a template's code only while its source is the same (a checksum of it); `variant`
    names what else went into compiling it (a language's catalog, translated into the code)."""

    _CODE: ClassVar[dict[str, bytes]] = {}

    def __init__(self, variant: str):
        self.variant = variant

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return f"{self.variant}\0{super().get_cache_key(name, filename)}"

    def load_bytecode(self, bucket) -> None:
        code = self._CODE.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._CODE[bucket.key] = bucket.bytecode_to_string()


def keep_compiled(env, variant: str) -> None:
    """In a long-lived process, `env` compiles each template once while its source and `variant` stay the same."""
    if long_lived():
        env.bytecode_cache = KeptBytecode(variant)


# Past this many changed positions, a column is worked out whole (as quick, and simpler).
COLUMN_CHANGES_MAX = 200


class Column:
    """A text made from one value per program (a column of a site-wide file, in browse order), kept
    across the builds of a long-lived process with the programs and views it was made from.

    A program that is the same object, with the same view, at the same position as in the last build
    has the same value: only the other positions' values are worked out, and the text is made again
    only when one of them differs from before (`same`: the text would differ). A single build keeps nothing.
    """

    def __init__(self, name: str):
        self.name = name
        self._last: tuple[list, list, list, Any] | None = None  # programs, views, values, text

    def text(
        self,
        programs: list,
        views: list,
        value_of: Callable[[int], Any],
        make: Callable[[list], Any],
        same: Callable[[Any, Any], bool],
    ) -> Any:
        last, values = self._last, None
        if last is not None and len(last[0]) == len(programs):
            old_programs, old_views, old_values, text = last
            changed = [
                i
                for i, (p, q, v, w) in enumerate(zip(programs, old_programs, views, old_views, strict=True))
                if p is not q or v is not w
            ]
            if len(changed) <= COLUMN_CHANGES_MAX:
                fresh = {i: value_of(i) for i in changed}
                if all(same(value, old_values[i]) for i, value in fresh.items()):
                    self._keep(programs, views, old_values, text)
                    return text
                values = list(old_values)
                for i, value in fresh.items():
                    values[i] = value
        if values is None:
            values = [value_of(i) for i in range(len(programs))]
        text = make(values)
        self._keep(programs, views, values, text)
        return text

    def _keep(self, programs, views, values, text) -> None:
        self._last = (list(programs), list(views), values, text) if long_lived() else None
