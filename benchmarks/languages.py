"""What the second language costs: the same data built English-only and English + Spanish (the
default), the build time of each and the bytes each language's pages add (docs/translating.md).

The issue's goal: the English site's build time and page weight grow by no more than the Spanish
pages themselves. Page weight here is the HTML of one page of each type, and the Spanish words the
browser loads (<lang>/messages.json, gzipped as a server would send it).
"""

from __future__ import annotations

import gzip
from pathlib import Path

from .measure import best_of, run_measured
from .scratch import discard

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"browse": "", "program": None, "credential": "credentials/cpc/", "compare": "compare/", "match": "match/"}


def _bytes(folder: Path, keep) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and keep(p.relative_to(folder)))


def measure(
    csv_path: Path, english: Path, work: Path, log_dir: Path, pelican: str, repeats: int, english_build: dict
) -> dict:
    """`english`: the site the run already built (English only) in `english_build` seconds; this builds
    both languages, as `make html` does by default."""
    both = work / f"{english.name}-en-es"

    def build_both() -> dict:
        discard(both)
        discard(both.with_name(both.name + "-cache"))
        env = {
            "PROGRAMS_CSV": str(csv_path),
            "PROGRAMS_SITE_CACHE": str(both.with_name(both.name + "-cache")),
            "PROGRAMS_SITE_LANGUAGES": "en,es",
        }
        return run_measured(
            [pelican, "content", "-s", "pelicanconf.py", "-o", str(both)],
            ROOT,
            log_dir / f"en-es-{english.name}.log",
            env,
            probe_in=work,
        )

    both_build = best_of(repeats, build_both)
    en_only = english_build
    program = next(p.parent.name for p in (both / "programs").glob("*/index.html"))
    pages = {}
    for kind, path in PAGES.items():
        path = f"programs/{program}/" if path is None else path
        pages[kind] = {
            "en_only": (english / path / "index.html").stat().st_size,
            "en": (both / path / "index.html").stat().st_size,
            "es": (both / "es" / path / "index.html").stat().st_size,
        }
    messages = (both / "es/messages.json").read_bytes()
    result = {
        "en_only_seconds": en_only["seconds"],
        "both_seconds": both_build["seconds"],
        "load": both_build.get("load_before"),
        "en_only_bytes": _bytes(english, lambda p: True),
        "both_bytes": _bytes(both, lambda p: True),
        "es_bytes": _bytes(both, lambda p: p.parts[0] == "es"),
        "pages": pages,
        "messages_gzip": len(gzip.compress(messages, compresslevel=6, mtime=0)),
    }
    discard(both)
    discard(both.with_name(both.name + "-cache"))
    return result


def lines(results: dict) -> list[str]:
    """The report's section: one row per size measured."""
    rows = [(int(n), e["languages"]) for n, e in results["sizes"].items() if "languages" in e]
    if not rows:
        return []
    out = [
        "",
        "## Two languages",
        "",
        "The same data built English-only (`PROGRAMS_SITE_LANGUAGES=en`: the builds the goals above measure) and English + Spanish (`make html`'s default).",
        "The English pages' bytes must not grow; the build's extra time should be about the Spanish pages' share.",
        "",
        "| programs | build, en only | build, en + es | output, en only | output, en + es | of which /es/ | es/messages.json (gzip) |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, lang in sorted(rows):
        out.append(
            f"| {n:,} | {lang['en_only_seconds']:.1f} s | {lang['both_seconds']:.1f} s | {lang['en_only_bytes'] / 1e6:.1f} MB "
            f"| {lang['both_bytes'] / 1e6:.1f} MB | {lang['es_bytes'] / 1e6:.1f} MB | {lang['messages_gzip'] / 1024:.1f} KB |"
        )
    out += ["", "| page (HTML bytes) | en, en-only build | en, en + es build | es |", "|---|---|---|---|"]
    n, lang = sorted(rows)[-1]
    for kind, sizes in lang["pages"].items():
        out.append(f"| {kind} ({n:,}) | {sizes['en_only']:,} | {sizes['en']:,} | {sizes['es']:,} |")
    return out
