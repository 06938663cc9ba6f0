"""{% kept %}: a layout part rendered once per process for each set of the values it names (kept.py)."""

from jinja2 import DictLoader, Environment

from plugins.programs_site import kept


def _env(source: str) -> Environment:
    env = Environment(loader=DictLoader({"page.html": source}), autoescape=True)
    kept.install(env)
    return env


def test_a_kept_part_is_rendered_once_for_each_set_of_its_values():
    kept.forget()
    page = _env("{% kept home %}<a href='{{ home }}'>{{ words }}</a>{% endkept %} {{ title }}").get_template(
        "page.html"
    )
    assert page.render(home="../", words="Browse", title="<One>") == "<a href='../'>Browse</a> &lt;One&gt;"
    # The same home: the part as first made, whatever else changed; the rest of the page is rendered.
    assert page.render(home="../", words="Other", title="Two") == "<a href='../'>Browse</a> Two"
    assert page.render(home="../../", words="Other", title="Two") == "<a href='../../'>Other</a> Two"


def test_a_new_build_forgets_what_was_kept():
    kept.forget()
    page = _env("{% kept %}{{ summary }}{% endkept %}").get_template("page.html")
    assert page.render(summary="10 programs") == "10 programs"
    kept.forget()  # what the generator does when a build starts
    assert page.render(summary="11 programs") == "11 programs"


def test_each_environment_and_each_part_keeps_its_own():
    kept.forget()
    source = "{% kept %}A{{ x }}{% endkept %}|{% kept %}B{{ x }}{% endkept %}"
    first, second = _env(source).get_template("page.html"), _env(source).get_template("page.html")
    assert first.render(x=1) == "A1|B1"
    assert second.render(x=2) == "A2|B2"  # another language's environment makes its own
    assert first.render(x=3) == "A1|B1"


def test_escaping_inside_a_kept_part_is_unchanged():
    kept.forget()
    page = _env("{% kept %}{{ text }}{% endkept %}").get_template("page.html")
    assert page.render(text="<b>&") == "&lt;b&gt;&amp;"
