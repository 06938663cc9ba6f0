"""The floor: the site's own templates rendered by plain jinja2 and written, no Pelican.

`python -m benchmarks.floor programs.csv out_dir [--data plain|ours]`

It writes the same HTML pages the real build writes from the data (one per program, the browse
pages, one per credential, the credentials list, compare, match, 404) with the same templates and
Jinja settings. It writes nothing else: no JSON, no search index, no sitemap or feed, no Markdown
pages (the four FAQ/guide/about pages need Pelican's reader).

--data plain (the floor the goals use) reads the CSV with the csv module and words each value with
plain string work: the least any generator must do to fill these templates.
--data ours loads and words the data with the site's own code (pydantic records, present.py,
facets.py, structured_data.py), so the gap between the two is the cost of our data work and the
gap to the real build is Pelican, the search index and the data files.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import csv
import json
import math
import os
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace as NS

from jinja2 import Environment, FileSystemLoader

ROOT = Path(__file__).resolve().parent.parent
NOT_LISTED = "Not listed"
FORMAT_LABELS = {"online": "Online", "in-person": "In-person", "hybrid": "Hybrid"}


def literal_settings(path: Path) -> dict:
    """The plain values pelicanconf.py assigns (strings, numbers, lists), without importing it."""
    settings = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value
            if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "N_" and value.args:
                value = value.args[0]  # text marked for the message catalogs: N_("…")
            with contextlib.suppress(ValueError):
                settings[node.targets[0].id] = ast.literal_eval(value)
    return settings


def relative_root(name: str) -> str:
    """What Pelican's writer sets SITEURL to with RELATIVE_URLS for a file at `name`."""
    depth = name.count("/")
    return "/".join([".."] * depth) if depth else "."


