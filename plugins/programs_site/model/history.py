"""The data's history: each program's changes over time, from the committed versions of the programs file.

The repository is the database's history, so nothing else records it. Pure functions turn versions
(date, snapshot) into changes; a thin reader asks git for the versions and caches each parsed one by its
content, so a build re-reads only versions it has never seen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from .. import json_text
from ..data.field_spec import BUILTIN, EMPTY, Field, FieldSpec
from ..data.fields import SUPPRESSED
from ..data.load import programs_in
from ..data.problems import DataError
from ..data.records import Credential, Program
from ..i18n import N_, gettext
from ..json_text import plain_number
from . import present
from .certify import certify_value, cost_to_certify

# Bump when a snapshot, a diff or their wording changes, so what is cached is computed again.
SNAPSHOT_FORMAT = "4"

# Every sentence about history the site shows, in one place (a translation replaces this table).
TEXT = {
    "change_line": N_("{label}: {old} → {new} on {date}"),
    "added": N_("Listed on {date}"),
    "removed": N_("No longer listed, from {date}"),
    "not_git": N_("the programs file is not in a git repository"),
    "not_committed": N_("the programs file has no committed versions"),
    "shallow": N_("the repository is a shallow clone (fetch full history, e.g. fetch-depth: 0)"),
    "no_git": N_("git is not installed"),
    "unreadable_log": N_("git could not read the history of the programs file"),
    "stops": "data history stops at commit {commit} ({date}): git could not read what came before it "
    "({error}); no earlier change is shown",
    "starts": "data history starts at commit {commit} ({date}), where {file} was added and {deleted} deleted: "
    "if that was a rename git did not see (too many edits in the same commit), the older changes are not shown",
    "unreadable": "data history: cannot read the version in commit {commit} ({date}): {error}; "
    "no change is shown from {start} to {end}",
    "unavailable": "data history not available: {reason}; no changes are shown",
    "feed_title": "{site}: changes to programs",
    "feed_description": "Each change to a program's cost, length, format, credentials and terms, newest first.",
    "feed_added_title": "{name} ({provider}) listed",
    "feed_removed_title": "{name} ({provider}) no longer listed",
    "feed_change_title": "{name} ({provider}): {label} {old} → {new}",
}


def _certify(program: Program, by_code: dict[str, Credential]):
    return certify_value(cost_to_certify(program, by_code))


def _months(span: tuple[float, float] | None) -> list | None:
    return None if span is None else [plain_number(n) for n in span]


def _percent(value):
    return value if value == SUPPRESSED else plain_number(value)


def _history_type(f: Field) -> str:
    """The type a change's value is kept and worded by: compare's (the cost to get certified), else
    the column's, an outcome rate being a percent."""
    return f.compare_type or ("percent" if f.type == "outcome" else f.type)


def _typed(f: Field) -> Callable[[Program, dict[str, Credential]], Any]:
    """A change's typed value, read from the program (and the credentials by code, for the cost to get
    certified), worked out once per column."""
    kind = _history_type(f)
    if kind == "certify":
        return _certify
    get = attrgetter(f.name)
    by_type: dict[str, Callable[[Program, dict[str, Credential]], Any]] = {
        "money": lambda p, _: plain_number(get(p)),
        "months": lambda p, _: _months(get(p)),
        "list": lambda p, _: list(get(p)),
        "percent": lambda p, _: _percent(get(p)),
    }
    return by_type.get(kind, lambda p, _: get(p))


# What a change is about, in the order a program page lists them: (key, label, type, typed value), from
# builtin_fields.toml's history place and [order].history. A value is read from the program and the
# credentials by code: today's for every version (credentials.csv keeps no history), so a voucher
# dropped shows as the cost it moved.
# The type is a field spec's (browser_fields.py, format.js): a value is kept typed, and worded where it
# is shown, in that page's language (Change.line, the feed, and shared-link.js from changes.json).
FIELDS: list[tuple[str, str, str, Callable[[Program, dict[str, Credential]], Any]]] = [
    (f.history_key or f.name, f.history_label or f.compare_label or f.label, _history_type(f), _typed(f))
    for f in BUILTIN.shown("history")
]
LABELS = {key: label for key, label, _, _ in FIELDS}
# Each field's type for the browser (changes.json), and the words for coded values (format.js valueText).
TYPES = {key: kind for key, _, kind, _ in FIELDS}
CHOICES = {f.history_key or f.name: dict(f.option_labels) for f in BUILTIN.shown("history") if f.option_labels}

