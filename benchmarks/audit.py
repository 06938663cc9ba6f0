"""make audit: Lighthouse scores (performance, accessibility, best practices, SEO) for each page type.

Serves the built output/ on 127.0.0.1 and runs Lighthouse (npm, pinned in package.json) against
Debian's Chromium. Writes benchmarks/audit.md. A report, not a test gate.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, serve  # noqa: E402 (tests/ is put on the path just above)

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {
    "browse": "",
    "program": "programs/summit-health-medical-coding-certificate/",
    "credential": "credentials/cpc/",
    "compare (4 programs)": "compare/?ids=summit-health-medical-coding-certificate,ridgeview-cc-medical-coding-certificate,"
    "silverpine-ps-risk-adjustment,northlake-ci-billing-coding-diploma",
    "match": "match/?work=physician-offices-and-outpatient-clinics&budget=4000",
    "FAQ": "faq/",
}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-dev-shm-usage --disable-gpu --disable-background-networking --disable-component-update --no-first-run"


def audit(url: str) -> dict[str, int]:
    result = subprocess.run(
        [
            str(ROOT / "node_modules/.bin/lighthouse"),
            url,
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--form-factor=mobile",
        ],
        check=False,  # a failed audit is reported below with Lighthouse's own message
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed for {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    return {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", default=str(ROOT / "output"))
    parser.add_argument("--out", default=str(ROOT / "benchmarks/audit.md"))
    args = parser.parse_args()
    rows = []
    with serve(Path(args.site)) as base:
        for name, path in PAGES.items():
            scores = audit(base + path)
            rows.append((name, scores))
            print(name, scores, flush=True)
    lines = [
        "# Lighthouse scores",
        "",
        "`make audit` (Lighthouse, mobile, against the sample data served on 127.0.0.1).",
        "",
        "| page | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---:|" * len(CATEGORIES),
    ]
    lines += [f"| {name} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |" for name, scores in rows]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
