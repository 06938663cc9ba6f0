"""Write the site's many pages fast: templates rendered as Pelican's writer would, on every core.

Pelican's `Writer.write_file` costs more than the template itself at 10,000 pages: Jinja's
auto-reload checks every template file's date on each `{% include %}`, and each file gets its own
`makedirs`. Here the same template context is made (the shared context, a relative SITEURL,
`output_file`, the page's values), so the HTML is byte for byte what the writer writes, and the
pages are shared out to forked worker processes, which inherit the loaded data instead of
receiving it pickled.

A forked worker shares the build's memory until it writes to it, and reading a Python object is a
write (its reference count): a worker that lived through every page would end up with its own copy
of every view and record it read, about half the build's memory at 100,000 programs, in each
worker. So a worker writes a few thousand files and exits, and a fresh one is forked in its place:
each holds a copy of only what its last few tasks read. Templates are compiled before the fork
(the generator loads them), so a new worker does not compile them again.

An `Output` is one file: its path and a function that makes its text. A function that fails in a
worker is reported as `template:line: error (writing page)` and stops the build, as it would
sequentially.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError, TemplateNotFound
from pelican.utils import get_relative_path, path_to_url

from . import collector, memo

# What a template or a data function can raise on odd data.
RENDER_ERRORS = (TemplateError, OSError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError)
# Below this many files forking costs more than it saves (a rebuild's 200 browse pages are worth it).
PARALLEL_MIN = 100
# In a long-lived process (`make devserver`) up to this many files are written without forking
# (devserver.py sets RENDER_WITHOUT_FORKING_MAX; generator.py): a rebuild's few hundred pages take less than the fork's copy-on-write faults.
DEVSERVER_SEQUENTIAL_MAX = 500
CHUNK = 250  # at most this many files per task: small enough to balance the workers, big enough to keep overhead low
# In a build of more than OVERLAP_MAX files, a worker is replaced after writing about this many files
# (see the module's docstring): a fork of a 1 GB build costs about 10 ms, and the copies a worker
# makes stay below 100 MB.
FILES_PER_WORKER = 5000
# Up to this many files the site-wide files are written while the workers write (see write_all): at
# 25,000 programs in one language the copies cost about 130 MB, and the overlap saves seconds.
OVERLAP_MAX = 50_000


@dataclass(slots=True)  # one per file: 200,000 at 100,000 programs
class Output:
    path: str  # relative to the output folder, `/`-separated
    make: Callable[[], str]
    key: Any = None  # what the text depends on beyond the build's shared inputs (see build_cache)
    # A file written in the same task as this one reads the same objects (a browse page, its first
    # program's page): a worker copies each page of memory it reads (see the module's docstring).
    near: str | None = None


class RenderError(Exception):
    """A page failed to render; `report` says where, in the `path:line:` form editors jump to."""

    def __init__(self, report: str):
        super().__init__(report)
        self.report = report


class PageRenderer:
    """Renders a template with the context Pelican's writer would give it (RELATIVE_URLS or not)."""

    def __init__(self, get_template: Callable[[str], Any], context: dict, relative_urls: bool):
        self.get_template = get_template  # the generator's: Pelican's template lookup and its errors
        self.context = dict(context)
        self.context["localsiteurl"] = self.context.get("localsiteurl")
        self.relative_urls = relative_urls
        self._roots: dict[int, str] = {}

    def _root(self, name: str) -> str:
        depth = name.count("/")
        if depth not in self._roots:
            self._roots[depth] = path_to_url(get_relative_path(name))
        return self._roots[depth]

    def render(self, name: str, template: str, **values) -> str:
        page = {}
        if self.relative_urls:
            page["SITEURL"] = page["localsiteurl"] = self._root(name)
        page["output_file"] = name
        page.update(values)
        # What Template.render(context | page) does, with one copy of the ~190 shared values where it
        # made three (ours, render's own and new_context's merge with the globals): 20,000 renders
        # at 10,000 programs. The page's values go on top of the shared ones, as the writer's do.
        compiled = self.get_template(template)
        context = compiled.new_context(self.context, False, page)
        try:
            return compiled.environment.concat(compiled.root_render_func(context))
        except Exception:  # noqa: BLE001 - re-raised by handle_exception, as Template.render does
            compiled.environment.handle_exception()  # with the template's lines in the traceback

    def output(self, name: str, template: str, **values) -> Output:
        """A page whose text depends on its values (and the build's shared inputs) only."""
        return Output(name, lambda: self.render(name, template, **values), key=(template, values))


