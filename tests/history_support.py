"""A throwaway git repository holding successive versions of a programs file, for the data-history tests."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def git(repo: Path, *args: str, date: dt.date | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        stamp = f"{date.isoformat()}T12:00:00+00:00"
        env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    result = subprocess.run(
        ["git", "-c", "user.name=Data Editor", "-c", "user.email=editor@example.org", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def repo_with_versions(repo: Path, versions: list[tuple[dt.date, str]], name: str = "programs.csv") -> Path:
    """Commit each (date, CSV text) in turn, as a maintainer editing the file over time; returns the file."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    path = repo / name
    for date, text in versions:
        path.write_text(text, encoding="utf-8", newline="")
        git(repo, "add", name)
        git(repo, "commit", "-q", "-m", f"Programs as of {date.isoformat()}", date=date)
    return path


def site_with_versions(workdir: Path, versions: list[tuple[dt.date, str]]):
    """Build the real site from a programs file with this history; fails the test if the build fails."""
    from sitebuild import build

    result = build(workdir, repo_with_versions(workdir / "data", versions))
    assert result.returncode == 0, result.stderr
    return result


def commit_version(repo: Path, name: str, text: str, date: dt.date, message: str = "") -> None:
    """Write the programs file as `name` and commit it on the current branch."""
    (repo / name).write_text(text, encoding="utf-8", newline="")
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", message or f"Programs as of {date.isoformat()}", date=date)


def merge_version(repo: Path, branch: str, name: str, text: str, date: dt.date) -> None:
    """Merge `branch` into the current one, resolving the programs file to `text` (as a maintainer would)."""
    git(repo, "merge", "-q", "--no-ff", "--no-commit", "-s", "ours", branch, date=date)
    commit_version(repo, name, text, date, message=f"Merge {branch}")
