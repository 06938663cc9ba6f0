"""The files that describe the site to crawlers and feed readers: sitemap.xml, robots.txt, the Atom feed."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

import feedgenerator

from .records import Program
from .structured_data import absolute

FEED_PATH = "feeds/programs.atom.xml"
FEED_SIZE = 50  # the most recently verified programs; enough for a reader, small at 100,000 programs


def sitemap_xml(siteurl: str, pages: list[tuple[str, dt.date | None]]) -> str:
    """pages: (path relative to the site root, last modified date or None)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, lastmod in pages:
        lines.append(
            f"<url><loc>{escape(absolute(siteurl, path))}</loc>"
            + (f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else "")
            + "</url>"
        )
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(siteurl: str) -> str:
    # A Sitemap line must be an absolute URL; a build without an absolute SITEURL leaves it out.
    sitemap = f"\nSitemap: {absolute(siteurl, 'sitemap.xml')}\n" if siteurl else ""
    return "User-agent: *\nAllow: /\n" + sitemap


def programs_feed(siteurl: str, sitename: str, programs: list[Program], summaries: dict[str, str]) -> str:
    """Programs by the date their listing was last checked, newest first."""
    dated = sorted((p for p in programs if p.last_verified), key=lambda p: (p.last_verified, p.id), reverse=True)[
        :FEED_SIZE
    ]
    feed = feedgenerator.Atom1Feed(
        title=f"{sitename}: recently verified programs",
        link=absolute(siteurl, ""),
        description="Programs whose listing was checked most recently.",
        feed_url=absolute(siteurl, FEED_PATH),
        language="en",
    )
    for program in dated:
        when = dt.datetime.combine(program.last_verified, dt.time(), tzinfo=dt.UTC)
        link = absolute(siteurl, f"programs/{program.id}/")
        feed.add_item(
            title=f"{program.name} – {program.provider}",
            link=link,
            description=summaries.get(program.id or "", ""),
            unique_id=link,
            updateddate=when,
            pubdate=when,
        )
    return feed.writeString("utf-8")
