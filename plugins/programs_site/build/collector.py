"""Python's cyclic garbage collector during a build: told what lives to the end, and when to wait.

A build makes hundreds of thousands of long-lived objects (the rows, their views, the pages to
write) and few reference cycles. Each full collection walks all of them again: about 1 s of a
10,000-program build, 10 s of the views at 100,000 (collections come more often as the heap
grows), and after a fork it writes to every object's header, so a worker's copy of the parent's
memory stops being shared. So the collector waits while the data is loaded and worded (objects
are still freed by reference counting when their last user goes; only cycles wait), and
`gc.freeze()` moves what exists into a generation the collector skips, as the Python
documentation advises before forking workers.
"""

from __future__ import annotations

import gc


def begin_build() -> None:
    """At the start of a build: the last build's objects in this process (a long-lived one; none in
    a single build) may be collected again, and collection waits until `resume`."""
    gc.unfreeze()
    gc.freeze()  # imports, settings, Pelican's own objects
    gc.disable()


def keep() -> None:
    """What the build holds now lives until it ends: later collections, and forked workers, skip it."""
    gc.freeze()


def resume() -> None:
    """The data and the site-wide files are made: keep what exists, and collect again (the pages'
    rendering makes short-lived cycles). Not sooner: the site-wide files make few cycles but many
    containers, over which collections ran ten full passes (2.8 s) at 100,000 programs."""
    gc.freeze()
    gc.enable()
