"""The files that describe the site to crawlers and feed readers: sitemap.xml, robots.txt, the changes feed."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

import feedgenerator

from ..model.history import TEXT, Change
from .structured_data import absolute

FEED_PATH = "feeds/programs.atom.xml"
FEED_SIZE = 100  # the most recent changes; enough for a reader, small however many programs change


def sitemap_xml(
    siteurl: str,
    pages: list[tuple[str, dt.date | None]] | list[tuple[str, dt.date | None, tuple[str, ...]]],
    languages: dict[str, str] | None = None,
) -> str:
    """pages: (path in the default language's tree, last modified date or None[, the languages it
    exists in]); languages: code -> path prefix, the default first ("" for it). With more than one
    language each page is listed in each, with `xhtml:link` alternates (and `x-default`)."""
    languages = languages or {"": ""}
    several = len(languages) > 1
    head = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    head += ' xmlns:xhtml="http://www.w3.org/1999/xhtml">' if several else ">"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', head]
    default = next(iter(languages))
    for path, lastmod, *written in pages:
        codes = [code for code in languages if not written or code in written[0]]
        links = ""
        if several and len(codes) > 1:
            links = "".join(
                f'<xhtml:link rel="alternate" hreflang="{code}" href="{escape(absolute(siteurl, languages[code] + path))}"/>'
                for code in codes
            )
            links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{escape(absolute(siteurl, languages[default] + path))}"/>'
        for code in codes:
            lines.append(
                f"<url><loc>{escape(absolute(siteurl, languages[code] + path))}</loc>"
                + (f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else "")
                + links
                + "</url>"
            )
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(siteurl: str) -> str:
    # A Sitemap line must be an absolute URL; a build without an absolute SITEURL leaves it out.
    sitemap = f"\nSitemap: {absolute(siteurl, 'sitemap.xml')}\n" if siteurl else ""
    return "User-agent: *\nAllow: /\n" + sitemap


def changes_feed(siteurl: str, sitename: str, changes: list[Change], quiet_date: dt.date | None = None) -> str:
    """One entry per change (program, what changed, old → new, date), newest first. `quiet_date`: the
    feed's date when there is no change to list (else the feed library says "now", and two builds of
    the same data would differ)."""
    feed = feedgenerator.Atom1Feed(
        title=TEXT["feed_title"].format(site=sitename),
        link=absolute(siteurl, ""),
        description=TEXT["feed_description"],
        feed_url=absolute(siteurl, FEED_PATH),
        language="en",
    )
    if not changes and quiet_date is not None:
        quiet = dt.datetime.combine(quiet_date, dt.time(), tzinfo=dt.UTC)
        feed.latest_post_date = lambda: quiet
    for change in changes[:FEED_SIZE]:
        when = dt.datetime.combine(change.date, dt.time(), tzinfo=dt.UTC)
        page = absolute(siteurl, f"programs/{change.program_id}/")
        # A program no longer listed has no page; its entry links to the About page's word on changes.
        link = absolute(siteurl, "about/#changes") if change.kind == "removed" else page
        if change.kind == "changed":
            title = TEXT["feed_change_title"].format(
                name=change.name, provider=change.provider, label=change.label, old=change.old_text, new=change.new_text
            )
        else:
            title = TEXT[f"feed_{change.kind}_title"].format(name=change.name, provider=change.provider)
        feed.add_item(
            title=title,
            link=link,
            description=f"{change.name} ({change.provider}): {change.line()}",
            # Stable per change, so a feed reader shows each change once however often the site is built.
            unique_id=f"{page}#{change.date.isoformat()}-{change.kind}-{change.field}",
            updateddate=when,
            pubdate=when,
        )
    return feed.writeString("utf-8")
