"""The benchmark's scratch folders: nothing is deleted while builds are being timed.

On ext4 without a journal (the machines these benchmarks run on), the kernel will not reuse an
inode freed in the last few minutes while it finds others (`recently_deleted` in ext4's inode
allocator), and it checks each freed inode in turn: for some minutes after 20,000 files are
deleted, creating a file or folder costs 0.3-1 ms of system time instead of 25-60 µs. A build
timed right after the last build's output was deleted then spends 5-20 s in the kernel, and the
figure says more about the order of the runner's steps than about the build.

So the runner never deletes during a run: `discard` renames a folder into the run's trash (a
rename frees no inode), and `empty_trash` deletes it all once every figure is measured. `probe`
times the creation of a few hundred folders, so the report shows what creating files cost when
the builds ran (a high figure means something else freed many files shortly before), and
`quiet_probe` waits, a bounded time, for that cost to come down before a build is timed: deletions
made by something else (`make test`, a previous run's last step) are over in a few minutes.
"""

from __future__ import annotations

import itertools
import os
import shutil
import time
from pathlib import Path

_COUNTER = itertools.count()
TRASH: dict[str, Path | None] = {"folder": None}


def use_trash(folder: Path) -> None:
    """Where this run's discarded folders go (on the same file system, so a rename is enough)."""
    folder.mkdir(parents=True, exist_ok=True)
    TRASH["folder"] = folder


def discard(path: Path) -> Path:
    """Move `path` (if it exists) out of the way; returns `path`, now free to be made again."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        trash = TRASH["folder"]
        if trash is None:  # outside a run (a module used on its own): delete at once
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        else:
            os.rename(path, trash / f"{next(_COUNTER)}-{path.name}")
    return path


def empty_trash() -> None:
    trash = TRASH["folder"]
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)
        TRASH["folder"] = None


def retire(work: Path) -> Path | None:
    """A previous run's work folder, renamed beside it so this run can start at once; the caller
    deletes it after measuring (its files were not freed, so they cost this run nothing)."""
    if not work.exists():
        return None
    old = work.with_name(f"{work.name}.old-{os.getpid()}-{time.time_ns()}")
    os.rename(work, old)
    return old


def probe(folder: Path, count: int = 300) -> float:
    """Microseconds of wall time to create (and keep, until the trash is emptied) one empty folder."""
    target = folder / f"probe-{next(_COUNTER)}"
    target.mkdir(parents=True)
    started = time.perf_counter()
    for index in range(count):
        os.mkdir(target / str(index))
    elapsed = time.perf_counter() - started
    discard(target)
    return elapsed / count * 1e6


QUIET = {"us": 150.0, "seconds": 420.0}  # a quiet disk creates a folder in 25-60 µs; set from --disk-wait


def quiet_probe(folder: Path, sleep=time.sleep) -> float:
    """`probe`, repeated every 20 s while creating a folder costs more than QUIET["us"] (recent
    deletions), for at most QUIET["seconds"]; returns the last figure, which the report shows."""
    deadline = time.monotonic() + QUIET["seconds"]
    cost = probe(folder)
    while cost > QUIET["us"] and time.monotonic() < deadline:
        sleep(20)
        cost = probe(folder)
    return cost
