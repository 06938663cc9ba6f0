"""Split the FAQ page's HTML into questions (each `##` heading) and answers, for its contents list and JSON-LD."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markupsafe import Markup

_H2 = re.compile(r'<h2 id="(?P<id>[^"]+)">(?P<title>.*?)</h2>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Entry:
    id: str
    question: str
    answer_html: Markup
    answer_text: str


def plain(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def faq_entries(content: str) -> list[Entry]:
    """Everything between one `<h2 id=…>` and the next is that question's answer."""
    content = str(content)
    matches = list(_H2.finditer(content))
    entries = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(content)
        answer = content[match.end() : end].strip()
        entries.append(Entry(match["id"], plain(match["title"]), Markup(answer), plain(answer)))
    return entries


def faq_intro(content: str) -> Markup:
    """What comes before the first question."""
    match = _H2.search(str(content))
    return Markup(str(content)[: match.start()] if match else str(content))
