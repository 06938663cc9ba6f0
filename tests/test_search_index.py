"""The search index the build ships: lunr.py's word processing, numbered words, lunr.js builds the rest."""

import json

from sitebuild import csv_text, program

from plugins.programs_site import search_index
from plugins.programs_site.load import load_programs

FIELDS = ("name", "provider", "credentials")


def index_for(tmp_path, rows):
    path = tmp_path / "p.csv"
    path.write_text(csv_text(rows))
    programs, _ = load_programs(path, {"CPC"})
    return json.loads(search_index.index_json(search_index.documents(programs, FIELDS), FIELDS))


def words_of(index, ref, field):
    return [index["words"][n] for n in index["docs"][ref][index["fields"].index(field)]]


def test_words_are_kept_as_typed_and_stemmed_without_stop_words(tmp_path):
    index = index_for(tmp_path, [program(name="Coding for the Billing Office")])
    assert words_of(index, 0, "name") == ["coding", "code", "billing", "bill", "office", "offic"]


def test_hyphenated_codes_are_also_indexed_joined(tmp_path):
    index = index_for(tmp_path, [program(name="ICD-10-CM Review", credentials="CCS-P")])
    assert "icd10cm" in words_of(index, 0, "name")
    assert {"ccs", "p", "ccsp"} <= set(words_of(index, 0, "credentials"))


def test_refs_are_positions_and_frequent_words_get_the_smallest_numbers(tmp_path):
    rows = [program(id="a", name="Plus Coding"), program(id="b", name="Coding Plus"), program(id="c", name="Coding")]
    index = index_for(tmp_path, rows)
    # docs[n] is the n-th program given (browse.json's row n): the ref is that position.
    assert [words_of(index, ref, "name") for ref in range(3)] == [
        ["plus", "plu", "coding", "code"],
        ["coding", "code", "plus", "plu"],
        ["coding", "code"],
    ]
    # "plus" comes first, but "coding" and "code" are in all three programs and "plus" in two: fewer, larger numbers.
    numbers = {word: n for n, word in enumerate(index["words"])}
    assert max(numbers["coding"], numbers["code"]) < min(numbers["plus"], numbers["plu"])
    assert index["boosts"] == [search_index.FIELDS[f] for f in FIELDS]
