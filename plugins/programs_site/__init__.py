"""Pelican plugin: programs, credentials and their pages from CSV files. Only wiring lives here."""

from pelican import signals

from . import staging
from .faq import faq_entries, faq_intro
from .generator import ProgramsGenerator
from .links import site_links
from .structured_data import faq_jsonld, json_for_html

# Filters the theme's templates use; pelicanconf.py passes them to Pelican as JINJA_FILTERS.
JINJA_FILTERS = {
    "site_links": site_links,
    "faq_entries": faq_entries,
    "faq_intro": faq_intro,
    "faq_jsonld": lambda entries: json_for_html(faq_jsonld(entries)),
}

__all__ = ["JINJA_FILTERS", "register"]


def _generators(pelican):
    staging.begin(pelican)
    return ProgramsGenerator


def register():
    signals.get_generators.connect(_generators)
    signals.finalized.connect(staging.finish)