# A snapshot: program id -> [name, provider, typed value of each FIELDS entry in order].
Snapshot = dict[str, list]


def worded(key: str, value) -> str:
    """A change's typed value in the current language (i18n.language), as the program page words it."""
    kind = TYPES.get(key)
    if value is None or value == []:
        return present.not_listed()
    if kind == "money":
        return present.money_text(value)
    if kind == "certify":
        if isinstance(value, dict) and value.get("no_credential"):
            return gettext(present.NO_CREDENTIAL)
        if isinstance(value, dict):
            return f"{present.money_text(value['known'])} + {gettext(present.FEE_NOT_LISTED)}"
        return present.money_text(value)
    if kind == "months":
        return present.months_text(tuple(value))
    if kind == "choice":
        return gettext(CHOICES.get(key, {}).get(value, present.NOT_LISTED))
    if kind == "list":
        return present.list_text(value)
    if kind == "yes-no":
        return present.yes_no_text(value)
    if kind == "percent":
        return present.percent_text(value)
    return str(value)


@dataclass(frozen=True)
class Change:
    program_id: str
    name: str
    provider: str
    date: dt.date
    kind: str  # "changed", "added" or "removed"
    field: str = ""  # a FIELDS key, for "changed"
    old: Any = None  # typed, as FIELDS gives it
    new: Any = None

    @property
    def label(self) -> str:
        return LABELS.get(self.field, "")

    @property
    def old_text(self) -> str:
        return worded(self.field, self.old)

    @property
    def new_text(self) -> str:
        return worded(self.field, self.new)

    def line(self) -> str:
        """The sentence a program page shows, in the current language (i18n.language)."""
        date = present.date_text(self.date)
        if self.kind == "changed":
            return gettext(TEXT["change_line"]).format(
                label=gettext(self.label), old=self.old_text, new=self.new_text, date=date
            )
        return gettext(TEXT[self.kind]).format(date=date)


@dataclass
class History:
    available: bool
    reason: str = ""  # why not, when not available
    version: dt.date | None = None  # the date of the newest committed version: the data version links carry
    since: dt.date | None = None  # changes before this date are not looked at
    changes: list[Change] = field(default_factory=list)  # newest first
    warnings: list[str] = field(default_factory=list)  # one line each: versions git could not read

    def by_program(self) -> dict[str, list[Change]]:
        grouped: dict[str, list[Change]] = {}
        for change in self.changes:
            grouped.setdefault(change.program_id, []).append(change)
        return grouped


# ---- pure: versions -> changes ----------------------------------------------------------------


def snapshot(programs: Iterable[Program], by_code: dict[str, Credential] | None = None) -> Snapshot:
    """`by_code`: the credentials each program's cost to get certified is worked out with."""
    by_code = by_code or {}
    return {p.id or "": [p.name, p.provider, *(typed(p, by_code) for _, _, _, typed in FIELDS)] for p in programs}


def diff(before: Snapshot, after: Snapshot, date: dt.date) -> list[Change]:
    """What changed from one version to the next, program by program, in FIELDS order."""
    changes: list[Change] = []
    for program_id, row in after.items():
        old = before.get(program_id)
        if old is None:
            changes.append(Change(program_id, row[0], row[1], date, "added"))
            continue
        moved = {key: index for index, (key, *_) in enumerate(FIELDS, start=2) if old[index] != row[index]}
        if "cost" in moved:
            moved.pop("certify", None)  # the cost's own change says it; the certify line is for what else moves it
        for key, index in moved.items():
            changes.append(Change(program_id, row[0], row[1], date, "changed", key, old[index], row[index]))
    for program_id, row in before.items():
        if program_id not in after:
            changes.append(Change(program_id, row[0], row[1], date, "removed"))
    return changes


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last_day = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


