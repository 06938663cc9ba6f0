"""What a visitor's browser pays: bytes per first visit, search, filter and match timings in headless Chromium.

Times are taken inside the page with performance.now() and event timestamps, so Playwright's own
round trips are not counted. A result counts as shown once the DOM holds it and the browser has
laid it out (the observer reads offsetHeight, forcing style and layout), before paint.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser_support import CHROMIUM, LAUNCH_ARGS, serve  # noqa: E402 (the project root is put on the path just above)

VIEWPORT = {"width": 1280, "height": 900}  # wide enough that the filter panel starts open
QUERIES = {"two words": "cpc online", "one word": "billing", "prefix": "cod", "typo": "billng"}
COLD_QUERY = "billing"
TIMEOUT_MS = 60_000


def typing_delay() -> int:
    """browse.js waits this long after the last keystroke before searching (its TYPING_DELAY)."""
    source = (ROOT / "theme/static/js/browse.js").read_text(encoding="utf-8")
    match = re.search(r"const TYPING_DELAY\s*=\s*(\d+)", source)
    return int(match.group(1)) if match else 0


# Installed before any page script: long tasks, the timestamps of user events, and when browse.js's
# typing pause ends (its setTimeout with TYPING_DELAY), so search time can be told from waiting time.
INIT_SCRIPT = """
(() => {
  const bench = (window.__bench = { longtasks: [], events: [], pauses: [], worker: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
  for (const type of ["pointerdown", "keydown", "input", "change"]) {
    document.addEventListener(type, (e) => bench.events.push([type, e.timeStamp]), true);
  }
  const pause = __PAUSE__;
  const setTimeout_ = window.setTimeout;
  window.setTimeout = function (fn, delay, ...rest) {
    if (pause && delay === pause && typeof fn === "function") {
      const inner = fn;
      fn = function (...args) { bench.pauses.push(performance.now()); return inner.apply(this, args); };
    }
    return setTimeout_.call(window, fn, delay, ...rest);
  };
  // The search worker's round trips: when a query is posted and when its answer arrives.
  const Worker_ = window.Worker;
  window.Worker = class extends Worker_ {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", () => bench.worker.push(["in", performance.now()]));
    }
    postMessage(...args) {
      bench.worker.push(["out", performance.now()]);
      return super.postMessage(...args);
    }
  };
  // Resolves with the time `selector`'s content first changes so that `test(text)` holds, after layout.
  bench.when = (selector, wanted, kind) => new Promise((resolve) => {
    const node = document.querySelector(selector);
    const ok = () => kind === "any" ? true : kind === "not" ? !node.textContent.includes(wanted) : node.textContent.includes(wanted);
    const observer = new MutationObserver(() => {
      if (!ok()) return;
      observer.disconnect();
      document.body.offsetHeight;
      resolve(performance.now());
    });
    observer.observe(node, { childList: true, characterData: true, subtree: true });
    setTimeout_.call(window, () => { observer.disconnect(); resolve(null); }, __TIMEOUT__);
  });
  bench.mark = () => { bench.marked = performance.now(); return bench.marked; };
})();
"""


class Sizes:
    """gzip (level 6, what most static hosts send) and brotli (quality 11, pre-compressed) sizes of built files."""

    def __init__(self, site: Path):
        self.site = site
        self.gzip_cache: dict[Path, int] = {}
        self.raw_cache: dict[Path, int] = {}
        self.brotli_cache: dict[Path, int] = {}

    def path_for(self, url: str, base: str) -> Path | None:
        parts = urlsplit(url)
        base_path = urlsplit(base).path
        if not parts.path.startswith(base_path):
            return None
        relative = unquote(parts.path[len(base_path) :])
        path = self.site / relative
        if relative == "" or relative.endswith("/"):
            path = path / "index.html"
        return path if path.is_file() else None

    def raw(self, path: Path) -> int:
        if path not in self.raw_cache:
            self.raw_cache[path] = path.stat().st_size
        return self.raw_cache[path]

    def gzip(self, path: Path) -> int:
        if path not in self.gzip_cache:
            self.gzip_cache[path] = len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))
        return self.gzip_cache[path]

    def brotli(self, paths: list[Path]) -> dict[Path, int | None]:
        """Node's zlib has brotli; Python's standard library does not. None when node is missing."""
        missing = [str(p) for p in paths if p not in self.brotli_cache]
        if missing:
            script = (
                "const fs=require('fs'),z=require('zlib');const out={};"
                "for(const f of JSON.parse(fs.readFileSync(0,'utf8')))out[f]=z.brotliCompressSync(fs.readFileSync(f)).length;"
                "process.stdout.write(JSON.stringify(out));"
            )
            try:
                done = subprocess.run(
                    ["node", "-e", script],
                    input=json.dumps(missing),
                    capture_output=True,
                    text=True,
                    timeout=300,
                    check=True,
                )
                for name, size in json.loads(done.stdout).items():
                    self.brotli_cache[Path(name)] = size
            except (OSError, subprocess.SubprocessError, ValueError):
                return {p: None for p in paths}
        return {p: self.brotli_cache.get(p) for p in paths}


def kind_of(path: Path) -> str:
    suffix = path.suffix
    return {".html": "html", ".css": "css", ".js": "js", ".json": "data"}.get(suffix, "other")


def transfer(sizes: Sizes, urls: list[str], base: str) -> dict:
    """Bytes of every distinct file a list of requests fetched, by kind."""
    files = []
    for url in dict.fromkeys(u.split("#")[0] for u in urls):
        path = sizes.path_for(url, base)
        if path is not None and path not in files:
            files.append(path)
    result = {"files": [str(p.relative_to(sizes.site)) for p in files], "by_kind": {}}
    brotli = sizes.brotli(files)
    for kind in ("html", "css", "js", "data", "other"):
        chosen = [p for p in files if kind_of(p) == kind]
        result["by_kind"][kind] = {
            "raw": sum(sizes.raw(p) for p in chosen),
            "gzip": sum(sizes.gzip(p) for p in chosen),
            "brotli": None if any(brotli[p] is None for p in chosen) else sum(brotli[p] for p in chosen),
        }
    code = [k for k in ("html", "css", "js")]
    for name, kinds in (("page", code), ("all", [*code, "data"])):
        result[name] = {
            measure: (
                None
                if any(result["by_kind"][k][measure] is None for k in kinds)
                else sum(result["by_kind"][k][measure] for k in kinds)
            )
            for measure in ("raw", "gzip", "brotli")
        }
    return result


def _max_longtask(page, start: float, end: float) -> float:
    return page.evaluate(
        "([s, e]) => Math.max(0, ...window.__bench.longtasks.filter(([t, d]) => t + d >= s && t <= e).map(([t, d]) => d))",
        [start, end],
    )


def _first_event_after(page, mark: float) -> float | None:
    return page.evaluate(
        "(m) => { const e = window.__bench.events.find(([, t]) => t >= m); return e ? e[1] : null; }", mark
    )


class Session:
    def __init__(self, browser, base: str, sizes: Sizes, pause: int):
        self.browser = browser
        self.base = base
        self.sizes = sizes
        self.pause = pause

    def open(self, path: str):
        """A fresh context (empty cache) and page, recording every request, with the bench script installed."""
        context = self.browser.new_context(viewport=VIEWPORT)
        script = INIT_SCRIPT.replace("__PAUSE__", str(self.pause)).replace("__TIMEOUT__", str(TIMEOUT_MS))
        context.add_init_script(script=script)
        urls: list[str] = []
        self.requests: list = []  # with their timing, to tell what was asked for before a moment
        context.on("request", lambda request: (urls.append(request.url), self.requests.append(request)))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(self.base + path, wait_until="load")
        return context, page, urls, errors

    # ---- bytes per first visit ---------------------------------------------------------------
    def first_visit(self, path: str, ready: str | None = None) -> dict:
        context, page, urls, errors = self.open(path)
        if ready:
            page.wait_for_selector(ready, state="attached", timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
        result = transfer(self.sizes, urls, self.base)
        result["errors"] = errors
        context.close()
        return result

    # ---- search --------------------------------------------------------------------------------
    def _wait_ready(self, page):
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=TIMEOUT_MS)

    def search_cold(self, query: str) -> dict:
        """Fresh page: focus the box and paste a query at once; time to results, and every byte fetched."""
        context, page, urls, errors = self.open("")
        self._wait_ready(page)
        page.wait_for_load_state("networkidle")
        page.evaluate("(q) => { window.__bench.result = window.__bench.when('#result-count', `for “${q}”`); }", query)
        start = page.evaluate(
            "() => { document.getElementById('site-search-input').focus(); return performance.now(); }"
        )
        page.fill("#site-search-input", query)
        end = page.evaluate("() => window.__bench.result")
        page.wait_for_selector("#filters[data-counts=ready]", state="attached", timeout=TIMEOUT_MS)
        # What was asked for before the first result was shown (the counts' files come after it),
        # by the browser's own clock: request start times and the page's are both wall-clock ms.
        shown_at = None if end is None else page.evaluate("(e) => performance.timeOrigin + e", end)
        before = [r.url for r in self.requests if shown_at is None or r.timing["startTime"] <= shown_at]
        result = {
            "query": query,
            "shown_at": shown_at,
            "focus_to_results_ms": None if end is None else end - start,
            "longest_task_ms": None if end is None else _max_longtask(page, start, end),
            "bytes": transfer(self.sizes, before, self.base),
            "bytes_with_counts": transfer(self.sizes, urls, self.base),
            "errors": errors,
        }
        return result | {"_context": context, "_page": page}

    def search_warm(self, page, query: str, key_delay: int) -> dict:
        """Type the query key by key into a page whose index is loaded; last keystroke to results."""
        self._clear(page)
        page.evaluate("(q) => { window.__bench.result = window.__bench.when('#result-count', `for “${q}”`); }", query)
        mark = page.evaluate("() => window.__bench.mark()")
        page.click("#site-search-input")
        page.keyboard.type(query, delay=key_delay)
        end = page.evaluate("() => window.__bench.result")
        if end is None:
            return {"query": query, "error": "no result"}
        times = page.evaluate(
            """([m, e]) => {
                const inputs = window.__bench.events.filter(([k, t]) => k === 'input' && t >= m && t <= e).map(([, t]) => t);
                const last = Math.max(...inputs);
                const pauses = window.__bench.pauses.filter((t) => t >= last && t <= e);
                const pause = pauses.length ? pauses[pauses.length - 1] : null;
                // The question the last keystroke asked, and the first answer after it (the counts
                // are asked for and answered after the results are drawn).
                const sent = window.__bench.worker.filter(([k, t]) => k === 'out' && t >= (pause ?? last) && t <= e).map(([, t]) => t);
                const asked = sent.length ? sent[0] : null;
                const back = window.__bench.worker.filter(([k, t]) => k === 'in' && asked !== null && t >= asked && t <= e).map(([, t]) => t);
                return { first: Math.min(...inputs), last, pause, sent: asked, back: back.length ? back[0] : null };
            }""",
            [mark, end],
        )
        return {
            "query": query,
            "keystroke_to_results_ms": end - times["last"],
            # With no typing pause in browse.js the search starts at the keystroke itself.
            "search_and_render_ms": (end - times["last"])
            if not self.pause
            else (None if times["pause"] is None else end - times["pause"]),
            "worker_ms": None if times["sent"] is None or times["back"] is None else times["back"] - times["sent"],
            "render_ms": None if times["back"] is None else end - times["back"],
            "longest_task_ms": _max_longtask(page, times["first"], end),
            "text": page.text_content("#result-count"),
        }

    def _clear(self, page):
        if not page.input_value("#site-search-input"):
            return
        page.evaluate("() => { window.__bench.cleared = window.__bench.when('#result-count', 'for “', 'not'); }")
        page.fill("#site-search-input", "")
        page.evaluate("() => window.__bench.cleared")
        page.wait_for_timeout(300)

    # ---- filters and match -----------------------------------------------------------------------
    def _timed_action(self, page, action, selector: str, kind: str = "any") -> dict:
        page.evaluate("([s, k]) => { window.__bench.changed = window.__bench.when(s, '', k); }", [selector, kind])
        mark = page.evaluate("() => window.__bench.mark()")
        action()
        end = page.evaluate("() => window.__bench.changed")
        start = _first_event_after(page, mark)
        if end is None or start is None:
            return {"error": "no change seen"}
        return {"ms": end - start, "longest_task_ms": _max_longtask(page, start, end)}

    def filters(self, repeats: int = 3) -> dict:
        context, page, _urls, errors = self.open("")
        self._wait_ready(page)
        page.wait_for_load_state("networkidle")
        box = "#filters input[name=format][value=online]"
        cold = self._timed_action(page, lambda: page.click(box), "#result-count")
        warm = []
        for _ in range(repeats):
            page.wait_for_timeout(200)
            warm.append(self._timed_action(page, lambda: page.click(box), "#result-count"))
        context.close()
        return {"cold": cold, "warm": warm, "errors": errors}

    def match(self, repeats: int = 3) -> dict:
        context, page, _urls, errors = self.open("match/")
        try:
            page.wait_for_function(
                "() => { const s = document.getElementById('match-status'); return s && !/Loading/.test(s.textContent); }",
                timeout=TIMEOUT_MS,
            )
        except PlaywrightError as exc:  # the page is being written by another developer; report, do not fail the run
            context.close()
            return {"skipped": f"match page not usable: {exc.__class__.__name__}"}
        load = page.evaluate("() => performance.now()")
        page.wait_for_load_state("networkidle")
        actions = [
            ("format: online", lambda: page.check("#match-form input[name=format][value=online]")),
            ("finish within 12 months", lambda: page.select_option("#match-months", "12")),
            ("exam prep", lambda: page.check("#match-form input[name=prep]")),
            ("format: no preference", lambda: page.check("#match-form input[name=format][value='']")),
        ]
        runs = []
        for _ in range(repeats):
            for label, action in actions:
                page.wait_for_timeout(150)
                runs.append({"answer": label, **self._timed_action(page, action, "#match-list")})
            page.evaluate("() => { const f = document.getElementById('match-form'); f.reset(); }")
            page.wait_for_timeout(300)
        context.close()
        return {"load_to_first_ranking_ms": load, "changes": runs, "errors": errors}


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def measure(
    site: Path, program_ids: list[str], key_delay: int = 150, repeats: int = 3, interactions: bool = True
) -> dict:
    """Every browser figure for one built site."""
    from playwright.sync_api import sync_playwright

    pause = typing_delay()
    sizes = Sizes(site)
    out: dict = {"typing_pause_ms": pause, "key_delay_ms": key_delay}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            session = Session(browser, base, sizes, pause)
            compare_ids = program_ids[:4]
            out["pages"] = {
                "browse": session.first_visit("", "body[data-ready=true]"),
                "program": session.first_visit(f"programs/{program_ids[0]}/"),
                "credential (CPC)": session.first_visit("credentials/cpc/"),
                "compare (4 programs)": session.first_visit(
                    "compare/?ids=" + ",".join(compare_ids), "#compare-app table"
                ),
                "match": session.first_visit("match/"),
                "FAQ": session.first_visit("faq/"),
            }
            out["first_result"] = {}
            for name, query in QUERIES.items():
                if query == COLD_QUERY:
                    continue
                first = session.search_cold(query)
                first.pop("_context").close()
                first.pop("_page")
                out["first_result"][name] = first
            cold = session.search_cold(COLD_QUERY)
            context, page = cold.pop("_context"), cold.pop("_page")
            out["search_cold"] = cold
            out["first_result"][next(n for n, q in QUERIES.items() if q == COLD_QUERY)] = cold
            warm: dict[str, list] = {name: [] for name in QUERIES}
            for _ in range(repeats):
                for name, query in QUERIES.items():
                    warm[name].append(session.search_warm(page, query, key_delay))
            context.close()
            out["search_warm"] = {
                name: {
                    "query": QUERIES[name],
                    "keystroke_to_results_ms": median(r.get("keystroke_to_results_ms") for r in runs),
                    "search_and_render_ms": median(r.get("search_and_render_ms") for r in runs),
                    "worker_ms": median(r.get("worker_ms") for r in runs),
                    "render_ms": median(r.get("render_ms") for r in runs),
                    "longest_task_ms": median(r.get("longest_task_ms") for r in runs),
                    "longest_task_worst_ms": max((r.get("longest_task_ms") or 0) for r in runs),
                    "text": runs[-1].get("text") or runs[-1].get("error"),
                    "runs": runs,
                }
                for name, runs in warm.items()
            }
            if interactions:
                out["filters"] = session.filters(repeats)
                out["match"] = session.match(repeats)
        finally:
            browser.close()
    out["search_files"] = search_files_summary(site, sizes)
    return out


def search_files_summary(site: Path, sizes: Sizes) -> dict:
    """Files, raw and gzip bytes of each part of search/ (docs/search-files.md), and the largest file's gzip."""
    parts = {}
    for part in ("terms", "words", "facets", "rows"):
        files = sorted((site / "search" / part).glob("*.json"))
        gz = [sizes.gzip(f) for f in files]
        parts[part] = {
            "files": len(files),
            "raw": sum(sizes.raw(f) for f in files),
            "gzip": sum(gz),
            "largest_gzip": max(gz, default=0),
        }
    meta = site / "search/meta.json"
    parts["meta"] = {"files": 1, "raw": sizes.raw(meta), "gzip": sizes.gzip(meta), "largest_gzip": sizes.gzip(meta)}
    return parts
