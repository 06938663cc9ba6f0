"""Pelican plugin: programs, credentials and their pages from CSV files. Only wiring lives here."""

# Pelican and the modules that use it are imported when Pelican registers the plugin, not here: the
# data's modules and the site model (model/) are imported and tested without Pelican.
from . import i18n
from .outputs.faq import faq_entries, faq_intro
from .outputs.links import site_links
from .outputs.structured_data import faq_jsonld, json_for_html

# Filters the theme's templates use; pelicanconf.py passes them to Pelican as JINJA_FILTERS.
JINJA_FILTERS = {
    "site_links": site_links,
    "faq_entries": faq_entries,
    "faq_intro": faq_intro,
    "faq_jsonld": lambda entries: json_for_html(faq_jsonld(entries)),
    **i18n.JINJA_FILTERS,
}
JINJA_GLOBALS = i18n.JINJA_GLOBALS

__all__ = ["JINJA_FILTERS", "JINJA_GLOBALS", "register"]


def _generators(pelican):
    from .build import staging
    from .build.generator import ProgramsGenerator

    staging.begin(pelican)
    return ProgramsGenerator


def _write_errors_in_one_line(generators):
    # A full disk or a read-only folder while any generator (ours, Pelican's pages) writes: one line, not a traceback.
    from .build import staging

    for generator in generators:
        generator.generate_output = staging.stopping_on_write_errors(generator.generate_output)


def _install_gettext(generator):
    from .build import kept, memo

    # Every generator's templates (ours and Pelican's pages) answer in the page's language.
    i18n.install(generator.env)
    kept.install(generator.env)  # the layout's {% kept %} parts
    memo.keep_compiled(generator.env, "pelican")  # `make devserver`: compile each template once, not per build


def register():
    from pelican import signals

    from .build import staging

    signals.generator_init.connect(_install_gettext)
    signals.get_generators.connect(_generators)
    signals.all_generators_finalized.connect(_write_errors_in_one_line)
    signals.finalized.connect(staging.finish)
