"""The output folder: a build refuses folders it must not replace, and never deletes files it did not write."""

import atexit
import builtins
import contextlib
import errno
import io
import os
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

import pytest
from sitebuild import ROOT, build, csv_text, program, project_copy, snapshot

from plugins.programs_site.build import staging

RETAINED = {".git/HEAD": b"ref: refs/heads/main\n", "CNAME": b"coding.example.org\n", ".nojekyll": b""}
TWO = [program(id="a"), program(id="b", name="Other")]


@pytest.fixture(params=["cache", "no cache"])
def rebuild(request):
    """`build`, run both ways a second build into a folder goes: with the build cache (a few files
    moved in, one by one) and without it (a fresh CI clone: a full build, swapped in whole)."""
    off = {"PROGRAMS_SITE_CACHE": "off"} if request.param == "no cache" else {}

    def run(*args, env=None, **kwargs):
        return build(*args, env={**off, **(env or {})}, **kwargs)

    run.cache = request.param == "cache"
    return run


def _gone_soon(paths_of, seconds=10):
    """The old site is removed in the background after a swap: wait for it (a while at most)."""
    deadline = time.monotonic() + seconds
    while paths_of() and time.monotonic() < deadline:
        time.sleep(0.1)
    return paths_of()


def _sources(folder):
    return {path: body for path, body in snapshot(folder).items() if "__pycache__" not in path}


def _leftovers(folder):
    # os.walk, not rglob: it passes over a folder that the background removal of an old site empties meanwhile.
    return sorted(os.path.join(d, n) for d, dirs, files in os.walk(folder) for n in dirs + files if ".building-" in n)


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


def test_a_rebuild_replaces_its_own_files_and_keeps_every_other(tmp_path, rebuild):
    first = rebuild(tmp_path, csv_text(TWO))
    assert first.returncode == 0, first.stderr
    theirs = {**RETAINED, "google1234.html": b"verify", "programs/a/notes.txt": b"mine", "extra/x/y.txt": b"deep"}
    _put(first.output, theirs)
    second = rebuild(tmp_path, csv_text([program(id="b", name="Other")]))
    assert second.returncode == 0, second.stderr
    files = snapshot(second.output)
    assert {path: files.get(path) for path in theirs} == theirs
    assert "programs/a/index.html" not in files and "programs/a/data.json" not in files
    assert "programs/b/index.html" in files
    listed = staging.read_manifest(str(second.output))
    assert "programs/b/index.html" in listed and not listed & set(theirs)
    assert _gone_soon(lambda: _leftovers(tmp_path)) == []
    assert "Kept" not in second.stderr


def test_a_file_of_theirs_where_the_build_now_writes_stops_the_build_and_changes_nothing(tmp_path, rebuild):
    assert rebuild(tmp_path, csv_text([program(id="a")])).returncode == 0
    output = tmp_path / "output"
    _put(output, {"programs/b/index.html": b"theirs", "programs/b/notes.txt": b"mine", **RETAINED})
    before = snapshot(output)
    result = rebuild(tmp_path, csv_text(TWO))
    assert "programs/b/index.html was not written by a build" in _refusal(result)
    assert snapshot(output) == before
    assert _leftovers(tmp_path) == []


def test_their_files_in_a_folder_the_build_now_writes_into_are_kept(tmp_path, rebuild):
    assert rebuild(tmp_path, csv_text([program(id="a")])).returncode == 0
    _put(tmp_path / "output", {"programs/b/notes.txt": b"mine"})
    result = rebuild(tmp_path, csv_text(TWO))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output/programs/b/notes.txt").read_bytes() == b"mine"
    assert (tmp_path / "output/programs/b/index.html").is_file()
    # No copy of the old site stays beside the output folder (its emptied programs/b/ is not theirs).
    assert _gone_soon(lambda: _leftovers(tmp_path)) == []
    assert "Kept" not in result.stderr


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


def test_without_an_atomic_exchange_a_failed_rename_puts_the_old_site_back(tmp_path, monkeypatch):
    final, new = tmp_path / "output", tmp_path / ".output.building-x"
    _put(final, {"index.html": b"old"})
    _put(new, {"index.html": b"new"})
    rename = os.rename

    def failing_rename(source, target):
        if str(source) == str(new):
            raise OSError("disk gone")
        rename(source, target)

    monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    monkeypatch.setattr(staging.os, "rename", failing_rename)
    with pytest.raises(OSError):
        staging.swap(str(new), str(final))
    assert snapshot(final) == {"index.html": b"old"} and snapshot(new) == {"index.html": b"new"}
    monkeypatch.setattr(staging.os, "rename", rename)
    staging.swap(str(new), str(final))  # the two-rename way, when it works
    assert snapshot(final) == {"index.html": b"new"} and snapshot(new) == {"index.html": b"old"}


