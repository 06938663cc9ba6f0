"""`make devserver`: serve the site and rebuild it, in this one process, whenever a source changes.

    python -m plugins.programs_site.build.devserver [--port 8000] [--output output] [--settings pelicanconf.py]

A new `pelican` process per change would pay for its imports, for validating every row and for
wording every program each time. Here Pelican runs again in the same process, so the plugin's
memory of the last build is still there (load.py re-validates only edited rows, the generator
re-words only their programs, the search index re-processes only their words), and build_cache
writes only the files that changed. A failed build leaves the served site as it was; a change
to the plugin's code or the settings restarts the process, so the new code is what runs.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import threading
import time
import traceback
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pelican import get_instance, parse_arguments

from ..data.field_spec import fields_path
from ..data.mapping import mapping_path
from . import build_cache, collector, memo, render, staging

WATCHED = ("content", "data", "plugins", "theme", "pelicanconf.py")
# The settings that name a data file. PROGRAMS_CSV=/elsewhere/programs.csv puts it (and the mapping
# and fields files beside it) outside WATCHED, where an edit would otherwise rebuild nothing.
DATA_SETTINGS = ("PROGRAMS_CSV", "CREDENTIALS_CSV", "AID_RATES")
# How often the data files outside WATCHED are looked at (ms). They are checked by their stat rather
# than watched: watching their folder would be watching /tmp or the home folder, recursively.
OUTSIDE_CHECK_MS = 1_000


def make_pelican(settings: str, output: str):
    pelican, _ = get_instance(parse_arguments(["content", "-s", settings, "-o", output]))
    memo.LONG_LIVED["on"] = True  # the last build's rows, views and words are worth keeping here
    # The same, told to the generator, which hands the pure modules that keep what they made (load,
    # csv_table, search_index, search_files) the layer's store for it (memo.KEPT), and tells browse_page
    # and staging: they never ask memo.py whether the process is long-lived.
    pelican.settings["KEEP_FOR_NEXT_BUILD"] = True
    # A rebuild writes few files, most of them browse pages around kept cards: written here, not forked (generator.py).
    pelican.settings["RENDER_WITHOUT_FORKING_MAX"] = render.DEVSERVER_SEQUENTIAL_MAX
    cache = build_cache.cache_folder(pelican.settings)
    if cache:
        # Pelican's own cache of its Markdown pages as read (checked against each file's time), in ours.
        pelican.settings.update(CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, CACHE_PATH=os.path.join(cache, "pelican"))
    return pelican


def build(pelican) -> bool:
    """One build; True when it succeeded. Problems are printed; nothing is raised."""
    started = time.perf_counter()
    try:
        pelican.run()
    except SystemExit:  # bad data: the generator has printed every problem
        print("Build failed; the site served is the last good one.", file=sys.stderr)
        return False
    except Exception:  # noqa: BLE001 -- a template or code error, or any other (a RecursionError): show it, keep serving
        traceback.print_exc()
        print("Build failed; the site served is the last good one.", file=sys.stderr)
        return False
    finally:
        collector.resume()  # a build that failed early left collection waiting (collector.py)
        staging.release()  # a failed build's hold on the output folder: another build may go now
    print(f"Built in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return True


def outside_files(settings: dict, root: Path) -> list[Path]:
    """The data files the build reads that lie outside WATCHED, whether they exist yet or not (a
    mapping or fields file added beside the CSV is a change too)."""
    csv = settings["PROGRAMS_CSV"]
    named = [settings.get(name) for name in DATA_SETTINGS]
    named += [mapping_path(csv, settings.get("PROGRAMS_MAPPING")), fields_path(csv, settings.get("PROGRAMS_FIELDS"))]
    watched = [(root / p).resolve() for p in WATCHED]
    files = {(root / p).resolve() for p in named if p}
    return sorted(f for f in files if not any(f == w or w in f.parents for w in watched))


def stamp(files: list[Path]) -> tuple:
    """What tells an edit: each file's time, size and inode (an editor's save renames a new file
    over the old one), or None while it does not exist."""
    stamps = []
    for f in files:
        try:
            st = f.stat()
            stamps.append((st.st_mtime_ns, st.st_size, st.st_ino))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def needs_restart(changes) -> bool:
    """Code and settings are loaded once per process: a change to them needs a fresh one."""
    return any(path.endswith(".py") for _, path in changes)


def serve(output: str, port: int) -> ThreadingHTTPServer:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

    # The handler is given the folder's path, not an open handle: a full build swaps in a new
    # folder under the same name, and the next request reads from it.
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=output))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    from watchfiles import watch  # a development tool, not needed to build

    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", default="output")
    parser.add_argument("--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    pelican = make_pelican(args.settings, args.output)
    outside = outside_files(pelican.settings, Path.cwd())
    last = stamp(outside)  # before the first build: an edit made while it runs is a change
    build(pelican)
    os.makedirs(args.output, exist_ok=True)
    serve(os.path.abspath(args.output), args.port)
    shown = ", ".join([*WATCHED, *map(str, outside)])
    print(f"Serving {args.output}/ on http://127.0.0.1:{args.port}/ ; watching {shown}", file=sys.stderr)
    watching = [p for p in WATCHED if Path(p).exists()]
    for changes in watch(*watching, rust_timeout=OUTSIDE_CHECK_MS, yield_on_timeout=bool(outside)):
        now = stamp(outside)
        if not changes and now == last:
            continue
        last = now
        if needs_restart(changes):
            print("Code or settings changed: restarting.", file=sys.stderr)
            os.execv(sys.executable, [sys.executable, "-m", "plugins.programs_site.build.devserver", *argv])
        build(pelican)
    return 0


if __name__ == "__main__":
    sys.exit(main())
