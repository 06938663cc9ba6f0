"""Rebuild only what changed: which files the output folder already holds, and what they were made from.

Every generated file gets a key: a hash of everything it is made from. The build's shared inputs
(the plugin's source, the templates, the settings, the Python and npm lock files, the credentials,
the Pelican pages, the context values templates read) make one shared key; each file adds its own
values (a program page: the program's record). After a build the keys of the
files in the output folder are saved in the cache folder (default `.cache/programs-site/`, one state
file per output folder; `make clean` removes it).

The next build into the same folder writes only files whose key changed, and when they are few
it moves them into the output folder one by one (each an atomic rename), deletes files it wrote
before and no longer makes, and leaves everything else alone: no 10,000-folder copy and swap for a
one-row edit. Whenever the state cannot be trusted (no state, another build wrote the folder since,
a file changed by hand, many files to replace) the build is a full one, swapped in whole.
A failed build changes nothing either way: files are moved in only when Pelican has finished.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.contents import Content, Static

from . import render
from .memo import long_lived
from .render import Output

log = logging.getLogger(__name__)
PLUGIN_DIR = Path(__file__).resolve().parents[1]  # the package (this module is in build/)
PROJECT_ROOT = PLUGIN_DIR.parent.parent
LOCK_FILES = ("requirements.lock", "package-lock.json")
CACHE_ENV = "PROGRAMS_SITE_CACHE"  # where the cache lives; `off` disables it
DEFAULT_CACHE = ".cache/programs-site"
# Past this many files to replace, a full build swapped in whole is as quick and all-or-nothing.
IN_PLACE_MAX = 2000
# Settings that name this run's folders and files, not what the pages hold (the data files' contents
# are in the keys: each program's record, the credentials).
VOLATILE = {
    "OUTPUT_PATH",
    "localsiteurl",
    "output_file",
    "PELICAN_CLASS",
    "PROGRAMS_CSV",
    "CREDENTIALS_CSV",
    "PROGRAMS_MAPPING",
    "PROGRAMS_FIELDS",  # what it declares is in the keys (the generator's shared data)
    # Pelican's cache of its Markdown pages as read, which `make devserver` turns on (devserver.py).
    "CACHE_CONTENT",
    "LOAD_CONTENT_CACHE",
    "CACHE_PATH",
    "RENDER_WITHOUT_FORKING_MAX",  # how many files a devserver rebuild writes without forking (devserver.py)
    "KEEP_FOR_NEXT_BUILD",  # devserver.py's: what its builds keep in memory, not what they write
}
_STATE_VERSION = 3


def cache_folder(settings) -> str | None:
    folder = os.environ.get(CACHE_ENV) or settings.get("PROGRAMS_SITE_CACHE") or DEFAULT_CACHE
    return None if folder == "off" else os.path.abspath(folder)


def stable(value: Any) -> Any:
    """A picklable, run-independent picture of a settings or context value (no memory addresses)."""
    if isinstance(value, str | int | float | bool | bytes | type(None)):
        return value
    if isinstance(value, dict):
        return sorted(((str(k), stable(v)) for k, v in value.items()), key=lambda kv: kv[0])
    if isinstance(value, list | tuple | set | frozenset):
        items = [stable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    if isinstance(value, Content) and not isinstance(value, Static):  # a Markdown page or article
        return (type(value).__name__, value.url, value.title, value.content)
    return type(value).__name__


def _source_files(settings) -> list[Path]:
    # The code and the declarations it reads (builtin_fields.toml: the built-in columns and compare rows).
    files = sorted([*PLUGIN_DIR.rglob("*.py"), *PLUGIN_DIR.rglob("*.toml")])
    for folder in [*settings.get("THEME_TEMPLATES_OVERRIDES", []), os.path.join(settings["THEME"], "templates")]:
        files += sorted(p for p in Path(folder).rglob("*") if p.is_file())
    files += [PROJECT_ROOT / name for name in LOCK_FILES if (PROJECT_ROOT / name).is_file()]
    return files


def shared_key(settings, context, extra: Any) -> bytes:
    """What every generated file depends on; `extra` is the generator's own shared data (credentials)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"programs-site cache {_STATE_VERSION}".encode())
    for path in _source_files(settings):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    picture = {k: v for k, v in settings.items() if k not in VOLATILE}
    picture.update({f"context:{k}": v for k, v in context.items() if k not in VOLATILE and k not in settings})
    digest.update(pickle.dumps(stable(picture), protocol=5))
    digest.update(pickle.dumps(extra, protocol=5))
    return digest.digest()


