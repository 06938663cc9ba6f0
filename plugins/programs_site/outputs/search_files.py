"""The files browse's search and filters read, split so that a query fetches only what it needs.

docs/search-files.md describes the layout, why, and the byte budget per part. In short, under search/:
- meta.json: the program count, fields and boosts, the shard keys, the row-file size;
- terms/<n>.json: the words that start with shard key n, each with its programs as sets grouped by
  (field, lunr weight): the browser adds weights instead of rebuilding an index;
- words/<length>.json: every word of that length, for one-typo matching;
- facets/<param>.json: each filter's options as sets of programs (costs and durations as numbers);
- rows/<n>.json: what a card shows, ROWS_PER_FILE programs per file, fetched for the cards shown.

Programs are numbered by their browse position (name order), so "sorted by name" is position order.
The weights are lunr's BM25 exactly as lunr.py's Builder computes them (k1 1.2, b 0.75, rounded to
thousandths and multiplied by the field's boost), kept as integer thousandths.
"""

from __future__ import annotations

import base64
import math
import operator
from collections import Counter, defaultdict
from functools import partial
from operator import is_

from .. import json_text
from ..build.memo import Column
from ..data.field_spec import BUILTIN
from ..data.records import Program
from ..json_text import plain_number
from ..model.facets import CEILINGS, is_yes

K1, B = 1.2, 0.75  # lunr's BM25 defaults, which lunr.py's Builder uses
SHARD_BYTES = 24_000  # a shard is split by one more letter above about this many bytes of text
ROWS_PER_FILE = 8  # cards are fetched by file: 24 scattered results fetch at most 24 files of under 1 kB


def to_json(data) -> str:
    return json_text.compact(data)


# ---- sets of programs ---------------------------------------------------------------------------


def _varints(numbers) -> bytes:
    out = bytearray()
    for n in numbers:
        while n >= 0x80:
            out.append((n & 0x7F) | 0x80)
            n >>= 7
        out.append(n)
    return bytes(out)


def encode_set(positions: list[int]) -> str:
    """Sorted positions as text: "d" + base64 of the gaps as varints, or "b" + base64 of a bitset
    (bit i of byte i // 8 is position i), whichever is shorter. theme/static/js/search-sets.js reads it."""
    gaps = _varints(b - a for a, b in zip([-1, *positions], positions, strict=False))
    if positions and (positions[-1] // 8 + 1) < len(gaps):
        bits = bytearray(positions[-1] // 8 + 1)
        for p in positions:
            bits[p >> 3] |= 1 << (p & 7)
        return "b" + base64.b64encode(bytes(bits)).decode("ascii")
    return "d" + base64.b64encode(gaps).decode("ascii")


def decode_set(text: str) -> list[int]:
    """The inverse of encode_set (tests and tools; the browser has its own)."""
    data = base64.b64decode(text[1:])
    if text[0] == "b":
        return [i * 8 + bit for i, byte in enumerate(data) for bit in range(8) if byte >> bit & 1]
    out, n, shift, last = [], 0, 0, -1
    for byte in data:
        n |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            last += n
            out.append(last)
            n, shift = 0, 0
    return out


# ---- terms --------------------------------------------------------------------------------------


def postings(processed: list[list[list[str]]], boosts: list[int]) -> dict[str, list[list]]:
    """term -> [[field number, weight in thousandths, positions], ...], as lunr.py's Builder weighs them."""
    count = len(processed)
    nfields = len(boosts)
    average = [sum(len(row[f]) for row in processed) / count if count else 0 for f in range(nfields)]
    groups: dict[str, dict[tuple[int, int, int], list[int]]] = defaultdict(lambda: defaultdict(list))
    for position, row in enumerate(processed):
        for f in range(nfields):
            words = row[f]
            for term, tf in Counter(words).items():
                groups[term][(f, tf, len(words))].append(position)
    out = {}
    for term, by_shape in groups.items():
        # lunr's idf counts a program once per field the term is in.
        df = sum(len(p) for p in by_shape.values())
        idf = math.log(1 + abs((count - df + 0.5) / (df + 0.5)))
        weighted: dict[tuple[int, int], list[int]] = defaultdict(list)
        for (f, tf, length), positions in by_shape.items():
            score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[f])) + tf)
            weight = round(round(score * boosts[f], 3) * 1000)
            weighted[(f, weight)].extend(positions)
        out[term] = [[f, w, sorted(p)] for (f, w), p in sorted(weighted.items())]
    return out


