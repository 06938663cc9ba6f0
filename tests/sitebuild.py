"""Helpers the tests share: build a real site with Pelican into a folder, and read what it wrote."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PELICAN = Path(sys.executable).parent / "pelican"

HEADER = ["id", "name", "provider", "format", "duration_months", "cost_usd", "credentials", "exam_prep", "state"]


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    def page(self, path: str) -> str:
        target = self.output / path
        if target.is_dir() or path.endswith("/") or path == "":
            target = target / "index.html"
        return target.read_text(encoding="utf-8")

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if ": " in line and not line.startswith("Build stopped")]


def csv_text(rows: list[dict[str, str]], header: list[str] | None = None, quoting: int = csv.QUOTE_MINIMAL) -> str:
    header = header or list(dict.fromkeys(k for row in rows for k in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", quoting=quoting)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def program(**overrides: str) -> dict[str, str]:
    row = {
        "id": "acme-coding",
        "name": "Medical Coding Certificate",
        "provider": "Acme College",
        "format": "online",
        "duration_months": "6",
        "cost_usd": "3000",
        "credentials": "CPC",
        "exam_prep": "yes",
        "state": "",
    }
    row.update(overrides)
    return row


def build(
    workdir: Path,
    programs_csv: str | bytes | Path | None = None,
    output: Path | None = None,
    settings: str = "pelicanconf.py",
    env: dict[str, str] | None = None,
    extra_args: list[str] | None = None,
    cwd: Path = ROOT,
) -> Build:
    """Run the real `pelican` command from the project root (or `cwd`, a copy of it), as `make html` does."""
    output = output or workdir / "output"
    # Each test's builds share a cache of their own, never the project's .cache/.
    full_env = {**os.environ, "PROGRAMS_SITE_CACHE": str(workdir / ".cache"), **(env or {})}
    if isinstance(programs_csv, Path):
        full_env["PROGRAMS_CSV"] = str(programs_csv)
    elif programs_csv is not None:
        path = workdir / "programs.csv"
        if isinstance(programs_csv, bytes):
            path.write_bytes(programs_csv)
        else:
            path.write_text(programs_csv, encoding="utf-8", newline="")
        full_env["PROGRAMS_CSV"] = str(path)
    result = subprocess.run(
        [str(PELICAN), "content", "-s", settings, "-o", str(output), *(extra_args or [])],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,  # callers assert on the exit status and stderr of failing builds
        timeout=600,
    )
    return Build(result.returncode, result.stdout, result.stderr, output)


def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's sources, for builds that change them or must not touch the real ones."""
    copy = tmp_path / "project"
    for name in ("content", "data", "plugins", "theme"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, copy / name)
    return copy


def documented_columns(docs: str, section: str) -> tuple[list[str], list[str]]:
    """The columns a table of docs/data-format.md lists under `section`, and those it marks required."""
    table = docs.split(section, 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:3] for line in table.splitlines() if re.match(r"^\| (?!column )[a-z_]", line)]
    listed = [name.strip() for cell, _ in rows for name in cell.split(",")]
    marked = [name.strip() for cell, need in rows if need.strip() == "yes" for name in cell.split(",")]
    return listed, marked


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def page_links(html: str) -> tuple[list[str], set[str]]:
    parser = _Links()
    parser.feed(html)
    return parser.links, parser.ids


def broken_links(output: Path, site_prefix: str = "") -> list[str]:
    """Every internal href/src/action in every HTML file must name a file that exists.

    `site_prefix` is the path part of an absolute SITEURL (`/coding-programs`), for publish builds.
    """
    broken = []
    for page in output.rglob("*.html"):
        links, _ = page_links(page.read_text(encoding="utf-8"))
        for link in links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") and site_prefix and parts.netloc:
                if not parts.path.startswith(site_prefix + "/"):
                    continue
                target = output / unquote(parts.path[len(site_prefix) + 1 :])
            elif parts.scheme or parts.netloc or link.startswith("#") or not parts.path:
                continue
            elif parts.path.startswith("/"):  # 404.html links from the site root: it is served at any depth
                target = output / unquote(parts.path[len(site_prefix) + 1 if site_prefix else 1 :])
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(output)}: {link}")
    return broken
