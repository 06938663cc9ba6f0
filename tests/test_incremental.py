"""Rebuilding into the same folder writes only what changed, and the result is exactly a clean build's."""

import hashlib
import json
import os
import re
import subprocess
import sys

import pytest
from sitebuild import ROOT, build, csv_text, program, project_copy, snapshot

from benchmarks import incremental

# Wide enough that Pelican's log lines are not wrapped (it draws them with rich).
VERBOSE = {"env": {"COLUMNS": "400"}, "extra_args": ["-v"]}
COUNT = 120


def rows(count: int = COUNT, **edits: dict[str, str]) -> list[dict[str, str]]:
    """`count` dated programs; `edits` maps an id to the cells to change in that row."""
    result = []
    for n in range(count):
        row = program(
            id=f"p{n:03d}",
            name=f"Program {n:03d}",
            cost_usd=str(1000 + 10 * n),
            credentials="CPC" if n % 2 else "CCS",
            state="NY" if n % 3 else "TX",
            last_verified=f"2026-0{n % 9 + 1}-{n % 28 + 1:02d}",  # an undated feed says "now", which no rebuild repeats
        )
        row.update(edits.get(row["id"], {}))
        result.append(row)
    return result


def unchanged_count(result) -> tuple[int, int, bool]:
    found = re.search(r"programs-site: (\d+) of (\d+) generated files unchanged( \(full build\))?", result.stdout)
    assert found, result.stdout[-2000:]
    return int(found.group(1)), int(found.group(2)), found.group(3) is None


def clean_build(tmp_path, data):
    return build(tmp_path, data, output=tmp_path / "clean", env={"PROGRAMS_SITE_CACHE": "off"})


def rebuilt(tmp_path, first, second):
    """Build `first`, then `second` into the same folder; returns the second build."""
    assert build(tmp_path, csv_text(first)).returncode == 0
    result = build(tmp_path, csv_text(second), **VERBOSE)
    assert result.returncode == 0, result.stderr
    return result


def test_one_edited_row_rewrites_only_its_pages_and_the_lists_and_equals_a_clean_build(tmp_path):
    first = build(tmp_path, csv_text(rows()))
    assert first.returncode == 0, first.stderr
    untouched = first.output / "programs/p007/index.html"
    before = untouched.stat()
    # A new price moves the program in the cost filter's counts, on the credential page and in the data files.
    edited = rows(p050={"cost_usd": "$99.50", "name": "Renamed Program"})
    result = build(tmp_path, csv_text(edited), **VERBOSE)
    assert result.returncode == 0, result.stderr
    kept, total, in_place = unchanged_count(result)
    assert in_place and total - kept < 20  # its page and data file, the browse pages, credential pages
    assert untouched.stat().st_ino == before.st_ino and untouched.stat().st_mtime_ns == before.st_mtime_ns
    assert "$99.50" in result.page("programs/p050/")
    data = json.loads((result.output / "programs.json").read_text(encoding="utf-8"))
    assert {p["id"]: p["cost_usd"] for p in data}["p050"] == 99.5
    clean = clean_build(tmp_path, csv_text(edited))
    assert clean.returncode == 0, clean.stderr
    assert snapshot(result.output) == snapshot(clean.output)


def test_removed_and_added_rows_equal_a_clean_build(tmp_path):
    second = [r for r in rows() if r["id"] != "p010"] + [program(id="new-one", name="A New Program")]
    result = rebuilt(tmp_path, rows(), second)
    assert unchanged_count(result)[2]
    assert not (result.output / "programs/p010").exists()
    assert (result.output / "programs/new-one/index.html").is_file()
    assert snapshot(result.output) == snapshot(clean_build(tmp_path, csv_text(second)).output)


def test_a_rebuild_of_the_same_data_writes_no_page_and_changes_nothing(tmp_path):
    first = build(tmp_path, csv_text(rows()))
    before = snapshot(first.output)
    result = build(tmp_path, csv_text(rows()), **VERBOSE)
    kept, total, in_place = unchanged_count(result)
    assert in_place and kept == total
    assert snapshot(result.output) == before


