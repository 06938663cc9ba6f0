"""Make root-relative links in trusted Markdown output (`/match/`) follow SITEURL, sub-paths included."""

from __future__ import annotations

import re

from markupsafe import Markup

_ROOTED = re.compile(r'(\s(?:href|src)=")/(?!/)')


def site_links(html: str, siteurl: str) -> Markup:
    return Markup(_ROOTED.sub(lambda m: m.group(1) + siteurl + "/", str(html)))
