"""Site settings. Every value a maintainer may want to change is here; see README.md."""

import os
import sys

# Import the plugin as a module, not by name: Pelican only logs a plugin it cannot import and
# builds a site without it, while a failed import here stops the build with the error.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plugins import programs_site
from plugins.programs_site.i18n import N_  # marks text for the message catalogs (docs/translating.md)

SITENAME = N_("Medical Coding Programs")
SITE_TAGLINE = N_("Compare medical coding training programs by cost, length, format and exam prep.")
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
# Every page is written in each of these languages: the default at the root, others under /<lang>/.
# A language needs theme/translations/<lang>/LC_MESSAGES/messages.po (docs/translating.md).
# PROGRAMS_SITE_LANGUAGES=en builds English only (the benchmarks compare the two).
LANGUAGES = tuple(os.environ.get("PROGRAMS_SITE_LANGUAGES", "en,es").split(","))
DATA_LANG = "en"  # the language the CSV files are written in; other pages mark such text with lang
# Spanish (or other) words typed in the search box -> the data's words; {lang} is the page's language.
SEARCH_WORDS = "data/search_words.{lang}.csv"

# The data. Environment variables win so another data set can be built without editing this file:
#   PROGRAMS_CSV=/path/to/other.csv make html
PROGRAMS_CSV = os.environ.get("PROGRAMS_CSV", "data/programs.csv")
CREDENTIALS_CSV = os.environ.get("CREDENTIALS_CSV", "data/credentials.csv")
# A spreadsheet exported from another system is read through a mapping file (docs/data-format.md):
# by default the CSV's name with `.toml`, beside it (data/programs.toml), used when it exists.
PROGRAMS_MAPPING = os.environ.get("PROGRAMS_MAPPING") or None
# Your own columns (docs/data-format.md, "Your own columns"): by default fields.toml beside the CSV
# (data/fields.toml), used when it exists; the environment variable names another file.
PROGRAMS_FIELDS = os.environ.get("PROGRAMS_FIELDS") or None
# Every rate, cap and limit the "What you would pay" estimate uses, with its dates and source
# (docs/data-format.md, "Aid rates"). The build uses the values in force on BUILD_DATE (else today).
AID_RATES = os.environ.get("AID_RATES", "data/aid.toml")

# Shown in the footer of every page. Replace it when you load real listings.
DATA_NOTICE = N_(
    "The programs listed here are sample data with fictional schools, bundled to show how the site "
    "works. Replace data/programs.csv with real listings before publishing."
)
CORRECTIONS_EMAIL = "corrections@example.org"

# FAQ answers linked from every credential page: (question, link relative to the site root).
CREDENTIAL_FAQ_LINKS = [
    (N_("Which certification should I choose?"), "faq/#which-certification-should-i-choose"),
    (N_("How much does it cost to get certified?"), "faq/#how-much-does-it-cost-to-get-certified"),
    (N_("How do I keep my credential once I have it?"), "faq/#how-do-i-keep-my-credential-once-i-have-it"),
]
GUIDES = [
    (N_("How to become a certified medical coder"), "guides/become-a-medical-coder/"),
    (N_("Online or in-person?"), "guides/online-or-in-person/"),
]

# Program pages warn when a listing was checked more than 12 months before this day (YYYY-MM-DD);
# empty means the day of the build. Set it to rebuild an old snapshot as it looked then.
BUILD_DATE = os.environ.get("BUILD_DATE", "")

COMPARE_MAX = 4
BROWSE_PAGE_SIZE = 48
CREDENTIAL_PAGE_LIMIT = 100  # programs listed on a credential page, cheapest to certify first
# Processes that write the pages; 0 = one per CPU. PROGRAMS_SITE_PROCESSES=1 writes them in one process.
RENDER_PROCESSES = int(os.environ.get("PROGRAMS_SITE_PROCESSES", "0"))

# A build replaces only the files builds wrote (it keeps a list of them in the output folder) and
# refuses a folder of someone else's files; these names are kept even in a folder with no list
# (a fresh clone of a username.github.io repository). See README, "Where the site is written".
OUTPUT_RETENTION = [".git", "CNAME", ".nojekyll"]

PATH = "content"
THEME = "theme"
PLUGINS = [programs_site]
NODE_MODULES = "node_modules"

# Our generator writes the home page (the browse list); Pelican's blog pages are not used.
DIRECT_TEMPLATES = []
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# A page's translation (same Slug, `Lang: es`) at the same path under its language.
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
ARTICLE_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False

# Pelican's Jinja does not escape by default; every value from the CSV is untrusted, so escape all.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.i18n"],  # {% trans %} and _(): the interface text's catalogs (docs/translating.md)
}
JINJA_FILTERS = programs_site.JINJA_FILTERS
JINJA_GLOBALS = programs_site.JINJA_GLOBALS

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# Fields the search index holds. "description" makes the index about 4x larger (see README's
# performance table); add it if your descriptions carry words students search for. Format words
# typed in the box ("online", "hybrid") act as a format filter, so "delivery" is not needed.
SEARCH_FIELDS = ["name", "provider", "credentials", "accreditation", "location"]

# Data history: the committed versions of PROGRAMS_CSV (git) give each program's changes. Only the
# last HISTORY_MONTHS months are read; each version, once parsed, is cached in HISTORY_CACHE.
HISTORY_MONTHS = 24
HISTORY_CACHE = ".cache/programs-site/history"