def test_a_page_changed_by_hand_is_written_again(tmp_path):
    first = build(tmp_path, csv_text(rows()))
    page = first.output / "programs/p003/index.html"
    page.write_text("edited by hand", encoding="utf-8")
    result = build(tmp_path, csv_text(rows()), **VERBOSE)
    kept, total, in_place = unchanged_count(result)
    assert in_place and kept == total - 1
    assert snapshot(result.output) == snapshot(clean_build(tmp_path, csv_text(rows())).output)


def test_files_no_build_wrote_survive_an_in_place_rebuild(tmp_path):
    first = build(tmp_path, csv_text(rows()))
    (first.output / "CNAME").write_text("example.org\n")
    (first.output / "programs/p001/notes.txt").write_text("mine\n")
    result = build(tmp_path, csv_text([r for r in rows() if r["id"] != "p001"]), **VERBOSE)
    assert result.returncode == 0, result.stderr
    assert unchanged_count(result)[2]
    assert (result.output / "CNAME").read_text() == "example.org\n"
    assert (result.output / "programs/p001/notes.txt").read_text() == "mine\n"
    assert not (result.output / "programs/p001/index.html").exists()


def test_a_failed_rebuild_leaves_the_output_and_the_next_rebuild_is_still_right(tmp_path):
    first = build(tmp_path, csv_text(rows()))
    before = snapshot(first.output)
    bad = build(tmp_path, csv_text(rows(p005={"cost_usd": "$abc"})))
    assert bad.returncode != 0
    assert snapshot(first.output) == before
    edited = rows(p005={"cost_usd": "2500"})
    result = build(tmp_path, csv_text(edited), **VERBOSE)
    assert unchanged_count(result)[2]
    assert snapshot(result.output) == snapshot(clean_build(tmp_path, csv_text(edited)).output)


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("theme/templates/partials/program_parts.html", "</button>", " </button>"),
        ("plugins/programs_site/model/present.py", '"Not listed"', '"Not published"'),
        ("pelicanconf.py", 'SITENAME = N_("', 'SITENAME = N_("The '),
        ("plugins/programs_site/data/builtin_fields.toml", 'label = "Hours per week"', 'label = "Weekly hours"'),
    ],
    ids=["template", "plugin code", "settings", "built-in columns"],
)
def test_a_change_to_templates_code_or_settings_rebuilds_every_page(tmp_path, path, old, new):
    copy = project_copy(tmp_path)
    settings = str(copy / "pelicanconf.py")
    data = csv_text(rows())
    assert build(tmp_path, data, settings=settings).returncode == 0
    changed = copy / path
    assert old in changed.read_text()
    changed.write_text(changed.read_text().replace(old, new, 1))
    result = build(tmp_path, data, settings=settings, **VERBOSE)
    assert result.returncode == 0, result.stderr
    assert unchanged_count(result)[0] < 5  # the few pages the change does not reach may stay
    clean = build(tmp_path, data, output=tmp_path / "clean", settings=settings, env={"PROGRAMS_SITE_CACHE": "off"})
    assert snapshot(result.output) == snapshot(clean.output)


def in_one_process(tmp_path, args: list[str], timeout: int = 900) -> subprocess.CompletedProcess:
    """Python run with `args` in the project, as `make devserver` runs builds (its cache in tmp_path);
    it must succeed."""
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, "PROGRAMS_SITE_CACHE": str(tmp_path / ".cache")},
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_the_devservers_rebuild_in_one_process_equals_a_clean_build(tmp_path):
    """`make devserver` keeps the last build's rows, views and keys in memory; what it writes must not differ."""
    source = tmp_path / "source.csv"
    source.write_text(csv_text(rows()), encoding="utf-8")
    out = tmp_path / "devserver"
    in_one_process(tmp_path, ["-m", "benchmarks.incremental", str(source), str(out), "--row", "7"], timeout=600)
    edited = tmp_path / "edited.csv"
    incremental.edit_row(str(source), 7, str(edited))
    clean = build(tmp_path, edited, output=tmp_path / "clean", env={"PROGRAMS_SITE_CACHE": "off"})
    assert "$1,234.56" in clean.page("programs/p007/")
    assert snapshot(out) == snapshot(clean.output)


