"""Serving a built site on 127.0.0.1 and driving Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LAUNCH_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",  # the machine's network is closed; stop Chromium from trying
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path, mount: str = ""):
    """Serve `folder` at http://127.0.0.1:<free port>/<mount>/ (a sub-folder mount mimics a sub-path host)."""
    root = folder
    if mount:
        root = folder.parent / (folder.name + "-served")
        (root / mount).parent.mkdir(parents=True, exist_ok=True)
        if not (root / mount).exists():
            (root / mount).symlink_to(folder, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/"
        yield base + (mount.strip("/") + "/" if mount else "")
    finally:
        server.shutdown()
        server.server_close()


def axe_violations(page, **options) -> list[dict]:
    """Run axe-core (from npm) in the page with the WCAG 2.x A/AA rules; returns the violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # evaluate() runs through DevTools, so the page's CSP (script-src 'self') stays on and tested.
        page.evaluate("(source) => { (0, eval)(source); }", AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations",
        AXE_TAGS,
    )
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]} for v in result]


class PageWatcher:
    """Collects console errors, uncaught exceptions, CSP reports and dialogs for one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("dialog", self._dialog)

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()


# Four sample programs in the compare tray: the page types "compare with 4 programs" show them.
FOUR = [
    "summit-health-medical-coding-certificate",
    "ridgeview-cc-medical-coding-certificate",
    "silverpine-ps-risk-adjustment",
    "northlake-ci-billing-coding-diploma",
]
SELECTION = json.dumps([{"id": i, "name": i, "provider": ""} for i in FOUR])
