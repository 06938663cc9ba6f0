"""Everything the pages of one language show, from the records, the credentials, the settings and
the data's history: immutable values, worded in the language, made by the pure modules (present,
facets, history). Nothing here imports Pelican or keeps anything between calls: the generator hands
the model's pages to the writer, and reuse across the builds of a long-lived process is the caching
layer's (memo.py), passed in as `reuse`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any, Protocol

from .. import i18n
from ..data.field_spec import EMPTY, FieldSpec
from ..data.fields import US_STATE_NAMES
from ..data.records import Program
from . import present
from .facets import build_facets
from .history import History


@dataclass(frozen=True, slots=True)
class ModelSettings:
    """The settings the model reads (plain values, from pelicanconf.py)."""

    default_lang: str
    browse_page_size: int
    credential_page_limit: int
    history_months: int = 24

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ModelSettings:
        return cls(
            default_lang=settings["DEFAULT_LANG"],
            browse_page_size=settings["BROWSE_PAGE_SIZE"],
            credential_page_limit=settings["CREDENTIAL_PAGE_LIMIT"],
            history_months=settings.get("HISTORY_MONTHS", 24),
        )


@dataclass(frozen=True, slots=True)
class SiteModel:
    """One language's site. `page_keys`: per program id, what its page and data file are made from
    beyond the build's shared inputs (build_cache.py); `values`: what base.html hands every page of
    the language (Pelican's Markdown pages too); `changes`: per program id, its changes' sentences."""

    lang: str
    prefix: str  # "" for the default language, "es/" for Spanish
    program_views: tuple[present.ProgramView, ...]  # in browse order, as the records given
    page_keys: Mapping[str, PageKey]
    browse_pages: Sequence
    facets: Sequence
    credential_views: tuple[present.CredentialView, ...]
    work_settings: Sequence
    states: tuple[tuple[str, str], ...]  # (code, name in the language) of each state listed
    changes: Mapping[str, list[str]]
    values: Mapping[str, Any]


class Reuse(Protocol):
    """What a long-lived process keeps from its last build (memo.LastViews): the same view and page
    key for a record it has seen with the same `signature`, made by `make` otherwise."""

    def views_and_keys(
        self, lang: str, programs: Sequence, signature: list, make: Callable[[Any], tuple[Any, dict]]
    ) -> tuple[list, dict[str, dict]]: ...

    def with_history(self, key: Any, lines: list[str], add: Callable[[Any, list[str]], Any]) -> Any: ...

    def cost_with(self, program: Any, credential: Any, make: Callable[[], Any]) -> Any: ...


@dataclass(frozen=True, slots=True)
class PageKey:
    """What a program's page and data file are made from beyond the build's shared inputs (the
    credentials, settings, templates, code and the build's day). A tuple of the record's values, not
    a dict: one is kept per program and language until the pages are written, and a dict of fifty
    columns is three times the size (110 MB at 100,000 programs) and slower to pickle for its hash.
    The names are the model's, which the code (part of every key) fixes."""

    values: tuple  # the record's values in the model's order, without its row number
    lang: str = ""  # the page's language, when not the site's default
    history: tuple[str, ...] = ()  # the program's changes, as its page words them


# The record's values but its row number (for messages only): adding a row does not make every later
# page look changed. Anything else a program's page comes to show (from other programs) must be added
# to PageKey; its changes from the data's history are added by build_model.
_KEY_VALUES = attrgetter(*(name for name in Program.model_fields if name != "line"))


def page_key(program, lang: str = "") -> PageKey:
    return PageKey(_KEY_VALUES(program), lang)


def with_history(key: PageKey, lines: list[str]) -> PageKey:
    return replace(key, history=tuple(lines))


def _views_and_keys(programs, credentials, today, lang_key: str, spec: FieldSpec, lang: str, reuse):
    by_code = {c.code: c for c in credentials}

    def make(program) -> tuple[Any, PageKey]:
        return present.program_view(program, by_code, today, spec), page_key(program, lang_key)

    if reuse is None:
        made = [make(program) for program in programs]
        return [view for view, _ in made], {p.id: key for p, (_, key) in zip(programs, made, strict=True)}
    # The views word the credentials, the day and the declared columns: another of them, other views.
    signature = [c.values() for c in credentials] + [today, spec.signature()]
    return reuse.views_and_keys(lang, programs, signature, make)


def build_model(
    programs: Sequence,
    credentials: Sequence,
    settings: ModelSettings,
    history: History,
    lang: str,
    today: dt.date,
    fields: FieldSpec = EMPTY,
    reuse: Reuse | None = None,
) -> SiteModel:
    """The site in `lang`. `programs`: the records in browse order (by name); `history`: the data's
    changes (history.load_history); `reuse`: the caching layer's, in a long-lived process."""
    with i18n.language(lang):
        return _build_model(programs, credentials, settings, history, lang, today, fields, reuse)


def _build_model(programs, credentials, settings, history, lang, today, fields, reuse) -> SiteModel:
    lang_key = "" if lang == settings.default_lang else lang
    views, page_keys = _views_and_keys(programs, credentials, today, lang_key, fields, lang, reuse)
    dates = [p.last_verified for p in programs if p.last_verified]
    # Each credential's programs (with their views) in browse order, in one pass over the programs.
    members: dict[str, list] = {c.code: [] for c in credentials}
    for program, view in zip(programs, views, strict=True):
        for code in dict.fromkeys(program.credentials):
            if code in members:
                members[code].append((program, view))
    changes = {pid: [change.line() for change in found] for pid, found in history.by_program().items()}
    # A program's page shows its changes, so they are part of what its page is made from.
    for program_id, lines in changes.items():
        if program_id in page_keys:
            key = page_keys[program_id]
            page_keys[program_id] = reuse.with_history(key, lines, with_history) if reuse else with_history(key, lines)
    version = history.version or today  # the data version a shared link carries
    return SiteModel(
        lang=lang,
        prefix=i18n.prefix(lang, settings.default_lang),
        program_views=tuple(views),
        page_keys=page_keys,
        browse_pages=present.browse_pages(views, settings.browse_page_size),
        facets=build_facets(programs, credentials, [v.certify.amount for v in views], fields),
        credential_views=tuple(
            present.credential_view(
                c, members[c.code], settings.credential_page_limit, reuse.cost_with if reuse else None
            )
            for c in credentials
        ),
        work_settings=present.work_settings(credentials),
        states=tuple(
            (code, i18n.gettext(US_STATE_NAMES[code])) for code in sorted({p.state for p in programs if p.state})
        ),
        changes=changes,
        values={
            "data_summary": {
                "program_count": len(programs),
                "credential_count": len(credentials),
                "last_verified": present.date_text(max(dates)) if dates else present.not_listed(),
                "verified_range": present.verified_range(dates),
            },
            "NOT_LISTED": present.not_listed(),
            "CARD_FACTS": present.card_facts(),
            "CARD_BLANK": present.CARD_BLANK,
            "PREPARES_FOR_NOTE": i18n.gettext(present.PREPARES_FOR_NOTE),
            "STALE_NOTE": i18n.gettext(present.STALE_NOTE),
            # The columns data/fields.toml shows on cards (none without it): always given, as a card
            # may read only what it is given (browse_page.check_parts).
            "CARD_DECLARED": present.card_declared(fields),
            "DATA_HISTORY": {
                "available": history.available,
                "reason": i18n.gettext(history.reason) if history.reason else "",
                "version": version.isoformat(),
                "version_text": present.date_text(version),
                "since_text": present.date_text(history.since),
                "months": settings.history_months,
            },
        },
    )
