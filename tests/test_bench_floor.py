"""The benchmark's floor (our theme rendered by plain jinja2, benchmarks/floor.py) renders the theme as it is."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("data", ["plain", "ours"])
def test_the_floor_renders_every_page_of_the_current_theme(tmp_path, data):
    csv_path = tmp_path / "programs.csv"
    subprocess.run([sys.executable, "-m", "benchmarks.generate", "30", str(csv_path)], cwd=ROOT, check=True)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.floor", str(csv_path), str(tmp_path / "out"), "--data", data],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,  # the status is asserted below, with the error's text
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pages = list((tmp_path / "out" / "programs").glob("*/index.html"))
    assert len(pages) == 30
    assert '<nav class="site-nav"' in pages[0].read_text(encoding="utf-8")