def test_a_leftover_of_an_interrupted_swap_gives_their_files_back(tmp_path):
    """A build killed between moving their files into its staging folder and the swap."""
    assert build(tmp_path, csv_text([program()])).returncode == 0
    output = tmp_path / "output"
    stale = tmp_path / ".output.building-old"
    _put(stale, {"index.html": b"ours"})
    interrupted = tmp_path / ".output.building-cut"
    _put(interrupted, {"index.html": b"ours", ".git/HEAD": b"theirs", "CNAME": b"theirs"})
    staging.write_manifest(str(interrupted), ["index.html"])
    _put(output, {"CNAME": b"mine, put back since"})
    result = build(tmp_path, csv_text([program()]))
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert (output / ".git/HEAD").read_bytes() == b"theirs"
    assert (output / "CNAME").read_bytes() == b"mine, put back since"
    # What cannot go back (its place is taken) is kept where it is, and named.
    assert (interrupted / "CNAME").read_bytes() == b"theirs"
    assert f"Kept {interrupted}" in result.stderr


def test_make_clean_removes_only_what_builds_wrote(tmp_path):
    assert build(tmp_path, csv_text([program()])).returncode == 0
    output = tmp_path / "output"
    _put(output, {**RETAINED, "programs/acme-coding/notes.txt": b"mine"})
    # What `make clean` runs (a dry run: the real target also empties this checkout's caches).
    dry = _make_clean_dry_run(output)
    assert "import clean" in dry.stdout and f"rm -rf {output}" not in dry.stdout
    staging.clean(str(output))
    assert snapshot(output) == {**RETAINED, "programs/acme-coding/notes.txt": b"mine"}
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_dir()) == [
        ".git",
        "programs",
        "programs/acme-coding",
    ]
    mine = tmp_path / "mine"
    _put(mine, {"notes.txt": b"mine"})
    staging.clean(str(mine))  # no list of built files: nothing is removed
    assert snapshot(mine) == {"notes.txt": b"mine"}


def test_make_clean_says_what_it_kept_on_a_line_of_its_own(tmp_path):
    output = tmp_path / "output"
    _put(output, {"index.html": b"built", "notes.txt": b"mine"})
    staging.write_manifest(str(output), ["index.html"])
    # The target's first command as make runs it (the next ones empty this checkout's caches).
    dry = _make_clean_dry_run(output)
    said = subprocess.run(
        ["sh", "-c", dry.stdout.splitlines()[0]], cwd=ROOT, capture_output=True, text=True, check=True
    )
    # Once ended without a newline, so make's next command line ran on after it.
    assert said.stdout == f"kept {os.path.realpath(output)}: it holds files builds did not write\n"
    assert snapshot(output) == {"notes.txt": b"mine"}


def _make_clean_dry_run(output) -> subprocess.CompletedProcess:
    """`make -n clean` for `output`: the commands the target would run, one per line. Under `make test`
    this is a make inside make: without --no-print-directory (and the outer make's flags) the first
    line printed is "make[1]: Entering directory …", not the command."""
    outside = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    return subprocess.run(
        ["make", "--no-print-directory", "-n", "clean", f"OUTPUTDIR={output}"],
        cwd=ROOT,
        env=outside,
        capture_output=True,
        text=True,
        check=True,
    )


def _err(process) -> str:
    return process.stderr_path.read_text(encoding="utf-8", errors="replace")


