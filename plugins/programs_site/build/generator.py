"""The Pelican generator: gathers programs and credentials, then writes every page made from them."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateNotFound
from pelican.generators import Generator

from .. import i18n
from ..data import report, search_words
from ..data.field_spec import find_fields
from ..data.load import load_credentials, load_programs
from ..data.mapping import existing_mapping
from ..data.problems import DataError, Problem
from ..model import ModelSettings, SiteModel, aid, build_model, history
from ..outputs import browser_fields, datapackage, export, match_files, search_files, site_files
from ..outputs.notices import NOTICES_PATH, notices_text
from ..outputs.search_index import start_index
from ..outputs.structured_data import json_for_html, program_jsonld
from . import browse_page, build_cache, collector, kept, memo, render, staging
from .render import Output, PageRenderer

# node_modules path -> output path
BROWSER_PACKAGES = {
    "lunr/lunr.min.js": "theme/vendor/lunr.min.js",
    "qrcode-generator/dist/qrcode.mjs": "theme/vendor/qrcode.js",  # the printout's QR code, made in the browser
}
# The templates of the pages made from the data (_language_outputs).
PAGE_TEMPLATES = ("browse", "program", "credential", "credentials", "compare", "match")
# What this generator renders: its pages, the parts rendered alone (browse_page.py, aid.PageSections),
# and the macros the pages import through the macros() global (i18n.py), which load_with_includes
# cannot see: all compiled before the page workers fork.
RENDERED_TEMPLATES = (
    *PAGE_TEMPLATES,
    "partials/card",
    "partials/filters",
    "partials/estimate_listed",
    "partials/program_parts",
)


def print_report(problems: list[Problem]) -> None:
    # Plain stderr lines, not Pelican's rich logger, which wraps long lines and breaks `path:line:col`.
    for line in report.full_report(problems, []):
        print(line, file=sys.stderr)


class ProgramsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        i18n.install(self.env)  # also without the plugin's signals (a generator made by a test)
        kept.install(self.env)

    def generate_context(self):
        settings = self.settings
        collector.begin_build()
        kept.forget()  # the layout's parts are made again with this build's words
        self._check_browser_packages()
        # A row is "older than 12 months" on the day of the build; tests pin the day with BUILD_DATE.
        self.today = dt.date.fromisoformat(settings.get("BUILD_DATE") or dt.date.today().isoformat())
        # The maintainer's own columns (data/fields.toml), read once; its problems stop the build with the data's.
        self.fields, stopped = find_fields(settings["PROGRAMS_CSV"], settings.get("PROGRAMS_FIELDS"))
        # devserver.py builds again in this process: what the loaders and the index make is kept for that,
        # in the caching layer's store (memo.Kept), handed to them; a single build hands None.
        self.keep = keep = memo.KEPT if settings.get("KEEP_FOR_NEXT_BUILD") else None
        try:
            # The aid figures in force on the build day (data/aid.toml), for the estimate (aid.py).
            self.aid_rates, aid_warnings = aid.load_rates(settings.get("AID_RATES", "data/aid.toml"), self.today)
            credentials, warnings = load_credentials(settings["CREDENTIALS_CSV"], keep=keep)
            warnings = aid_warnings + warnings
            programs, more = load_programs(
                settings["PROGRAMS_CSV"],
                {c.code for c in credentials},
                mapping=settings.get("PROGRAMS_MAPPING"),
                fields=self.fields,
                keep=keep,
            )
        except DataError as err:
            stopped += err.problems
        if stopped:
            print_report(stopped)
            print(
                f"Build stopped: {report.count(len(stopped), 'problem')} in the data. "
                f"Nothing in {os.path.basename(settings['OUTPUT_PATH'])}/ was changed.",
                file=sys.stderr,
            )
            raise SystemExit(1) from None
        if warnings + more:
            print_report(warnings + more)
        # Browse order (by name) is also the numbering of programs in search/ (search_files.py).
        self.programs = sorted(programs, key=lambda p: (p.name.casefold(), p.provider.casefold(), p.id))
        collector.keep()  # the rows, before the index's fork
        # The index is built on the other core from here on, while the rest of the work goes on.
        self.search_index = start_index(self.programs, tuple(settings["SEARCH_FIELDS"]), keep)
        self.credentials = credentials
        self.by_code = {c.code: c for c in credentials}
        siteurl = settings["SITEURL"]
        # Canonical links, sitemaps and feeds need absolute addresses; only a publish build has them.
        self.siteurl = siteurl if siteurl.startswith(("http://", "https://")) else ""
        self.history = self._load_history()
        # One site model per language (model/); the default language's is also the generator's own,
        # and its words are the context's, for anything not made per language.
        self.languages = tuple(settings.get("LANGUAGES") or (settings["DEFAULT_LANG"],))
        self.default_lang = settings["DEFAULT_LANG"]
        i18n.reload()
        model_settings = ModelSettings.from_settings(settings)
        memo.VIEWS.begin_build()
        self.sites: dict[str, SiteModel] = {
            lang: build_model(
                self.programs, credentials, model_settings, self.history, lang, self.today, self.fields, memo.VIEWS
            )
            for lang in self.languages
        }
        site = self.sites[self.default_lang]
        self.program_views, self._page_keys = site.program_views, site.page_keys
        self.browse_pages, self.facets = site.browse_pages, site.facets
        self.credential_views, self.work_settings, self.states = site.credential_views, site.work_settings, site.states
        self.program_changes = site.changes
        self.context.update(site.values)
        self.context["LANGUAGE_VALUES"] = {lang: language.values for lang, language in self.sites.items()}
        self.context["SITE_ABSOLUTE_URL"] = self.siteurl
        self.context["FEED_PATH"] = site_files.FEED_PATH
        self._browse: dict[str, browse_page.BrowsePages] = {}

    def _load_history(self) -> history.History:
        settings = self.settings
        cache = settings.get("HISTORY_CACHE")
        found = history.load_history(
            settings["PROGRAMS_CSV"],
            settings.get("HISTORY_MONTHS", 24),
            Path(cache) if cache else None,
            current=sorted(self.programs, key=lambda p: p.line),  # file order, as a parsed version has it
            mapping=existing_mapping(settings["PROGRAMS_CSV"], settings.get("PROGRAMS_MAPPING")),
            credentials=self.credentials,
            fields=self.fields,  # a mapping file may name the declared columns
        )
        if not found.available:
            print(
                f"{settings['PROGRAMS_CSV']}: " + history.TEXT["unavailable"].format(reason=found.reason),
                file=sys.stderr,
            )
        for warning in found.warnings:
            print(warning, file=sys.stderr)
        return found

    def generate_output(self, writer):
        # Within one build the templates do not change; without this Jinja checks every template
        # file's date on each lookup, including every include of every page.
        self.env.auto_reload = False
        # One template environment per language: its interface words are compiled into the templates.
        renderers = {
            lang: PageRenderer(self._template_getter(lang), self.context, self.settings["RELATIVE_URLS"])
            for lang in self.sites
        }
        collector.keep()  # the views kept; collection resumes when the pages are written (render.write_all)
        # The catalogs too: an edited translation rewrites its language's pages.
        shared = [[credential.values() for credential in self.credentials], self.today, i18n.signature(self.languages)]
        if self.fields:  # every page may show the declared columns' labels
            shared.append(self.fields.signature())
        shared.append(aid.aid_json(self.aid_rates))  # program pages word Workforce Pell's rule from the figures
        # The cards kept from the last build (in a long-lived process) are good while what they share is the same.
        browse_page.begin_build(
            lambda: build_cache.shared_key(self.settings, browse_page.card_context(self.context), shared), self.keep
        )
        outputs = build_cache.skip_unchanged(
            self._page_outputs(renderers) + self._program_data_outputs(),
            self.settings,
            self.context,
            shared,
            staging=self.output_path,
            final=staging.FINAL_OF.get(self.output_path),
            manifest=staging.MANIFEST,
        )
        written = {output.path for output in outputs}
        for browse in self._browse.values():
            browse.render_cards_here((n for n in range(len(browse.pages)) if browse.path(n) in written), self.keep)
        try:
            render.write_all(
                outputs,
                self.output_path,
                self._processes(len(outputs)),
                first=self._write_site_wide_files,
            )
        except render.RenderError as err:
            print(err.report, file=sys.stderr)
            raise SystemExit(1) from None
        finally:
            memo.build_done(self.programs)
        # The 404 page is served at any depth, so its links are root-based, not relative.
        for site in self.sites.values():
            writer.write_file(
                site.prefix + "404.html",
                self.get_template("404"),
                self.context,
                relative_urls=False,
                page_path="404.html",
                LANG=site.lang,
            )

    def _processes(self, count: int) -> int:
        """Worker processes for `count` files. A devserver rebuild writes few, most of them browse pages
        around kept cards (about 2 ms each): forking would cost more, as the process (hundreds of MB
        by then) copies each page of its memory it writes while workers share it; devserver.py sets
        RENDER_WITHOUT_FORKING_MAX."""
        if count <= self.settings.get("RENDER_WITHOUT_FORKING_MAX", 0):
            return 1
        return self.settings["RENDER_PROCESSES"] or os.cpu_count() or 1

    def _template_getter(self, lang: str):
        env = i18n.language_environment(self.env, lang)
        # Its `_("…")` are compiled in: the same source compiles the same only with the same catalog.
        memo.keep_compiled(env, f"{lang} {i18n.signature((lang,))}")
        templates: dict[str, Any] = {}

        def get_template(name: str):
            if name not in templates:
                try:
                    templates[name] = env.get_template(name + ".html")
                except TemplateNotFound:
                    self.get_template(name)  # Pelican's lookup: its message for a missing template
                    raise
                render.load_with_includes(env, name + ".html")
            return templates[name]

        # Compiled here, before the page workers fork: once, not in each worker (whose compiled code
        # would die with it; a long-lived process keeps it for the next build). A template that does
        # not compile is left to the page that renders it, which reports it with its place.
        for name in RENDERED_TEMPLATES:
            with contextlib.suppress(TemplateError):
                get_template(name)
        problems = browse_page.check_parts(env, self.context, self.sites[lang].values)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            raise SystemExit(1)
        return get_template

    def _page_outputs(self, renderers: dict[str, PageRenderer]) -> list[Output]:
        """Every HTML page made from the data, in every language, one Output each; workers render them."""
        outputs = []
        for lang, site in self.sites.items():
            outputs += self._language_outputs(renderers[lang], site)
        return outputs

    def _language_outputs(self, renderer: PageRenderer, site) -> list[Output]:
        """One language's pages, at the same paths under its prefix (`es/programs/<id>/`). `page_path`
        is the path in the default language's tree: templates add the prefix, the switcher swaps it."""
        at, lang = site.prefix, site.lang
        estimates = aid.PageSections(self.aid_rates)  # this build's sections, parts shared by pages

        def page(path: str, template: str, **values) -> Output:
            return renderer.output(at + path, template, LANG=lang, **values)

        browse = self._browse[lang] = browse_page.BrowsePages(
            renderer, lang, at, site.values, site.facets, site.browse_pages, self.programs
        )
        outputs = [
            # A card shows what its program's page is made from: the page keys stand for the cards.
            Output(
                browse.path(number),
                browse.maker(number),
                key=build_cache.Parts(
                    (("browse", lang, pagination), site.facets, *(site.page_keys[view.id] for view in chunk))
                ),
            )
            for number, (pagination, chunk) in enumerate(site.browse_pages)
        ]
        for output, (_, chunk) in zip(outputs, site.browse_pages, strict=True):
            if chunk:  # written with its programs' pages (render.py)
                output.near = at + chunk[0].path + "index.html"
        for program, view in zip(self.programs, site.program_views, strict=True):
            page_key = site.page_keys[program.id]
            outputs.append(
                Output(
                    at + view.path + "index.html",
                    partial(self._program_page, renderer, program, view, site, estimates),
                    key=page_key,
                )
            )
        outputs += [
            page(view.path + "index.html", "credential", credential=view, page_path=view.path)
            for view in site.credential_views
        ]
        outputs.append(
            page("credentials/index.html", "credentials", credentials=site.credential_views, page_path="credentials/")
        )
        outputs.append(page("compare/index.html", "compare", page_path="compare/"))
        outputs.append(
            page("match/index.html", "match", page_path="match/", work_settings=site.work_settings, states=site.states)
        )
        return outputs

    def _program_page(self, renderer: PageRenderer, program, view, site, estimates: aid.PageSections) -> str:
        jsonld = [json_for_html(item) for item in program_jsonld(program, self.by_code, self.siteurl)]
        name = site.prefix + view.path + "index.html"
        with i18n.language(site.lang):  # "What you would pay" (aid.py, estimate.js)
            aid_section = estimates.section(program, view, name, partial(renderer.render, name, LANG=site.lang))
        return renderer.render(
            name,
            "program",
            LANG=site.lang,
            program=view,
            page_path=view.path,
            jsonld=jsonld,
            changes=site.changes.get(view.id, []),
            aid=aid_section,
        )

    def _program_data_outputs(self) -> list[Output]:
        # One small file per program, so the compare page fetches only the programs it shows.
        return [
            Output(
                f"{view.path}data.json",
                partial(export.program_json, program, view, self.fields),
                key=self._page_keys[program.id],
            )
            for program, view in zip(self.programs, self.program_views, strict=True)
        ]

    def _write_site_wide_files(self):
        """The files made from all programs at once; written before the page workers fork, or beside them in a small build (render.py)."""
        self._folders_made: set[str] = set()
        self._write_data_files()
        self._write_site_files()
        self._copy_browser_packages()
        build_cache.work_out_keys(self.output_path)

    def _write_site_files(self):
        pages = [(pagination.path, None) for pagination, _ in self.browse_pages]
        pages += [(f"programs/{p.id}/", p.last_verified) for p in self.programs]
        pages += [("credentials/", None)] + [(view.path, None) for view in self.credential_views]
        pages += [("compare/", None), ("match/", None)]
        pages += [
            (page.url, None, (page.lang, *(t.lang for t in page.translations)))
            for page in self.context.get("pages", [])
        ]
        languages = {lang: site.prefix for lang, site in self.sites.items()}
        self._write_text("sitemap.xml", site_files.sitemap_xml(self.siteurl, pages, languages))
        self._write_text("robots.txt", site_files.robots_txt(self.siteurl))
        self._write_text(
            site_files.FEED_PATH,
            site_files.changes_feed(
                self.siteurl, self.settings["SITENAME"], self.history.changes, self.history.version or self.today
            ),
        )

    def _write_data_files(self):
        # The two big files are written as they are made, never held whole (export.programs_json_parts).
        self._write_text("programs.json", export.programs_json_parts(self.programs, self.program_views))
        self._write_text(
            "programs.csv", export.programs_csv_parts(self.programs, self.program_views, self.fields.names())
        )
        files = {
            datapackage.CREDENTIALS_FILE: export.credentials_csv(self.credentials),
            "datapackage.json": datapackage.datapackage_json(
                self.settings["SITENAME"],
                export.other_headers(self.programs, export.COLUMNS + export.DERIVED_COLUMNS),
                export.other_headers(self.credentials, export.CREDENTIAL_COLUMNS),
                tuple(field.column() for field in self.fields.fields),
            ),
            # Fetched only by a shared link with asof=, to say what changed since it was shared.
            "changes.json": history.changes_json(self.history, {p.id for p in self.programs if p.id}),
            aid.AID_JSON: aid.aid_json(self.aid_rates),  # what the estimate reads (aid-rules.js)
        }
        files.update(self._search_files())
        # Each other language's words for the browser modules (theme/static/js/i18n.js) and its search words.
        for lang, site in self.sites.items():
            if lang != i18n.SOURCE_LANG:
                words = search_words.search_words(self.settings.get("SEARCH_WORDS", "").format(lang=lang))
                files[site.prefix + "messages.json"] = i18n.browser_messages(lang, words)
            # The fields, filters, compare rows and sorts the browser reads, in this language (browser_fields.py).
            with i18n.language(lang):
                files[site.prefix + browser_fields.FIELDS_FILE] = browser_fields.fields_json(site.facets, self.fields)
        for name, body in files.items():
            self._write_text(name, body)

    def _search_files(self) -> dict[str, str]:
        """What browse's search and filters fetch, a part at a time (search_files.py, docs/search-files.md)."""
        terms, meta = self.search_index.result()
        rows = export.browse_rows(
            self.programs, self.program_views, self.by_code, tuple(f.name for f in self.fields.shown("card"))
        )
        row_files, row_count = search_files.row_files(rows, self.keep)
        facets = search_files.facet_files(
            self.programs,
            rows["programs"],
            rows["keys"].index("certify_usd"),
            rows["keys"].index("certify_by"),
            self.fields,
            self.keep,
        )
        meta.update(
            count=len(self.programs),
            rows_per_file=search_files.ROWS_PER_FILE,
            row_files=row_count,
            keys=rows["keys"],
            labels=export.LABELS,
            typed=browser_fields.typed_words(),  # the words a search reads as a filter (search-worker.js)
            card=browser_fields.card_slots(),  # how browse.js fills the card's slots
            matched=browser_fields.MATCHED,  # the card's "Also matches its …" words
            sorts=browser_fields.sort_words(),  # the words that end browse's result count
        )
        # The questionnaire ranks from files of columns in the same numbering (docs/matching.md).
        ranking = match_files.match_files(
            self.programs, self.program_views, self.by_code, self.work_settings, self.keep
        )
        return {**terms, **facets, **row_files, **ranking, "search/meta.json": search_files.to_json(meta)}

    def _write_text(self, name: str, body: str | Iterable[str]) -> None:
        # Left out when the output folder holds this text already (a devserver rebuild, build_cache.py).
        build_cache.write_text(self.output_path, name, body, self._folders_made)

    def _check_browser_packages(self):
        """Before any work: a missing npm install should stop the build at once, not after every page."""
        for source in BROWSER_PACKAGES:
            path = os.path.join(self.settings["NODE_MODULES"], source)
            if not os.path.isfile(path):
                print(
                    f"{path}: missing; run `npm ci` (make html does it) to install the browser packages",
                    file=sys.stderr,
                )
                raise SystemExit(1)

    def _copy_browser_packages(self):
        """Browser libraries come from npm (node_modules), never from the repository; their notices go along."""
        for source, target in BROWSER_PACKAGES.items():
            path = os.path.join(self.settings["NODE_MODULES"], source)
            os.makedirs(os.path.dirname(os.path.join(self.output_path, target)), exist_ok=True)
            shutil.copyfile(path, os.path.join(self.output_path, target))
        self._write_text(NOTICES_PATH, notices_text(self.settings["NODE_MODULES"], BROWSER_PACKAGES))