@dataclass(frozen=True)
class Parts:
    """A key made of other keys: each part is hashed once per build however many files name it (a
    browse page names its fifty programs' page keys and the shared filter counts), instead of
    pickling what they stand for again for every page."""

    parts: tuple


# Keys are pickles, so they must hold no sets (their order changes from run to run) and no pydantic
# models (which carry a set of the fields given): plain values, lists, dicts and dataclasses.
def _hash(key: Any, pickled: dict[int, tuple[Any, bytes]]) -> bytes:
    """`pickled`: id(key) -> (key, its pickle's hash), so a key object shared by several outputs (a
    program's page and its data file), or kept from the last build in this process, is pickled once."""
    hit = pickled.get(id(key))
    if hit is None or hit[0] is not key:
        if isinstance(key, Parts):
            digest = hashlib.blake2b(b"parts", digest_size=20)
            for part in key.parts:
                digest.update(_hash(part, pickled))
            data = digest.digest()
        else:
            data = hashlib.blake2b(pickle.dumps(key, protocol=5), digest_size=20).digest()
        hit = pickled[id(key)] = (key, data)
    return hit[1]


def file_key(shared: bytes, output: Output, pickled: dict[int, tuple[Any, bytes]] | None = None) -> bytes | None:
    if output.key is None:
        return None  # always written
    data = _hash(output.key, {} if pickled is None else pickled)
    digest = hashlib.blake2b(shared, digest_size=20)
    digest.update(output.path.encode())
    digest.update(data)
    return digest.digest()


@dataclass
class State:
    """The output folder as the last build left it: each file's key, size and modification time."""

    manifest: tuple[int, int, int]  # the manifest file's (inode, size, mtime_ns): which build wrote last
    files: dict[str, tuple[bytes, int, int]] = field(default_factory=dict)  # path -> (key, size, mtime_ns)


def _signature(path: str) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _state_path(cache: str, final: str) -> str:
    name = hashlib.blake2b(os.path.realpath(final).encode(), digest_size=12).hexdigest()
    return os.path.join(cache, "outputs", name + ".pickle")


def load_state(cache: str, final: str, manifest: str) -> State | None:
    try:
        with open(_state_path(cache, final), "rb") as handle:
            version, state = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
    if version != _STATE_VERSION or state.manifest != _signature(os.path.join(final, manifest)):
        return None  # another build (or none) wrote the folder since
    return state


def save_state(
    cache: str, final: str, manifest: str, keys: dict[str, bytes], kept: dict[str, tuple] | None = None
) -> None:
    """Record the keys of the files now in `final` with their sizes and times (to notice edits by hand).
    `kept`: the entries of files this build left as they were, as it found them (no need to look again)."""
    signature = _signature(os.path.join(final, manifest))
    if signature is None:
        return
    kept = kept or {}
    files = {}
    for path, key in keys.items():
        entry = kept.get(path)
        if entry is not None and entry[0] == key:
            files[path] = entry
            continue
        info = _signature(os.path.join(final, path))
        if info is not None:
            files[path] = (key, info[1], info[2])
    target = _state_path(cache, final)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    temporary = f"{target}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        pickle.dump((_STATE_VERSION, State(signature, files)), handle, protocol=5)
    os.replace(temporary, target)  # concurrent builds each leave a whole state file


