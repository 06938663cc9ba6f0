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
  two renames otherwise), so a reader or a failed build never sees half a site. An output folder
  that is a mount point (a Docker volume) cannot be renamed: there the build is made in a hidden
  folder inside it and its files are moved in one by one, as a small rebuild's are;
- one build at a time per output folder: a build holds an OS lock (flock) on the output folder and
  on its own staging folder until it ends, so a second build waits; the kernel drops the lock when
  a process dies, so it never goes stale, and no lock file is left anywhere;
- the list is replaced whole (a temporary file, fsync, rename), and its entries are trusted only
  inside the folder: absolute paths, `..` and paths through a symbolic link are ignored, with a warning.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import errno
import functools
import glob
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; builds there are not kept apart
    fcntl = None

from . import build_cache

_STAGING_MARK = ".building-"
# A mount point's staging folder lives inside it (a rename cannot cross a mount): this name, then random.
_INNER_PREFIX = ".programs-site" + _STAGING_MARK
_FINAL = "_programs_site_final_output"
_CLEANUP = "_programs_site_cleanup"
MANIFEST = ".programs-site-files"
_MANIFEST_NEW = MANIFEST + ".new"  # the list being written; renamed over MANIFEST once whole
_MANIFEST_HEADER = "# Files the last programs-site build wrote here; the next build replaces only these.\n"
# Pelican's OUTPUT_RETENTION names these for a GitHub Pages clone; they are kept whatever the setting says.
DEFAULT_RETENTION = (".git", "CNAME", ".nojekyll")
PROJECT_ROOT = Path(__file__).resolve().parents[3]
FINAL_OF: dict[str, str] = {}  # staging folder -> the output folder it will become


class Refused(Exception):
    """The output folder may not be used; the message is one line for the maintainer."""


def _prefix(final: str) -> str:
    return os.path.join(os.path.dirname(final), "." + os.path.basename(final) + _STAGING_MARK)


def _refuse(message: str):
    print(f"Build refused: {message}", file=sys.stderr)
    raise SystemExit(1)


def _fail(error: OSError):
    """A read-only folder, a full disk, a folder that cannot be moved: one line, not a traceback."""
    path = error.filename2 or error.filename  # a copy's failure names the source, then the file it wrote
    where = f"{path}: " if path else ""
    print(f"Build failed: {where}{error.strerror or error} (the last site is left as it was)", file=sys.stderr)
    raise SystemExit(1)


# What the disk or the folder, not the code, makes a write fail with: said in one line, not a traceback.
WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}


def stopping_on_write_errors(generate_output):
    """A generator's generate_output, stopping the build in one line when a write fails for want of
    space or permission (the staging folder is removed at exit); any other error is raised as it was."""

    @functools.wraps(generate_output)
    def wrapped(*args, **kwargs):
        try:
            return generate_output(*args, **kwargs)
        except OSError as error:
            if error.errno in WRITE_ERRORS:
                _fail(error)
            raise

    return wrapped


def _ours(name: str) -> bool:
    """Names a build leaves inside the output folder only while it runs (its list being written,
    a mount point's staging folder); a killed build's are removed by the next one."""
    return name == _MANIFEST_NEW or name.startswith(_INNER_PREFIX)


