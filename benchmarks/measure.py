"""Measuring one build process from outside: wall time, CPU time, peak memory of its process tree, machine load."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

from . import scratch

SETTLE = {"seconds": 20.0}  # set from --settle


def cpu_pressure() -> tuple[float, float] | None:
    """Linux pressure stall information: (share of the last 10 s some task waited for a CPU, total µs waited)."""
    try:
        with open("/proc/pressure/cpu") as handle:
            fields = dict(item.split("=") for item in handle.readline().split()[1:])
        return float(fields["avg10"]), float(fields["total"])
    except (OSError, KeyError, ValueError):
        return None


def busy() -> bool:
    pressure = cpu_pressure()
    if pressure is not None:
        return pressure[0] > 10.0  # percent of the last 10 s
    return os.getloadavg()[0] > max(1.0, (os.cpu_count() or 1) * 0.75)


def settle() -> float:
    """Wait (a bounded time) for other work on the machine to calm down; returns the 1-minute load average."""
    deadline = time.monotonic() + SETTLE["seconds"]
    while busy() and time.monotonic() < deadline:
        time.sleep(2)
    return os.getloadavg()[0]


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    queue += [int(child) for child in handle.read().split()]
        except OSError:
            pass
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared with a forked helper are split between them, not counted twice."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants (the build forks a search-index worker).

    Reading a process's PSS makes the kernel walk its page tables: about 20 ms of CPU for a 1 GB
    process, so three such processes sampled every 100 ms took half a core from the build being
    measured (a tenth of a 100,000-program build's wall time on two cores). The pause after a
    sample is twenty times what the sample took, so sampling never takes more than 5% of one core.
    """

    def __init__(self, pid: int, every: float = 0.1, share: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every, self.share, self.peak_kb = pid, every, share, 0
        self.peak_parts_kb: list[int] = []  # each process's PSS at that moment, the build's own first
        self.samples = 0
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            started = time.thread_time()  # the CPU the kernel spent for this thread's reads
            parts = [_pss_kb(p) for p in _descendants(self.pid)]
            if sum(parts) > self.peak_kb:
                self.peak_kb, self.peak_parts_kb = sum(parts), parts
            self.samples += 1
            self.done.wait(max(self.every, (time.thread_time() - started) / self.share))


def run_measured(cmd: list[str], cwd: Path, log: Path, env: dict | None = None, probe_in: Path | None = None) -> dict:
    """Wall time and peak memory of one child process and its descendants (output kept in `log`).

    `probe_in`: a folder on the file system the build writes to; the build waits (a bounded time)
    until creating a folder there costs what it does on a quiet disk, and that cost just before the
    build is reported beside it (see scratch.py).

    Peak memory is the larger of the biggest single process (ru_maxrss from wait4, exact) and the
    sum over the process tree sampled every 100 ms, or less often when sampling is costly
    (TreeMemory; catches helpers running side by side).
    """
    create_us = scratch.quiet_probe(probe_in) if probe_in is not None else None
    load = settle()
    stalled_before = cpu_pressure()
    with open(log, "w", encoding="utf-8") as handle:
        start = time.perf_counter()
        process = subprocess.Popen(
            cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=handle, stderr=subprocess.STDOUT
        )
        sampler = TreeMemory(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        raise RuntimeError(f"{' '.join(cmd)} failed with exit status {process.returncode}:\n" + "\n".join(tail))
    # ru_maxrss and Pss are in KiB on Linux.
    largest = usage.ru_maxrss * 1024 / 1e6
    tree = sampler.peak_kb * 1024 / 1e6
    stalled_after = cpu_pressure()
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,  # this process and every helper it waited for
        "system_seconds": usage.ru_stime,  # the kernel's share: mostly creating files and folders
        "create_us": create_us,
        "peak_mb": max(largest, tree),
        "largest_process_mb": largest,
        "tree_sampled_mb": tree,
        "memory_samples": sampler.samples,
        # What the tree's peak is made of: the build process, then its page workers and index builder.
        "tree_parts_mb": [kb * 1024 / 1e6 for kb in sampler.peak_parts_kb],
        "load_before": load,
        # Time some task on the machine (ours or anyone's) waited for a CPU during the build.
        "cpu_wait_seconds": None
        if not stalled_before or not stalled_after
        else (stalled_after[1] - stalled_before[1]) / 1e6,
    }


def contended(run: dict) -> bool:
    """A run that spent more than a quarter of its time with tasks waiting for a CPU measured the machine, not the build."""
    return (run.get("cpu_wait_seconds") or 0) > 0.25 * run["seconds"]


def best_of(repeats: int, measure, retries: int = 2) -> dict:
    """The fastest of `repeats` runs; while even the fastest was contended, up to `retries` more."""
    runs = [measure() for _ in range(repeats)]
    while retries and contended(min(runs, key=lambda r: r["seconds"])):
        retries -= 1
        runs.append(measure())
    return summarize(runs)


def summarize(runs: list[dict]) -> dict:
    """The fastest run, with the highest peak memory and the least CPU time of them all."""
    best = min(runs, key=lambda r: r["seconds"])
    return {
        **best,
        "peak_mb": max(r["peak_mb"] for r in runs),
        "cpu_seconds": min(r["cpu_seconds"] for r in runs),
        "runs": [round(r["seconds"], 3) for r in runs],
        "contended": contended(best),
    }
