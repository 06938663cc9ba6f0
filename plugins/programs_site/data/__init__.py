"""The data contract and its loading: the columns declared once, each cell read into a typed record, every problem at `path:line:column`.

Nothing here knows about pages, files or Pelican; the layers above (model, outputs, build) import from here, never the
other way round (tests/test_layout_docs.py checks the direction).
"""