def _start(workdir, programs_csv, hook="", output=None, env=None):
    """A `pelican` build as sitebuild.build runs it, started and not waited for, with `hook` run first
    in its process (to stop it at a chosen moment); its stderr goes to a file the test reads meanwhile."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "programs.csv"
    path.write_text(programs_csv, encoding="utf-8", newline="")
    full_env = {**os.environ, "PROGRAMS_SITE_CACHE": str(workdir / ".cache"), "PROGRAMS_CSV": str(path), **(env or {})}
    code = f"import sys\n{hook}\nfrom pelican import main\nmain(sys.argv[1:])\n"
    command = [sys.executable, "-c", code, "content", "-s", "pelicanconf.py", "-o", str(output or workdir / "output")]
    stderr_path = workdir / "stderr.txt"
    with open(stderr_path, "w") as stderr:
        process = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=stderr)
    process.stderr_path = stderr_path
    return process


# Holds the build at its very end (the site built, not yet put in place) until the test says go.
_HOLD_AT_FINISH = """
import os, time
from plugins.programs_site.build import staging
real_finish = staging.finish
def finish(pelican):
    open(os.environ["READY"], "w").close()
    deadline = time.monotonic() + 60
    while not os.path.exists(os.environ["GO"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    real_finish(pelican)
staging.finish = finish
"""


def test_two_builds_into_one_folder_take_turns(tmp_path):
    output, ready, go = tmp_path / "output", tmp_path / "ready", tmp_path / "go"
    (tmp_path / "before").mkdir()
    assert build(tmp_path / "before", csv_text(TWO), output=output).returncode == 0
    _put(output, RETAINED)
    env = {"READY": str(ready), "GO": str(go)}
    first = _start(tmp_path / "first", csv_text(TWO), _HOLD_AT_FINISH, output=output, env=env)
    deadline = time.monotonic() + 120
    while not ready.exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.exists(), _err(first)
    second = _start(tmp_path / "second", csv_text([program(id="c", name="Third")]), output=output)
    while second.poll() is None and "Waiting" not in _err(second) and time.monotonic() < deadline:
        time.sleep(0.05)
    go.touch()
    assert first.wait(120) == 0, _err(first)
    assert second.wait(120) == 0, _err(second)
    waiting = [line for line in _err(second).splitlines() if "Waiting" in line]
    assert waiting == [f"Waiting for another build into {output} to finish…"]
    # The second build went last, whole: its site, complete, and nothing else of the first one.
    files = snapshot(output)
    assert "programs/c/index.html" in files and "index.html" in files and "programs/a/index.html" not in files
    assert {path: files[path] for path in RETAINED} == RETAINED
    assert staging.read_manifest(str(output)) == set(files) - set(RETAINED) - {staging.MANIFEST}
    assert _gone_soon(lambda: _leftovers(tmp_path)) == []


# Kills the build halfway through writing a list of files (its first), as a SIGKILL could.
_KILL_AT_LIST = """
import builtins, io, os, signal
real_open = io.open
def dying_open(file, mode="r", *args, **kwargs):
    handle = real_open(file, mode, *args, **kwargs)
    if "w" in mode and os.path.basename(os.fspath(file)).startswith(".programs-site-files"):
        real_write = handle.write
        def write(text):
            real_write(text[: len(text) // 2])
            handle.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        handle.write = write
    return handle
builtins.open = io.open = dying_open
"""


def test_a_build_killed_while_writing_its_list_leaves_the_last_site_and_the_next_build_works(tmp_path, rebuild):
    first = rebuild(tmp_path, csv_text(TWO))
    assert first.returncode == 0, first.stderr
    output = first.output
    _put(output, RETAINED)
    before = snapshot(output)
    renamed = csv_text([program(id="a"), program(id="b", name="Renamed")])
    off = {} if rebuild.cache else {"PROGRAMS_SITE_CACHE": "off"}
    killed = _start(tmp_path, renamed, _KILL_AT_LIST, output=output, env=off)
    assert killed.wait(120) == -9, _err(killed)
    lists = {staging.MANIFEST, staging.MANIFEST + ".new"}
    assert {p: b for p, b in snapshot(output).items() if p not in lists} == {
        p: b for p, b in before.items() if p not in lists
    }  # the last site, whole: the build was killed before it moved anything in
    after = rebuild(tmp_path, renamed)
    assert after.returncode == 0, after.stderr
    assert "Renamed" in after.page("programs/b/")
    files = snapshot(output)
    assert staging.read_manifest(str(output)) == set(files) - set(RETAINED) - {staging.MANIFEST}
    assert _gone_soon(lambda: _leftovers(tmp_path)) == []


def test_list_entries_that_point_outside_the_folder_are_ignored_by_builds_and_by_clean(tmp_path, rebuild, capsys):
    first = rebuild(tmp_path, csv_text(TWO))
    assert first.returncode == 0, first.stderr
    output, listing = first.output, first.output / staging.MANIFEST
    outside = {"victim.txt": b"keep", "elsewhere/x.txt": b"keep"}
    _put(tmp_path, outside)
    absolute = tmp_path / "elsewhere/abs.txt"  # the list's absolute entry: where it lies, not how long it is
    fd, short = tempfile.mkstemp(prefix="ps-")
    os.close(fd)
    (output / "link").symlink_to(tmp_path / "elsewhere")  # someone's link, kept like any file of theirs
    absolute.write_bytes(b"keep")
    # A list someone edited (a shared clone), of the same size and time, so a cached rebuild trusts it.
    info, text = listing.stat(), listing.read_text()
    lines = ["../victim.txt", short, "link/x.txt", "programs/../../victim.txt"]
    body = text.split("\n", 1)[1] + "".join(f"{line}\n" for line in lines)
    listing.write_text("#" + " " * (len(text) - len(body) - 2) + "\n" + body)
    assert listing.stat().st_size == info.st_size
    os.utime(listing, ns=(info.st_atime_ns, info.st_mtime_ns))
    try:
        second = rebuild(tmp_path, csv_text([program(id="a")]))  # drops b: its files and the lines above go
        assert second.returncode == 0, second.stderr
        assert "programs/b/index.html" not in snapshot(output)
        assert {path: (tmp_path / path).read_bytes() for path in outside} == outside
        assert os.path.exists(short) and absolute.read_bytes() == b"keep"
        warned = [line for line in second.stderr.splitlines() if "could point outside the folder" in line]
        assert len(warned) == 1 and "../victim.txt" in warned[0] and short in warned[0], second.stderr
        # `make clean` reads the list the same way (a fresh edit: clean trusts no cache).
        with listing.open("a") as handle:
            handle.write("".join(f"{line}\n" for line in [*lines, str(absolute)]))
        capsys.readouterr()
        staging.clean(str(output))
        assert {path: (tmp_path / path).read_bytes() for path in outside} == outside
        assert os.path.exists(short) and absolute.read_bytes() == b"keep"
        assert "could point outside the folder" in capsys.readouterr().err
        assert sorted(os.listdir(output)) == ["link"]
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(short)


def _mount(*args) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@pytest.fixture
def mount_point(tmp_path):
    """tmp_path/site, a bind mount of tmp_path/volume (as a Docker volume is); skipped where not permitted."""
    volume, site = tmp_path / "volume", tmp_path / "site"
    volume.mkdir()
    site.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not _mount("--bind", str(volume), str(site)):
        pytest.skip("mount --bind is not permitted here (the simulated test below covers the code path)")
    yield site
    if subprocess.run(["umount", str(site)], check=False).returncode != 0:
        subprocess.run(["umount", "-l", str(site)], check=False)


def test_an_output_folder_that_is_a_mount_point_is_built_into(tmp_path, mount_point, rebuild):
    site, volume = mount_point, tmp_path / "volume"
    _put(site, RETAINED)
    first = rebuild(tmp_path, csv_text(TWO), output=site)
    assert first.returncode == 0, first.stderr
    assert (site / "programs/b/index.html").is_file() and (site / "index.html").is_file()
    second = rebuild(tmp_path, csv_text([program(id="a")]), output=site)
    assert second.returncode == 0, second.stderr
    files = snapshot(volume)  # the mounted folder itself was written, not replaced
    assert "programs/a/index.html" in files and "programs/b/index.html" not in files
    assert {path: files[path] for path in RETAINED} == RETAINED
    assert staging.read_manifest(str(site)) == set(files) - set(RETAINED) - {staging.MANIFEST}
    assert _leftovers(tmp_path) == []


def test_a_read_only_output_folder_gives_one_line(tmp_path, mount_point):
    assert build(tmp_path, csv_text(TWO), output=mount_point).returncode == 0
    if not _mount("-o", "remount,ro,bind", str(mount_point)):
        pytest.skip("a read-only remount is not permitted here")
    before = snapshot(mount_point)
    result = build(tmp_path, csv_text([program(id="a")]), output=mount_point)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("Build failed: ")] == [
        f"Build failed: {mount_point}: the output folder is read-only (the last site is left as it was)"
    ], result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(mount_point) == before
    assert _leftovers(tmp_path) == []


def _begin(final):
    """staging.begin as Pelican calls it, in this process."""
    pelican = types.SimpleNamespace(output_path=str(final), settings={})
    staging.begin(pelican)
    return pelican


def _exit_after_failure(pelican):
    """What the interpreter's exit runs after a failed build (atexit): the build's cleanup."""
    cleanup = getattr(pelican, staging._CLEANUP)
    atexit.unregister(cleanup)
    cleanup()


def test_an_output_folder_that_cannot_be_renamed_gets_the_files_moved_in(tmp_path, monkeypatch):
    """EBUSY, as renaming a mount point gives, where _mount_point cannot tell (and wherever mount is not permitted)."""
    final, new = tmp_path / "output", tmp_path / ".output.building-x"
    _put(final, {"index.html": b"old", "gone/index.html": b"old", **RETAINED})
    staging.write_manifest(str(final), ["index.html", "gone/index.html"])
    _put(new, {"index.html": b"new", "programs/a/index.html": b"new"})
    inode = os.stat(final).st_ino
    rename = os.rename

    def busy_rename(source, target):
        if os.fspath(source) == str(final):
            raise OSError(errno.EBUSY, "Device or resource busy", os.fspath(source))
        rename(source, target)

    monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    monkeypatch.setattr(staging.os, "rename", busy_rename)
    pelican = types.SimpleNamespace(output_path=str(new), settings={})
    setattr(pelican, staging._FINAL, str(final))
    setattr(pelican, staging._CLEANUP, lambda: None)
    staging.finish(pelican)
    assert os.stat(final).st_ino == inode
    files = snapshot(final)
    assert files.pop(staging.MANIFEST).endswith(b"\nindex.html\nprograms/a/index.html\n")
    assert files == {"index.html": b"new", "programs/a/index.html": b"new", **RETAINED}
    assert not new.exists()


def test_a_folder_not_writable_is_refused_in_one_line_before_any_work(tmp_path, monkeypatch, capsys):
    """A read-only folder where a real one cannot be made (root ignores permissions; no mount)."""
    final = tmp_path / "output"
    _put(final, RETAINED)
    monkeypatch.setattr(staging.os, "access", lambda path, mode: os.fspath(path) != str(final))
    with pytest.raises(SystemExit) as stopped:
        _begin(final)
    assert stopped.value.code == 1
    assert capsys.readouterr().err.splitlines() == [
        f"Build failed: {final}: the output folder is read-only (the last site is left as it was)"
    ]
    assert snapshot(final) == RETAINED and _leftovers(tmp_path) == []


def test_a_full_disk_at_the_last_write_gives_one_line_and_leaves_no_folder_behind(tmp_path, monkeypatch, capsys):
    final = tmp_path / "output"
    _put(final, {"index.html": b"old", **RETAINED})
    staging.write_manifest(str(final), ["index.html"])
    before = snapshot(final)
    pelican = _begin(final)
    _put(Path(pelican.output_path), {"index.html": b"new", "programs/a/index.html": b"new"})
    real_open = io.open

    def full_open(file, mode="r", *args, **kwargs):  # the list is the last thing a build writes
        handle = real_open(file, mode, *args, **kwargs)
        if "w" in mode and os.path.basename(os.fspath(file)).startswith(staging.MANIFEST):
            real_write = handle.write

            def write(text):
                real_write(text[: len(text) // 2])
                handle.flush()
                raise OSError(errno.ENOSPC, "No space left on device", os.fspath(file))

            handle.write = write
        return handle

    monkeypatch.setattr(io, "open", full_open)
    monkeypatch.setattr(builtins, "open", full_open)
    with pytest.raises(SystemExit) as stopped:
        staging.finish(pelican)
    monkeypatch.undo()
    _exit_after_failure(pelican)
    assert stopped.value.code == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Build failed: ") and "No space left on device" in lines[0]
    assert snapshot(final) == before
    assert _leftovers(tmp_path) == []


# The disk fills while Pelican copies the theme's files (it logs a failed copy as a warning and goes on).
_FULL_AT_THEME_COPY = """
import errno, shutil
real_copyfile = shutil.copyfile
def full_copyfile(source, target, *args, **kwargs):
    if str(target).endswith("site.css"):
        raise OSError(errno.ENOSPC, "No space left on device", str(source), None, str(target))
    return real_copyfile(source, target, *args, **kwargs)
shutil.copyfile = full_copyfile
"""


def test_a_full_disk_while_the_theme_is_copied_fails_the_build_in_one_line(tmp_path):
    first = build(tmp_path, csv_text(TWO))
    assert first.returncode == 0, first.stderr
    before = snapshot(first.output)
    failed = _start(tmp_path, csv_text([program(id="a")]), _FULL_AT_THEME_COPY, env={"PROGRAMS_SITE_CACHE": "off"})
    assert failed.wait(120) == 1, _err(failed)
    lines = [line for line in _err(failed).splitlines() if line.startswith("Build failed: ")]
    assert len(lines) == 1 and "site.css: No space left on device" in lines[0], _err(failed)
    assert "Traceback" not in _err(failed)
    assert snapshot(first.output) == before
    assert _leftovers(tmp_path) == []


# The disk fills while Pelican writes one of its own pages (the Markdown ones).
_FULL_AT_A_PELICAN_PAGE = """
import errno
from pelican.writers import Writer
real_write_file = Writer.write_file
def full_write_file(self, name, *args, **kwargs):
    if name.endswith("faq/index.html"):
        raise OSError(errno.ENOSPC, "No space left on device", name)
    return real_write_file(self, name, *args, **kwargs)
Writer.write_file = full_write_file
"""


def test_a_full_disk_while_pelican_writes_its_pages_fails_the_build_in_one_line(tmp_path):
    failed = _start(tmp_path, csv_text(TWO), _FULL_AT_A_PELICAN_PAGE, env={"PROGRAMS_SITE_CACHE": "off"})
    assert failed.wait(120) == 1, _err(failed)
    lines = [line for line in _err(failed).splitlines() if line.startswith("Build failed: ")]
    assert len(lines) == 1 and "faq/index.html: No space left on device" in lines[0], _err(failed)
    assert "Traceback" not in _err(failed)
    assert not (tmp_path / "output").exists() and _leftovers(tmp_path) == []


# The disk fills under our own writer, as a real one does: os.write's error names no file.
_FULL_AT_OUR_WRITE = """
import errno
from plugins.programs_site.build import render
real_write_all = render._write_all
def full_write_all(handle, data):
    if data.lstrip().startswith(MARK):
        raise OSError(errno.ENOSPC, "No space left on device")
    real_write_all(handle, data)
render._write_all = full_write_all
"""


@pytest.mark.parametrize(("mark", "named"), [(b"<!DOCTYPE", "index.html"), (b"{", ".json")])
def test_a_full_disk_under_our_writer_names_the_file_in_one_line(tmp_path, mark, named):
    """A program page (written by the render workers) and a data file: `Build failed: <file>: …`, as the
    README says, not a template-error report pointing at render.py, nor a line without the file."""
    hook = f"MARK = {mark!r}\n" + _FULL_AT_OUR_WRITE
    failed = _start(tmp_path, csv_text(TWO), hook, env={"PROGRAMS_SITE_CACHE": "off"})
    assert failed.wait(120) == 1, _err(failed)
    lines = [line for line in _err(failed).splitlines() if line.startswith("Build failed: ")]
    assert len(lines) == 1, _err(failed)
    assert lines[0].endswith(": No space left on device (the last site is left as it was)"), lines
    assert lines[0].split(": ")[1].endswith(named), lines
    assert "render.py" not in _err(failed) and "Traceback" not in _err(failed)
    assert not (tmp_path / "output").exists() and _leftovers(tmp_path) == []


def test_a_build_killed_between_the_two_renames_of_a_swap_gets_the_last_site_back(tmp_path):
    """Where there is no atomic exchange (swap's two renames): the output folder was renamed away into
    a backup, with their files already moved into the new site, and the new site was not yet in place."""
    first = build(tmp_path, csv_text(TWO))
    assert first.returncode == 0, first.stderr
    output = first.output
    site = snapshot(output)
    backup, new = tmp_path / ".output.building-old-cut", tmp_path / ".output.building-cut"
    os.rename(output, backup)
    _put(new, {"index.html": b"new", **RETAINED})
    staging.write_manifest(str(new), ["index.html"])
    failed = build(tmp_path, csv_text([program(id="a", cost_usd="abc")]))  # bad data: it stops early
    assert failed.returncode == 1, failed.stderr
    assert snapshot(output) == {**site, **RETAINED}  # the last site, and their files, back in place
    assert _leftovers(tmp_path) == []


def test_a_folder_that_cannot_be_locked_is_built_into_with_a_warning(tmp_path, monkeypatch, capsys):
    """Some network and FUSE file systems have no flock: the build goes on (unguarded), and says so."""
    final = tmp_path / "output"
    _put(final, RETAINED)

    def no_flock(handle, operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(staging.fcntl, "flock", no_flock)
    pelican = _begin(final)
    _put(Path(pelican.output_path), {"index.html": b"new"})
    staging.finish(pelican)
    assert snapshot(final).get("index.html") == b"new"
    assert f"Warning: {final} cannot be locked (No locks available); run one build at a time there" in (
        capsys.readouterr().err.splitlines()
    )
