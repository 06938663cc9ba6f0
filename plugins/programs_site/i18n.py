"""Languages: one Babel message catalog per language for every interface string (templates, Python, browser).

The site's text is written in English (the msgids); `theme/translations/<lang>/LC_MESSAGES/messages.po`
holds another language's words. The build reads the `.po` files directly and compiles them in memory
(`make messages` also writes `.mo` files for other tools), so a page never shows a stale translation.

Python code asks for words with `gettext`/`ngettext` below: they answer in the language of the
`language(...)` block they run in (the generator sets it while it words one language's views).
Templates use `{% trans %}` and `_()` (jinja2.ext.i18n), answered in the page's own language: the
`LANG` value of its context, or a Pelican page's `lang`. Adding a language is one `.po` file and a
line in `LANGUAGES` (docs/translating.md).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext as gettext_module
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.lexer import Token
from markupsafe import Markup, escape

from . import json_text
from .build.memo import CATALOGS

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
TRANSLATIONS = PROJECT_ROOT / "theme" / "translations"
DOMAIN = "messages"
SOURCE_LANG = "en"  # the msgids' language
REGION = "US"  # numbers, money and dates are written as in the US: `$2,400`, `2,358` (es-US, en-US)
# CLDR's plural categories in the order gettext numbers a catalog's plural forms (Babel's order).
PLURAL_ORDER = ("zero", "one", "two", "few", "many", "other")

_current: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=SOURCE_LANG)


def N_(message: str) -> str:
    """Marks a string for the catalog (pybabel extract) where it is defined; translated where shown."""
    return message


def catalog_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


_NULL = gettext_module.NullTranslations()


def reload() -> None:
    """At the start of each build: a catalog whose file changed is read again (`make devserver` sees an
    edited translation). The catalogs are kept in the caching layer (memo.CATALOGS), by their text."""
    CATALOGS.keep_if(lambda lang: catalog_path(lang).read_bytes())


def _loaded(lang: str) -> tuple:
    kept = CATALOGS.read.get(lang)
    if kept is None:
        text = catalog_path(lang).read_bytes()
        catalog = read_po(io.BytesIO(text), locale=lang)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        kept = CATALOGS.read[lang] = (catalog, gettext_module.GNUTranslations(buffer), text)
    return kept


def translations(lang: str) -> gettext_module.NullTranslations:
    """The language's compiled catalog; the source language needs none."""
    return _NULL if lang == SOURCE_LANG else _loaded(lang)[1]


def current() -> str:
    return _current.get()


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """Python's gettext below answers in `lang` inside this block."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    lang = _current.get()
    return message if lang == SOURCE_LANG else _loaded(lang)[1].gettext(message)  # views call it ~60 times a program


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def babel_locale(lang: str | None = None) -> str:
    """`es_US`, `en_US`: the locale Babel formats numbers and dates in; the language alone when CLDR
    has no US variant of it (`fr`)."""
    lang = lang or _current.get()
    if lang not in _LOCALES:
        try:
            Locale.parse(f"{lang}_{REGION}")
            _LOCALES[lang] = f"{lang}_{REGION}"
        except (UnknownLocaleError, ValueError):
            _LOCALES[lang] = lang
    return _LOCALES[lang]


_LOCALES: dict[str, str] = {}


def browser_locale(lang: str) -> str:
    """`es-US`, `en-US`: the same locale for the browser's Intl."""
    return f"{lang}-{REGION}"


def prefix(lang: str, default: str) -> str:
    """Where a language's pages live: the default at the root, others under `<lang>/`."""
    return "" if lang == default else f"{lang}/"


def signature(languages: tuple[str, ...]) -> str:
    """What the catalogs hold, for the build cache: an edited translation rewrites the pages."""
    digest = hashlib.blake2b(digest_size=16)
    for lang in languages:
        path = catalog_path(lang)
        if lang != SOURCE_LANG and path.is_file():
            digest.update(lang.encode() + path.read_bytes())
    return digest.hexdigest()


# ---- templates ----------------------------------------------------------------------------------


def _page_lang(context) -> str:
    lang = context.get("LANG")
    if lang:
        return lang
    content = context.get("page") or context.get("article")
    return getattr(content, "lang", None) or context.get("DEFAULT_LANG") or SOURCE_LANG


