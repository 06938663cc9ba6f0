"""The reference the browser's search is checked against: lunr.py's own Builder over the documents
and word processing the build uses (search_index.py)."""

from __future__ import annotations

from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

from plugins.programs_site.outputs import search_index


def lunr_py_index(programs, fields):
    """lunr.py's index of `programs` over `fields`, with the build's boosts and pipeline."""
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, Pipeline.registered_functions["keepAndStem"])
    builder.ref("ref")
    for field in fields:
        builder.field(field, boost=search_index.FIELDS[field])
    for doc in search_index.documents(programs, fields):
        builder.add(doc)
    return builder.build()
