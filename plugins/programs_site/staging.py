"""Build into a fresh sibling folder and swap it in at the end, never touching files a build did not write.

Pelican writes straight into OUTPUT_PATH; we point it at a staging folder just before the
generators are made (the get_generators signal fires then, on every run, autoreload included)
and swap the staging folder with the real one when Pelican signals `finalized`.

The output folder's rules (README, "Where the site is written"):
- a folder that holds the project, its content, theme, data or settings, or lies inside the content
  or theme, is refused before any work (one line on stderr, exit 1);
- every build leaves a list of the files it wrote (MANIFEST) in the folder. Anything not on the
  previous build's list (`.git`, `CNAME`, `.nojekyll`, a host's verification file, someone's notes)
  is moved into the new build before the swap, so it survives; a folder with no list that holds
  anything besides the OUTPUT_RETENTION names is someone else's, and is refused.
- the new site appears in one step (an atomic exchange of the two folders where the system has it,
  two renames otherwise), so a reader or a failed build never sees half a site.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

from . import build_cache
from .memo import long_lived

_STAGING_MARK = ".building-"
_FINAL = "_programs_site_final_output"
_CLEANUP = "_programs_site_cleanup"
MANIFEST = ".programs-site-files"
_MANIFEST_HEADER = "# Files the last programs-site build wrote here; the next build replaces only these.\n"
# Pelican's OUTPUT_RETENTION names these for a GitHub Pages clone; they are kept whatever the setting says.
DEFAULT_RETENTION = (".git", "CNAME", ".nojekyll")
PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
FINAL_OF: dict[str, str] = {}  # staging folder -> the output folder it will become


class Refused(Exception):
    """The output folder may not be used; the message is one line for the maintainer."""


def _prefix(final: str) -> str:
    return os.path.join(os.path.dirname(final), "." + os.path.basename(final) + _STAGING_MARK)


def _refuse(message: str):
    print(f"Build refused: {message}", file=sys.stderr)
    raise SystemExit(1)


# --- what may be used as the output folder -------------------------------------------------------


def _protected(settings) -> list[tuple[str, str]]:
    """(what, path) for everything a build must never write over."""
    named = [
        ("the project", PROJECT_ROOT),
        ("the content folder", settings.get("PATH")),
        ("the theme", settings.get("THEME")),
        ("the programs file", settings.get("PROGRAMS_CSV")),
        ("the credentials file", settings.get("CREDENTIALS_CSV")),
        ("the mapping file", settings.get("PROGRAMS_MAPPING")),
        ("the fields file", settings.get("PROGRAMS_FIELDS")),
        ("the npm packages", settings.get("NODE_MODULES")),
    ]
    return [(what, os.path.realpath(path)) for what, path in named if path]


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def check_target(final: str, settings) -> None:
    """Raise Refused when `final` (a real path) is a folder a build must not replace."""
    for what, path in _protected(settings):
        if _inside(path, final):
            raise Refused(f"{final} holds {what} ({path}); build into a folder of its own, such as output/")
    for what in ("the content folder", "the theme"):
        path = dict(_protected(settings)).get(what)
        if path and _inside(final, path):
            raise Refused(f"{final} is inside {what} ({path}); build into a folder of its own, such as output/")
    if os.path.lexists(final) and not os.path.isdir(final):
        raise Refused(f"{final} is a file, not a folder")
    if os.path.isdir(final) and read_manifest(final) is None:
        theirs = sorted(set(os.listdir(final)) - set(retention(settings)))
        if theirs:
            shown = ", ".join(theirs[:5]) + (", …" if len(theirs) > 5 else "")
            raise Refused(
                f"{final} holds files a build of this site did not write ({shown}); "
                "build into an empty or new folder, or move them away"
            )


def retention(settings) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*DEFAULT_RETENTION, *(settings.get("OUTPUT_RETENTION") or ())]))


# --- the list of files a build wrote ----------------------------------------------------------------


def read_manifest(folder: str) -> set[str] | None:
    try:
        text = Path(folder, MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return {line for line in text.splitlines() if line and not line.startswith("#")}


def written_files(folder: str) -> list[str]:
    """Every file under `folder`, as sorted '/'-separated relative paths: what a fresh build wrote.

    scandir by hand, not os.walk: half the time (0.1 s of CPU for 10,000 program folders).
    """
    found = []
    pending = [("", folder)]
    while pending:
        rel, path = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((f"{rel}{entry.name}/", entry.path))
                else:
                    found.append(rel + entry.name)
    return sorted(path for path in found if path != MANIFEST)


def write_manifest(folder: str, files: list[str]) -> None:
    Path(folder, MANIFEST).write_text(_MANIFEST_HEADER + "".join(f"{f}\n" for f in files), encoding="utf-8")


def foreign_entries(folder: str, written: set[str]) -> list[str]:
    """Files and folders under `folder` that no build wrote (not in `written`), outermost only.

    A folder that holds no written file (`.git`) is one entry, not walked.
    """
    parents = {"/".join(parts[:n]) for parts in (f.split("/") for f in written) for n in range(1, len(parts))}
    found = []

    def visit(rel: str) -> None:
        with os.scandir(os.path.join(folder, rel) if rel else folder) as entries:
            for entry in entries:
                path = f"{rel}/{entry.name}" if rel else entry.name
                if path == MANIFEST:
                    continue
                if entry.is_dir(follow_symlinks=False) and path in parents:
                    visit(path)
                elif path not in written:
                    found.append(path)

    visit("")
    return sorted(found)


# --- the build's life: begin, finish, and cleaning up after a failed one -------------------------


def discard(folder: str, later: bool = False) -> None:
    """Remove a staging or old-site folder (`later`: in the background), unless it holds something
    no build wrote. Such things are there only when a swap was interrupted; they are kept, and named.
    """
    if not os.path.isdir(folder):
        return
    written = read_manifest(folder)
    theirs = foreign_entries(folder, written) if written is not None else []
    if theirs:
        print(f"Kept {folder}: it holds files no build wrote ({', '.join(theirs[:5])})", file=sys.stderr)
        return
    if later:
        _remove_later(folder)
    else:
        shutil.rmtree(folder, ignore_errors=True)


def begin(pelican) -> None:
    final = getattr(pelican, _FINAL, None) or os.path.realpath(pelican.output_path)
    setattr(pelican, _FINAL, final)
    try:
        check_target(final, pelican.settings)
    except Refused as refused:
        _refuse(str(refused))
    os.makedirs(os.path.dirname(final), exist_ok=True)
    reuse = _EMPTIED.pop(final, None)
    for leftover in glob.glob(glob.escape(_prefix(final)) + "*"):  # from a build that was killed
        if leftover != reuse:
            _REUSED.discard(leftover)
            discard(leftover)
    if reuse is not None and os.path.isdir(reuse) and not any(build_cache.files_under(reuse)):
        staging = reuse
        _REUSED.add(staging)
    else:
        if reuse is not None:
            discard(reuse)
        staging = tempfile.mkdtemp(prefix=os.path.basename(_prefix(final)), dir=os.path.dirname(final))
        os.chmod(staging, 0o755)  # mkdtemp's 0700 would make the published folder private
    pelican.output_path = staging
    FINAL_OF[staging] = final
    # If the build fails (an exception, or our SystemExit for bad data) finalized never comes.
    cleanup = partial(discard, staging)
    setattr(pelican, _CLEANUP, cleanup)
    atexit.register(cleanup)


def finish(pelican) -> None:
    final = getattr(pelican, _FINAL, None)
    staging = pelican.output_path
    if not final or staging == final:
        return
    FINAL_OF.pop(staging, None)
    reused = staging in _REUSED
    _REUSED.discard(staging)
    build = build_cache.IN_PROGRESS.pop(staging, None)
    if build and build.plan.in_place and os.path.isdir(final):
        _finish_in_place(build, staging, final)
    else:
        _finish_whole(staging, final, reused)
        if build:
            build_cache.save_state(build.cache, final, MANIFEST, build.plan.all_keys())
    pelican.output_path = final
    atexit.unregister(getattr(pelican, _CLEANUP))


def _finish_in_place(build, staging: str, final: str) -> None:
    """Only a few files changed: move them in one by one (see build_cache), keep the rest as they are."""
    old = read_manifest(final) or set()
    fresh = set(build_cache.files_under(staging))
    clashes = sorted(p for p in fresh - old if os.path.lexists(os.path.join(final, p)))
    if clashes:
        _refuse(
            f"{os.path.join(final, clashes[0])} was not written by a build, and this build writes it; "
            "move it away and build again"
        )
    build_cache.forget(build.cache, final)  # until the move is done, the next build starts afresh
    # Every file this build may place is listed first, so an interrupted move leaves no file unlisted.
    write_manifest(final, sorted(old | fresh | build.plan.kept))
    written = build_cache.move_in(staging, final, old, build.plan.kept, MANIFEST)
    write_manifest(final, written)
    build_cache.save_state(build.cache, final, MANIFEST, build.plan.all_keys(), build.plan.found)
    if long_lived():
        _empty(staging)
        _EMPTIED[final] = staging
    else:
        discard(staging)


# A long-lived process's emptied staging folder, by output folder: its next build writes into it
# again. A rebuild's files sit in a few hundred folders (page/N/, search/…); making and removing
# them on every rebuild cost 0.1–0.2 s (a folder removed is slow to make again on this file system).
_EMPTIED: dict[str, str] = {}
_REUSED: set[str] = set()  # staging folders of builds in progress that were reused


def _empty(folder: str) -> None:
    """Remove the files left in `folder` (those the output folder already held), keeping its folders."""
    for path in build_cache.files_under(folder):
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(folder, path))


def _remove_empty_folders(folder: str) -> None:
    """Folders a reused staging folder brought along and this build wrote nothing into (deepest first)."""
    for parent, _, _ in sorted(os.walk(folder), key=lambda entry: -len(entry[0])):
        if parent != folder:
            with contextlib.suppress(OSError):  # not empty
                os.rmdir(parent)


def _finish_whole(staging: str, final: str, reused: bool = False) -> None:
    if reused:  # a reused staging folder may hold empty folders, which a clean build does not have
        _remove_empty_folders(staging)
    write_manifest(staging, written_files(staging))
    if os.path.isdir(final):
        try:
            keep_theirs(final, staging)
        except Refused as refused:
            _refuse(str(refused))
        swap(staging, final)
        discard(staging, later=True)  # now the old site, with none of their files left in it
    else:
        os.rename(staging, final)


def keep_theirs(final: str, staging: str) -> None:
    """Move every entry of `final` that no build wrote into `staging`, at the same path."""
    theirs, clashes = [], []
    pending = foreign_entries(final, read_manifest(final) or set())
    while pending:
        path = pending.pop(0)
        source, target = os.path.join(final, path), os.path.join(staging, path)
        if not os.path.lexists(target):
            theirs.append(path)
        elif _real_dir(source) and _real_dir(target):  # a folder the new build also writes into
            pending += sorted(f"{path}/{name}" for name in os.listdir(source))
        else:
            clashes.append(path)
    if clashes:
        raise Refused(
            f"{os.path.join(final, clashes[0])} was not written by a build, and this build writes it; "
            "move it away and build again"
        )
    moved = []
    try:
        for path in theirs:
            target = os.path.join(staging, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.rename(os.path.join(final, path), target)
            moved.append(path)
    except OSError:
        for path in reversed(moved):  # put back what moved, so nothing of theirs is left in staging
            os.rename(os.path.join(staging, path), os.path.join(final, path))
        raise


def _real_dir(path: str) -> bool:
    return os.path.isdir(path) and not os.path.islink(path)


def swap(new: str, final: str) -> None:
    """Put `new` at `final` and the old `final` at `new`, in one step where the system allows it."""
    if _exchange(new, final):
        return
    backup = tempfile.mkdtemp(prefix=os.path.basename(_prefix(final)) + "old-", dir=os.path.dirname(final))
    os.rmdir(backup)
    os.rename(final, backup)
    try:
        os.rename(new, final)
    except OSError:
        os.rename(backup, final)  # the old site goes back where it was
        raise
    os.rename(backup, new)


def _exchange(a: str, b: str) -> bool:
    """Linux's renameat2(RENAME_EXCHANGE): both names swap at once, so `b` never goes missing."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def clean(final: str) -> str:
    """`make clean`: remove what builds wrote in `final` and leftover staging folders, nothing else.

    Returns a line saying what was kept, for the maintainer.
    """
    final = os.path.realpath(final)
    for leftover in glob.glob(glob.escape(_prefix(final)) + "*"):
        discard(leftover)
    written = read_manifest(final) if os.path.isdir(final) else None
    if written is None:
        return f"{final}: no list of built files there, so nothing was removed" if os.path.exists(final) else ""
    for path in written:
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(final, path))
    os.remove(os.path.join(final, MANIFEST))
    for parent, _, _ in sorted(os.walk(final), key=lambda entry: -len(entry[0])):  # deepest first
        with contextlib.suppress(OSError):  # not empty: it holds something builds did not write
            os.rmdir(parent)
    return f"kept {final}: it holds files builds did not write" if os.path.exists(final) else ""


def _remove_later(folder: str) -> None:
    """The old site is already out of the way; deleting 10,000 folders need not hold up the build.

    A detached `rm` finishes after Pelican exits; a leftover (machine stopped mid-way) carries the
    staging prefix and is removed by the next build's begin().
    """
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", folder], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