# What a template's `_()` / `{% trans %}` returns, by (language, message), is kept with the catalogs
# (memo.CATALOGS.markup), so a page's hundred interface strings cost a dict lookup each (100,000 pages
# render them all).


@pass_context
def _template_gettext(context, message: str, **variables) -> Markup:
    lang = _page_lang(context)
    markup = CATALOGS.markup
    text = markup.get((lang, message))
    if text is None:
        text = markup[(lang, message)] = Markup(translations(lang).gettext(message))
    # As jinja2's new-style gettext: values are escaped into the (trusted) translation, and `%%` is `%`.
    return text % variables if variables or "%" in text else text


@pass_context
def _template_ngettext(context, singular: str, plural: str, n: int, **variables) -> Markup:
    text = Markup(translations(_page_lang(context)).ngettext(singular, plural, n))
    return text % {"num": n, **variables}


class ConstantGettext(Extension):
    """Translates `_("literal")` while a template compiles, in an environment made for one language
    (`language_environment`): a page then holds its words as text, not as calls made on each of
    100,000 pages. `{% trans %}` blocks and `_()` of a variable stay calls."""

    def filter_stream(self, stream):
        lang = getattr(self.environment, "page_language", None)
        tokens = list(stream)
        i = 0
        while i < len(tokens):
            window = tokens[i : i + 4]
            if (
                lang
                and len(window) == 4
                and window[0].test("name:_")
                and window[1].type == "lparen"
                and window[2].type == "string"
                and window[3].type == "rparen"
            ):
                # A trusted translation, not escaped: what the runtime `_()` (Markup) gives.
                line = window[2].lineno
                yield Token(line, "string", translations(lang).gettext(window[2].value))
                yield Token(line, "pipe", "|")
                yield Token(line, "name", "safe")
                i += 4
                continue
            yield tokens[i]
            i += 1


def language_environment(env, lang: str):
    """`env` for pages in `lang`: its own template cache, `_("literal")` translated once (ConstantGettext)."""
    overlay = env.overlay(extensions=[ConstantGettext], cache_size=400)
    overlay.page_language = lang
    return overlay


def install(env) -> None:
    """Gives a Jinja environment (with jinja2.ext.i18n) the page-language gettext, new-style, so
    `{% trans %}` and `_()` escape their values like the rest of the page. The callables are ours
    rather than jinja2's wrappers (install_gettext_callables), which cost ten times as much per call."""
    env.policies["ext.i18n.trimmed"] = True  # a message's line breaks and indents are not part of it (babel.cfg too)
    env.newstyle_gettext = True
    env.globals.update(gettext=_template_gettext, ngettext=_template_ngettext, _=_template_gettext)


# ---- the browser's catalog -------------------------------------------------------------------------


def plural_categories(lang: str) -> list[str]:
    """The Intl.PluralRules category of each plural form, in the catalog's order (Spanish: one, many, other)."""
    tags = Locale.parse(lang).plural_form.tags | {"other"}
    return [tag for tag in PLURAL_ORDER if tag in tags]


def _for_browser(path: str) -> bool:
    # plugins/*.toml: the built-in columns' labels (builtin_fields.toml), which data files carry too.
    return path.endswith(".js") or (path.startswith("plugins/") and path.endswith((".py", ".toml")))


def browser_messages(lang: str, words: dict[str, list[str]] | None = None) -> str:
    """The strings the browser modules use (entries the catalog locates in a .js file), as JSON:
    {"locale", "plurals", "messages": {msgid: text or [forms]}, "words": the search-word map}."""
    messages: dict[str, str | list[str]] = {}
    if lang != SOURCE_LANG:
        for message in _loaded(lang)[0]:
            # The browser's own strings, and the Python words data files carry (Yes, Online, Not listed…).
            if not message.id or not any(_for_browser(str(path)) for path, _ in message.locations):
                continue
            if isinstance(message.id, tuple | list):
                messages[message.id[0]] = list(message.string)
            else:
                messages[message.id] = message.string
    body = {
        "lang": lang,
        "locale": browser_locale(lang),
        "plurals": plural_categories(lang),
        "messages": messages,
        "words": words or {},
    }
    return json_text.compact_sorted(body)


