# programs-site: `make html` builds output/ from data/programs.csv; `make test` runs every check.
# Each target installs what it needs first, so both work on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
OUTPUTDIR ?= output
PORT ?= 8000
PELICANOPTS ?=
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=

PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: help html check mapping publish serve devserver test test-js lint format bench audit clean lock deps browser messages messages-init messages-compile layout

help:
	@echo "make html        build the site into $(OUTPUTDIR)/ (installs Python and npm packages on first run)"
	@echo "make check       validate the data files (and their mapping files) and print the report; builds nothing"
	@echo "make mapping     write a starter mapping file (data/programs.toml) for an exported spreadsheet"
	@echo "make test        install test tools (Chromium included), lint, and run every test"
	@echo "make lint        ruff (check + format check) on Python, ESLint on the browser modules"
	@echo "make format      rewrite Python files in ruff's format"
	@echo "make serve       serve $(OUTPUTDIR)/ on http://localhost:$(PORT)/"
	@echo "make devserver   serve and rebuild when content/, data/ (or PROGRAMS_CSV elsewhere), plugins/, theme/ or settings change"
	@echo "make publish     build with publishconf.py (set SITEURL=https://example.org/sub-path)"
	@echo "make bench       run the benchmarks (benchmarks/results.md)"
	@echo "make audit       Lighthouse scores per page type (benchmarks/audit.md)"
	@echo "make clean       remove $(OUTPUTDIR)/ and caches"
	@echo "make lock        re-pin Python packages into requirements.lock"
	@echo "make messages    find new interface text and add it to every language's .po (docs/translating.md)"
	@echo "make messages-init LOCALE=fr   start a new language's .po"
	@echo "make messages-compile          write .mo files (the build reads the .po files itself)"
	@echo "make layout      rewrite README's list of the plugin's modules from their docstrings"

$(PY_STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(PY_STAMP) $(NODE_STAMP)

html: deps
	$(PELICAN) content -o $(OUTPUTDIR) -s pelicanconf.py $(PELICANOPTS)

# The build's checks and report without building: the same settings, nothing written.
check: deps
	$(BIN)/python -m plugins.programs_site.build.check

# A starter data/programs.toml (or PROGRAMS_MAPPING) guessed from the export's headers; never overwrites.
mapping: deps
	$(BIN)/python -m plugins.programs_site.build.check --write-mapping

publish: deps
	$(PELICAN) content -o $(OUTPUTDIR) -s publishconf.py $(PELICANOPTS)

serve:
	@test -d $(OUTPUTDIR) || $(MAKE) html
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(OUTPUTDIR)

# Pelican runs again in one long-lived process on every change to content/, data/, theme/ (and a
# change to plugins/ or the settings restarts it): only edited rows are validated again and only
# changed files written (see README, "Performance"). A failed rebuild leaves the served site as it was.
devserver: deps
	$(BIN)/python -m plugins.programs_site.build.devserver --port $(PORT) --output $(OUTPUTDIR)

# Debian's chromium is the browser the journeys drive (Playwright's own download cannot work here).
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$(test "$$(id -u)" -eq 0 || echo sudo); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q --no-install-recommends chromium fonts-liberation; }

test: deps browser lint test-js
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi; exit $$status

# Unit tests of browser-side rules (the match ranking), with node's built-in runner.
test-js:
	node --test tests/js/

# Linters are pinned (requirements.lock, package-lock.json), so a clean clone sees the same rules.
lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/eslint .

format: deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: deps browser
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

# Lighthouse against the built sample site; a report, not a gate.
audit: html browser
	$(BIN)/python -m benchmarks.audit

# Removes only what builds wrote in $(OUTPUTDIR) (their list of files), so a .git, CNAME or notes there stay.
clean:
	@if [ -x $(BIN)/python ]; then $(BIN)/python -c 'import sys; from plugins.programs_site.build.staging import clean; said = clean(sys.argv[1]); said and print(said)' $(OUTPUTDIR); fi
	rm -rf .pytest_cache .hypothesis .cache
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +

# Interface text: templates, Python (N_, gettext) and browser modules (t, tn) -> one catalog per language.
# tests/test_spanish.py runs the same extraction: a string missing from a catalog fails the tests.
# PYTHONPATH=.: babel.cfg names our Jinja extension ({% kept %}), which must import to parse base.html.
BABEL_EXTRACT := PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -k N_ -k t -k tn:1,2 --no-wrap --sort-by-file --project programs-site
# README's "Project layout" list of the plugin's modules, made from their docstrings (tests/project_layout.py);
# tests/test_layout_docs.py fails when README's list is not what this writes.
layout: deps
	$(BIN)/python -m tests.project_layout --write

TRANSLATIONS := theme/translations
LOCALE ?=

messages: deps
	$(BABEL_EXTRACT) -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-wrap

messages-init: deps
	@test -n "$(LOCALE)" || { echo "usage: make messages-init LOCALE=fr" >&2; exit 2; }
	$(BABEL_EXTRACT) -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel init -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l $(LOCALE) --no-wrap

messages-compile: deps
	$(BIN)/pybabel compile -d $(TRANSLATIONS) --statistics

lock: $(PY_STAMP)
	$(BIN)/python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['dependencies'] + p['optional-dependencies']['test']))" > .lock-input.txt
	$(BIN)/python -m pip install --quiet -r .lock-input.txt
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock
	rm -f .lock-input.txt