class Site:
    def __init__(self, out: str, settings: dict, programs_count: int):
        sys.path.insert(0, str(ROOT))
        from plugins.programs_site import JINJA_FILTERS, JINJA_GLOBALS, i18n  # as the build passes them
        from plugins.programs_site.build import kept
        from plugins.programs_site.model import present

        jinja = settings.get("JINJA_ENVIRONMENT", {})
        self.env = Environment(
            loader=FileSystemLoader(str(ROOT / "theme" / "templates")),
            autoescape=jinja.get("autoescape", True),
            trim_blocks=jinja.get("trim_blocks", True),
            lstrip_blocks=jinja.get("lstrip_blocks", True),
            extensions=["jinja2.ext.i18n"],
        )
        # The templates' words (English: the catalog's source language) and the language helpers.
        i18n.install(self.env)
        kept.install(self.env)  # the layout's {% kept %} parts, as in the build
        self.env.filters.update(JINJA_FILTERS)
        self.env.globals.update(JINJA_GLOBALS)
        self.out = out
        self.context = dict(settings)
        self.context.update(
            LANG="en",
            LANGUAGES=("en",),  # the floor is the English site alone
            NOT_LISTED=NOT_LISTED,
            SITE_ABSOLUTE_URL="",
            FEED_PATH="feeds/programs.atom.xml",
            # The data history is measured on its own (benchmarks/history_bench.py); pages here show none.
            DATA_HISTORY={
                "available": True,
                "reason": "",
                "version": "2026-09-30",
                "version_text": "September 30, 2026",
            },
            data_summary={
                "program_count": programs_count,
                "credential_count": 7,
                "last_verified": "September 30, 2026",
                "verified_range": "Listings were last verified between May 1, 2025 and September 30, 2026",
            },
            # The same card layout the real build passes (plugins/programs_site/model/present.py).
            CARD_FACTS=present.CARD_FACTS,
            CARD_BLANK=present.CARD_BLANK,
            PREPARES_FOR_NOTE=present.PREPARES_FOR_NOTE,
            STALE_NOTE=present.STALE_NOTE,
        )
        self.pages = 0

    def write(self, name: str, template: str, **values) -> None:
        html = self.env.get_template(template).render({**self.context, "SITEURL": relative_root(name), **values})
        path = os.path.join(self.out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(html)
        self.pages += 1


def _credentials_csv() -> list[dict]:
    with open(ROOT / "data" / "credentials.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# ---- --data plain: the csv module and string work -------------------------------------------


def _fact(label: str, text: str) -> NS:
    text = text or NOT_LISTED
    return NS(label=label, text=text, unknown=text == NOT_LISTED)


def _money(cell: str) -> str:
    if not cell:
        return NOT_LISTED
    value = float(cell.replace("$", "").replace(",", ""))
    return f"${value:,.0f}"


def plain_view(row: dict, credentials: dict) -> NS:
    codes = [c for c in row["credentials"].split(";") if c]
    creds = [
        NS(
            code=c,
            name=credentials[c]["name"] if c in credentials else c,
            path=f"credentials/{c.lower()}/" if c in credentials else None,
        )
        for c in codes
    ]
    cost = _money(row["cost_usd"])
    duration = f"{row['duration_months']} months" if row["duration_months"] else NOT_LISTED
    fmt = FORMAT_LABELS.get(row["format"].lower(), NOT_LISTED)

    def yes(cell):
        return NOT_LISTED if not cell else ("Yes" if cell.lower() in ("yes", "y", "true", "1") else "No")

    facts = [
        _fact("Total cost", cost),
        _fact("Duration", duration),
        _fact("Format", fmt),
        _fact("Pace", row["pace"]),
        _fact("Hours per week", row["hours_per_week"]),
        _fact("Instruction hours", row["clock_hours"]),
        _fact("Exam prep included", yes(row["exam_prep"])),
        _fact("Exam voucher included", yes(row["exam_voucher_included"])),
        _fact("Accreditation", row["accreditation"].replace(";", ", ")),
        _fact("Externship", yes(row["externship"])),
        _fact("Federal financial aid", yes(row["financial_aid"])),
        _fact("Military benefits", yes(row["military_benefits"])),
        _fact("Location", ", ".join(p for p in (row["city"], row["state"]) if p)),
    ]
    parts = [
        ("Tuition", row["cost_tuition"]),
        ("Fees", row["cost_fees"]),
        ("Books and materials", row["cost_books"]),
        ("Exam", row["cost_exam"]),
    ]
    outcomes = [
        _fact("Completion rate", row["completion_rate"]),
        _fact("Exam pass rate", row["exam_pass_rate"]),
        _fact("Job placement rate", row["job_placement_rate"]),
    ]
    path = f"programs/{row['id']}/"
    summary = f"{row['name']} from {row['provider']}: {fmt}; prepares for {', '.join(codes)}; {duration}; {cost}."
    jsonld = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": row["name"],
        "url": "/" + path,
        "provider": {"@type": "EducationalOrganization", "name": row["provider"], "url": row["url"]},
        "description": row["description"],
        "offers": {"@type": "Offer", "price": cost, "priceCurrency": "USD"},
        "occupationalCredentialAwarded": [
            {"@type": "EducationalOccupationalCredential", "name": c.name} for c in creds
        ],
    }
    crumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Programs", "item": "/"},
            {"@type": "ListItem", "position": 2, "name": row["name"], "item": "/" + path},
        ],
    }
    return NS(
        id=row["id"],
        path=path,
        name=row["name"],
        provider=row["provider"],
        format=fmt,
        duration=duration,
        cost=cost,
        exam_prep=yes(row["exam_prep"]),
        credentials=creds,
        facts=facts,
        cost_breakdown=[_fact(label, _money(cell)) for label, cell in parts if cell],
        certification_costs=[f"{c.code}: {cost}" for c in creds if c.path] if row["cost_usd"] else [],
        outcomes=outcomes if any(not f.unknown for f in outcomes) else [],
        outcomes_source=row["outcomes_source"] or None,
        description=[p for p in row["description"].split("\n\n") if p],
        extra=[],
        action_url=row["enroll_url"] or row["url"] or None,
        provider_url=row["url"] or None,
        last_verified=row["last_verified"] or NOT_LISTED,
        summary=summary,
        jsonld=[json.dumps(jsonld, ensure_ascii=False), json.dumps(crumbs, ensure_ascii=False)],
        certify_text=cost,
        certify_detail=cost,
        location=", ".join(p for p in (row["city"], row["state"]) if p) or NOT_LISTED,
        verified_stale=False,
        state=row["state"].upper(),
        cost_value=float(row["cost_usd"].replace("$", "").replace(",", "")) if row["cost_usd"] else None,
    )


def plain_data(csv_path: str, limit: int):
    credential_rows = _credentials_csv()
    by_code = {c["code"]: c for c in credential_rows}
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    views = sorted(
        (plain_view(r, by_code) for r in rows), key=lambda v: (v.name.casefold(), v.provider.casefold(), v.id)
    )

    def count(values):
        return [NS(value=v, label=v, count=n) for v, n in Counter(values).most_common()]

    facets = [
        NS(param="format", label="Format", kind="checkboxes", options=count(v.format for v in views)),
        NS(
            param="credential",
            label="Prepares for",
            kind="checkboxes",
            options=count(c.code for v in views for c in v.credentials),
        ),
        NS(
            param="max_cost",
            label="Total cost up to",
            kind="select",
            options=[
                NS(value=str(s), label=f"${s:,}", count=0) for s in (1000, 2000, 3000, 4000, 5000, 7500, 10000, 15000)
            ],
        ),
        NS(
            param="max_duration",
            label="Finish within",
            kind="select",
            options=[NS(value=str(s), label=f"{s} months", count=0) for s in (3, 6, 9, 12, 18, 24)],
        ),
        *[
            NS(param=p, label=p, kind="yes", options=[NS(value="yes", label=p, count=0)])
            for p in ("exam_prep", "voucher", "financial_aid", "military")
        ],
        NS(param="state", label="State", kind="select", options=count(v.state for v in views if v.state)),
        NS(
            param="accreditation",
            label="Accreditation",
            kind="checkboxes",
            options=count(f.text for v in views for f in v.facts[8:9]),
        ),
    ]
    credentials = []
    for c in credential_rows:
        # Cheapest first, the first `limit` listed: what the real credential pages show.
        listed = sorted(
            (v for v in views if any(x.code == c["code"] for x in v.credentials)),
            key=lambda v: (v.cost_value is None, v.cost_value or 0),
        )
        credentials.append(
            NS(
                code=c["code"],
                path=f"credentials/{c['code'].lower()}/",
                name=c["name"],
                issuer=c["issuer"],
                best_for=c["best_for"],
                exam_summary=c["exam_summary"],
                exam_fee=_money(c["exam_fee_usd"]),
                url=c["url"],
                programs=[(v, v.cost) for v in listed[:limit]],
                total=len(listed),
            )
        )
    work = [NS(key=c["code"].lower(), label=c["best_for"], codes=[c["code"]]) for c in credential_rows]
    states = [(code, code) for code in sorted({v.state for v in views if v.state})]
    return views, [v.jsonld for v in views], facets, credentials, work, states


