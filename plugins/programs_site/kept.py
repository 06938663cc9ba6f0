"""`{% kept HOME, page_lang %}…{% endkept %}`: a part of the page layout that is the same on many
pages, rendered once per process for each set of the values named, then reused.

The header's navigation and the footer are the same on every page at the same depth in the same
language, yet rendering them was a seventh of each program page's time (10,000 to 100,000 pages
a build). The values named must be everything in the part that differs from page to page; what is
the same for the whole build (settings, the data's summary) may be left out, because every build
starts with nothing kept (`forget`), so a long-lived process (`make devserver`) never shows the
last build's words.
"""

from __future__ import annotations

import itertools
from typing import Any

from jinja2 import nodes
from jinja2.ext import Extension
from markupsafe import Markup

_KEPT: dict[tuple, Markup] = {}
_PARTS = itertools.count()  # each part its own number, also two on one line


class Kept(Extension):
    tags = {"kept"}  # noqa: RUF012 - jinja2's Extension declares it a class attribute

    def parse(self, parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        values = []
        while parser.stream.current.type != "block_end":
            if values:
                parser.stream.expect("comma")
            values.append(parser.parse_expression())
        body = parser.parse_statements(("name:endkept",), drop_needle=True)
        place = nodes.Const(f"{parser.name}:{lineno}:{next(_PARTS)}")  # one store per part, whatever the values
        call = self.call_method("_render", [place, nodes.Tuple(values, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, place: str, values: tuple, caller) -> Markup:
        # The environment is part of the key: each language's has its interface words compiled in.
        key = (id(self.environment), place, values)
        text = _KEPT.get(key)
        if text is None:
            text = _KEPT[key] = Markup(caller())
        return text


def install(env: Any) -> None:
    """Give a Jinja environment the `kept` tag (the theme's layout uses it)."""
    if Kept.identifier not in env.extensions:
        env.add_extension(Kept)


def forget() -> None:
    """At the start of a build: nothing from the last one is kept."""
    _KEPT.clear()