def changes_json(history: History, current_ids: set[str]) -> str:
    """The small file a shared link's page fetches (only when the link has asof): per program, its
    changes as [date, field, old, new]; and the programs no longer listed, with when they went."""
    per_program: dict[str, list[list]] = {}
    removed: dict[str, list[str]] = {}
    for change in sorted(history.changes, key=lambda c: c.date):  # oldest first, as the browser reads them
        if change.kind == "changed":
            per_program.setdefault(change.program_id, []).append(
                [change.date.isoformat(), change.field, change.old, change.new]
            )
        elif change.kind == "removed" and change.program_id not in current_ids:
            removed[change.program_id] = [change.date.isoformat(), change.name, change.provider]
    body = {
        "available": history.available,
        "version": history.version.isoformat() if history.version else None,
        "since": history.since.isoformat() if history.since else None,
        "labels": LABELS,
        "types": TYPES,
        "choices": CHOICES,
        "changes": per_program,
        "removed": removed,
    }
    return json_text.compact(body)


# ---- git: the committed versions of one file -------------------------------------------------


@dataclass(frozen=True)
class Version:
    commit: str
    date: dt.date
    blob: str


def _git(cwd: str, *args: str, text: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=text, check=False)


def git_versions(csv_path: str, since: dt.date) -> tuple[list[Version], str]:
    """The file's committed versions, oldest first, from the last one before `since` on; or ([], reason);
    or (the versions git could read, a warning saying where it stopped).

    Only the first-parent line of the current branch: a merge commit counts as one version, compared with
    the branch it was merged into, so a side branch's versions (which the branch may never have held) are
    not read. The file is followed across renames git detects."""
    folder = os.path.dirname(os.path.abspath(csv_path)) or "."
    try:
        top = _git(folder, "rev-parse", "--show-toplevel")
    except FileNotFoundError:
        return [], TEXT["no_git"]
    if top.returncode != 0:
        return [], TEXT["not_git"]
    if _git(folder, "rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        return [], TEXT["shallow"]
    root = top.stdout.strip()
    relative = os.path.relpath(os.path.realpath(csv_path), os.path.realpath(root))
    # --raw names the file's blob in each commit, so no second call per version is needed; -m with
    # --first-parent gives a merge commit's change against the branch it was merged into.
    log = _git(
        root,
        *("log", "--first-parent", "-m", "--follow", "--format=@%H %cI", "--raw", "--no-abbrev", "--", relative),
    )
    versions: list[Version] = []
    commit, date = "", None
    baseline = False
    for line in log.stdout.splitlines():
        if line.startswith("@"):
            commit, stamp = line[1:].split(" ", 1)
            date = dt.datetime.fromisoformat(stamp).date()
        elif line.startswith(":") and date is not None:
            blob = line.split()[3]
            if set(blob) != {"0"}:  # all zeros: the file was deleted in that commit
                versions.append(Version(commit, date, blob))
            if date < since:
                baseline = True
                break  # the baseline: the version in force when the window opens
    if log.returncode != 0 and not baseline:
        # git stopped before the window's start (a missing commit or tree): what it gave is true, and
        # the oldest version it gave is where the history starts; say so.
        if not versions:
            return [], TEXT["unreadable_log"]
        error = log.stderr.strip().splitlines()
        stop = TEXT["stops"].format(
            commit=commit[:12], date=date.isoformat() if date else "?", error=error[-1] if error else "?"
        )
        return list(reversed(versions)), stop
    if not versions:
        return [], TEXT["not_committed"]
    if not baseline:
        return list(reversed(versions)), _unseen_rename(root, relative, versions[-1])
    return list(reversed(versions)), ""


def _unseen_rename(root: str, relative: str, first: Version) -> str:
    """When the file's first version came in a commit that also deleted a file of the same kind, git may
    have missed a rename (too many edits at once): a warning saying where the history starts; else ""."""
    if _git(root, "rev-parse", "--verify", "--quiet", f"{first.commit}^").returncode != 0:
        return ""  # the repository's first commit: there is no older history to miss
    gone = _git(root, "diff-tree", "-r", "--no-commit-id", "--name-only", "--diff-filter=D", first.commit)
    suffix = os.path.splitext(relative)[1]
    deleted = [name for name in gone.stdout.splitlines() if name.endswith(suffix)]
    if not deleted:
        return ""
    return TEXT["starts"].format(
        commit=first.commit[:12], date=first.date.isoformat(), file=relative, deleted=", ".join(deleted)
    )


def _cache_file(cache_dir: Path | None, kind: str, *blobs: str) -> Path | None:
    if cache_dir is None:
        return None
    # The columns tracked are part of a snapshot's shape: a column added to the history place (or retyped)
    # makes every version's snapshot again.
    shape = (SNAPSHOT_FORMAT, *(f"{key}:{kind}" for key, kind in TYPES.items()))
    key = hashlib.sha256(" ".join((*shape, *blobs)).encode()).hexdigest()
    return cache_dir / f"{kind}-{key}.json"


MISSING = object()


def _read_json(path: Path | None):
    """The cached value, or MISSING. Builds may share the cache and prune it, so a file can vanish."""
    if path is None:
        return MISSING
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return MISSING


def _write_json(path: Path | None, value) -> None:
    """Written beside and renamed into place, so a build reading at the same time never sees half a file."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_text(json_text.compact(value), encoding="utf-8")
    os.replace(partial, path)


def _blob_of(csv_path: str) -> str:
    """The id git would give the file as it is on disk (it equals a committed blob when unchanged)."""
    found = _git(os.path.dirname(os.path.abspath(csv_path)), "hash-object", os.path.abspath(csv_path))
    return found.stdout.strip() if found.returncode == 0 else ""


class Unreadable(Exception):
    """Git could not give a version's content (a missing object, a partial clone offline)."""

    def __init__(self, version: Version, error: str):
        super().__init__(error)
        self.version = version
        self.error = error


def read_snapshot(
    csv_path: str,
    version: Version,
    cache_dir: Path | None,
    mapping: str | None = None,
    fields: FieldSpec = EMPTY,
    by_code: dict[str, Credential] | None = None,
) -> Snapshot | None:
    """One version's programs, parsed as the build parses them; None when that version does not parse.
    Raises Unreadable when git cannot give it (nothing is cached then: the object may come back)."""
    cached = _cache_file(cache_dir, "snapshot", version.blob)
    found = _read_json(cached)
    if found is not MISSING:
        return found
    folder = os.path.dirname(os.path.abspath(csv_path))
    shown = _git(folder, "cat-file", "blob", version.blob, text=False)
    if shown.returncode != 0:
        error = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Unreadable(version, error[-1] if error else f"git cat-file exited {shown.returncode}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / os.path.basename(csv_path)
        path.write_bytes(shown.stdout)
        try:
            result = snapshot(programs_in(path, mapping, fields), by_code)
        except DataError:
            result = None  # a version that did not build then has nothing to compare
    _write_json(cached, result)
    return result


def load_history(
    csv_path: str,
    months: int,
    cache_dir: Path | None,
    today: dt.date | None = None,
    current: Iterable[Program] | None = None,
    mapping: str | None = None,
    credentials: Iterable[Credential] = (),
    fields: FieldSpec = EMPTY,
) -> History:
    """The changes between consecutive versions. What changed from one version (blob) to the next is
    cached as such, so a build parses only a version it has never seen and reads small files for the rest;
    of the parsed versions only the newest is kept, the one the next commit will be compared with.
    `current`: the programs the build loaded from the file; when the file is as committed, the newest
    version is taken from them instead of being parsed a second time."""
    since = months_before(today or dt.date.today(), months)
    if mapping and cache_dir is not None:
        # Old versions are read through today's mapping file: another mapping, other snapshots.
        cache_dir = cache_dir / ("mapping-" + hashlib.sha256(Path(mapping).read_bytes()).hexdigest()[:16])
    by_code = {c.code: c for c in credentials}
    if by_code and cache_dir is not None:
        # Each version's cost to get certified is worked out with today's exam fees: other fees, other snapshots.
        fees = json.dumps(sorted((c.code, c.exam_fee_usd) for c in by_code.values()))
        cache_dir = cache_dir / ("fees-" + hashlib.sha256(fees.encode()).hexdigest()[:16])
    versions, reason = git_versions(csv_path, since)
    if not versions:
        return History(available=False, reason=reason)
    warnings = [f"{csv_path}: {reason}"] if reason else []  # the history stops early: said once
    parsed: dict[str, Snapshot | None] = {}
    if current is not None and _blob_of(csv_path) == versions[-1].blob:
        newest = parsed[versions[-1].blob] = snapshot(current, by_code)
        kept = _cache_file(cache_dir, "snapshot", versions[-1].blob)
        if kept and not kept.is_file():
            _write_json(kept, newest)  # the version the next commit is compared with

    def snapshot_of(version: Version) -> Snapshot | None:
        if version.blob not in parsed:
            parsed[version.blob] = read_snapshot(csv_path, version, cache_dir, mapping, fields, by_code)
        return parsed[version.blob]

    changes: list[Change] = []
    before: Version | None = None
    for version in versions:
        if version.date >= since:
            pair = _cache_file(cache_dir, "changes", before.blob if before else "", version.blob)
            rows = _read_json(pair)
            if rows is MISSING:
                try:
                    after = snapshot_of(version)
                    old = (snapshot_of(before) if before else None) or {}
                except Unreadable as missing:
                    # Whatever changed around a version nobody can read happened on a date nobody knows:
                    # say so, show none of it, and start again from the next readable version.
                    warnings.append(_unreadable_warning(csv_path, versions, missing))
                    before = None if missing.version is version else version
                    continue
                # The file's first version is where the data starts, not a change: nothing is "added" by it.
                rows = None if after is None else [_row(c) for c in diff(old, after, version.date) if old]
                _write_json(pair, rows)
            if rows is None:
                continue  # a version that did not parse (the build failed then): the next one is compared
            changes.extend(Change(*row[:3], version.date, *row[3:]) for row in rows)
        before = version
    if cache_dir is not None:
        keep = _cache_file(cache_dir, "snapshot", versions[-1].blob)
        for stale in cache_dir.glob("snapshot-*.json"):
            if stale != keep:
                stale.unlink(missing_ok=True)
    # Newest first; within a day, the file's order of programs and FIELDS is kept (the sort is stable).
    return History(
        available=True,
        version=versions[-1].date,
        # Nothing before the oldest version read is known (the file's first version, or where git stopped):
        # a shared link from before then says the history does not reach back that far.
        since=max(since, versions[0].date),
        changes=sorted(changes, key=lambda c: c.date, reverse=True),
        warnings=warnings,
    )


def _unreadable_warning(csv_path: str, versions: list[Version], missing: Unreadable) -> str:
    """One line naming the commit git could not read and the dates whose changes are not shown."""
    version = missing.version
    at = versions.index(version)
    start = versions[at - 1].date if at else version.date
    end = versions[at + 1].date if at + 1 < len(versions) else version.date
    return f"{csv_path}: " + TEXT["unreadable"].format(
        commit=version.commit[:12],
        date=version.date.isoformat(),
        error=missing.error,
        start=start.isoformat(),
        end=end.isoformat(),
    )


def _row(change: Change) -> list:
    """A change without its date: the same two versions give the same changes whenever they were committed."""
    return [change.program_id, change.name, change.provider, change.kind, change.field, change.old, change.new]
