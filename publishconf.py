"""Settings for publishing: absolute URLs under SITEURL, e.g. SITEURL=https://example.org/coding-programs."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL:
    raise SystemExit("publishconf.py: set SITEURL, e.g. SITEURL=https://example.org/coding-programs make publish")
RELATIVE_URLS = False
