"""The output folder: a build refuses folders it must not replace, and never deletes files it did not write."""

import os
import types

import pytest
from sitebuild import ROOT, build, csv_text, program, project_copy, snapshot

from plugins.programs_site import staging

RETAINED = {".git/HEAD": b"ref: refs/heads/main\n", "CNAME": b"coding.example.org\n", ".nojekyll": b""}


def _sources(folder):
    return {path: body for path, body in snapshot(folder).items() if "__pycache__" not in path}


def _leftovers(folder):
    return sorted(str(p) for p in folder.rglob("*.building-*"))


def _put(folder, files):
    for path, body in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(body)


def _refusal(result):
    lines = [line for line in result.stderr.splitlines() if line.startswith("Build refused: ")]
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("target", "named"),
    [
        ("", "holds the project"),  # pelican content -o . in the project
        ("..", "holds the project"),
        ("content", "holds the content folder"),
        ("data", "holds the programs file"),
        ("content/pages/site", "is inside the content folder"),
        ("theme/static/site", "is inside the theme"),
    ],
)
def test_a_folder_that_holds_the_project_or_its_sources_is_refused_before_any_work(tmp_path, target, named):
    copy = project_copy(tmp_path)
    (copy / "notes.txt").write_text("mine")
    before = _sources(tmp_path)
    result = build(
        tmp_path,
        output=(copy / target).resolve(),
        settings=str(copy / "pelicanconf.py"),
        env={"PROGRAMS_CSV": "data/programs.csv", "CREDENTIALS_CSV": "data/credentials.csv"},
        cwd=copy,
    )
    assert named in _refusal(result)
    assert _sources(tmp_path) == before
    assert _leftovers(tmp_path) == []


def test_a_folder_of_someone_elses_files_is_refused_and_left_as_it_is(tmp_path):
    site = tmp_path / "site"
    _put(site, {"notes.txt": b"mine", "drafts/plan.md": b"# plan", **RETAINED})
    before = snapshot(site)
    result = build(tmp_path, csv_text([program()]), output=site)
    line = _refusal(result)
    assert "did not write (drafts, notes.txt)" in line
    assert snapshot(site) == before
    assert _leftovers(tmp_path) == []


def test_a_file_instead_of_a_folder_is_refused(tmp_path):
    (tmp_path / "site").write_text("mine")
    result = build(tmp_path, csv_text([program()]), output=tmp_path / "site")
    assert "is a file, not a folder" in _refusal(result)
    assert (tmp_path / "site").read_text() == "mine"


def test_a_fresh_clone_of_a_pages_repository_is_built_into_and_keeps_its_files(tmp_path):
    site = tmp_path / "site"
    _put(site, RETAINED)
    result = build(tmp_path, csv_text([program()]), output=site)
    assert result.returncode == 0, result.stderr
    assert (site / "programs/acme-coding/index.html").is_file()
    assert {path: snapshot(site)[path] for path in RETAINED} == RETAINED


def test_output_retention_names_more_files_to_keep(tmp_path):
    site = tmp_path / "site"
    _put(site, {"keep.me": b"mine"})
    assert _refusal(build(tmp_path, csv_text([program()]), output=site))
    result = build(tmp_path, csv_text([program()]), output=site, extra_args=["-e", 'OUTPUT_RETENTION=["keep.me"]'])
    assert result.returncode == 0, result.stderr
    assert (site / "keep.me").read_bytes() == b"mine"


def test_a_rebuild_replaces_its_own_files_and_keeps_every_other(tmp_path):
    first = build(tmp_path, csv_text([program(id="a"), program(id="b", name="Other")]))
    assert first.returncode == 0, first.stderr
    theirs = {**RETAINED, "google1234.html": b"verify", "programs/a/notes.txt": b"mine", "extra/x/y.txt": b"deep"}
    _put(first.output, theirs)
    second = build(tmp_path, csv_text([program(id="b", name="Other")]))
    assert second.returncode == 0, second.stderr
    files = snapshot(second.output)
    assert {path: files.get(path) for path in theirs} == theirs
    assert "programs/a/index.html" not in files and "programs/a/data.json" not in files
    assert "programs/b/index.html" in files
    listed = staging.read_manifest(str(second.output))
    assert "programs/b/index.html" in listed and not listed & set(theirs)
    assert _leftovers(tmp_path) == []


