"""The data history's cost: a git repository with several versions of a generated programs file, read
once with an empty cache (a first build, or a clean clone) and once more with the cache a build leaves."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import subprocess
import time
from pathlib import Path

from plugins.programs_site.model import history

from .scratch import discard

VERSIONS = 4  # the generated file, then three edits: some prices change, a few programs go


def _git(repo: Path, *args: str, date: dt.date | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date.isoformat()}T12:00:00+00:00"
    subprocess.run(
        ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        check=True,
    )


def _edit(rows: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    """2% of the prices go up by $100-$500 and 0.5% of the programs are removed: a busy month."""
    kept = [row for row in rows if rng.random() >= 0.005]
    for row in kept:
        if row.get("cost_usd") and rng.random() < 0.02:
            row["cost_usd"] = str(
                round(float(row["cost_usd"].replace("$", "").replace(",", ""))) + rng.randint(1, 5) * 100
            )
    return kept


def measure(csv_path: Path, work: Path, seed: int = 1) -> dict:
    repo = work / "history-repo"
    discard(repo)
    repo.mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    with open(csv_path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames or [], list(reader)
    rng = random.Random(seed)
    today = dt.date.today()
    target = repo / "programs.csv"
    for index in range(VERSIONS):
        if index:
            rows = _edit(rows, rng)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        target.write_text(out.getvalue(), encoding="utf-8")
        _git(repo, "add", "programs.csv")
        _git(repo, "commit", "-q", "-m", f"version {index}", date=today - dt.timedelta(days=30 * (VERSIONS - index)))
    cache = work / "history-cache"
    discard(cache)
    figures: dict = {"versions": VERSIONS}
    for name in ("cold", "warm"):
        started = time.perf_counter()
        result = history.load_history(str(target), 24, cache)
        body = history.changes_json(result, set())
        figures[f"{name}_seconds"] = time.perf_counter() - started
    figures["changes"] = len(result.changes)
    figures["changes_json_bytes"] = len(body.encode("utf-8"))
    discard(repo)
    discard(cache)
    return figures
