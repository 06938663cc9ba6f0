"""The words search finds programs by, processed at build time with lunr.py; search_files.py turns them into search/.

lunr.py does all the text work (tokenizer, trimmer, stop words, stemming); search_files.py then
computes lunr's weight of each word in each program's field, as lunr.py's Builder would, and splits
them into files by prefix (docs/search-files.md). The browser scores from those weights: it builds
no index, so a first search fetches only the words it needs.

Two choices make search behave as a student expects:
- every word is indexed as typed *and* stemmed, so a prefix ("codi") finds "coding" and a
  different form ("codes") finds it through the shared stem ("code");
- a hyphenated code (CCS-P, ICD-10-CM) is also indexed joined (ccsp, icd10cm), and the browser
  joins a typed hyphenated word the same way, so "CCS-P" finds only programs that name CCS-P.
The query side lives in theme/static/js/search-worker.js and search-core.js.
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from operator import is_
from typing import Any

from lunr.pipeline import Pipeline
from lunr.stemmer import porter_stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.tokenizer import Tokenizer
from lunr.trimmer import trimmer

from ..build.memo import FOR_FORK, per_program
from ..data.fields import US_STATE_NAMES
from ..data.records import Program
from ..model.present import FORMAT_LABELS, PACE_LABELS
from .search_files import term_files

# Field -> boost, for the fields SEARCH_FIELDS may name. pelicanconf.py leaves description out: it is
# most of an index's weight (about 4x at 10,000 programs) and adds little for what students type.
FIELDS = {
    "name": 10,
    "provider": 4,
    "credentials": 6,
    "accreditation": 1,
    "location": 2,
    "delivery": 2,
    "description": 1,
}
_HYPHENATED = re.compile(r"\b\w+(?:-\w+)+\b")
# Marks inside or around a word that the browser reads as a space (search-worker.js `words`: it keeps
# letters, digits and hyphens). lunr.py's tokenizer splits at spaces and hyphens only, so "Mary's"
# and "Coding_Lab" would stay one word each here and no query could reach them.
_NOT_IN_WORDS = re.compile(r"[^\w\s-]|_")


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return porter_stemmer.stem(word)  # the same few thousand words recur across thousands of programs


def keep_and_stem(token, i=None, tokens=None):
    stemmed = token.clone(lambda word, metadata: _stem(word))
    return [token, stemmed] if str(stemmed) != str(token) else token


Pipeline.register_function(keep_and_stem, "keepAndStem")


def with_joined_codes(text: str) -> str:
    """`CCS-P` -> `CCS-P CCSP`: the parts stay searchable and the whole code becomes one word; and
    `St. Mary's` -> `St  Mary s`, split where the browser splits a query."""
    joined = _HYPHENATED.sub(lambda m: m.group(0) + " " + m.group(0).replace("-", ""), text)
    return _NOT_IN_WORDS.sub(" ", joined)


def document(ref: str, program: Program, fields: tuple[str, ...]) -> dict[str, str]:
    values = {
        "name": program.name,
        "provider": program.provider,
        "credentials": " ".join(program.credentials),
        "accreditation": " ".join(program.accreditation),
        # The state's name as well as its code: a student types "texas" as often as "TX".
        "location": " ".join(p for p in (program.city, program.state, US_STATE_NAMES.get(program.state or "")) if p),
        "delivery": " ".join(
            x for x in (FORMAT_LABELS.get(program.format or ""), PACE_LABELS.get(program.pace or "")) if x
        ),
        "description": " ".join(program.description),
    }
    return {"ref": ref, **{key: with_joined_codes(value) for key, value in values.items() if key in fields}}


def documents(programs: list[Program], fields: tuple[str, ...]) -> list[dict[str, str]]:
    # The ref is the program's browse position: its number in every file under search/.
    return [{"ref": str(position), **_document_fields(program, fields)[0]} for position, program in enumerate(programs)]


def _document_fields(program: Program, fields: tuple[str, ...]) -> tuple[dict[str, str], tuple]:
    """The program's document without its ref, and its key in the kept words (its text)."""
    kept_fields, values, key = _made_for(program, None, fields)
    return (values, key) if kept_fields == fields else _made_for.__wrapped__(program, None, fields)[1:]


# Each program's document without its ref (its position), by program: kept across builds in a
# long-lived process (memo.py), where an unchanged row is the same record.
@per_program("search document", within_build=False)
def _made_for(program: Program, _view: None, fields: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, str], tuple]:
    values = document("", program, fields)
    del values["ref"]
    return fields, values, (fields, *values.values())


def processed_words(docs: Iterable[dict[str, str]], fields: tuple[str, ...]) -> list[list[list[str]]]:
    """Each document's words per field, as lunr.py's pipeline leaves them.

    Each word is one string object however many documents hold it: a few thousand words recur
    across 100,000 programs, whose three million tokens would otherwise be as many strings (200 MB).
    A field's text that recurs (a provider, a state, the credentials) is run through the pipeline
    once, its words shared by every document that has it: the pipeline's words depend only on the
    text (10,000 generated programs' words: 0.55 s of CPU before, 0.11 s)."""
    pipeline = Pipeline()
    pipeline.add(trimmer, stop_word_filter, keep_and_stem)
    known: dict[str, str] = {}
    seen: dict[tuple[str, str], list[str]] = {}

    def words(name: str, text: str) -> list[str]:
        found = seen.get((name, text))
        if found is None:
            found = seen[(name, text)] = [
                known.setdefault(word, word) for word in map(str, pipeline.run(Tokenizer(text), name))
            ]
        return found

    return [[words(name, doc[name]) for name in fields] for doc in docs]


