"""Plain Pelican for comparison: one Markdown article per program, built with Pelican's default theme.

`write_project(csv_path, folder)` writes folder/content/*.md and folder/settings.py; the build itself
(`pelican content -s settings.py -o out`, run from `folder`) is what benchmarks.run times.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

SETTINGS = """\
SITENAME = "Medical Coding Programs"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
PATH = "content"
"""


def article(row: dict) -> str:
    """Front matter, a summary and the program's facts as a Markdown list, then the description."""
    facts = [
        ("Provider", row["provider"]),
        ("Format", row["format"]),
        ("Duration (months)", row["duration_months"]),
        ("Total cost (USD)", row["cost_usd"]),
        ("Prepares for", row["credentials"].replace(";", ", ")),
        ("Exam prep", row["exam_prep"]),
        ("Exam voucher included", row["exam_voucher_included"]),
        ("Accreditation", row["accreditation"].replace(";", ", ")),
        ("Pace", row["pace"]),
        ("Hours per week", row["hours_per_week"]),
        ("Externship", row["externship"]),
        ("Federal financial aid", row["financial_aid"]),
        ("Military benefits", row["military_benefits"]),
        ("Location", ", ".join(p for p in (row["city"], row["state"]) if p)),
    ]
    summary = f"{row['name']} from {row['provider']}: {row['format'] or 'format not listed'}, {row['cost_usd'] or 'cost not listed'}."
    lines = [
        f"Title: {row['name']} – {row['provider']}",
        f"Date: {row['last_verified'] or '2026-01-01'}",
        f"Category: {row['format'] or 'unknown'}",
        f"Tags: {row['credentials'].replace(';', ', ')}",
        f"Slug: {row['id']}",
        f"Summary: {summary}",
        "",
        *[f"- **{label}:** {value or 'Not listed'}" for label, value in facts],
        "",
        row["description"],
        "",
        f"[Apply or request information]({row['enroll_url'] or row['url']})",
        "",
    ]
    return "\n".join(lines)


def write_project(csv_path: str | Path, folder: str | Path) -> Path:
    folder = Path(folder)
    content = folder / "content"
    os.makedirs(content, exist_ok=True)
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            (content / f"{row['id']}.md").write_text(article(row), encoding="utf-8")
    (folder / "settings.py").write_text(SETTINGS, encoding="utf-8")
    return folder
