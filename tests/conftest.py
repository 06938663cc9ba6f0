import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the plugin package, for unit tests
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitebuild import build  # noqa: E402


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The bundled sample data, built once for every test that only reads the result."""
    result = build(tmp_path_factory.mktemp("sample"))
    assert result.returncode == 0, result.stderr
    return result