def shard_keys(terms: dict[str, int]) -> list[str]:
    """Prefixes that split `terms` (term -> its bytes) into shards of about SHARD_BYTES or fewer.

    A term lives in the shard with the longest key that begins it. A split key keeps its own shard
    for the term equal to it (if any); its longer terms go to one shard per next letter.
    """
    keys: list[str] = []
    # A loop over a stack, not recursion: one word can be longer than Python's recursion limit.
    stack: list[tuple[str, list[str]]] = [("", list(terms))]
    while stack:
        key, members = stack.pop()
        size = sum(terms[t] for t in members)
        longer = [t for t in members if len(t) > len(key)]
        if key and (size <= SHARD_BYTES or not longer):
            keys.append(key)
            continue
        if key and len(longer) < len(members):
            keys.append(key)
        by_next: dict[str, list[str]] = defaultdict(list)
        for t in longer:
            by_next[t[: len(key) + 1]].append(t)
        for child, group in by_next.items():
            if sum(terms[t] for t in group) > SHARD_BYTES:
                # Each letter of the group's common prefix would be a step with one child and no key
                # of its own: go to the prefix at once (a 24,000-letter word is one step, not 24,000).
                child = _common_prefix(group)
            stack.append((child, group))
    return sorted(keys)


def _common_prefix(words: list[str]) -> str:
    """The longest start all the words share (the first and last in sorted order share the least)."""
    first, last = min(words), max(words)
    end = 0
    while end < len(first) and first[end] == last[end]:
        end += 1
    return first[:end]


def shard_of(term: str, keys: set[str]) -> str | None:
    for end in range(len(term), 0, -1):
        if term[:end] in keys:
            return term[:end]
    return None


def term_files(processed: list[list[list[str]]], fields: list[str], boosts: list[int]) -> tuple[dict[str, str], dict]:
    """({path: text} for terms/ and words/, what meta.json says about them)."""
    entries = {
        term: to_json([[f, w, encode_set(p)] for f, w, p in groups])
        for term, groups in postings(processed, boosts).items()
    }
    keys = shard_keys({t: len(t) + len(text) for t, text in entries.items()})
    key_set = set(keys)
    shards: dict[str, list[str]] = defaultdict(list)
    by_length: dict[int, list[str]] = defaultdict(list)
    for term in sorted(entries):
        shards[shard_of(term, key_set)].append(term)
        by_length[len(term)].append(term)
    files = {}
    for n, key in enumerate(keys):
        body = ",".join(f"{to_json(t)}:{entries[t]}" for t in shards[key])
        files[f"search/terms/{n}.json"] = "{" + body + "}"
    for length, words in by_length.items():
        files[f"search/words/{length}.json"] = to_json(words)
    return files, {"fields": fields, "boosts": boosts, "shards": keys, "word_lengths": sorted(by_length)}


# ---- filters and rows ---------------------------------------------------------------------------


def _sets_text(values: list[list[str]]) -> str:
    """{value: the set of positions whose program has it}, as JSON; `values`: each position's values."""
    members: dict[str, list[int]] = defaultdict(list)
    for position, own in enumerate(values):
        for value in own:
            members[value].append(position)
    return to_json({value: encode_set(p) for value, p in sorted(members.items())})


def _rate(value: float | str | None) -> float | int | None:
    return None if value is None or isinstance(value, str) else plain_number(value)


