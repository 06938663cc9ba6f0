"""Build into a fresh sibling folder and swap it in at the end, so a failed build never touches output/.

Pelican writes straight into OUTPUT_PATH; we point it at a staging folder just before the
generators are made (the get_generators signal fires then, on every run, autoreload included)
and rename the staging folder over the real one when Pelican signals `finalized`.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile

_STAGING_MARK = ".building-"
_FINAL = "_programs_site_final_output"


def _prefix(final: str) -> str:
    return os.path.join(os.path.dirname(final), "." + os.path.basename(final) + _STAGING_MARK)


def begin(pelican) -> None:
    final = getattr(pelican, _FINAL, None) or os.path.abspath(pelican.output_path)
    setattr(pelican, _FINAL, final)
    os.makedirs(os.path.dirname(final), exist_ok=True)
    for leftover in glob.glob(glob.escape(_prefix(final)) + "*"):  # from a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    staging = tempfile.mkdtemp(prefix=os.path.basename(_prefix(final)), dir=os.path.dirname(final))
    os.chmod(staging, 0o755)  # mkdtemp's 0700 would make the published folder private
    pelican.output_path = staging
    # If the build fails (an exception, or our SystemExit for bad data) finalized never comes.
    atexit.register(shutil.rmtree, staging, ignore_errors=True)


def finish(pelican) -> None:
    final = getattr(pelican, _FINAL, None)
    staging = pelican.output_path
    if not final or staging == final:
        return
    backup = None
    if os.path.exists(final):
        backup = tempfile.mkdtemp(prefix=os.path.basename(_prefix(final)) + "old-", dir=os.path.dirname(final))
        os.rmdir(backup)
        os.rename(final, backup)
    os.rename(staging, final)
    pelican.output_path = final
    if backup:
        _remove_later(backup)


def _remove_later(folder: str) -> None:
    """The old site is already out of the way; deleting 10,000 folders need not hold up the build.

    A detached `rm` finishes after Pelican exits; a leftover (machine stopped mid-way) carries the
    staging prefix and is removed by the next build's begin().
    """
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", folder], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
