"""Whether this process builds more than once (`make devserver`), and what it remembers per program.

Only then are the last build's validated rows, worded views and search words worth keeping in
memory: a single `pelican` run would hold them (hundreds of MB at 100,000 programs) for nothing.

load.py hands back the same record object for a row that did not change, and the generator the
same view for it, so "this record with this view" is a sound key for anything made from them
alone (an export's row): `PerProgram` keeps such pieces by object identity. Within one build it
works a piece out once however many files use it; in a long-lived process it keeps the last
build's pieces, so a one-row edit works out one program's pieces again, not every program's.
"""

from __future__ import annotations

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


class LastViews:
    """The last build's program views and page keys, by language and record (load.py hands back the
    same record for an unchanged row), so a long-lived process words again only the rows that changed;
    and the page keys with their program's changes added, the same object from build to build while
    neither changed, so build_cache hashes it once. The site model (model/) asks for them through
    `views_and_keys` and `with_history`; a single build keeps nothing."""

    def __init__(self):
        self._views: dict[str, dict[str, Any]] = {}
        self._history: dict[int, tuple[dict, list, dict]] = {}
        self._last_history: dict[int, tuple[dict, list, dict]] = {}
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

    def with_history(self, key: dict, lines: list[str]) -> dict:
        """`key` with the program's changes' sentences added."""
        hit = self._last_history.get(id(key))
        if hit is None or hit[0] is not key or hit[1] != lines:
            hit = (key, lines, {**key, "history": lines})
        if long_lived():
            self._history[id(key)] = hit
        return hit[2]


VIEWS = LastViews()


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