def facet_files(programs: list[Program], rows: list[list], usd: int, by: int, spec=None, keep=None) -> dict[str, str]:
    """Each filter's options as sets of positions; the two ceilings (cost, duration) as numbers; with
    `spec` (data/fields.toml), a file per declared filter too, named after its column.

    `rows`: the browse rows, whose columns `usd` and `by` hold each program's cost to get certified
    and, where the chosen credential changes it, {code: [amount, words]} (export.certify_columns).
    `keep`: the caller builds again in this process and hands the store (memo.Kept.facet_sets) each
    filter's file is kept in (a memo.Column: its values are lists of strings, so equal lists make the same text).
    """
    columns = keep.facet_sets if keep else {}

    def sets(name: str, value_of) -> str:
        kept = columns.setdefault(name, Column(f"search/facets/{name}.json"))
        return kept.text(programs, programs, lambda i: value_of(programs[i]), _sets_text, operator.eq)

    # The built-in filters (builtin_fields.toml), a file per URL parameter: a yes box's "yes", or the
    # values a program has; the two ceilings are numbers, below.
    files = {
        f.filter_param: sets(f.filter_param, partial(_yes_option, f) if not f.filter_kind else partial(_values, f.name))
        for f in BUILTIN.shown("filter")
        if f.filter_kind not in CEILINGS
    }
    files |= {
        "max_duration": to_json(
            {"months": [plain_number(p.duration_max) if p.duration_max else None for p in programs]}
        ),
        # The "employment rate, highest first" sort (issue 28): a suppressed or unknown rate is null
        # and sorts with the unknowns, last, never as 0.
        "employment": to_json({"rates": [_rate(p.employment_rate_q2) for p in programs]}),
        "max_cost": to_json(
            {
                "usd": [row[usd] for row in rows],
                "by": {str(i): {c: v[0] for c, v in row[by].items()} for i, row in enumerate(rows) if row[by]},
            }
        ),
    }
    for field in spec.shown("filter") if spec else ():
        files[field.name] = sets(field.name, partial(_declared_options, field.name))
    return {f"search/facets/{name}.json": text for name, text in files.items()}


def _yes_option(field, program: Program) -> list[str]:
    return ["yes"] if is_yes(field, program) else []


def _values(name: str, program: Program) -> list[str]:
    """The values of a built-in choice or list column a program has, as its filter offers them."""
    value = getattr(program, name)
    return [value] if isinstance(value, str) else value or []


def _declared_options(name: str, program: Program) -> list[str]:
    """A declared filter's options a program has: "yes" for a yes-no column, else its value(s)."""
    value = program.declared.get(name) if program.declared else None
    if value is True:
        return ["yes"]
    return [value] if isinstance(value, str) else value or []


def row_files(data: dict, keep=None) -> tuple[dict[str, str], int]:
    """The browse rows ({keys, programs}) in files of ROWS_PER_FILE: ({path: text}, how many files).
    `keep`: the caller builds again in this process (`make devserver`) and hands the store the files'
    texts are kept in for its next build (memo.Kept.row_files), by number: (its rows, its text). The rows
    are kept per program and view (export.browse_rows) and never changed, so a file whose rows are the
    same objects is the same text: a one-row edit encodes one file again, not 1,250."""
    rows = data["programs"]
    kept = keep.row_files if keep else {}
    files = {}
    for n, start in enumerate(range(0, len(rows), ROWS_PER_FILE)):
        chunk = rows[start : start + ROWS_PER_FILE]
        last = kept.get(n)
        if last is not None and len(last[0]) == len(chunk) and all(map(is_, last[0], chunk)):
            text = last[1]
        else:
            text = to_json(chunk)
            if keep:
                kept[n] = (chunk, text)
        files[f"search/rows/{n}.json"] = text
    for n in [n for n in kept if n >= len(files)]:
        del kept[n]
    return files, len(files)
