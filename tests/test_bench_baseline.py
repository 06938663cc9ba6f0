"""`make bench BENCH_ARGS='--baseline REV'` (benchmarks/baseline.py): the report's "Against <rev>" table
from one run's figures, and the alternation of the two builds. Nothing is built here."""

from benchmarks import baseline, report


def build(seconds, cpu, peak):
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak}


def results(**extra):
    return {
        "argv": ["--baseline", "5efee61"],
        "date": "2026-12-07 20:00",
        "run_seconds": 60,
        "machine": "2 CPUs",
        "commit": "`abc1234`",
        "load_min": 0.1,
        "load_max": 1.0,
        "against": {"rev": "5efee61", "commit": "5efee61", "date": "2026-11-30", "subject": "Test: a change"},
        "sizes": {
            "100": {"full": build(1.10, 1.0, 120), "against": {"full": build(1.00, 1.0, 100)}},
            "10000": {
                "full": build(6.0, 10.5, 385),
                "against": {"full": build(5.0, 8.4, 370), "devserver": {"rebuild": 0.85}},
                "rebuild": {"devserver": {"rebuild": 0.90}, "new_process": build(4.0, 4.0, 300)},
            },
        },
        **extra,
    }


def test_one_row_per_size_and_figure_with_the_ratio_and_the_10_percent_verdict():
    lines = baseline.lines(results())
    assert lines[1] == "## Against 5efee61"
    table = lines[lines.index("|---:|---|---:|---:|---:|---|") - 1 :]
    assert table == [
        "| programs | figure | `5efee61` | this code | this ÷ `5efee61` | within 10% |",
        "|---:|---|---:|---:|---:|---|",
        "| 100 | full build, wall | 1.00 s | 1.10 s | 1.10× | yes |",  # exactly 10% slower is within
        "| 100 | full build, CPU (user + sys) | 1.00 s | 1.00 s | 1.00× | yes |",
        "| 100 | full build, peak memory | 100 MB | 120 MB | 1.20× | no |",
        "| 10,000 | full build, wall | 5.00 s | 6.00 s | 1.20× | no |",
        "| 10,000 | full build, CPU (user + sys) | 8.40 s | 10.50 s | 1.25× | no |",
        "| 10,000 | full build, peak memory | 370 MB | 385 MB | 1.04× | yes |",
        "| 10,000 | one row edited, devserver rebuild | 0.85 s | 0.90 s | 1.06× | yes |",
    ]


def test_a_rebuild_the_baseline_cannot_measure_says_why_instead_of_a_ratio():
    data = results()
    data["sizes"]["10000"]["against"]["devserver"] = {"not_measured": "the baseline has no benchmarks/incremental.py"}
    assert baseline.lines(data)[-1] == (
        "| 10,000 | one row edited, devserver rebuild | not measured: the baseline has no "
        "benchmarks/incremental.py | – | – | – |"
    )


def test_no_section_without_a_baseline_and_the_report_places_it_after_the_builds():
    data = results()
    del data["against"]
    assert baseline.lines(data) == []
    text = report.render(results())
    assert text.index("## Builds") < text.index("## Against 5efee61") < text.index("## Goals")
    assert "## Against" not in report.render(data)


def test_the_builds_alternate_and_each_side_keeps_its_best_run():
    order = []
    times = {"baseline": iter([3.0, 2.0, 4.0]), "current": iter([5.0, 1.0, 6.0])}

    def side(name):
        def measure():
            order.append(name)
            return {**build(next(times[name]), 1.0, 100), "cpu_wait_seconds": 0}

        return measure

    theirs, ours = baseline.alternate(3, side("baseline"), side("current"))
    # Neither side always runs first (the second pair swaps), so neither always meets a warmer machine.
    assert order == ["baseline", "current", "current", "baseline", "baseline", "current"]
    assert (theirs["seconds"], theirs["runs"]) == (2.0, [3.0, 2.0, 4.0])
    assert (ours["seconds"], ours["runs"]) == (1.0, [5.0, 1.0, 6.0])


def test_the_rebuild_is_measured_only_with_an_incremental_py_taking_our_arguments(tmp_path):
    assert baseline.interface_differs(tmp_path) == "the baseline has no benchmarks/incremental.py"
    (tmp_path / "benchmarks").mkdir()
    ours = (baseline.ROOT / baseline.INCREMENTAL).read_text(encoding="utf-8")
    (tmp_path / baseline.INCREMENTAL).write_text(ours, encoding="utf-8")
    assert baseline.interface_differs(tmp_path) is None
    (tmp_path / baseline.INCREMENTAL).write_text(
        ours.replace(
            "python -m benchmarks.incremental programs.csv", "python -m benchmarks.incremental --csv programs.csv"
        ),
        encoding="utf-8",
    )
    assert "takes other arguments" in baseline.interface_differs(tmp_path)
