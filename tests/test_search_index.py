"""The search files the build ships: lunr.py's word processing, and lunr's weights per word and field."""

import json

import pytest
from lunr_reference import lunr_py_index
from sitebuild import csv_text, program

from plugins.programs_site.data.load import load_programs
from plugins.programs_site.outputs import search_files, search_index

FIELDS = ("name", "provider", "credentials")


def programs_for(tmp_path, rows):
    path = tmp_path / "p.csv"
    path.write_text(csv_text(rows))
    programs, _ = load_programs(path, {"CPC"})
    return programs


def index_for(tmp_path, rows):
    """Each program's words per field, read back from the term files: {"docs": [{field: [words]}]}."""
    programs = programs_for(tmp_path, rows)
    files, meta = search_index.index_files(search_index.documents(programs, FIELDS), FIELDS)
    docs = [{field: set() for field in meta["fields"]} for _ in programs]
    for path, text in files.items():
        if path.startswith("search/terms/"):
            for term, groups in json.loads(text).items():
                for field, _weight, members in groups:
                    for position in search_files.decode_set(members):
                        docs[position][meta["fields"][field]].add(term)
    return {"docs": docs, "meta": meta, "files": files}


def words_of(index, ref, field):
    return index["docs"][ref][field]


def test_words_are_kept_as_typed_and_stemmed_without_stop_words(tmp_path):
    programs = programs_for(tmp_path, [program(name="Coding for the Billing Office")])
    [[name, *_]] = search_index.processed_words(search_index.documents(programs, FIELDS), FIELDS)
    assert name == ["coding", "code", "billing", "bill", "office", "offic"]


def test_hyphenated_codes_are_also_indexed_joined(tmp_path):
    index = index_for(tmp_path, [program(name="ICD-10-CM Review", credentials="CCS-P")])
    assert "icd10cm" in words_of(index, 0, "name")
    assert {"ccs", "p", "ccsp"} <= set(words_of(index, 0, "credentials"))


def test_refs_are_positions_in_browse_order(tmp_path):
    rows = [program(id="a", name="Plus Coding"), program(id="b", name="Coding Plus"), program(id="c", name="Coding")]
    index = index_for(tmp_path, rows)
    # Program n in the term files is the n-th program given (browse order, the row in search/rows/).
    assert [words_of(index, ref, "name") for ref in range(3)] == [
        {"plus", "plu", "coding", "code"},
        {"coding", "code", "plus", "plu"},
        {"coding", "code"},
    ]
    assert index["meta"]["boosts"] == [search_index.FIELDS[f] for f in FIELDS]


def test_weights_are_the_ones_lunr_py_computes(tmp_path):
    names = ["Medical Coding", "Coding and Billing", "Billing Office Basics", "CCS-P Review", "Coding Coding Review"]
    programs = programs_for(tmp_path, [program(id=f"p{i}", name=n, credentials="CPC") for i, n in enumerate(names)])
    reference = lunr_py_index(programs, FIELDS)
    index = index_for(tmp_path, [program(id=f"p{i}", name=n, credentials="CPC") for i, n in enumerate(names)])
    ours = {}
    for path, text in index["files"].items():
        if path.startswith("search/terms/"):
            for term, groups in json.loads(text).items():
                for field, weight, members in groups:
                    for position in search_files.decode_set(members):
                        ours[(str(position), FIELDS[field], term)] = weight / 1000
    theirs = {}
    for field_ref, vector in reference.field_vectors.items():
        field, ref = field_ref.split("/", 1)
        terms = {posting["_index"]: term for term, posting in reference.inverted_index.items()}
        for i in range(0, len(vector.elements), 2):
            theirs[(ref, field, terms[vector.elements[i]])] = vector.elements[i + 1]
    assert ours == pytest.approx(theirs)
    assert ours.keys() == theirs.keys()


@pytest.mark.parametrize("positions", [[], [0], [5, 9, 700], list(range(0, 4000, 2)), list(range(64))])
def test_sets_read_back_as_written(positions):
    assert search_files.decode_set(search_files.encode_set(positions)) == positions


def test_a_word_in_many_documents_is_one_string(tmp_path):
    programs = programs_for(tmp_path, [program(id=f"p{n}", name="Medical Coding") for n in range(2)])
    first, second = search_index.processed_words(search_index.documents(programs, FIELDS), FIELDS)
    assert first[0] == second[0] == ["medical", "medic", "coding", "code"]
    assert all(a is b for a, b in zip(first[0], second[0], strict=True))