# ---- --data ours: the site's own data code ----------------------------------------------------


def our_data(csv_path: str, settings: dict):
    sys.path.insert(0, str(ROOT))
    from plugins.programs_site.data.load import load_credentials, load_programs
    from plugins.programs_site.model import present
    from plugins.programs_site.model.facets import build_facets
    from plugins.programs_site.outputs.structured_data import json_for_html, program_jsonld

    credentials, _ = load_credentials(str(ROOT / settings["CREDENTIALS_CSV"]))
    programs, _ = load_programs(csv_path, {c.code for c in credentials})
    programs.sort(key=lambda p: (p.name.casefold(), p.provider.casefold(), p.id))
    by_code = {c.code: c for c in credentials}
    views = [present.program_view(p, by_code) for p in programs]
    jsonld = [[json_for_html(item) for item in program_jsonld(p, by_code, "")] for p in programs]
    limit = settings["CREDENTIAL_PAGE_LIMIT"]
    credential_views = [
        present.credential_view(
            c, [(p, v) for p, v in zip(programs, views, strict=True) if c.code in p.credentials], limit
        )
        for c in credentials
    ]
    from plugins.programs_site.data.fields import US_STATE_NAMES

    states = [(code, US_STATE_NAMES[code]) for code in sorted({p.state for p in programs if p.state})]
    return (
        views,
        jsonld,
        build_facets(programs, credentials, [v.certify.amount for v in views]),
        credential_views,
        present.work_settings(credentials),
        states,
    )


def build(csv_path: str, out: str, data: str) -> int:
    settings = literal_settings(ROOT / "pelicanconf.py")
    settings.setdefault("CREDENTIALS_CSV", "data/credentials.csv")
    settings.setdefault("CREDENTIAL_PAGE_LIMIT", 10**9)
    views, jsonld, facets, credentials, work, states = (
        our_data(csv_path, settings) if data == "ours" else plain_data(csv_path, settings["CREDENTIAL_PAGE_LIMIT"])
    )
    site = Site(out, settings, len(views))
    per_page = settings.get("BROWSE_PAGE_SIZE", 48)
    pages = max(1, math.ceil(len(views) / per_page))
    for number in range(1, pages + 1):
        path = "" if number == 1 else f"page/{number}/"
        window = [
            (n, "" if n == 1 else f"page/{n}/")
            for n in sorted({1, pages, *range(number - 2, number + 3)})
            if 1 <= n <= pages
        ]
        pagination = NS(
            number=number,
            count=pages,
            path=path,
            previous_path=None if number == 1 else "",
            next_path=None if number == pages else f"page/{number + 1}/",
            pages=window,
        )
        chunk = views[(number - 1) * per_page : number * per_page]
        site.write(
            path + "index.html", "browse.html", pagination=pagination, programs=chunk, page_path=path, facets=facets
        )
    for view, items in zip(views, jsonld, strict=True):
        site.write(view.path + "index.html", "program.html", program=view, page_path=view.path, jsonld=items)
    for credential in credentials:
        site.write(credential.path + "index.html", "credential.html", credential=credential, page_path=credential.path)
    site.write("credentials/index.html", "credentials.html", credentials=credentials, page_path="credentials/")
    site.write("compare/index.html", "compare.html", page_path="compare/")
    site.write("match/index.html", "match.html", page_path="match/", work_settings=work, states=states)
    site.write("404.html", "404.html", page_path="404.html")
    return site.pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("out")
    parser.add_argument("--data", choices=["plain", "ours"], default="plain")
    args = parser.parse_args(argv)
    pages = build(os.path.abspath(args.csv), args.out, args.data)
    print(f"{pages} pages written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
