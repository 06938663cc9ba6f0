"""Build several versions of a programs file one after another in ONE process, as `make devserver`
does, and record what the output folder holds after each build (tests/test_incremental.py).

    python tests/devserver_steps.py plan.json

plan.json: {"out": output folder, "working": the programs file the builds read, "settings": settings
file, "steps": [{"data": a version of the file, "edit": [file, old, new] or null}, ...], "record":
where to write the result}. An edit is made to a source file (a template) just before its step's
build. The result: one entry per step, {"ok": built or not, "files": {path: sha256 of its bytes}, "held": the
output folders the process still holds locked after the build (none, ever), "kept": the modules that
keep something for the next build, and what (the generator tells them to: devserver.py's KEEP_FOR_NEXT_BUILD)}.
Run from the project's root: the plugin is imported from there (the settings may be a copy's, whose
templates an edit changes).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path


def files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def main(plan_path: str) -> int:
    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    sys.path.insert(0, os.getcwd())
    os.environ["PROGRAMS_CSV"] = plan["working"]
    shutil.copyfile(plan["steps"][0]["data"], plan["working"])
    from plugins.programs_site.build import devserver, memo, staging

    pelican = devserver.make_pelican(plan["settings"], plan["out"])
    result = []
    for step in plan["steps"]:
        if step.get("edit"):
            path, old, new = step["edit"]
            text = Path(path).read_text(encoding="utf-8")
            assert old in text, (path, old)
            Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")
        shutil.copyfile(step["data"], plan["working"])
        ok = devserver.build(pelican)
        # Between builds the process holds no output folder: a `make html` into it need not wait.
        held = sorted(staging._LOCKS)
        kept = {
            "csv_table": sorted(Path(path).name for path in memo.KEPT.cells),
            "load": sorted(model.__name__ for model in memo.KEPT.by_row),
            "search_index": len(memo.KEPT.words),
            "search_files": len(memo.KEPT.row_files),
            "filters": len(memo.KEPT.facet_sets),
            "match_files": len(memo.KEPT.match_columns),
            "staging": len(staging._EMPTIED),
        }
        result.append({"ok": ok, "files": files(Path(plan["out"])), "held": held, "kept": kept})
    Path(plan["record"]).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
