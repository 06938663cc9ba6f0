"""Python's cyclic garbage collector during a build: told what lives to the end.

A build makes hundreds of thousands of long-lived objects (the rows, their views, the pages to
write) and few reference cycles. Each full collection walks all of them again: about 1 s of a
10,000-program build, and after a fork it writes to every object's header, so a worker's copy of
the parent's memory stops being shared. `gc.freeze()` moves what exists into a generation the
collector skips (objects are still freed by reference counting when their last user goes), which
is what the Python documentation advises before forking workers.
"""

from __future__ import annotations

import gc

from .memo import long_lived


def begin_build() -> None:
    """At the start of a build: the last build's objects in this process may be collected again."""
    if long_lived():
        gc.unfreeze()
    gc.freeze()  # imports, settings, Pelican's own objects


def keep() -> None:
    """What the build holds now lives until it ends: later collections, and forked workers, skip it."""
    gc.freeze()
