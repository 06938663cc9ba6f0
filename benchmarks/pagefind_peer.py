"""Pagefind (npm `pagefind`, pinned in package.json) as a peer: indexed from the same built pages,
asked the same queries in the same headless Chromium, measured the same way as our search.

- build: `pagefind --site <site>` into <site>/pagefind/, timed from outside like our builds;
- bytes before the first result: a fresh browser loads Pagefind's script, asks the query and loads
  the first PAGE_SIZE results' data (what Pagefind's own UI shows first). Only Pagefind's files are
  counted (its script, WebAssembly, entry, metadata, index chunks, fragments): the page around it
  is not, which flatters Pagefind slightly, since our figure includes the whole browse page;
- warm query: the same, on a page whose Pagefind is loaded; median of the repeats.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from .measure import run_measured

ROOT = Path(__file__).resolve().parent.parent
PAGEFIND = ROOT / "node_modules/.bin/pagefind"
PAGE_SIZE = 5  # results Pagefind's UI loads before showing anything
HARNESS = "pagefind-peer.html"  # a blank page without our CSP (Pagefind needs WebAssembly)

QUERY_JS = """
async ([url, q, n]) => {
  const start = performance.now();
  window.__pagefind ??= await import(url);
  const search = await window.__pagefind.search(q);
  const shown = await Promise.all(search.results.slice(0, n).map((r) => r.data()));
  return { ms: performance.now() - start, results: search.results.length, first: shown.map((d) => d.url) };
}
"""


def build(site: Path, log: Path) -> dict:
    return run_measured([str(PAGEFIND), "--site", str(site)], ROOT, log)


def measure(site: Path, queries: dict[str, str], repeats: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM, LAUNCH_ARGS, VIEWPORT, Sizes, serve, transfer

    (site / HARNESS).write_text("<!doctype html><meta charset=utf-8><title>Pagefind peer</title>\n", encoding="utf-8")
    sizes = Sizes(site)
    out: dict = {"first": {}, "warm": {}}
    try:
        with serve(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            script = base + "pagefind/pagefind.js"
            try:
                for name, query in queries.items():
                    context = browser.new_context(viewport=VIEWPORT)
                    urls: list[str] = []
                    context.on("request", lambda request, urls=urls: urls.append(request.url))
                    page = context.new_page()
                    page.goto(base + HARNESS)
                    first = page.evaluate(QUERY_JS, [script, query, PAGE_SIZE])
                    fetched = [u for u in urls if "/pagefind/" in u]
                    files = transfer(sizes, fetched, base)
                    # Pagefind's index files are not html/css/js/json: every kind counts here.
                    total = sum(kind["gzip"] for kind in files["by_kind"].values())
                    out["first"][name] = {"query": query, **first, "gzip": total, "files": files["files"]}
                    context.close()
                context = browser.new_context(viewport=VIEWPORT)
                page = context.new_page()
                page.goto(base + HARNESS)
                page.evaluate(QUERY_JS, [script, "warm up", PAGE_SIZE])
                for name, query in queries.items():
                    runs = [page.evaluate(QUERY_JS, [script, query, PAGE_SIZE])["ms"] for _ in range(repeats)]
                    out["warm"][name] = {"query": query, "ms": statistics.median(runs), "runs": runs}
                context.close()
            finally:
                browser.close()
    finally:
        (site / HARNESS).unlink(missing_ok=True)
    return out
