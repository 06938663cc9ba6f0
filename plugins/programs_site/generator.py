"""The Pelican generator: gathers programs and credentials, then writes every page made from them."""

from __future__ import annotations

import os
import sys
from functools import partial

from pelican.generators import Generator

from . import export, present
from .load import load_credentials, load_programs
from .problems import DataError, Problem


def report(problems: list[Problem]) -> None:
    # Plain stderr lines, not Pelican's rich logger, which wraps long lines and breaks `path:line:col`.
    for problem in problems:
        print(problem, file=sys.stderr)


class ProgramsGenerator(Generator):
    def generate_context(self):
        settings = self.settings
        try:
            credentials, warnings = load_credentials(settings["CREDENTIALS_CSV"])
            programs, more = load_programs(settings["PROGRAMS_CSV"], {c.code for c in credentials})
        except DataError as err:
            report(err.problems)
            count = len(err.problems)
            print(
                f"Build stopped: {count} problem{'s' if count != 1 else ''} in the data. "
                f"Nothing in {os.path.basename(getattr(self, 'final_output', 'output'))}/ was changed.",
                file=sys.stderr,
            )
            raise SystemExit(1) from None
        report(warnings + more)
        self.programs = programs
        by_code = {c.code: c for c in credentials}
        views = [present.program_view(p, by_code) for p in programs]
        self.program_views = sorted(views, key=lambda v: (v.name.casefold(), v.provider.casefold(), v.id))
        self.credential_views = [
            present.credential_view(c, [v for v in self.program_views if any(link.code == c.code for link in v.credentials)])
            for c in credentials
        ]
        dates = [p.last_verified for p in programs if p.last_verified]
        self.context["data_summary"] = {
            "program_count": len(programs),
            "credential_count": len(credentials),
            "last_verified": present.date_text(max(dates)) if dates else present.NOT_LISTED,
        }
        self.context["NOT_LISTED"] = present.NOT_LISTED
        self.context["credential_nav"] = [(c.code, c.path) for c in self.credential_views]

    def generate_output(self, writer):
        write = partial(writer.write_file, context=self.context, relative_urls=self.settings["RELATIVE_URLS"])
        browse = self.get_template("browse")
        for pagination, chunk in present.browse_pages(self.program_views, self.settings["BROWSE_PAGE_SIZE"]):
            write(pagination.path + "index.html", browse, pagination=pagination, programs=chunk, page_path=pagination.path)
        program_template = self.get_template("program")
        for view in self.program_views:
            write(view.path + "index.html", program_template, program=view, page_path=view.path)
        credential_template = self.get_template("credential")
        for view in self.credential_views:
            write(view.path + "index.html", credential_template, credential=view, page_path=view.path)
        write("credentials/index.html", self.get_template("credentials"), credentials=self.credential_views, page_path="credentials/")
        self._write_data_files()

    def _write_data_files(self):
        files = {
            "programs.json": export.programs_json(self.programs),
            "programs.csv": export.programs_csv(self.programs),
        }
        for name, body in files.items():
            with open(os.path.join(self.output_path, name), "w", encoding="utf-8", newline="") as handle:
                handle.write(body)
