"""`make bench`: build generated data sets several ways, measure them side by side, write benchmarks/results.md.

    python -m benchmarks.run [--sizes 1000,10000] [--with-100k] [--workdir /tmp/bench-run] [--no-browser] [--no-pagefind]

Every build is a separate process measured from outside (benchmarks/measure.py); the browser figures
come from benchmarks/browser.py; benchmarks/report.py writes the tables. Ratios in the goals come
from this run only, never from older numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import baseline as baseline_rev  # --baseline REV (not the 100-program BASELINE_SIZE build)
from . import generate, history_bench, incremental, languages, measure, plain_pelican, report, scratch
from .measure import best_of, run_measured, settle
from .scratch import discard

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PELICAN = str(Path(sys.executable).parent / "pelican")
RESULTS = ROOT / "benchmarks" / "results.md"

BASELINE_SIZE = 100  # a tiny build: the fixed cost every build pays, for the linearity check
PLAIN_PELICAN_MAX = 10_000  # plain Pelican takes about a minute at 10k; 100k would take ten
FLOOR_OURS_MAX = 10_000
BROWSER_MAX = 100_000  # 100k is only built with --with-100k
HISTORY_MAX = 10_000  # the data history: four versions of the file, read with and without the cache
REBUILD_SIZES = {10_000}  # the one-row edit goal is stated at 10k
# Builds this size or smaller are repeated (best of 3): two one-off builds of the same code differ by
# about 10%, as much as the goal's margin, so the 10k goal's two sides are both the best of three.
SMALL = 10_000
LANGUAGES_MIN = 1_000  # English + Spanish is measured from this size to 10,000


def fresh(path: Path) -> Path:
    return discard(path)  # into the run's trash, emptied after the last measurement (scratch.py)


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---- the builds ----------------------------------------------------------------------------


def full_build(csv_path: Path, out: Path, log: Path, root: Path = ROOT) -> dict:
    """The real command `make html` runs, on the generated data, into an empty folder with an empty cache.
    `root`: the project whose code builds (another revision's worktree for --baseline)."""
    fresh(out)
    fresh(cache_of(out))
    return pelican_build(csv_path, out, log, root)


def cache_of(out: Path) -> Path:
    return out.with_name(out.name + "-cache")


def pelican_build(csv_path: Path, out: Path, log: Path, root: Path = ROOT) -> dict:
    # The goals' builds are the English site, the same pages plain Pelican and the floor make;
    # languages.py builds English + Spanish beside it and reports what the second language costs.
    env = {"PROGRAMS_CSV": str(csv_path), "PROGRAMS_SITE_CACHE": str(cache_of(out)), "PROGRAMS_SITE_LANGUAGES": "en"}
    return run_measured(
        [PELICAN, "content", "-s", "pelicanconf.py", "-o", str(out)], root, log, env, probe_in=out.parent
    )


def rebuilds(csv_path: Path, site: Path, work: Path, logs: Path) -> dict:
    """One row's cost edited, rebuilt into the site the full build made: by a new `pelican` process
    (what `make html` does), and by Pelican run again in one process (what `make devserver` does)."""
    size = site.name.rsplit("-", 1)[-1]
    edited = work / f"programs-{size}-edited.csv"
    incremental.edit_row(str(csv_path), program_count(csv_path) // 2, str(edited))
    new_process = pelican_build(edited, site, logs / f"rebuild-{size}.log")
    devserver_site = work / f"devserver-{size}"
    fresh(devserver_site)
    log = logs / f"rebuild-devserver-{size}.log"
    measured = run_measured(
        [PYTHON, "-m", "benchmarks.incremental", str(csv_path), str(devserver_site)],
        ROOT,
        log,
        {"PROGRAMS_SITE_CACHE": str(fresh(cache_of(devserver_site))), "PROGRAMS_SITE_LANGUAGES": "en"},
    )
    times = json.loads([line for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("{")][-1])
    discard(devserver_site)
    return {
        "new_process": new_process,
        "devserver": {**times, "peak_mb": measured["peak_mb"], "load_before": measured["load_before"]},
    }


def program_count(csv_path: Path) -> int:
    with open(csv_path, encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def floor_build(csv_path: Path, out: Path, log: Path, data: str) -> dict:
    fresh(out)
    result = run_measured([PYTHON, "-m", "benchmarks.floor", str(csv_path), str(out), "--data", data], ROOT, log)
    discard(out)
    return result


def plain_pelican_build(csv_path: Path, folder: Path, log: Path) -> dict:
    plain_pelican.write_project(csv_path, fresh(folder))  # writing the Markdown is not timed
    result = run_measured([PELICAN, "content", "-s", "settings.py", "-o", "out"], folder, log, probe_in=folder.parent)
    discard(folder)
    return result


def program_ids(csv_path: Path) -> list[str]:
    """Four programs spread over the data: the program page shows the first, compare shows all four."""
    with open(csv_path, encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    n = len(ids)
    return [ids[0], ids[n // 4], ids[n // 2], ids[(3 * n) // 4]]


def measure_size(size: int, work: Path, args, results: dict, against: Path | None = None) -> None:
    """`against`: the --baseline revision's worktree, whose full build alternates with ours."""
    csv_path = work / f"programs-{size}.csv"
    generate.write_csv(size, str(csv_path), args.seed)
    repeats = 3 if size <= SMALL else 1
    entry = results["sizes"].setdefault(str(size), {"programs": size})
    logs = work / "logs"
    site = work / f"site-{size}"
    baseline = size == BASELINE_SIZE

    if against is None:
        say(f"{size:,} programs: full build (best of {repeats})")
        entry["full"] = best_of(repeats, lambda: full_build(csv_path, site, logs / f"full-{size}.log"))
    else:
        say(
            f"{size:,} programs: full build, alternating with {results['against']['commit']}'s (best of {max(repeats, baseline_rev.PAIRS_MIN)} each)"
        )
        theirs = work / f"baseline-site-{size}"
        entry["against"] = {}
        entry["against"]["full"], entry["full"] = baseline_rev.alternate(
            max(repeats, baseline_rev.PAIRS_MIN),
            lambda: full_build(csv_path, theirs, logs / f"baseline-full-{size}.log", against),
            lambda: full_build(csv_path, site, logs / f"full-{size}.log"),
        )
        discard(theirs)
        discard(cache_of(theirs))
        say(f"  {results['against']['commit']}: {entry['against']['full']['seconds']:.1f} s")
    say(f"  {entry['full']['seconds']:.1f} s, {entry['full']['peak_mb']:.0f} MB")
    files = [p for p in site.rglob("*") if p.is_file()]
    entry["output_bytes"] = sum(p.stat().st_size for p in files)
    entry["output_files"] = len(files)
    if LANGUAGES_MIN <= size <= 10_000:  # what the Spanish pages cost: the same data built English + Spanish
        say(f"{size:,} programs: English + Spanish (best of {repeats})")
        entry["languages"] = languages.measure(csv_path, site, work, logs, PELICAN, repeats, entry["full"])

    say(f"{size:,} programs: floor, plain jinja2 (best of {repeats})")
    entry["floor"] = best_of(
        repeats, lambda: floor_build(csv_path, work / f"floor-{size}", logs / f"floor-{size}.log", "plain")
    )
    say(f"  {entry['floor']['seconds']:.1f} s")

    if size <= FLOOR_OURS_MAX and not baseline:
        say(f"{size:,} programs: floor with our data code (best of {repeats})")
        entry["floor_ours"] = best_of(
            repeats, lambda: floor_build(csv_path, work / f"floor-ours-{size}", logs / f"floor-ours-{size}.log", "ours")
        )
        say(f"  {entry['floor_ours']['seconds']:.1f} s")

    if size <= PLAIN_PELICAN_MAX and not baseline and not args.no_plain_pelican:
        say(f"{size:,} programs: plain Pelican, one Markdown article per program (best of {repeats})")
        entry["plain_pelican"] = best_of(
            repeats,
            lambda: plain_pelican_build(csv_path, work / f"plain-pelican-{size}", logs / f"plain-pelican-{size}.log"),
        )
        say(f"  {entry['plain_pelican']['seconds']:.1f} s")

    if size <= HISTORY_MAX and not baseline:
        say(f"{size:,} programs: data history, {history_bench.VERSIONS} versions in git")
        entry["history"] = history_bench.measure(csv_path, work, args.seed)
        say(
            f"  {entry['history']['cold_seconds']:.1f} s without the cache, {entry['history']['warm_seconds']:.2f} s with it"
        )

    if size <= BROWSER_MAX and not baseline and not args.no_browser:
        from . import browser  # Playwright is only needed here

        say(f"{size:,} programs: headless Chromium")
        settle()
        entry["browser"] = browser.measure(site, program_ids(csv_path), key_delay=args.key_delay, repeats=3)
    if size in REBUILD_SIZES and against is not None:
        say(f"{size:,} programs: one row edited, rebuilt by {results['against']['commit']}'s devserver process")
        entry["against"]["devserver"] = baseline_rev.devserver_rebuild(
            against, csv_path, work, logs / f"baseline-rebuild-devserver-{size}.log"
        )
    if size in REBUILD_SIZES:
        say(f"{size:,} programs: one row edited, rebuilt by a new process and by the devserver's process")
        entry["rebuild"] = rebuilds(csv_path, site, work, logs)
        say(
            f"  new process {entry['rebuild']['new_process']['seconds']:.1f} s, "
            f"devserver {entry['rebuild']['devserver']['rebuild']:.1f} s"
        )
    if size <= BROWSER_MAX and not baseline and not args.no_browser and not args.no_pagefind:
        from . import browser, pagefind_peer

        say(f"{size:,} programs: Pagefind, the peer, on the same built pages")
        settle()
        entry["pagefind_build"] = pagefind_peer.build(site, logs / f"pagefind-{size}.log")
        say(f"  {entry['pagefind_build']['seconds']:.1f} s")
        entry["pagefind"] = pagefind_peer.measure(site, browser.QUERIES)
        discard(site / "pagefind")
    if not args.keep:
        discard(site)
        discard(cache_of(site))


# ---- the run -------------------------------------------------------------------------------


def describe_machine() -> str:
    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for package in ("pelican", "jinja2", "lunr", "pydantic", "pandas"):
        with contextlib.suppress(PackageNotFoundError):
            versions.append(f"{package} {version(package)}")
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, " + ", ".join(versions)


def describe_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return f"`{head}`" + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def parse_args(argv: list[str]):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated program counts (default 1000,10000)")
    parser.add_argument("--with-100k", action="store_true", help="also 100,000 programs (several minutes)")
    parser.add_argument(
        "--workdir", default="/tmp/bench-run", help="scratch folder for data and builds (emptied first)"
    )
    parser.add_argument("--out", default=str(RESULTS), help="where to write the Markdown report")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--key-delay", type=int, default=150, help="ms between keystrokes when typing a query")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--no-pagefind", action="store_true", help="skip the Pagefind peer")
    parser.add_argument("--no-plain-pelican", action="store_true", help="skip plain Pelican (about a minute at 10k)")
    parser.add_argument(
        "--settle",
        type=float,
        default=20,
        help="before each measurement, wait up to this many seconds for the machine to be idle (default 20)",
    )
    parser.add_argument(
        "--disk-wait",
        type=float,
        default=420,
        help="before each build, wait up to this many seconds for recent deletions to stop slowing "
        "the creation of files (default 420; see Noise in benchmarks/README.md)",
    )
    parser.add_argument(
        "--baseline",
        metavar="REV",
        help="also build each size with the code of git revision REV, in this run, and report this code ÷ REV",
    )
    parser.add_argument("--keep", action="store_true", help="keep the built sites in the work folder")
    parser.add_argument(
        "--report-only", metavar="RESULTS_JSON", help="rewrite the report from a run's results.json, measuring nothing"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.report_only:
        results = json.loads(Path(args.report_only).read_text(encoding="utf-8"))
        Path(args.out).write_text(report.render(results), encoding="utf-8")
        say(f"wrote {args.out}")
        return 0

    measure.SETTLE["seconds"] = args.settle
    scratch.QUIET["seconds"] = args.disk_wait
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()} | ({100_000} if args.with_100k else set()))
    work = Path(args.workdir)
    # The last run's folder is renamed, not deleted: deleting 100,000s of files would slow every
    # file this run creates for minutes (scratch.py). It is deleted once this run has measured.
    previous = scratch.retire(work)
    (work / "logs").mkdir(parents=True)
    scratch.use_trash(work / "trash")
    started = time.perf_counter()
    results: dict = {"argv": argv, "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "sizes": {}}
    against = None
    try:
        if args.baseline:
            against, results["against"] = baseline_rev.checkout(args.baseline, work)
            say(f"baseline {args.baseline} ({results['against']['commit']}) checked out in {against}")
        for size in [BASELINE_SIZE] + [s for s in sizes if s != BASELINE_SIZE]:
            measure_size(size, work, args, results, against)
    finally:
        if against is not None:
            baseline_rev.remove(against)
        loads = [
            v["load_before"]
            for e in results["sizes"].values()
            for v in e.values()
            if isinstance(v, dict) and "load_before" in v
        ]
        results.update(
            run_seconds=time.perf_counter() - started,
            machine=describe_machine(),
            commit=describe_commit(),
            load_min=min(loads, default=0.0),
            load_max=max(loads, default=0.0),
        )
        (work / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
        scratch.empty_trash()
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
    Path(args.out).write_text(report.render(results), encoding="utf-8")
    say(f"wrote {args.out} ({results['run_seconds'] / 60:.1f} minutes; raw figures in {work / 'results.json'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