def forget(cache: str, final: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(_state_path(cache, final))


# The key hashes of this process's builds (see file_key), kept only in a long-lived process (_keys).
_PICKLED: dict[int, tuple[Any, bytes]] = {}


@dataclass
class Plan:
    """What this build writes: `write` (changed or new), `kept` (already in the output folder, as they are)."""

    write: list[Output]
    kept: set[str]
    in_place: bool  # True: move the written files into the output folder; False: full build, swapped in
    keys: dict[str, bytes] | None = None  # every keyed output's key, for the next build (see all_keys)
    pending: tuple[list[Output], bytes] | None = None  # the outputs and shared key, while keys is None
    state: State | None = None  # the last build's, for the site-wide files (write_text)
    found: dict[str, tuple] = field(default_factory=dict)  # kept path -> its state entry, as found now
    texts: dict[str, bytes] = field(default_factory=dict)  # site-wide file -> its key (write_text)

    def all_keys(self) -> dict[str, bytes]:
        """A full build needs no key to decide what to write, only for the next build: it works them
        out while the pages are written (the generator calls this then), not before."""
        if self.keys is None:
            outputs, shared = self.pending
            self.keys, self.pending = _keys(outputs, shared), None
        return {**self.keys, **self.texts}

    def unchanged(self, path: str, key: bytes, final: str) -> bool:
        """Whether `final` holds `path` as the last build wrote it, with this key."""
        known = self.state.files.get(path) if self.state is not None else None
        if known is None or known[0] != key:
            return False
        info = _signature(os.path.join(final, path))
        if info is None or (info[1], info[2]) != known[1:]:
            return False
        self.found[path] = known
        return True


# The last build's file keys in this process: path -> (its key object, the shared key, the file key).
# The same key object (a program's page key, kept by the generator) with the same shared key is the same file key.
_FILE_KEYS: dict[str, tuple[Any, bytes, bytes]] = {}
_PICKLED_KEPT = {"size": 0}  # how many key hashes the last pruning of _PICKLED kept


def _keys(outputs: list[Output], shared: bytes) -> dict[str, bytes]:
    keep = long_lived()
    # In a long-lived process the hashes of key objects are kept from build to build (their objects
    # with them, so an id is not reused); stale ones are dropped once they are many.
    pickled = _PICKLED if keep else {}
    keys, now = {}, {}
    for output in outputs:
        if output.key is None:
            continue
        hit = _FILE_KEYS.get(output.path)
        if hit is None or hit[0] is not output.key or hit[1] != shared:
            hit = (output.key, shared, file_key(shared, output, pickled))
        keys[output.path] = hit[2]
        now[output.path] = hit
    _FILE_KEYS.clear()
    if keep:
        _FILE_KEYS.update(now)
        if len(_PICKLED) > _PICKLED_KEPT["size"] * 1.25 + 1000:
            in_use = {id(output.key) for output in outputs if output.key is not None}
            in_use |= {id(part) for output in outputs if isinstance(output.key, Parts) for part in output.key.parts}
            for stale in [k for k in _PICKLED if k not in in_use]:
                del _PICKLED[stale]
            _PICKLED_KEPT["size"] = len(_PICKLED)
    else:
        _PICKLED.clear()
    return keys


def plan(outputs: list[Output], shared: bytes, state: State | None, final: str) -> Plan:
    if state is None:
        return Plan(outputs, set(), in_place=False, pending=(outputs, shared))
    keys = _keys(outputs, shared)
    found = Plan([], set(), in_place=True, keys=keys, state=state)
    write, kept = [], set()
    for output in outputs:
        key = keys.get(output.path)
        if key is not None and found.unchanged(output.path, key, final):
            kept.add(output.path)
        else:
            write.append(output)
    if len(write) > IN_PLACE_MAX:
        return Plan(outputs, set(), in_place=False, keys=keys)
    found.write, found.kept = write, kept
    return found


def write_text(staging: str, name: str, body: str | Iterable[str], made: set[str]) -> None:
    """Write a file the generator makes itself (made from every program: programs.json, search/…)
    into `staging`, unless a long-lived process's in-place rebuild finds the output folder holding
    this very text, as the last build wrote it: then it stays, like a page whose key is unchanged.
    (Its key is the text's hash: worked out only in a long-lived process, where the next build may use it.)
    The two big files come in parts (`body` not a str): a single build writes them as they are made,
    never whole; a long-lived process joins them, to compare the text with what the folder holds."""
    if not isinstance(body, str):
        if not long_lived():
            render.write_parts(staging, name, body, made)
            return
        body = "".join(body)
    text = body
    build = IN_PROGRESS.get(staging)
    if build is not None and long_lived():
        key = _text_key(name, text)
        build.plan.texts[name] = key
        if build.plan.in_place and build.plan.unchanged(name, key, build.final):
            build.plan.kept.add(name)
            return
    render.write_text(staging, name, text, made)


# Site-wide file -> (its last text, that text's key): the same text (often the same object, made
# from parts kept across builds) is not hashed again.
_TEXT_KEYS: dict[str, tuple[str, bytes]] = {}


def _text_key(name: str, text: str) -> bytes:
    last = _TEXT_KEYS.get(name)
    if last is not None and (last[0] is text or last[0] == text):
        return last[1]
    key = hashlib.blake2b(b"text\0" + text.encode("utf-8"), digest_size=20).digest()
    _TEXT_KEYS[name] = (text, key)
    return key


def work_out_keys(staging: str) -> None:
    """The keys of the build writing into `staging`, if it has not worked them out yet."""
    build = IN_PROGRESS.get(staging)
    if build is not None:
        build.plan.all_keys()


@dataclass
class Build:
    final: str
    cache: str
    plan: Plan


# staging folder -> the build in progress; staging.finish takes it.
IN_PROGRESS: dict[str, Build] = {}


def skip_unchanged(
    outputs: list[Output], settings, context, extra: Any, staging: str, final: str | None, manifest: str
):
    """The outputs this build must write into `staging`; the rest are already in `final` as they would be."""
    cache = cache_folder(settings)
    if cache is None or final is None:
        return outputs
    shared = shared_key(settings, context, extra)
    built = plan(outputs, shared, load_state(cache, final, manifest), final)
    IN_PROGRESS[staging] = Build(final, cache, built)
    log.info(
        "programs-site: %d of %d generated files unchanged%s",
        len(built.kept),
        len(outputs),
        "" if built.in_place else " (full build)",
    )
    return built.write


def files_under(folder: str) -> Iterable[str]:
    for parent, _, files in os.walk(folder):
        rel = os.path.relpath(parent, folder).replace(os.sep, "/")
        for name in files:
            yield name if rel == "." else f"{rel}/{name}"


def same_bytes(a: str, b: str) -> bool:
    try:
        if os.path.getsize(a) != os.path.getsize(b):
            return False
        with open(a, "rb") as one, open(b, "rb") as two:
            return one.read() == two.read()
    except OSError:
        return False


def through_link(folder: str, path: str, seen: dict[str, bool] | None = None) -> bool:
    """Whether a folder on the way to `path` (relative, under `folder`) is a symbolic link: writing or
    deleting there could reach outside `folder`. `seen` remembers the folders already looked at."""
    seen = {} if seen is None else seen
    parts = path.split("/")[:-1]
    for n in range(1, len(parts) + 1):
        prefix = "/".join(parts[:n])
        linked = seen.get(prefix)
        if linked is None:
            linked = seen[prefix] = os.path.islink(os.path.join(folder, prefix))
        if linked:
            return True
    return False


def move_in(staging: str, final: str, old: set[str], kept: set[str], manifest: str) -> list[str]:
    """Move this build's files from `staging` into `final`, each in one rename, and delete the files
    the last build wrote that this one no longer makes. Returns the new list of written files.
    Nothing is written or deleted through a symbolic link (it could lead out of `final`)."""
    fresh = [path for path in files_under(staging) if path != manifest]
    seen: dict[str, bool] = {}
    linked = sorted(path for path in fresh if through_link(final, path, seen))
    if linked:
        raise OSError(
            errno.ELOOP, "a folder on the way is a symbolic link; move it away", os.path.join(final, linked[0])
        )
    written = sorted(kept | set(fresh))
    for path in fresh:
        source, target = os.path.join(staging, path), os.path.join(final, path)
        if path in old and same_bytes(source, target):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(source, target)
    gone = old - set(written)
    for path in sorted(gone):
        if through_link(final, path, seen):
            continue
        try:
            os.remove(os.path.join(final, path))
        except FileNotFoundError:
            continue
        folder = os.path.dirname(path)
        while folder:  # an emptied folder of ours goes too (os.rmdir refuses a folder with anything in it)
            try:
                os.rmdir(os.path.join(final, folder))
            except OSError:
                break
            folder = os.path.dirname(folder)
    return written