class _CopyFailures(logging.Handler):
    """Pelican copies the theme's files with a function that logs a failed copy (a full disk) as a
    warning and goes on; the build would then end with files missing and exit 0. finish() stops it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[OSError] = []

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith("A problem occurred copying") and isinstance(record.args, tuple):
            self.errors += [arg for arg in record.args if isinstance(arg, OSError)]


_COPY_FAILURES = _CopyFailures()


# --- one build at a time per output folder ----------------------------------------------------------

_LOCKS: dict[str, list[int]] = {}  # output folder -> open folders this process holds locked
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EINVAL}


def _hold(folder: str, final: str, wait_message: str | None = None) -> bool:
    """Lock `folder` (the output folder, or this build's staging folder) for the build into `final`.

    False when `folder` is no longer what stands at that path once locked (another build swapped
    it away while we waited): the caller tries again with the new one.
    """
    if fcntl is None:
        return True
    handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if wait_message:
                print(wait_message, file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError as error:
            if error.errno not in _NO_LOCKS:
                raise
            # Some network and FUSE file systems have no flock: build there unguarded, as before, and say so.
            os.close(handle)
            if wait_message:  # said for the output folder only (its staging folder is on the same file system)
                print(
                    f"Warning: {folder} cannot be locked ({error.strerror}); run one build at a time there",
                    file=sys.stderr,
                )
            return True
        if not os.path.samestat(os.fstat(handle), os.stat(folder)):
            os.close(handle)
            return False
    except OSError:
        os.close(handle)
        raise
    _LOCKS.setdefault(final, []).append(handle)
    return True


def lock(final: str, create: bool = True) -> bool:
    """Wait until no other build (or `make clean`) works on `final`, then hold it until release().

    A missing `final` is made (empty) first, when `create`: a lock needs something to stand on.
    False when it is missing and not to be made.
    """
    message = f"Waiting for another build into {final} to finish…"
    while True:
        try:
            if _hold(final, final, message):
                return True
            message = None  # said once; it was swapped away while we waited: lock the new one
        except FileNotFoundError:
            if not create:
                return False
            os.makedirs(final, exist_ok=True)
            _MADE.add(final)


_MADE: set[str] = set()  # output folders this process made empty to lock; a failed first build removes them


def release(final: str | None = None) -> None:
    """Let the next build in (every output folder this process holds, when `final` is None)."""
    for folder in [final] if final else list(_LOCKS):
        for handle in _LOCKS.pop(folder, []):
            os.close(handle)  # closing the last descriptor drops the flock


def _mount_point(path: str) -> bool:
    """Whether `path` is a mount point: a bind mount of a folder of the same file system too, which
    os.path.ismount does not see (it compares devices), hence /proc/self/mountinfo where there is one."""
    if os.path.ismount(path):
        return True
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return False
    unescape = partial(re.sub, r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)))
    return any(len(fields) > 4 and unescape(fields[4]) == path for fields in map(str.split, lines))


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
        theirs = sorted(name for name in set(os.listdir(final)) - set(retention(settings)) if not _ours(name))
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
    """The files the last build listed in `folder`, those that name a place inside it.

    The folder may be a shared git clone, so the list may come from anyone: an entry that is
    absolute or climbs out (`..`) is ignored, with a warning (a path through a symbolic link is
    caught where files are deleted or written: build_cache.through_link).
    """
    try:
        text = Path(folder, MANIFEST).read_text(encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        return None
    lines = text.splitlines()
    listed = {line for line in lines if line and not line.startswith("#")}
    framed = "\n" + "\n".join(lines) + "\n"
    # Looked at line by line only when the text has a mark of a path that is not plain (0.02 s at 30,000 lines).
    unsafe = sorted(p for p in listed if not _plain(p)) if any(m in framed for m in _NOT_PLAIN) else []
    if unsafe:
        _warn_once(folder, unsafe)
        listed.difference_update(unsafe)
    return listed


_NOT_PLAIN = ("\n/", "\n.", "/.", "//", "/\n")  # in "\n"-framed lines: absolute, or a "", "." or ".." part


def _plain(path: str) -> bool:
    """A relative '/'-separated path that stays inside the folder it is relative to."""
    return not path.startswith("/") and not any(part in ("", ".", "..") for part in path.split("/"))


_WARNED: set[tuple[str, ...]] = set()  # once per build: the old site, swapped out, is read again to remove it


def _warn_once(folder: str, unsafe: list[str]) -> None:
    if tuple(unsafe) in _WARNED:
        return
    _WARNED.add(tuple(unsafe))
    shown = ", ".join(unsafe[:5]) + (", …" if len(unsafe) > 5 else "")
    print(
        f"Warning: ignored {len(unsafe)} line(s) of {os.path.join(folder, MANIFEST)} that could point outside the folder: {shown}",
        file=sys.stderr,
    )


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
    """Replace the list in one step: a build killed while writing it leaves the old list (and a
    partial MANIFEST.new, which the next build removes), never a truncated one."""
    temporary = os.path.join(folder, _MANIFEST_NEW)
    try:
        with open(temporary, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(_MANIFEST_HEADER + "".join(f"{f}\n" for f in files))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, os.path.join(folder, MANIFEST))
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        if isinstance(error, OSError) and not error.filename:  # a write or fsync names no file
            error.filename = temporary
        raise


def foreign_entries(folder: str, written: set[str]) -> list[str]:
    """Files and folders under `folder` that no build wrote (not in `written`), outermost only.

    A folder that holds no written file (`.git`) is one entry, not walked.
    """
    parents = {"/".join(parts[:n]) for parts in (f.split("/") for f in written) for n in range(1, len(parts))}
    found = []

    def visit(rel: str) -> None:
        try:
            entries = os.scandir(os.path.join(folder, rel) if rel else folder)
        except FileNotFoundError:  # an old site that the last build's background `rm` is removing
            return
        with entries:
            for entry in entries:
                path = f"{rel}/{entry.name}" if rel else entry.name
                if path == MANIFEST or (not rel and _ours(entry.name)):
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
    # A folder of theirs emptied when its files moved into the new site holds nothing of theirs.
    theirs = [path for path in theirs if not _empty_folder(os.path.join(folder, path))]
    if theirs:
        print(f"Kept {folder}: it holds files no build wrote ({', '.join(theirs[:5])})", file=sys.stderr)
        return
    if later:
        _remove_later(folder)
    else:
        shutil.rmtree(folder, ignore_errors=True)


def _empty_folder(path: str) -> bool:
    return _real_dir(path) and not any(files for _, _, files in os.walk(path))


def begin(pelican) -> None:
    final = getattr(pelican, _FINAL, None) or os.path.realpath(pelican.output_path)
    setattr(pelican, _FINAL, final)
    release(final)  # a long-lived process's last build, if it failed, may still hold it
    try:
        check_target(final, pelican.settings)
    except Refused as refused:
        _refuse(str(refused))
    staging = None
    try:
        os.makedirs(os.path.dirname(final), exist_ok=True)
        lock(final)
        check_target(final, pelican.settings)  # again: the folder is ours only now
        if not os.access(final, os.W_OK):
            raise OSError(errno.EROFS, "the output folder is read-only", final)
        reuse = _EMPTIED.pop(final, None)
        _remove_leftovers(final, reuse)
        if reuse is not None and os.path.isdir(reuse) and not any(build_cache.files_under(reuse)):
            staging = reuse
            _REUSED.add(staging)
        else:
            if reuse is not None:
                discard(reuse)
            if _mount_point(final):  # it cannot be renamed, and nothing can be renamed into it from outside
                staging = tempfile.mkdtemp(prefix=_INNER_PREFIX, dir=final)
            else:
                staging = tempfile.mkdtemp(prefix=os.path.basename(_prefix(final)), dir=os.path.dirname(final))
            os.chmod(staging, 0o755)  # mkdtemp's 0700 would make the published folder private
        _hold(staging, final)
        logging.getLogger("pelican.utils").addHandler(_COPY_FAILURES)  # once: a handler is added only once
        _COPY_FAILURES.errors.clear()
    except Refused as refused:
        _abandon(final, staging)
        _refuse(str(refused))
    except OSError as error:
        _abandon(final, staging)
        _fail(error)
    pelican.output_path = staging
    FINAL_OF[staging] = final
    # If the build fails (an exception, or our SystemExit for bad data) finalized never comes.
    cleanup = partial(_abandon, final, staging)
    setattr(pelican, _CLEANUP, cleanup)
    atexit.register(cleanup)


def _abandon(final: str, staging: str | None) -> None:
    """A failed build: its staging folder goes, an output folder it made only to lock goes, the lock goes."""
    if staging is not None:
        discard(staging)
    if final in _MADE:
        _MADE.discard(final)
        with contextlib.suppress(OSError):  # not empty: a build filled it after all
            os.rmdir(final)
    release(final)


def _remove_leftovers(final: str, reuse: str | None) -> None:
    """What a killed build left (we hold the lock, so no build is using them): its list being
    written, its staging folder; their files that it had moved into its staging folder go back."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(os.path.join(final, _MANIFEST_NEW))
    outside = glob.glob(glob.escape(_prefix(final)) + "*")
    inside = glob.glob(glob.escape(os.path.join(final, _INNER_PREFIX)) + "*")
    old_sites = sorted(path for path in outside if path.startswith(_prefix(final) + "old-"))
    if old_sites and final in _MADE and not os.listdir(final):
        # Killed between the two renames of a swap (no atomic exchange): the output folder was gone
        # (lock() made an empty one), the last site is in the backup. It goes back, locked anew.
        os.rmdir(final)
        os.rename(old_sites[0], final)
        _MADE.discard(final)
        release(final)
        lock(final)
        outside.remove(old_sites[0])
    for leftover in sorted(outside) + sorted(inside):
        if leftover == reuse:
            continue
        _REUSED.discard(leftover)
        if leftover in outside:
            with contextlib.suppress(OSError):
                _put_back(leftover, final, _theirs_in(leftover))
        discard(leftover)


def _theirs_in(leftover: str) -> list[str]:
    """Files of theirs in a staging folder whose swap was cut short (it has its list, so it finished building)."""
    written = read_manifest(leftover)
    if written is None:
        return []
    return [path for path in foreign_entries(leftover, written) if not _empty_folder(os.path.join(leftover, path))]


def finish(pelican) -> None:
    final = getattr(pelican, _FINAL, None)
    staging = pelican.output_path
    if not final or staging == final:
        return
    FINAL_OF.pop(staging, None)
    keep = bool(pelican.settings.get("KEEP_FOR_NEXT_BUILD"))  # devserver.py builds again in this process
    reused = staging in _REUSED
    _REUSED.discard(staging)
    build = build_cache.IN_PROGRESS.pop(staging, None)
    try:
        if _COPY_FAILURES.errors:
            raise _COPY_FAILURES.errors[0]
        if build and build.plan.in_place and os.path.isdir(final):
            build_cache.forget(build.cache, final)  # until the move is done, the next build starts afresh
            _move_in(staging, final, build.plan.kept)
            build_cache.save_state(build.cache, final, MANIFEST, build.plan.all_keys(), build.plan.found)
            _done_with(staging, final, keep)
        elif os.path.dirname(staging) == final:  # a mount point: moved in file by file
            if build:
                build_cache.forget(build.cache, final)
            _move_in(staging, final, set())
            if build:
                build_cache.save_state(build.cache, final, MANIFEST, build.plan.all_keys())
            _done_with(staging, final, keep)
        else:
            _finish_whole(staging, final, reused)
            if build:
                build_cache.save_state(build.cache, final, MANIFEST, build.plan.all_keys())
    except OSError as error:
        _fail(error)  # atexit's cleanup removes the staging folder
    pelican.output_path = final
    atexit.unregister(getattr(pelican, _CLEANUP))
    _MADE.discard(final)
    release(final)


def _move_in(staging: str, final: str, kept: set[str]) -> None:
    """Move the staging folder's files into `final` one by one (see build_cache), keep the rest as they are."""
    old = read_manifest(final) or set()
    fresh = set(build_cache.files_under(staging))
    clashes = sorted(p for p in fresh - old if os.path.lexists(os.path.join(final, p)))
    if clashes:
        _refuse(
            f"{os.path.join(final, clashes[0])} was not written by a build, and this build writes it; "
            "move it away and build again"
        )
    # Every file this build may place is listed first, so an interrupted move leaves no file unlisted.
    write_manifest(final, sorted(old | fresh | kept))
    written = build_cache.move_in(staging, final, old, kept, MANIFEST)
    write_manifest(final, written)


def _done_with(staging: str, final: str, keep: bool) -> None:
    if keep:
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
    if not os.path.isdir(final):
        os.rename(staging, final)
        return
    try:
        moved = keep_theirs(final, staging)
    except Refused as refused:
        _refuse(str(refused))
    try:
        swap(staging, final)
    except OSError as error:
        _put_back(staging, final, moved)
        if error.errno not in (errno.EBUSY, errno.EXDEV):
            raise
        # A mount point that _mount_point did not see: its files are moved in instead.
        os.remove(os.path.join(staging, MANIFEST))
        _move_in(staging, final, set())
        discard(staging)
        return
    discard(staging, later=True)  # now the old site, with none of their files left in it


def keep_theirs(final: str, staging: str) -> list[str]:
    """Move every entry of `final` that no build wrote into `staging`, at the same path; returns them."""
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
        _put_back(staging, final, moved)  # nothing of theirs is left in staging
        raise
    return moved


def _put_back(staging: str, final: str, moved: list[str]) -> None:
    for path in reversed(moved):
        target = os.path.join(final, path)
        if os.path.lexists(target) or build_cache.through_link(final, path):
            continue  # a leftover's file whose place is taken: the leftover is kept, and named
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.rename(os.path.join(staging, path), target)


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
    """`make clean`: remove what builds wrote in `final` and leftover staging folders, nothing else
    (list entries that point outside `final` are ignored, with a warning). Waits for a build in progress.

    Returns a line saying what was kept, for the maintainer.
    """
    final = os.path.realpath(final)
    held = os.path.isdir(final) and lock(final, create=False)
    try:
        _remove_leftovers(final, None)
        written = read_manifest(final) if os.path.isdir(final) else None
        if written is None:
            return f"{final}: no list of built files there, so nothing was removed" if os.path.exists(final) else ""
        seen: dict[str, bool] = {}
        for path in written:
            if not build_cache.through_link(final, path, seen):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(os.path.join(final, path))
        os.remove(os.path.join(final, MANIFEST))
        for parent, _, _ in sorted(os.walk(final), key=lambda entry: -len(entry[0])):  # deepest first
            with contextlib.suppress(OSError):  # not empty: it holds something builds did not write
                os.rmdir(parent)
        return f"kept {final}: it holds files builds did not write" if os.path.exists(final) else ""
    finally:
        if held:
            release(final)


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
