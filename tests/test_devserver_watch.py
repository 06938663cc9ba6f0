"""`make devserver` rebuilds when a data file changes, also when the settings put it outside data/
(PROGRAMS_CSV=/elsewhere/programs.csv): those files are looked at by their stat, not watched."""

import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from plugins.programs_site.build.devserver import outside_files, stamp

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = {"CREDENTIALS_CSV": "data/credentials.csv", "AID_RATES": "data/aid.toml"}


def test_the_data_files_outside_the_project_folders_are_named(tmp_path):
    csv = tmp_path / "board" / "programs.csv"
    found = outside_files({**SETTINGS, "PROGRAMS_CSV": str(csv)}, ROOT)
    # The CSV, and the mapping and fields files that would be read beside it once they exist.
    assert found == sorted([csv, csv.with_suffix(".toml"), csv.with_name("fields.toml")])
    assert outside_files({**SETTINGS, "PROGRAMS_CSV": "data/programs.csv"}, ROOT) == []
    named = {**SETTINGS, "PROGRAMS_CSV": "data/programs.csv", "PROGRAMS_FIELDS": str(tmp_path / "f.toml")}
    assert outside_files(named, ROOT) == [tmp_path / "f.toml"]


def test_a_save_that_renames_a_new_file_over_the_old_one_is_seen(tmp_path):
    csv = tmp_path / "programs.csv"
    before = stamp([csv])
    assert before == (None,)
    csv.write_text("a\n")
    written = stamp([csv])
    assert written != before
    new = tmp_path / "programs.csv.new"
    new.write_text("b\n")  # the same size: only the inode (and maybe the time) tells
    os.utime(new, ns=(csv.stat().st_atime_ns, csv.stat().st_mtime_ns))
    new.replace(csv)
    assert stamp([csv]) != written


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_devserver_rebuilds_when_a_programs_file_outside_data_changes(tmp_path):
    csv = tmp_path / "elsewhere" / "programs.csv"
    csv.parent.mkdir()
    shutil.copy(ROOT / "data" / "programs.csv", csv)
    out = tmp_path / "out"
    env = {**os.environ, "PROGRAMS_CSV": str(csv), "PROGRAMS_SITE_CACHE": "off", "PROGRAMS_SITE_LANGUAGES": "en"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "plugins.programs_site.build.devserver",
            "--port",
            str(_free_port()),
            "--output",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True).start()

    def wait_for(text: str) -> str:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                assert process.poll() is None, "the devserver stopped"
                continue
            if text in line:
                return line
        raise AssertionError(f"no {text!r} from the devserver")

    try:
        assert str(csv) in wait_for("Serving")
        text = csv.read_text(encoding="utf-8")
        first = text.splitlines()[1].split(",")[1]  # the first program's name
        assert first in (out / "index.html").read_text(encoding="utf-8")
        csv.write_text(text.replace(first, "Renamed Outside Data", 1), encoding="utf-8")
        wait_for("Built in")
        assert "Renamed Outside Data" in (out / "index.html").read_text(encoding="utf-8")
    finally:
        process.terminate()
        process.wait(timeout=30)