def test_the_same_data_read_from_another_path_keeps_every_page(tmp_path):
    """The data file's name is not part of any page: a copy of it rebuilds nothing."""
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(csv_text(rows()), encoding="utf-8")
    second.write_text(csv_text(rows(p004={"cost_usd": "777"})), encoding="utf-8")
    assert build(tmp_path, first).returncode == 0
    result = build(tmp_path, second, **VERBOSE)
    kept, total, in_place = unchanged_count(result)
    assert in_place and total - kept < 20


def test_the_settings_devserver_changes_are_no_part_of_the_files_keys(tmp_path):
    """`make devserver` after `make html` (or the other way round) keeps the files the other wrote."""
    script = (
        "from pelican import get_instance, parse_arguments\n"
        "from plugins.programs_site.build import build_cache, devserver\n"
        f"plain, _ = get_instance(parse_arguments(['content', '-s', 'pelicanconf.py', '-o', {str(tmp_path)!r}]))\n"
        f"served = devserver.make_pelican('pelicanconf.py', {str(tmp_path)!r})\n"
        "changed = {k for k, v in served.settings.items() if plain.settings.get(k, object()) != v}\n"
        "assert changed, 'devserver changed no setting'\n"
        "assert changed <= build_cache.VOLATILE, sorted(changed - build_cache.VOLATILE)\n"
    )
    in_one_process(tmp_path, ["-c", script], timeout=120)


def devserver_steps(tmp_path, versions, settings=ROOT / "pelicanconf.py", edits=None) -> list[dict]:
    """Build each version of the rows in turn in ONE process, as `make devserver` does (tests/devserver_steps.py);
    `edits`: step number -> [file, old, new], a source edit made just before that step's build."""
    steps = []
    for number, version in enumerate(versions):
        data = tmp_path / f"version-{number}.csv"
        data.write_text(csv_text(version), encoding="utf-8", newline="")
        steps.append({"data": str(data), "edit": (edits or {}).get(number)})
    plan = {
        "out": str(tmp_path / "devserver"),
        "working": str(tmp_path / "working.csv"),
        "settings": str(settings),
        "steps": steps,
        "record": str(tmp_path / "steps.json"),
    }
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    result = in_one_process(tmp_path, [str(ROOT / "tests" / "devserver_steps.py"), str(tmp_path / "plan.json")])
    steps = json.loads((tmp_path / "steps.json").read_text(encoding="utf-8"))
    steps[-1]["stderr"] = result.stderr  # what the process printed, all steps together
    return steps


def hashed(folder) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in snapshot(folder).items()}


