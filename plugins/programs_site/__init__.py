"""Pelican plugin: programs, credentials and their pages from CSV files. Only wiring lives here."""

from pelican import signals

from . import staging
from .generator import ProgramsGenerator
from .links import site_links

__all__ = ["register", "site_links"]


def _generators(pelican):
    staging.begin(pelican)
    return ProgramsGenerator


def register():
    signals.get_generators.connect(_generators)
    signals.finalized.connect(staging.finish)
