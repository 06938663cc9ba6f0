"""{% kept %}: a layout part rendered once per process for each set of the values it names (kept.py),
and the other parts rendered once for many pages (browse_page.py): reading a value they are not kept
by stops the build."""

import re

import pytest
from jinja2 import DictLoader, Environment, TemplateSyntaxError
from sitebuild import build, csv_text, program, project_copy

from plugins.programs_site.build import kept


def _env(source: str) -> Environment:
    env = Environment(loader=DictLoader({"page.html": source}), autoescape=True)
    kept.install(env)
    return env


def test_a_kept_part_is_rendered_once_for_each_set_of_its_values():
    kept.forget()
    page = _env("{% kept home, words %}<a href='{{ home }}'>{{ words[0] }}</a>{% endkept %} {{ title }}").get_template(
        "page.html"
    )
    assert page.render(home="../", words=["Browse"], title="<One>") == "<a href='../'>Browse</a> &lt;One&gt;"
    # The same values (by content, a list too): the part as first made; the rest of the page is rendered.
    assert page.render(home="../", words=["Browse"], title="Two") == "<a href='../'>Browse</a> Two"
    assert page.render(home="../../", words=["Browse"], title="Two") == "<a href='../../'>Browse</a> Two"
    assert page.render(home="../", words=["Other"], title="Two") == "<a href='../'>Other</a> Two"


def test_a_part_is_kept_by_the_content_of_a_dict_and_of_the_lists_inside_it():
    kept.forget()
    page = _env("{% kept summary %}{{ summary.range }}: {{ summary.guides[0][0] }}{% endkept %}").get_template(
        "page.html"
    )
    assert page.render(summary={"range": "2024", "guides": [("A", "a/")]}) == "2024: A"
    assert page.render(summary={"range": "2024", "guides": [("A", "a/")]}) == "2024: A"  # equal, made anew
    assert page.render(summary={"range": "2025", "guides": [("A", "a/")]}) == "2025: A"
    assert page.render(summary={"range": "2025", "guides": [("B", "a/")]}) == "2025: B"  # a list inside changed


def test_a_new_build_forgets_what_was_kept():
    kept.forget()
    env = _env("{% kept lang %}{{ _('Browse') }}{% endkept %}")
    env.globals["_"] = str.upper
    page = env.get_template("page.html")
    assert page.render(lang="en") == "BROWSE"
    kept.forget()  # what the generator does when a build starts (its words may have changed)
    env.globals["_"] = str.lower
    assert page.render(lang="en") == "browse"


def test_each_environment_and_each_part_keeps_its_own():
    kept.forget()
    source = "{% kept %}A{{ _('x') }}{% endkept %}|{% kept %}B{{ _('x') }}{% endkept %}"
    first, second = _env(source), _env(source)
    first.globals["_"], second.globals["_"] = str.upper, str.lower  # two languages' words
    assert first.get_template("page.html").render() == "AX|BX"
    assert second.get_template("page.html").render() == "Ax|Bx"  # another language's environment makes its own
    assert first.get_template("page.html").render() == "AX|BX"


def test_escaping_inside_a_kept_part_is_unchanged():
    kept.forget()
    page = _env("{% kept text %}{{ text }}{% endkept %}").get_template("page.html")
    assert page.render(text="<b>&") == "&lt;b&gt;&amp;"


@pytest.mark.parametrize(
    "source",
    [
        "{% kept home %}<a href='{{ home }}'{% if page_path == 'x/' %} aria-current='page'{% endif %}>x</a>{% endkept %}",
        "{% kept home %}{{ summary.count }}{% endkept %}",
        "{% kept home %}{% for link in links %}{{ link }}{% endfor %}{% endkept %}",
    ],
)
def test_a_kept_part_that_reads_a_value_it_is_not_kept_by_does_not_compile(source):
    # Kept by `home` alone, it would show the first page's value on every page with the same home.
    with pytest.raises(TemplateSyntaxError, match=r"reads (page_path|summary|links) but is kept by home"):
        _env(source).get_template("page.html")


def test_what_a_kept_part_sets_or_calls_itself_is_not_a_read():
    page = _env("{% kept n %}{% set twice = n * 2 %}{% for i in range(twice) %}{{ i }}{% endfor %}{% endkept %}")
    assert page.get_template("page.html").render(n=2) == "0123"


# A read each part must not make, added to the real theme: the build stops, naming the template.
UNKEYED_READS = {
    # The header's navigation marking the current page (the kept part is shared by a depth's pages).
    "base.html": (
        '<li><a href="{{ HOME }}compare/">',
        '<li><a href="{{ HOME }}compare/"{% if page_path == "compare/" %} aria-current="page"{% endif %}>',
        r"TemplateSyntaxError: \{% kept %\} reads page_path but is kept by HOME",
    ),
    # A card shows its program's view; the page's path and the data's summary are not in its key.
    "partials/card.html": (
        '<article class="card"',
        '<article data-on="{{ page_path }}{{ data_summary.program_count }}" class="card"',
        r"partials/card\.html:1: reads data_summary, page_path, but it is rendered once and kept by its program",
    ),
    # The filter form is rendered once per language and depth, not per browse page.
    "partials/filters.html": (
        "{{ home() }}",
        "{{ home() }}{{ pagination.number }}",
        r"partials/filters\.html:1: reads pagination, but it is rendered once and kept by the language",
    ),
}


@pytest.mark.parametrize("template", sorted(UNKEYED_READS))
def test_a_part_rendered_once_for_many_pages_that_reads_a_value_it_is_not_kept_by_stops_the_build(tmp_path, template):
    before, after, message = UNKEYED_READS[template]
    project = project_copy(tmp_path)
    path = project / "theme" / "templates" / template
    source = path.read_text(encoding="utf-8")
    assert before in source
    path.write_text(source.replace(before, after, 1), encoding="utf-8")
    # Wide enough that Pelican's log lines (a Markdown page's template fails first) are not wrapped.
    result = build(tmp_path, csv_text([program()]), settings=str(project / "pelicanconf.py"), env={"COLUMNS": "400"})
    assert result.returncode != 0
    assert re.search(message, result.stdout + result.stderr), result.stdout[-2000:] + result.stderr[-2000:]
    assert not (tmp_path / "output" / "compare" / "index.html").exists()
