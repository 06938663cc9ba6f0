"""`{% kept HOME, page_lang %}…{% endkept %}`: a part of the page layout that is the same on many
pages, rendered once per process for each set of the values named, then reused.

The header's navigation and the footer are the same on every page at the same depth in the same
language, yet rendering them was a seventh of each program page's time (10,000 to 100,000 pages
a build). The part is kept by the content of the values named, and they must be every value it
reads: a part that reads another (say `page_path`, to mark the current page's link) would show the
first page's on every page at its depth, so the template stops compiling instead (`unkeyed_reads`),
which stops the build with the part's place. Functions (`_`, `home()`) are the environment's and
may be called; each environment (a language's) keeps its own parts, and every build starts with
nothing kept (`forget`).
"""

from __future__ import annotations

import itertools
import os
import weakref
from typing import Any

from jinja2 import TemplateError, meta, nodes
from jinja2.ext import Extension
from markupsafe import Markup

# Environment -> (the part's place, the content of its values) -> its HTML. By the environment
# object itself, weakly: an overlay (a language's environment) copies its base's attributes.
_KEPT: weakref.WeakKeyDictionary[Any, dict[tuple, Markup]] = weakref.WeakKeyDictionary()
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
        keyed = {
            name.name
            for value in values
            for name in (value, *value.find_all(nodes.Name))
            if isinstance(name, nodes.Name)
        }
        unkeyed = unkeyed_reads(self.environment, nodes.Template(body, lineno=lineno), keyed)
        if unkeyed:
            parser.fail(
                f"{{% kept %}} reads {', '.join(sorted(unkeyed))} but is kept by {', '.join(sorted(keyed)) or 'nothing'}: "
                "name every value the part reads in its tag, or move the read out of the part",
                lineno,
            )
        place = nodes.Const(f"{parser.name}:{lineno}:{next(_PARTS)}")  # one store per part, whatever the values
        call = self.call_method("_render", [place, nodes.Tuple(values, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, place: str, values: tuple, caller) -> Markup:
        # Each environment its own: a language's has its interface words compiled in.
        kept = _KEPT.get(self.environment)
        if kept is None:
            kept = _KEPT[self.environment] = {}
        key = (place, frozen(values))
        text = kept.get(key)
        if text is None:
            text = kept[key] = Markup(caller())
        return text


def frozen(values: tuple) -> tuple:
    """A part's values as a key of the same content: a list or dict among them (a setting, the data's
    summary) as a tuple. The common case, strings only, costs one pass (20,000 pages a build)."""
    return tuple(_frozen(value) if type(value) in (list, dict) else value for value in values)


def _frozen(value: Any) -> Any:
    # The usual case, a setting of strings or the data's summary, is one tuple of its items and a hash
    # of it (a string keeps its hash); item by item only when a list or dict is inside.
    if isinstance(value, dict):
        items = tuple(value.items())
    elif isinstance(value, list | tuple):
        items = tuple(value)
    else:
        return value
    try:
        hash(items)
    except TypeError:
        if isinstance(value, dict):
            return tuple((key, _frozen(item)) for key, item in value.items())
        return tuple(_frozen(item) for item in value)
    return items


# The translation functions jinja2's i18n extension calls (`_()`, `{% trans %}`): the environment's,
# also where they are not installed as globals (`pybabel extract` parses the templates with none).
TRANSLATING = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext"})


def unkeyed_reads(env: Any, template: nodes.Template, keyed: set[str]) -> set[str]:
    """The names `template` reads from its context beyond `keyed` and the environment's functions
    and values (its globals): what a part rendered once for many pages must not read."""
    template.set_environment(env)
    return meta.find_undeclared_variables(template) - keyed - set(env.globals) - TRANSLATING


def install(env: Any) -> None:
    """Give a Jinja environment the `kept` tag (the theme's layout uses it)."""
    if Kept.identifier not in env.extensions:
        env.add_extension(Kept)


def forget() -> None:
    """At the start of a build: nothing from the last one is kept."""
    _KEPT.clear()


# A template's source -> (the names it reads, the templates it includes by a literal name): parsed
# once per process for each text, as every build checks the parts again (a devserver rebuild too).
_READS: dict[tuple, tuple[frozenset[str], tuple[str, ...]]] = {}


def template_reads(env: Any, name: str) -> tuple[str, set[str]]:
    """The file of template `name`, and the names it and the templates it includes (by a literal
    name) read from their context beyond the environment's globals."""
    source, filename, _ = env.loader.get_source(env, name)
    key = (source, tuple(env.globals))
    found = _READS.get(key)
    if found is None:
        parsed = env.parse(source, name, filename)
        includes = tuple(
            node.template.value for node in parsed.find_all(nodes.Include) if isinstance(node.template, nodes.Const)
        )
        if len(_READS) > 200:  # templates edited again and again in one process
            _READS.clear()
        found = _READS[key] = (frozenset(unkeyed_reads(env, parsed, set())), includes)
    reads = set(found[0])
    for include in found[1]:
        reads |= template_reads(env, include)[1]
    return filename or name, reads


def check_part(env: Any, name: str, keyed: set[str], kept_by: str) -> list[str]:
    """A problem line for template `name`, rendered once for many pages and kept by `kept_by`, if it
    reads a value beyond `keyed`: it would show one page's value on the others."""
    try:
        filename, reads = template_reads(env, name)
    except TemplateError:
        return []  # reported by the page that renders it, with its place
    unkeyed = reads - keyed
    if not unkeyed:
        return []
    shown = os.path.relpath(filename)
    where = filename if shown.startswith("..") else shown
    advice = "pass the value in where it is rendered and key it, or do not read it"
    return [f"{where}:1: reads {', '.join(sorted(unkeyed))}, but it is rendered once and kept by {kept_by}: {advice}"]
