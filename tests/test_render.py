"""The fast page writer must write exactly what Pelican's own writer writes."""

import os
from functools import partial

import pytest
from pelican.settings import read_settings
from pelican.writers import Writer
from sitebuild import ROOT, snapshot

from plugins.programs_site.build import render
from plugins.programs_site.build.generator import ProgramsGenerator


def _generate(output, monkeypatch, render_with=None):
    monkeypatch.chdir(ROOT)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": str(output), "RENDER_PROCESSES": 1})
    context = settings.copy()
    context.setdefault("pages", [])
    generator = ProgramsGenerator(
        context=context, settings=settings, path=settings["PATH"], theme=settings["THEME"], output_path=str(output)
    )
    generator.generate_context()
    writer = Writer(str(output), settings)
    if render_with:
        monkeypatch.setattr(render.PageRenderer, "render", render_with(generator, writer, output))
    generator.generate_output(writer)
    return snapshot(output)


def _through_pelicans_writer(generator, writer, output):
    parts = []

    def render_page(self, name, template, **values):
        # A part of a page rendered alone (a browse card, the filter form: browse_page.py) goes through
        # the writer too, into a file of its own beside the page (the same depth), read back and removed.
        target = f"{name}.part{len(parts)}" if template.startswith("partials/") else name
        writer.write_file(target, generator.get_template(template), generator.context, relative_urls=True, **values)
        text = (output / target).read_text(encoding="utf-8")
        if target != name:
            parts.append(target)
            (output / target).unlink()
        return text

    return render_page


def test_every_page_is_what_pelicans_writer_writes(tmp_path, monkeypatch):
    ours = _generate(tmp_path / "ours", monkeypatch)
    pelicans = _generate(tmp_path / "pelican", monkeypatch, render_with=_through_pelicans_writer)
    assert len([name for name in ours if name.endswith(".html")]) > 50
    assert ours == pelicans


# ---- the worker processes --------------------------------------------------------------------------

_MADE_FIRST: list[str] = []


def _pid_and_first(name: str) -> str:
    return f"{name} {os.getpid()} {','.join(_MADE_FIRST) or '-'}"


@pytest.mark.parametrize("overlap_max", [0, 10**6])
def test_a_big_builds_workers_are_replaced_as_they_go_and_its_site_wide_work_runs_first(
    tmp_path, monkeypatch, overlap_max
):
    # A worker copies each page of shared memory it reads, so in a big build it writes a few files and
    # a fresh one takes over; in a small one the copies are small, and the same two write every file.
    monkeypatch.setattr(render, "FILES_PER_WORKER", 40)
    monkeypatch.setattr(render, "OVERLAP_MAX", overlap_max)
    outputs = [render.Output(f"p{n}/index.html", partial(_pid_and_first, f"p{n}")) for n in range(400)]
    try:
        render.write_all(outputs, str(tmp_path), 2, first=lambda: _MADE_FIRST.append("site-wide"))
    finally:
        _MADE_FIRST.clear()
    texts = [(tmp_path / f"p{n}" / "index.html").read_text(encoding="utf-8").split() for n in range(400)]
    assert [name for name, _, _ in texts] == [f"p{n}" for n in range(400)]
    # Past OVERLAP_MAX files `first` ran in the build's process before any worker forked: every worker
    # sees what it made. Below, it ran while they wrote: the first workers, at least, forked before.
    made = {made for _, _, made in texts}
    assert made == {"site-wide"} if overlap_max == 0 else "-" in made
    pids = {pid for _, pid, _ in texts}
    assert str(os.getpid()) not in pids
    # Two workers at a time: replaced in a big build; in a small one never (one may write every file).
    assert len(pids) > 2 if overlap_max == 0 else len(pids) <= 2


def _fails_late(name: str) -> str:
    if name == "p390":
        raise ValueError("no such value")
    return name


def test_a_failure_in_a_later_worker_is_still_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(render, "FILES_PER_WORKER", 40)
    outputs = [render.Output(f"p{n}/index.html", partial(_fails_late, f"p{n}")) for n in range(400)]
    with pytest.raises(render.RenderError) as caught:
        render.write_all(outputs, str(tmp_path), 2)
    assert "ValueError: no such value (writing p390/index.html)" in caught.value.report


def test_a_folders_files_and_a_browse_page_with_its_first_program_go_to_the_same_task():
    pages = [render.Output(f"programs/p{n}/index.html", str) for n in range(3)]
    browse = [render.Output("index.html", str, near="programs/p0/index.html")]
    browse.append(render.Output("page/2/index.html", str, near="programs/p2/index.html"))
    data = [render.Output(f"programs/p{n}/data.json", str) for n in range(3)]
    ordered = render.in_task_order([*browse, *pages, *data, render.Output("compare/index.html", str)])
    assert [output.path for output in ordered] == [
        "programs/p0/index.html",
        "programs/p0/data.json",
        "index.html",
        "programs/p1/index.html",
        "programs/p1/data.json",
        "programs/p2/index.html",
        "programs/p2/data.json",
        "page/2/index.html",
        "compare/index.html",
    ]


def test_every_template_a_theme_template_references_is_found_without_parsing_it_again():
    # load_with_includes compiles a page's includes before the workers fork; it finds them with a
    # regular expression, which must see what Jinja's parser sees in every template of the theme.
    from jinja2 import Environment, FileSystemLoader, meta

    from plugins.programs_site.build import kept

    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")), extensions=["jinja2.ext.i18n"])
    kept.install(env)
    for name in env.list_templates():
        source = env.loader.get_source(env, name)[0]
        parsed = sorted(n for n in meta.find_referenced_templates(env.parse(source)) if n)
        assert sorted(m[1] for m in render._REFERENCE.findall(source)) == parsed, name


def test_includes_are_compiled_with_the_page_and_a_name_in_a_comment_is_passed_over():
    from jinja2 import DictLoader, Environment

    env = Environment(
        loader=DictLoader(
            {
                "page.html": '{# not {% include "gone.html" %} #}{% extends "base.html" %}',
                "base.html": "{% include 'part.html' %}",
                "part.html": "x",
            }
        )
    )
    render.load_with_includes(env, "page.html")
    assert {key[1] for key in env.cache} == {"page.html", "base.html", "part.html"}  # compiled and kept
