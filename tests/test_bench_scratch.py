"""The benchmark runner frees no file while it measures (benchmarks/scratch.py): folders go to the
run's trash by rename, and are deleted only when the trash is emptied."""

import os

import pytest

from benchmarks import scratch


@pytest.fixture
def trash(tmp_path):
    scratch.use_trash(tmp_path / "trash")
    yield tmp_path / "trash"
    scratch.TRASH["folder"] = None


def test_discard_moves_into_the_trash_keeping_every_inode(tmp_path, trash):
    site = tmp_path / "site"
    (site / "programs/a").mkdir(parents=True)
    (site / "programs/a/index.html").write_text("a", encoding="utf-8")
    inode = os.stat(site / "programs/a/index.html").st_ino
    assert scratch.discard(site) == site
    assert not site.exists()
    [moved] = trash.iterdir()
    assert moved.name.endswith("-site")
    assert os.stat(moved / "programs/a/index.html").st_ino == inode  # renamed, not copied or freed
    site.mkdir()  # the name is free again for the next build
    scratch.empty_trash()
    assert not trash.exists()
    assert site.is_dir()


def test_discard_of_nothing_is_nothing(tmp_path, trash):
    assert scratch.discard(tmp_path / "missing") == tmp_path / "missing"
    assert list(trash.iterdir()) == []


def test_outside_a_run_discard_deletes(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out/x").write_text("x", encoding="utf-8")
    scratch.discard(tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_retire_renames_the_last_run_aside(tmp_path):
    work = tmp_path / "bench-run"
    (work / "logs").mkdir(parents=True)
    old = scratch.retire(work)
    assert not work.exists() and (old / "logs").is_dir()
    assert scratch.retire(work) is None


def test_probe_times_folder_creation(tmp_path, trash):
    assert scratch.probe(tmp_path, count=20) > 0
    [probe] = trash.iterdir()
    assert len(list(probe.iterdir())) == 20  # kept until the trash is emptied


def test_a_build_waits_while_recent_deletions_slow_the_disk(tmp_path, trash, monkeypatch):
    costs = iter([900.0, 400.0, 40.0, 30.0])
    monkeypatch.setattr(scratch, "probe", lambda folder: next(costs))
    waited = []
    assert scratch.quiet_probe(tmp_path, sleep=waited.append) == 40.0
    assert waited == [20, 20]


def test_the_wait_for_a_quiet_disk_is_bounded(tmp_path, trash, monkeypatch):
    monkeypatch.setattr(scratch, "probe", lambda folder: 900.0)
    monkeypatch.setitem(scratch.QUIET, "seconds", 0)
    assert scratch.quiet_probe(tmp_path, sleep=lambda s: pytest.fail("waited")) == 900.0