def test_a_devserver_kept_pieces_never_go_stale_over_many_edits_in_both_languages(tmp_path):
    """`make devserver` keeps each program's card, rows, columns, words and files from build to build
    (memo.py, browse_page.py, search_files.py, match_files.py, csv_table.py): after every kind of edit,
    in English and Spanish pages alike, the folder must be exactly a clean build of the same data."""
    base = rows()
    versions = [
        base,
        # The cost: the card, the cost filter's counts (past $10,000), search/rows, match columns, programs.*
        rows(p050={"cost_usd": "12500"}),
        # A searched word (the provider), the format filter's counts and the state select's.
        rows(p050={"cost_usd": "12500"}, p020={"provider": "Zenith Institute", "format": "hybrid", "state": "CA"}),
        # The name order: a program moves to the front, every later position shifts.
        rows(p050={"cost_usd": "12500"}, p020={"provider": "Zenith Institute"}, p090={"name": "Aardvark Program"}),
        # A removed row and an added one; a credential changed.
        [r for r in rows(p007={"credentials": "CPC;CCS"}) if r["id"] != "p030"]
        + [program(id="zz-new", name="Zz New Program", cost_usd="999")],
        # A row with an error: the build fails and changes nothing.
        rows(p005={"cost_usd": "$abc"}),
        # Back where it started: pieces kept from two builds ago must not come back wrong.
        base,
    ]
    steps = devserver_steps(tmp_path, versions)
    assert [step["ok"] for step in steps] == [True, True, True, True, True, False, True]
    assert steps[5]["files"] == steps[4]["files"]  # the failed build changed nothing
    # The loaders, the index, the row, filter and match files keep theirs in the caching layer's store the
    # generator hands them (memo.KEPT), and the staging folder only when the generator tells it to
    # (devserver.py's KEEP_FOR_NEXT_BUILD): a module the store or the setting does not reach keeps nothing.
    kept = steps[1]["kept"]
    assert kept["csv_table"] == ["credentials.csv", "working.csv"] and kept["load"] == ["Credential", "Program"]
    assert kept["search_index"] and kept["search_files"] and kept["staging"] == 1
    assert kept["filters"] and kept["match_files"]
    for number, (version, step) in enumerate(zip(versions, steps, strict=True)):
        if not step["ok"]:
            continue
        (tmp_path / f"clean-{number}").mkdir()
        clean = build(tmp_path / f"clean-{number}", csv_text(version), env={"PROGRAMS_SITE_CACHE": "off"})
        assert clean.returncode == 0, clean.stderr
        expected = hashed(clean.output)
        assert any(path.startswith("es/") for path in expected)  # Spanish pages are built and compared too
        different = sorted(p for p in expected.keys() | step["files"].keys() if expected.get(p) != step["files"].get(p))
        assert not different, f"step {number}: {different[:10]}"


def test_a_devserver_rebuild_after_a_template_edit_drops_the_kept_cards(tmp_path):
    """The kept cards and compiled templates are made from the templates: an edited card template
    (seen without a restart, as devserver does for theme/) rewrites every card, as a clean build would."""
    copy = project_copy(tmp_path)
    card = "theme/templates/partials/card.html"
    edited = rows(p003={"cost_usd": "4321"})
    steps = devserver_steps(
        tmp_path,
        [rows(), edited],
        settings=copy / "pelicanconf.py",
        edits={1: [str(copy / card), 'class="card-facts"', 'class="card-facts x"']},
    )
    assert [step["ok"] for step in steps] == [True, True]
    (tmp_path / "clean").mkdir()
    clean = build(
        tmp_path / "clean",
        csv_text(edited),
        settings=str(copy / "pelicanconf.py"),
        env={"PROGRAMS_SITE_CACHE": "off"},
    )
    assert clean.returncode == 0, clean.stderr
    assert 'class="card-facts x"' in clean.page("page/2/")
    assert steps[1]["files"] == hashed(clean.output)


def test_a_devserver_rebuild_reports_a_card_templates_error_with_its_place_and_changes_nothing(tmp_path):
    """The cards are rendered before the pages in a devserver rebuild: an error there is still reported
    as `template:line:` and the served site stays as it was."""
    copy = project_copy(tmp_path)
    card = copy / "theme/templates/partials/card.html"
    steps = devserver_steps(
        tmp_path,
        [rows(), rows(p003={"cost_usd": "4321"})],
        settings=copy / "pelicanconf.py",
        edits={1: [str(card), "{{ program.provider }}", "{{ program.provider.no_such() }}"]},
    )
    assert [step["ok"] for step in steps] == [True, False]
    assert steps[1]["files"] == steps[0]["files"]
    assert [step["held"] for step in steps] == [[], []]  # a failed rebuild does not keep other builds waiting
    assert re.search(r"theme/templates/partials/card\.html:\d+: UndefinedError", steps[-1]["stderr"]), steps[-1][
        "stderr"
    ][-2000:]
