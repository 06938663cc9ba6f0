"""One row edited in a big file, rebuilt the way `make devserver` rebuilds: Pelican run again in the same process.

    python -m benchmarks.incremental programs.csv out_dir [--row N]

Builds `programs.csv` into `out_dir` (the cache in PROGRAMS_SITE_CACHE), changes one cell of row N
(the cost) in the file, builds again in the same process, and prints the two times as JSON. The
benchmark runner (benchmarks/run.py) times the same edit rebuilt by a new `pelican` process too.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def edit_row(csv_path: str, row: int, target: str) -> str:
    """Write `csv_path` with row `row`'s cost changed to `target`; returns the program's id."""
    with open(csv_path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[row]["cost_usd"] = "$1,234.56"
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows[row]["id"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("out")
    parser.add_argument("--row", type=int, default=None, help="row to edit (default: the middle one)")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    from plugins.programs_site.build import devserver

    working = f"{args.out}.programs.csv"  # the file the builds read, edited between them
    with open(args.csv, encoding="utf-8") as handle:
        count = sum(1 for _ in handle) - 1
    row = count // 2 if args.row is None else args.row
    Path(working).write_bytes(Path(args.csv).read_bytes())
    os.environ["PROGRAMS_CSV"] = working
    pelican = devserver.make_pelican("pelicanconf.py", args.out)
    started = time.perf_counter()
    first = devserver.build(pelican)
    full = time.perf_counter() - started
    program_id = edit_row(args.csv, row, working)
    started = time.perf_counter()
    second = devserver.build(pelican)
    rebuild = time.perf_counter() - started
    os.remove(working)
    print(json.dumps({"ok": first and second, "full": full, "rebuild": rebuild, "edited": program_id}))
    return 0 if first and second else 1


if __name__ == "__main__":
    sys.exit(main())
