"""in_two.halves: the second half of a long list worked on in a forked process, the result the same."""

import os

import pytest

from plugins.programs_site.data import in_two


def _pids_and_squares(items):
    return [(os.getpid(), n * n) for n in items]


def test_a_long_list_is_worked_in_two_processes_and_comes_back_in_order(monkeypatch):
    monkeypatch.setattr(in_two, "MIN_ITEMS", 10)
    first, second = in_two.halves(_pids_and_squares, list(range(25)))
    assert [n for _, n in first + second] == [n * n for n in range(25)]
    assert {pid for pid, _ in first} == {os.getpid()}
    assert {pid for pid, _ in second} != {os.getpid()}  # the forked process's


def test_a_short_list_works_alone(monkeypatch):
    monkeypatch.setattr(in_two, "MIN_ITEMS", 10)
    [alone] = in_two.halves(_pids_and_squares, list(range(9)))
    assert {pid for pid, _ in alone} == {os.getpid()}


def _fails_in_second_half(items):
    if 20 in items:
        raise ValueError("row 20 is odd")
    return list(items)


def test_a_failure_in_the_forked_process_is_raised_with_its_traceback(monkeypatch):
    monkeypatch.setattr(in_two, "MIN_ITEMS", 10)
    with pytest.raises(RuntimeError, match="ValueError: row 20 is odd"):
        in_two.halves(_fails_in_second_half, list(range(25)))