# ---- one page in every language ----------------------------------------------------------------


@functools.cache
def language_name(lang: str) -> str:
    """A language's name in itself ("English", "Español"): what the switcher shows, from CLDR."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


def unprefixed(path: str, languages: tuple[str, ...], default: str) -> str:
    """`es/faq/` -> `faq/`: a page's path in the default language's tree."""
    for lang in languages:
        if lang != default and path.startswith(f"{lang}/"):
            return path[len(lang) + 1 :]
    return path


@dataclass(frozen=True)
class Versions:
    """A page in every language it exists in (`all`, in `LANGUAGES` order; each {lang, name, path from
    the site root}), the page's own (`current`), the others (the switcher) and the default (x-default)."""

    all: list[dict]
    current: dict
    others: list[dict]
    default: dict | None


@pass_context
def page_languages(context) -> Versions:
    """Our pages give `page_path` (in the default language's tree); a Pelican page gives its URL."""
    default = context.get("DEFAULT_LANG") or SOURCE_LANG
    languages = tuple(context.get("LANGUAGES") or (default,))
    lang = _page_lang(context)
    content = context.get("page")
    path = context.get("page_path")
    if path is None:
        path = getattr(content, "url", "") if content else ""
    path = unprefixed(str(path), languages, default)
    if content is not None and getattr(content, "url", None) is not None:
        # A Markdown page exists only in the languages it was written in.
        written = {getattr(content, "lang", default)} | {t.lang for t in getattr(content, "translations", [])}
        languages = tuple(code for code in languages if code in written)
    versions = [{"lang": code, "name": language_name(code), "path": prefix(code, default) + path} for code in languages]
    current = next((v for v in versions if v["lang"] == lang), {"lang": lang, "name": "", "path": path})
    others = [v for v in versions if v is not current]
    return Versions(versions, current, others, next((v for v in versions if v["lang"] == default), None))


@pass_context
def home(context) -> str:
    """The page's language's home, relative like SITEURL: `{{ home() }}credentials/`."""
    default = context.get("DEFAULT_LANG") or SOURCE_LANG
    return f"{context.get('SITEURL', '')}/{prefix(_page_lang(context), default)}"


@pass_context
def as_written(context, value) -> Markup:
    """Data in the data's language, inside a page in another one, carries `lang` (WCAG H58)."""
    data_lang = context.get("DATA_LANG") or SOURCE_LANG
    text = escape(value)
    if _page_lang(context) == data_lang or not str(value).strip():
        return text
    return Markup(f'<span lang="{data_lang}">{text}</span>')


@pass_context
def data_lang(context) -> Markup:
    """` lang="en"` for an element that will hold the data's text (filled by a script too), on a
    page in another language; nothing on a page in the data's language."""
    data = context.get("DATA_LANG") or SOURCE_LANG
    return Markup("") if _page_lang(context) == data else Markup(f' lang="{escape(data)}"')


@pass_context
def macros(context, name: str):
    """The macros of template `name` for this page: `{% set parts = macros("partials/program_parts.html") %}`,
    then `parts.compare_button(…)`. In a language's environment (language_environment) its `_("…")`
    words are compiled in, so it is imported without context, once per environment and kept by it: a
    `{% from … import %}` in each page cost 12 µs a page (jinja2 compares the page's globals with the
    imported template's on each import), an `{% include %}` more (the page's context copied). Elsewhere
    (Pelican's own writer) its words are looked up at each call, in the page's language, so it is
    imported with the page's context."""
    template = context.environment.get_template(name)
    if getattr(context.environment, "page_language", None):
        return template.module
    return template.make_module(context.get_all(), True)


JINJA_GLOBALS = {"page_languages": page_languages, "home": home, "data_lang": data_lang, "macros": macros}
JINJA_FILTERS = {"as_written": as_written}


@pass_context
def number(context, value) -> str:
    """`2,358` in en-US and es-US alike (CLDR), so the browser's Intl and the page agree."""
    return format_decimal(value, locale=babel_locale(_page_lang(context)))


JINJA_FILTERS["number"] = number