def test_a_file_of_theirs_where_the_build_now_writes_stops_the_build_and_changes_nothing(tmp_path):
    assert build(tmp_path, csv_text([program(id="a")])).returncode == 0
    output = tmp_path / "output"
    _put(output, {"programs/b/index.html": b"theirs", "programs/b/notes.txt": b"mine", **RETAINED})
    before = snapshot(output)
    result = build(tmp_path, csv_text([program(id="a"), program(id="b", name="Other")]))
    assert "programs/b/index.html was not written by a build" in _refusal(result)
    assert snapshot(output) == before
    assert _leftovers(tmp_path) == []


def test_their_files_in_a_folder_the_build_now_writes_into_are_kept(tmp_path):
    assert build(tmp_path, csv_text([program(id="a")])).returncode == 0
    _put(tmp_path / "output", {"programs/b/notes.txt": b"mine"})
    result = build(tmp_path, csv_text([program(id="a"), program(id="b", name="Other")]))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output/programs/b/notes.txt").read_bytes() == b"mine"
    assert (tmp_path / "output/programs/b/index.html").is_file()


def test_the_new_site_arrives_in_one_step(tmp_path):
    final, new = tmp_path / "output", tmp_path / ".output.building-x"
    _put(final, {"index.html": b"old", "gone/index.html": b"old", **RETAINED})
    staging.write_manifest(str(final), ["index.html", "gone/index.html"])
    _put(new, {"index.html": b"new"})
    new_inode = os.stat(new).st_ino
    pelican = types.SimpleNamespace(output_path=str(new), settings={})
    setattr(pelican, staging._FINAL, str(final))
    setattr(pelican, staging._CLEANUP, lambda: None)
    staging.finish(pelican)
    assert os.stat(final).st_ino == new_inode  # the whole new tree was renamed into place, not copied in
    files = snapshot(final)
    assert files.pop(staging.MANIFEST).endswith(b"\nindex.html\n")
    assert files == {"index.html": b"new", **RETAINED}


def test_a_swap_that_fails_midway_puts_their_files_back(tmp_path, monkeypatch):
    final, new = tmp_path / "output", tmp_path / ".output.building-x"
    _put(final, {"index.html": b"old", **RETAINED})
    staging.write_manifest(str(final), ["index.html"])
    _put(new, {"index.html": b"new"})
    before = snapshot(final)
    rename = os.rename

    def failing_rename(source, target):
        if str(source).endswith("CNAME"):
            raise OSError("disk gone")
        rename(source, target)

    monkeypatch.setattr(staging.os, "rename", failing_rename)
    with pytest.raises(OSError):
        staging.keep_theirs(str(final), str(new))
    assert snapshot(final) == before
    assert snapshot(new) == {"index.html": b"new"}


def test_a_leftover_of_an_interrupted_swap_is_kept_when_it_holds_their_files(tmp_path):
    stale = tmp_path / ".output.building-old"
    _put(stale, {"index.html": b"ours"})
    interrupted = tmp_path / ".output.building-cut"
    _put(interrupted, {"index.html": b"ours", ".git/HEAD": b"theirs"})
    staging.write_manifest(str(interrupted), ["index.html"])
    result = build(tmp_path, csv_text([program()]))
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert (interrupted / ".git/HEAD").read_bytes() == b"theirs"
    assert f"Kept {interrupted}" in result.stderr


def test_the_sample_build_refuses_the_project_folder_itself(tmp_path):
    """The real project (not a copy): `pelican content -o .` must stop before touching it."""
    before = {p.name for p in ROOT.iterdir()}
    result = build(tmp_path, output=ROOT)
    assert "holds the project" in _refusal(result)
    assert {p.name for p in ROOT.iterdir()} == before
