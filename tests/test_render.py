"""The fast page writer must write exactly what Pelican's own writer writes."""

from pelican.settings import read_settings
from pelican.writers import Writer
from sitebuild import ROOT, snapshot

from plugins.programs_site import render
from plugins.programs_site.generator import ProgramsGenerator


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
