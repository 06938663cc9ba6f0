"""The pieces a long-lived process (`make devserver`) keeps from build to build give what working
them out afresh gives: the CSV read, the match columns' tables, a column kept by position."""

import csv
import io

import pytest

from plugins.programs_site.build import memo
from plugins.programs_site.data import csv_table
from plugins.programs_site.data.problems import DataError
from plugins.programs_site.outputs.match_files import coded
from plugins.programs_site.outputs.search_files import to_json


@pytest.fixture
def long_lived(monkeypatch):
    """The caching layer as `make devserver` has it, and a store of its own for the reads (memo.Kept)."""
    monkeypatch.setitem(memo.LONG_LIVED, "on", True)
    return memo.Kept()


def test_a_columns_table_tells_apart_what_json_writes_differently():
    """1, 1.0 and True are equal in Python: the table must still list each as JSON writes it."""
    values = [1, 1.0, True, None, "1", ["a"], ("a",), "a", {"x": 1}, {"x": 1.0}, 1, ["a"], False, 0, 0.0, "true"]
    table: dict[str, int] = {}
    for value in values:
        table.setdefault(to_json(value), len(table))
    result = coded(values)
    assert [to_json(v) for v in result["values"]] == list(table)
    assert result["codes"] == "".join(coded.__globals__["CODE_LETTERS"][table[to_json(v)]] for v in values)


def _csv(rows, newline="\n"):
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    return out.getvalue()


def _read(path, keep=None):
    try:
        table = csv_table.read_table(path, keep=keep)
    except DataError as err:  # the same problems either way
        return repr(err)
    return table.columns, table.headers, table.rows


def test_a_file_read_again_with_the_last_reads_records_is_read_as_afresh(tmp_path, monkeypatch, long_lived):
    header = ["id", "name", "description", "cost_usd"]
    rows = [header] + [[f"p{n}", f"Program {n}", f"About {n}", str(100 + n)] for n in range(40)]
    versions = [
        _csv(rows),
        _csv([*rows[:5], ["p5", "Program 5", 'two\nlines, and "quotes"', "105"], *rows[6:]]),
        _csv([*rows[:10], [], *rows[10:]]),  # a blank line
        _csv(rows) + "\n\n",
        _csv(rows, "\r\n"),
        _csv([*rows[:20], ["p99", "  spaced  ", "'=SUM(A1)", "9"], *rows[20:]]),
        _csv([[h.upper() for h in header], *rows[1:]]),  # the same rows under another header's case
        _csv([*rows[:3], rows[3] + ["no header"], *rows[4:]]),  # a wider row: a problem
        _csv(rows)[:-1],  # no newline at the end
        _csv(rows[1:2] + rows[:1] + rows[2:]),  # header and a row swapped
    ]
    path = tmp_path / "programs.csv"
    for number, text in enumerate(versions):
        path.write_text(text, encoding="utf-8", newline="")
        kept = _read(path, long_lived)
        assert kept == _read(path), number
    assert long_lived.cells  # the kept path was taken


def test_a_column_works_out_only_changed_positions_and_keeps_its_text_while_they_say_the_same(long_lived):
    column = memo.Column("test")
    programs, views = [object() for _ in range(5)], [object() for _ in range(5)]
    asked = []

    def value_of(values):
        def value(i):
            asked.append(i)
            return values[i]

        return value

    make = lambda values: to_json(values)  # noqa: E731
    same = lambda a, b: to_json(a) == to_json(b)  # noqa: E731
    assert column.text(programs, views, value_of([1, 2, 3, 4, 5]), make, same) == "[1,2,3,4,5]"
    asked.clear()
    programs[2] = object()  # an edited row: a new record at position 2
    assert column.text(programs, views, value_of([0, 0, 3, 0, 0]), make, same) == "[1,2,3,4,5]"
    assert asked == [2]
    views[4] = object()  # a new view (the credentials changed): its value changed
    assert column.text(programs, views, value_of([0, 0, 0, 0, 9.0]), make, same) == "[1,2,3,4,9.0]"
    asked.clear()
    assert column.text(programs[:4], views[:4], value_of([7, 7, 7, 7]), make, same) == "[7,7,7,7]"
    assert asked == [0, 1, 2, 3]  # another count: every position again


def test_a_single_build_keeps_no_column(monkeypatch):
    monkeypatch.setitem(memo.LONG_LIVED, "on", False)
    column = memo.Column("test")
    programs = [object(), object()]
    column.text(programs, programs, lambda i: i, to_json, lambda a, b: a == b)
    assert column._last is None


def test_a_file_read_once_is_not_kept_once_it_is_gone(tmp_path, long_lived):
    """History reads old versions from temporary files: a long-lived process must not keep them all."""
    main, old = tmp_path / "programs.csv", tmp_path / "old.csv"
    main.write_text(_csv([["id", "name"], ["a", "A"]]), encoding="utf-8")
    old.write_text(_csv([["id", "name"], ["b", "B"]]), encoding="utf-8")
    csv_table.read_table(old, keep=long_lived)
    old.unlink()
    csv_table.read_table(main, keep=long_lived)
    assert set(long_lived.cells) == {str(main)}
    assert set(long_lived.rows) == {str(main)}


def test_an_edited_catalog_is_read_again_and_an_unchanged_one_kept(tmp_path, monkeypatch):
    """The catalogs are kept by their text (memo.CATALOGS): each build (i18n.reload) reads again the one
    whose file changed, with the template words made from it, and keeps the others as they were."""
    from jinja2 import Environment

    from plugins.programs_site import i18n

    catalog = tmp_path / "messages.po"
    catalog.write_bytes(i18n.catalog_path("es").read_bytes())
    monkeypatch.setattr(i18n, "catalog_path", lambda lang: catalog)
    monkeypatch.setattr(i18n, "CATALOGS", memo.Catalogs())
    env = Environment(extensions=["jinja2.ext.i18n"])
    i18n.install(env)
    template = env.from_string("{{ _(word) }}")  # a call at render time, answered from the kept words

    def words():
        with i18n.language("es"):
            return i18n.gettext("Compare"), template.render(LANG="es", word="Compare")

    assert words() == ("Comparar", "Comparar")
    kept = i18n.translations("es")
    i18n.reload()  # a build that finds the file as it was
    assert i18n.translations("es") is kept
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgid "Compare"\nmsgstr "Comparar"', 'msgid "Compare"\nmsgstr "Comparen"'))
    assert words() == ("Comparar", "Comparar")  # within a build, the catalog read at its start
    i18n.reload()
    assert words() == ("Comparen", "Comparen")
