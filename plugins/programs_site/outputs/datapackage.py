"""output/datapackage.json: the exported CSV files described as a Frictionless Data Package.

Tools that read open data (frictionless, CKAN, Datasette) learn from it each column's type, which
columns are required, the allowed values and the formats, without reading our docs.
"""

from __future__ import annotations

import json

from ..data.fields import make_slug
from ..data.table_schema import CREDENTIAL_COLUMNS, DERIVED_PROGRAM_COLUMNS, PROGRAM_COLUMNS, Column, table_schema

PROGRAMS_FILE = "programs.csv"
CREDENTIALS_FILE = "credentials.csv"


def _resource(name: str, path: str, title: str, columns: tuple[Column, ...], other_headers: list[str]) -> dict:
    return {
        "name": name,
        "path": path,
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table_schema(columns, other_headers),
    }


def datapackage_json(
    site_name: str, program_headers: list[str], credential_headers: list[str], declared: tuple[Column, ...] = ()
) -> str:
    """The package for the two exported files; `*_headers` are the other columns each file carries,
    `declared` the columns data/fields.toml declares (field_spec.Field.column), with their types."""
    package = {
        "profile": "tabular-data-package",
        "name": make_slug(site_name),
        "title": site_name,
        "resources": [
            _resource(
                "programs",
                PROGRAMS_FILE,
                "Programs",
                PROGRAM_COLUMNS + DERIVED_PROGRAM_COLUMNS + declared,
                program_headers,
            ),
            _resource("credentials", CREDENTIALS_FILE, "Credentials", CREDENTIAL_COLUMNS, credential_headers),
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