def _make_folder(folder: str) -> None:
    """os.makedirs(folder, exist_ok=True), in one system call when the parent exists (the usual
    case: `programs/<id>/` under `programs/`), where makedirs first asks whether the parent exists."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        if not os.path.isdir(folder):
            raise
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def write_text(root: str, name: str, text: str, made: set[str]) -> None:
    write_parts(root, name, (text,), made)


PART_BYTES = 1 << 20  # a file written in parts goes out a megabyte at a time


def write_parts(root: str, name: str, parts: Iterable[str], made: set[str]) -> None:
    """The file `name` under `root`, made of `parts` in order (a big export is never held whole)."""
    path = os.path.join(root, name)
    folder = os.path.dirname(path)
    if folder not in made:  # once per folder, not per file
        _make_folder(folder)
        made.add(folder)
    # os.open and os.write: three system calls a file, where open() adds two stats, an isatty check
    # and two seeks (20,000 files at 10,000 programs); the bytes are the same (UTF-8, newlines as given).
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        pending: list[str] = []
        size = 0
        for part in parts:
            pending.append(part)
            size += len(part)
            if size >= PART_BYTES:
                _write_all(handle, "".join(pending).encode("utf-8"))
                pending, size = [], 0
        if pending:
            _write_all(handle, "".join(pending).encode("utf-8"))
    except OSError as error:
        # os.write's error (a full disk) names no file: the maintainer's one line should.
        error.filename = error.filename or path
        raise
    finally:
        os.close(handle)


def _write_all(handle: int, data: bytes) -> None:
    written = 0
    while written < len(data):
        written += os.write(handle, data[written:])


def where(err: BaseException, output: Output) -> str:
    """`theme/templates/program.html:12: UndefinedError: … (writing programs/x/index.html)`."""
    location = ""
    line = getattr(err, "lineno", None)
    filename = getattr(err, "filename", None)  # a template syntax error names its file
    if not (filename and line):
        # Jinja rewrites tracebacks so template frames carry the template's file and line.
        frames = [f for f in traceback.extract_tb(err.__traceback__) if not f.filename.endswith(".py")]
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
        else:
            last = traceback.extract_tb(err.__traceback__)[-1:]
            filename, line = (last[0].filename, last[0].lineno) if last else (None, None)
    if filename:
        # Relative inside the project (`theme/templates/program.html:9:`), absolute anywhere else.
        shown = os.path.relpath(filename)
        location = f"{filename if shown.startswith('..') else shown}:{line}: "
    return f"{location}{type(err).__name__}: {err} (writing {output.path})"


# The work a forked pool shares: set just before the fork, so workers inherit it without pickling.
_SHARED: dict[str, Any] = {}


def _write_range(bounds: tuple[int, int]) -> str | None:
    """Write outputs [start, stop); returns the first failure's report, if any."""
    outputs, root, made = _SHARED["outputs"], _SHARED["root"], set()
    for output in outputs[bounds[0] : bounds[1]]:
        try:
            write_text(root, output.path, output.make(), made)
        except OSError as err:
            from .staging import WRITE_ERRORS  # here, not above: staging imports this module

            if err.errno in WRITE_ERRORS:
                raise  # the disk or the folder, not the page: the build stops with `Build failed: <file>: …`
            return where(err, output)
        except RENDER_ERRORS as err:  # reported with its place; anything else still fails the build, with a traceback
            return where(err, output)
    return None


def write_all(outputs: list[Output], root: str, processes: int, first: Callable[[], None] | None = None) -> None:
    """Write every output under `root`, in `processes` forked workers when there are enough of them.

    `first` is work for this process that reads every program (the site-wide files). Done while
    workers share the memory, it copies what it reads, once for this process and once for the
    workers however short-lived they are: past OVERLAP_MAX files (3 GB in all at 100,000 programs)
    it runs before the workers fork; below, the copies are small and it runs while they write, on
    the other core. Raises RenderError with the first failure.
    """
    processes = max(1, processes)
    parallel = processes > 1 and len(outputs) >= PARALLEL_MIN and "fork" in multiprocessing.get_all_start_methods()
    if first and (not parallel or len(outputs) > OVERLAP_MAX):
        first()
        first = None
    collector.resume()  # before the fork: the workers' collections skip what exists now, rather than touch it
    if not parallel:
        _SHARED.update(outputs=outputs, root=root)
        try:
            failure = _write_range((0, len(outputs)))
        finally:
            _SHARED.clear()
        if failure:
            raise RenderError(failure)
        return
    outputs = in_task_order(outputs)
    _SHARED.update(outputs=outputs, root=root)
    try:
        chunks = list(_chunks(len(outputs), processes))
        size = chunks[0][1] - chunks[0][0]
        # Replaced only in a big build: in a small one the copies stay small, and each new worker
        # would fault in again the pages its predecessor had copied (0.1-0.2 s at 10,000 programs).
        replaced = max(1, FILES_PER_WORKER // size) if len(outputs) > OVERLAP_MAX else None
        with multiprocessing.get_context("fork").Pool(
            processes, initializer=memo.in_worker, maxtasksperchild=replaced
        ) as pool:
            results = pool.imap_unordered(_write_range, chunks)
            if first:
                first()
            for failure in results:
                if failure:
                    pool.terminate()
                    raise RenderError(failure)
    finally:
        _SHARED.clear()


def in_task_order(outputs: list[Output]) -> list[Output]:
    """A folder's files together (a program's page and its data file read the same objects), and a
    file with `near` after the files of that one's folder: a forked worker copies every page of memory
    it touches, so one worker, not two, should touch them. Folders in the order their first file was
    made, which is the order the views were made in, so a task's views lie together in memory too."""
    folders: dict[str, list[Output]] = {}
    for output in outputs:
        if output.near is None:
            folders.setdefault(output.path.rpartition("/")[0], []).append(output)
    for output in outputs:
        if output.near is not None:
            folders.setdefault(output.near.rpartition("/")[0], []).append(output)
    return [output for group in folders.values() for output in group]


def _chunks(count: int, processes: int) -> Iterable[tuple[int, int]]:
    size = max(1, min(CHUNK, count // (4 * processes)))  # a few tasks per worker even for a few hundred files
    return ((start, min(start + size, count)) for start in range(0, count, size))


# `{% extends "x" %}`, `{% include 'x' %}`, `{% import "x" as m %}`, `{% from "x" import m %}`: a
# template's references by a literal name, found in its source without parsing it a second time.
_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+(["'])([^"']+)\1""")


def load_with_includes(env, name: str) -> None:
    """Compile a template and every template it extends or includes (by a literal name) into `env`'s
    cache. A name that is not a template (in a comment, say) is passed over: a missing template is
    reported by the page that renders it, with its place."""
    pending, seen = [name], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            env.get_template(current)
        except TemplateNotFound:
            if current == name:
                raise
            continue
        source = env.loader.get_source(env, current)[0]
        pending += [match[1] for match in _REFERENCE.findall(source)]
