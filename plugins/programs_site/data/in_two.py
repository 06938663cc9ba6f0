"""Work on a long list done in two halves at once: the second half in a forked process.

Loading 100,000 rows keeps one core busy for seconds while the other waits for the rows (the page
workers and the search index need them all). A forked process validates the second half of the
rows while this one validates the first, and sends its result back pickled, which costs about a
fifth of the work it saves. Only for work whose result is plain data (a pickle of it is the same
data), in a process that ends after the build: its caller does not call it in a long-lived one
(`make devserver`), which keeps what it made last time instead (load.py), and whose memory is too
big to fork cheaply.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

MIN_ITEMS = 4000  # below this the fork and the pickle cost more than half the work saves


def halves(work: Callable[[Sequence], T], items: Sequence) -> list[T]:
    """[work(first half), work(second half)], the second half in a forked process; or [work(items)]
    when the list is short or the system cannot fork. An exception in the
    forked process is raised here, with its traceback's text."""
    if len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return [work(items)]
    middle = len(items) // 2
    reader, writer = multiprocessing.get_context("fork").Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the forked process: the second half, sent back, then gone without cleaning up
        reader.close()
        status = 0
        try:
            result = ("done", work(items[middle:]))
        except BaseException:  # noqa: BLE001 - sent back and raised there, with its traceback
            result, status = ("failed", traceback.format_exc()), 1
        try:
            writer.send_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            os._exit(status)  # no atexit handlers: they belong to the build's process
    writer.close()
    try:
        first = work(items[:middle])
        kind, second = pickle.loads(reader.recv_bytes())
    finally:
        reader.close()
        os.waitpid(pid, 0)
    if kind != "done":
        raise RuntimeError(f"the second half failed in its own process:\n{second}")
    return [first, second]