def index_from_words(processed: list[list[list[str]]], fields: tuple[str, ...]) -> tuple[dict[str, str], dict]:
    """The term files ({path: text}) and what search/meta.json says about them (search_files.py)."""
    return term_files(processed, list(fields), [FIELDS[name] for name in fields])


def index_files(docs: list[dict[str, str]], fields: tuple[str, ...]) -> tuple[dict[str, str], dict]:
    return index_from_words(processed_words(docs, fields), fields)


def _index_and_words(docs: Iterable[dict[str, str]], fields: tuple[str, ...], keep: bool) -> tuple[tuple, list | None]:
    processed = processed_words(docs, fields)
    return index_from_words(processed, fields), processed if keep else None


# Up to this many new documents are processed here at once; more go to the other core.
_INLINE_MAX = 500


class IndexJob:
    """The index being built; result() is its term files and their part of meta.json."""

    def __init__(self, future: Future, memo_keys: list[tuple] | None = None, fields: tuple[str, ...] = (), keep=None):
        """`keep`: where the words are kept for the next build (start_index), with `memo_keys`, their keys."""
        self._future, self._memo_keys, self._fields, self._keep = future, memo_keys, fields, keep

    def result(self) -> tuple[dict[str, str], dict]:
        text, processed = self._future.result()
        if self._keep is not None and self._memo_keys is not None and processed is not None:
            words = self._keep.words
            words.clear()
            words.update(zip(self._memo_keys, processed, strict=True))
            # As the next build will list them: programs with the same words share one list there.
            processed = [words[key] for key in self._memo_keys]
            self._keep.index["index"] = (self._fields, processed, text)
        return dict(text[0]), dict(text[1])  # the caller adds to meta


def _kept_index(processed: list[list[list[str]]], fields: tuple[str, ...], kept: dict) -> tuple[dict[str, str], dict]:
    """The last build's term files (kept in a long-lived process, memo.Kept.index) when the words are the
    same: an edit that changes no searched word (a cost, a date) leaves every program's processed words
    the same objects, in the same order (memo.Kept.words), and so the same term files. Any other change
    (a word, the order, the count) moves lunr's weights of other programs too (its averages), and the
    files are made again."""
    last = kept.get("index")
    if last is None or last[0] != fields or len(last[1]) != len(processed) or not all(map(is_, last[1], processed)):
        return index_from_words(processed, fields)
    return last[2]


def _index_in_worker() -> tuple[tuple, None]:
    # The programs a forked index worker reads (memo.FOR_FORK): set just before the fork, so they are not pickled.
    fields = FOR_FORK["fields"]
    # Each document made as it is processed, not all of them first.
    docs = (document(str(position), program, fields) for position, program in enumerate(FOR_FORK["programs"]))
    return _index_and_words(docs, fields, keep=False)


def start_index(programs: list[Program], fields: tuple[str, ...], keep: Any = None) -> IndexJob:
    """Build the index on the other core while the pages are written.

    A forked worker gets the documents without pickling the records; where fork is not available
    the index is built in this process when the result is asked for. When the last build in this
    process processed nearly all these documents already, the rest are processed here.
    `keep`: the caller builds again in this process (`make devserver`) and hands the store (memo.Kept:
    `words`, by document text without its ref, and `index`) the words are kept in for its next build,
    which processes only the programs that changed.
    """
    if not keep:
        # Nothing to reuse: the documents are made in the worker too, off this core's path.
        FOR_FORK.update(programs=programs, fields=fields)
        try:
            pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
            future = pool.submit(_index_in_worker)  # forks now, with memo.FOR_FORK as it is
            pool.shutdown(wait=False)
        except ValueError:
            future = Future()
            future.set_result(_index_in_worker())
        finally:
            FOR_FORK.clear()
        return IndexJob(future)
    entries = [_document_fields(program, fields) for program in programs]
    keys = [key for _, key in entries]
    words = keep.words
    missing = [i for i, key in enumerate(keys) if key not in words]
    future: Future = Future()
    if len(missing) <= _INLINE_MAX:
        new_docs = [{"ref": str(i), **entries[i][0]} for i in missing]
        fresh = dict(zip(missing, processed_words(new_docs, fields), strict=True))
        processed = [fresh[i] if i in fresh else words[key] for i, key in enumerate(keys)]
        future.set_result((_kept_index(processed, fields, keep.index), processed))
        return IndexJob(future, keys, fields, keep)
    docs = [{"ref": str(position), **values} for position, (values, _) in enumerate(entries)]
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    except ValueError:
        future.set_result(_index_and_words(docs, fields, True))
        return IndexJob(future, keys, fields, keep)
    future = pool.submit(_index_and_words, docs, fields, True)
    pool.shutdown(wait=False)
    return IndexJob(future, keys, fields, keep)
