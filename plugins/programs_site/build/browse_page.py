"""The browse pages (`/`, `/page/N/`) from cards rendered once per program, kept across builds.

A browse page holds BROWSE_PAGE_SIZE cards and the filter form, whose counts cover every program: a
one-row edit that moves a count changes all 200-odd pages at 10,000 programs. Rendering each page
whole would render all its cards again. So each card is partials/card.html rendered alone for its program's
view (the only copy of the card markup; browse.html prints the cards in order), and a long-lived
process (`make devserver`, memo.CARDS) keeps the cards across builds by program and view object
(load.py and the generator hand back the same objects for an unchanged row): a rebuild renders the
edited program's card only, and each page around the cards it already has. The filter form
(partials/filters.html) is rendered once per build, language and page depth (its link is relative),
not once per page.

A card is also made from what every page shares (templates, code, settings, catalogs, the words
base.html hands a page): the kept cards are dropped whenever `signature` changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup

from . import kept
from .memo import CARDS
from .render import RENDER_ERRORS, PageRenderer

# The cards (memo.CARDS): program and view -> {the page's path depth: the card's HTML}. Kept only in a
# long-lived process: in a single build each card is rendered once anyway (by the worker writing its page).

# Values of the shared context that change with the data but that no card shows (the summary of
# counts and dates in page headers, the data's version): left out of the cards' signature, so an
# added row or a newer date keeps the cards.
NOT_IN_CARDS = ("data_summary", "DATA_HISTORY")


def card_context(context: dict) -> dict:
    """`context` (the generator's, with each language's words) without what no card shows."""
    kept = {k: v for k, v in context.items() if k not in NOT_IN_CARDS and k != "LANGUAGE_VALUES"}
    kept["LANGUAGE_VALUES"] = {
        lang: {k: v for k, v in words.items() if k not in NOT_IN_CARDS}
        for lang, words in (context.get("LANGUAGE_VALUES") or {}).items()
    }
    return kept


# What a card and the filter form are rendered with beyond the shared context (BrowsePages, PageRenderer).
CARD_VALUES = frozenset({"program", "LANG", "SITEURL", "localsiteurl"})
FORM_VALUES = frozenset({"facets", "LANG", "SITEURL", "localsiteurl"})


def check_parts(env, context: dict, words: dict) -> list[str]:
    """Problems with the parts rendered once for many pages: a card may read what its program's view
    and the cards' signature (card_context) cover, the filter form what the whole build shares. A
    read of anything else (`page_path`, the page's `output_file`, the data's summary on a card) would
    show one page's value on every page of its depth, so it stops the build."""
    shared = set(context) | set(words)
    return kept.check_part(
        env,
        "partials/card.html",
        (shared - set(NOT_IN_CARDS)) | CARD_VALUES,
        "its program and the site's shared values",
    ) + kept.check_part(env, "partials/filters.html", shared | FORM_VALUES, "the language and the page's depth")


def begin_build(signature: Callable[[], Any], keep: Any = None) -> None:
    """Keep the last build's cards only if they were made from the same shared inputs (`signature()`,
    worked out only when the caller builds again in this process, `keep`: a single build keeps no cards)."""
    CARDS.made_from(signature() if keep else None)
    if not keep:
        CARDS.clear()


class BrowsePages:
    """One language's browse pages: `make(index)` renders a page around its cards."""

    def __init__(self, renderer: PageRenderer, lang: str, prefix: str, words: dict, facets, pages, programs):
        """`pages`: present.browse_pages (pagination and views); `programs`: the records, in the same order."""
        self.renderer, self.lang, self.prefix, self.words, self.facets = renderer, lang, prefix, words, facets
        self.pages = pages
        self.programs: list[Sequence] = []
        start = 0
        for _, views in pages:
            self.programs.append(programs[start : start + len(views)])
            start += len(views)
        self._forms: dict[int, Markup] = {}  # page depth -> the filter form (this build, this process)

    def path(self, number: int) -> str:
        return self.prefix + self.pages[number][0].path + "index.html"

    def _form(self, name: str) -> Markup:
        depth = name.count("/")
        if depth not in self._forms:
            html = self.renderer.render(name, "partials/filters", LANG=self.lang, facets=self.facets, **self.words)
            self._forms[depth] = Markup(html)
        return self._forms[depth]

    def _card(self, name: str, program, view) -> Markup:
        kept = CARDS.get(program, view, dict)
        depth = name.count("/")
        if depth not in kept:
            kept[depth] = Markup(
                self.renderer.render(name, "partials/card", LANG=self.lang, program=view, **self.words)
            )
        return kept[depth]

    def cards(self, number: int) -> list[Markup]:
        name = self.path(number)
        return [self._card(name, p, v) for p, v in zip(self.programs[number], self.pages[number][1], strict=True)]

    def make(self, number: int) -> str:
        pagination = self.pages[number][0]
        name = self.path(number)
        return self.renderer.render(
            name,
            "browse",
            LANG=self.lang,
            pagination=pagination,
            cards=self.cards(number),
            filters=self._form(name),
            page_path=pagination.path,
        )

    def maker(self, number: int) -> Callable[[], str]:
        return lambda: self.make(number)

    def render_cards_here(self, numbers, keep: Any = None) -> None:
        """When the caller builds again in this process (`keep`), before the page workers fork: render the
        pages' missing cards here, where they are kept for the next build (a worker's would be lost with it)."""
        if keep:
            for number in numbers:
                try:
                    self.cards(number)
                except RENDER_ERRORS:
                    return  # the page's own rendering meets it again and reports it with its place
