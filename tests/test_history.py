"""The data's history: changes between committed versions of the programs file, on program pages, in the
changes feed and in changes.json; builds without history still build and say so."""

import datetime as dt
import json
import subprocess
import xml.etree.ElementTree as ET

import pytest
from history_support import commit_version, git, merge_version, repo_with_versions, site_with_versions
from sitebuild import ROOT, build, csv_text, program

from plugins.programs_site import i18n
from plugins.programs_site.data.load import load_credentials, programs_in
from plugins.programs_site.model import history

TODAY = dt.date.today()
EARLIER = TODAY - dt.timedelta(days=5)
HEADER = ["id", "name", "provider", "format", "duration_months", "cost_usd", "credentials", "exam_prep", "state"]
BEFORE = [
    program(id="inpatient-coding", name="Inpatient Coding Specialist", provider="Ridgeview College", cost_usd="3420"),
    program(id="old-billing", name="Billing Basics", provider="Oldtown Institute", cost_usd="999"),
]
AFTER = [
    program(
        id="inpatient-coding",
        name="Inpatient Coding Specialist",
        provider="Ridgeview College",
        cost_usd="3620",
        format="hybrid",
    ),
    program(id="new-course", name="New Course", provider="Newport College"),
]
ATOM = "{http://www.w3.org/2005/Atom}"


def day_text(day):
    return f"{day:%B} {day.day}, {day.year}"


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    versions = [(EARLIER, csv_text(BEFORE, HEADER)), (TODAY, csv_text(AFTER, HEADER))]
    return site_with_versions(tmp_path_factory.mktemp("history"), versions)


# ---- pure rules ------------------------------------------------------------------------------


def snap(**rows):
    """id -> (name, cost) as a snapshot with every other field unknown (typed values, None when not listed)."""
    blank = [None] * (len(history.FIELDS) - 1)
    return {pid: [name, "Provider", cost, *blank] for pid, (name, cost) in rows.items()}


def test_a_versions_cost_to_get_certified_is_worked_out_with_the_credentials_it_is_given(tmp_path):
    # Passed in, not remembered from the last build: the same programs worded twice, with and without.
    path = tmp_path / "programs.csv"
    path.write_text(csv_text([program(cost_usd="3000", credentials="CPC")], HEADER), encoding="utf-8")
    programs = programs_in(path)
    certify = 2 + [key for key, *_ in history.FIELDS].index("certify")
    by_code = {c.code: c for c in load_credentials(ROOT / "data/credentials.csv")[0]}
    assert history.snapshot(programs, by_code)["acme-coding"][certify] == 3399  # with CPC's $399 exam fee
    assert history.snapshot(programs)["acme-coding"][certify] != 3399


def test_a_change_keeps_typed_values_and_words_them_in_the_pages_language():
    fee_missing = {"known": 1200, "fee_missing": True}
    cost = history.Change("a", "A", "P", TODAY, "changed", "certify", 1500, fee_missing)
    length = history.Change("a", "A", "P", TODAY, "changed", "duration", [4, 6], None)
    assert cost.line() == f"Cost to get certified: $1,500 → $1,200 + exam fee not listed on {day_text(TODAY)}"
    assert length.line().startswith("Duration: 4–6 months → Not listed on ")
    with i18n.language("es"):
        assert "$1,500 → $1,200 + tarifa del examen no indicada" in cost.line()
        assert "4–6 meses → No indicado" in length.line()


def test_diff_names_each_changed_field_with_old_and_new_values():
    changes = history.diff(snap(a=("A", 1)), snap(a=("A", 2)), TODAY)
    assert [(c.kind, c.field, c.old, c.new) for c in changes] == [("changed", "cost", 1, 2)]
    assert changes[0].line() == f"Cost: $1 → $2 on {day_text(TODAY)}"


def test_diff_reports_programs_added_and_removed():
    changes = history.diff(snap(a=("A", 1)), snap(b=("B", 1)), TODAY)
    assert [(c.program_id, c.kind) for c in changes] == [("b", "added"), ("a", "removed")]


def test_a_version_before_the_window_is_only_the_baseline(tmp_path):
    old = TODAY - dt.timedelta(days=900)
    csv_path = repo_with_versions(
        tmp_path / "repo", [(old, csv_text(BEFORE, HEADER)), (TODAY, csv_text(AFTER, HEADER))]
    )
    found = history.load_history(str(csv_path), 24, None)
    # Compared with the version in force when the window opened: no "added" for programs listed back then.
    assert [(c.program_id, c.kind) for c in found.changes] == [
        ("inpatient-coding", "changed"),
        ("inpatient-coding", "changed"),
        ("new-course", "added"),
        ("old-billing", "removed"),
    ]


def test_a_second_read_comes_from_the_cache_and_keeps_only_the_newest_parsed_version(tmp_path):
    csv_path = repo_with_versions(
        tmp_path / "repo", [(EARLIER, csv_text(BEFORE, HEADER)), (TODAY, csv_text(AFTER, HEADER))]
    )
    first = history.load_history(str(csv_path), 24, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("snapshot-*.json"))) == 1
    assert len(list((tmp_path / "cache").glob("changes-*.json"))) == 2
    for cached in (tmp_path / "cache").glob("changes-*.json"):  # prove the second read uses them
        cached.write_text(cached.read_text().replace("3620", "9999"))
    second = history.load_history(str(csv_path), 24, tmp_path / "cache")
    assert [c.new for c in second.changes if c.field == "cost"] == [9999]
    assert len(second.changes) == len(first.changes)


def test_months_before_keeps_the_day_within_the_month():
    assert history.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert history.months_before(dt.date(2026, 11, 29), 24) == dt.date(2024, 11, 29)


def test_a_parsed_version_is_read_from_the_cache_the_next_time(tmp_path):
    csv_path = repo_with_versions(tmp_path / "repo", [(TODAY, csv_text(AFTER, HEADER))])
    (version,), _ = history.git_versions(str(csv_path), TODAY - dt.timedelta(days=1))
    first = history.read_snapshot(str(csv_path), version, tmp_path / "cache")
    assert first["inpatient-coding"][2] == 3620
    # The same version again, with git unable to give it: only the cache can answer.
    gone = history.Version(version.commit, version.date, version.blob)
    (tmp_path / "repo" / ".git").rename(tmp_path / "git-moved")
    assert history.read_snapshot(str(csv_path), gone, tmp_path / "cache") == first


# ---- what a build shows ----------------------------------------------------------------------


def test_the_program_page_shows_its_change_near_the_price(two_versions):
    page = two_versions.page("programs/inpatient-coding/")
    assert f"<li>Cost: $3,420 → $3,620 on {day_text(TODAY)}</li>" in page
    assert f"<li>Format: Online → Hybrid on {day_text(TODAY)}</li>" in page
    facts = page.index('id="facts-heading"')
    # In the Key facts section, which holds the price and the last-verified date: before the next section.
    section_end = page.index("</section>", facts)
    assert facts < page.index("Program cost") < page.index("Changes to this listing") < section_end
    assert 'href="../../feeds/programs.atom.xml"' in page


def test_a_program_added_later_says_when_it_was_listed(two_versions):
    assert f"<li>Listed on {day_text(TODAY)}</li>" in two_versions.page("programs/new-course/")
    assert "Listed on" not in two_versions.page("programs/inpatient-coding/")


def test_the_feed_has_one_entry_per_change_with_both_values(two_versions):
    tree = ET.parse(two_versions.output / "feeds/programs.atom.xml")
    titles = [e.find(f"{ATOM}title").text for e in tree.findall(f"{ATOM}entry")]
    assert titles == [
        "Inpatient Coding Specialist (Ridgeview College): Cost $3,420 → $3,620",
        "Inpatient Coding Specialist (Ridgeview College): Format Online → Hybrid",
        "New Course (Newport College) listed",
        "Billing Basics (Oldtown Institute) no longer listed",
    ]  # the file's first version adds nothing: it is where the data starts
    entry = tree.findall(f"{ATOM}entry")[0]
    assert entry.find(f"{ATOM}updated").text.startswith(TODAY.isoformat())
    assert "feeds/programs.atom.xml" in two_versions.page("about/")


def test_changes_json_holds_each_change_and_the_removed_programs(two_versions):
    data = json.loads((two_versions.output / "changes.json").read_text(encoding="utf-8"))
    assert data["available"] is True
    assert data["version"] == TODAY.isoformat()
    # Typed, as the browser words them in the page's language (shared-link.js, format.js).
    assert data["changes"]["inpatient-coding"][0] == [TODAY.isoformat(), "cost", 3420, 3620]
    assert (data["types"]["cost"], data["types"]["duration"], data["choices"]["format"]["online"]) == (
        "money",
        "months",
        "Online",
    )
    assert data["removed"] == {"old-billing": [TODAY.isoformat(), "Billing Basics", "Oldtown Institute"]}
    assert f'data-data-version="{TODAY.isoformat()}"' in two_versions.page("compare/")


def test_a_build_without_git_history_still_builds_and_says_so(tmp_path):
    result = build(tmp_path, csv_text(AFTER, HEADER))
    assert result.returncode == 0, result.stderr
    assert "data history not available: the programs file is not in a git repository" in result.stderr
    assert "The history of the listings is not available in this copy of the site" in result.page("about/")
    data = json.loads((result.output / "changes.json").read_text(encoding="utf-8"))
    assert data["available"] is False


def test_a_shallow_clone_says_history_is_not_available(tmp_path):
    source = repo_with_versions(
        tmp_path / "source", [(EARLIER, csv_text(BEFORE, HEADER)), (TODAY, csv_text(AFTER, HEADER))]
    )
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source.parent}", "shallow")
    result = build(tmp_path, tmp_path / "shallow" / "programs.csv")
    assert result.returncode == 0, result.stderr
    assert "data history not available: the repository is a shallow clone" in result.stderr
    assert "Changes to this listing" not in result.page("programs/inpatient-coding/")


def test_pages_with_changes_are_valid_html(two_versions):
    pages = [two_versions.output / p / "index.html" for p in ("programs/inpatient-coding", "about", "compare", "match")]
    result = subprocess.run(
        [str(ROOT / "node_modules/.bin/html-validate"), "--config", str(ROOT / ".htmlvalidate.json"), *map(str, pages)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,  # the output is the assertion
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_newest_version_is_taken_from_the_build_when_the_file_is_as_committed(tmp_path):
    csv_path = repo_with_versions(
        tmp_path / "repo", [(EARLIER, csv_text(BEFORE, HEADER)), (TODAY, csv_text(AFTER, HEADER))]
    )
    loaded = programs_in(csv_path)
    loaded[0].cost_usd = 1.0  # a value the file does not hold: seen only if `current` is used
    found = history.load_history(str(csv_path), 24, None, current=loaded)
    assert [c.new for c in found.changes if c.field == "cost"] == [1]
    csv_path.write_text(csv_text(AFTER, HEADER) + "\n", encoding="utf-8")  # edited since the last commit
    found = history.load_history(str(csv_path), 24, None, current=loaded)
    assert [c.new for c in found.changes if c.field == "cost"] == [3620]


# ---- which versions: the branch's own line, renames, versions git cannot read ------------------


def cost_rows(*rows):
    """A programs file with one row per (id, cost)."""
    return csv_text([program(id=pid, name=pid.title(), cost_usd=cost) for pid, cost in rows], HEADER)


def described(found):
    return sorted((c.date, c.program_id, c.kind, c.field, c.old, c.new) for c in found.changes)


def days_ago(days):
    return TODAY - dt.timedelta(days=days)


def test_a_merge_is_one_version_and_a_side_branch_invents_no_change(tmp_path):
    repo = tmp_path / "repo"
    csv_path = repo_with_versions(repo, [(days_ago(30), cost_rows(("a", "200")))])
    git(repo, "checkout", "-q", "-b", "side")
    commit_version(repo, "programs.csv", cost_rows(("a", "100"), ("c", "5")), days_ago(20))
    git(repo, "checkout", "-q", "main")
    commit_version(repo, "programs.csv", cost_rows(("a", "200"), ("b", "5")), days_ago(25))
    # The maintainer keeps the branch's price and takes the side branch's new program.
    merge_version(repo, "side", "programs.csv", cost_rows(("a", "200"), ("b", "5"), ("c", "5")), days_ago(10))
    found = history.load_history(str(csv_path), 24, None)
    assert described(found) == [
        (days_ago(25), "b", "added", "", None, None),
        (days_ago(10), "c", "added", "", None, None),  # on the day the merge brought it, not the side commit's
    ]
    assert found.warnings == []


def test_the_history_follows_the_file_across_a_rename(tmp_path):
    repo = tmp_path / "repo"
    repo_with_versions(repo, [(days_ago(30), cost_rows(("a", "150"))), (days_ago(20), cost_rows(("a", "200")))])
    git(repo, "mv", "programs.csv", "listings.csv")
    git(repo, "commit", "-q", "-m", "Rename", date=days_ago(15))
    commit_version(repo, "listings.csv", cost_rows(("a", "300")), days_ago(5))
    found = history.load_history(str(repo / "listings.csv"), 24, None)
    assert [(c.date, c.old, c.new) for c in found.changes if c.field == "cost"] == [
        (days_ago(5), 200, 300),
        (days_ago(20), 150, 200),  # from before the rename
    ]
    assert found.warnings == []


def test_a_version_git_cannot_read_is_named_and_moves_no_change_to_another_date(tmp_path):
    repo = tmp_path / "repo"
    csv_path = repo_with_versions(
        repo,
        [
            (days_ago(30), cost_rows(("a", "100"), ("b", "1"))),
            (days_ago(20), cost_rows(("a", "200"), ("b", "1"))),
            (days_ago(10), cost_rows(("a", "200"), ("b", "2"))),
            (days_ago(5), cost_rows(("a", "200"), ("b", "3"))),
        ],
    )
    versions, _ = history.git_versions(str(csv_path), days_ago(60))
    lost = versions[1]  # the version of 20 days ago: its object is gone (a broken or partial clone)
    (repo / ".git" / "objects" / lost.blob[:2] / lost.blob[2:]).unlink()
    found = history.load_history(str(csv_path), 24, tmp_path / "cache")
    # Only the change between two readable versions is shown, on its own date.
    assert described(found) == [(days_ago(5), "b", "changed", "cost", 2, 3)]
    (warning,) = found.warnings
    assert warning.startswith(f"{csv_path}: data history: cannot read the version in commit {lost.commit[:12]}")
    assert f"no change is shown from {days_ago(30).isoformat()} to {days_ago(10).isoformat()}" in warning
    assert "\n" not in warning
    # Nothing about the lost version was cached: the next read (object still gone) says the same.
    assert history.load_history(str(csv_path), 24, tmp_path / "cache").warnings == [warning]


def test_a_merge_history_shows_on_the_page_and_in_the_feed_as_the_branch_had_it(tmp_path):
    repo = tmp_path / "data"
    csv_path = repo_with_versions(repo, [(days_ago(30), cost_rows(("a", "200")))])
    git(repo, "checkout", "-q", "-b", "side")
    commit_version(repo, "programs.csv", cost_rows(("a", "100"), ("c", "5")), days_ago(10))
    git(repo, "checkout", "-q", "main")
    commit_version(repo, "programs.csv", cost_rows(("a", "200"), ("b", "5")), days_ago(25))
    merge_version(repo, "side", "programs.csv", cost_rows(("a", "200"), ("b", "5"), ("c", "5")), days_ago(5))
    result = build(tmp_path, csv_path)
    assert result.returncode == 0, result.stderr
    assert "Changes to this listing" not in result.page("programs/a/")
    feed = (result.output / "feeds/programs.atom.xml").read_text(encoding="utf-8")
    assert "$100" not in feed and "C (Acme College) listed" in feed


def test_where_git_cannot_read_further_back_the_history_stops_and_says_where(tmp_path):
    repo = tmp_path / "repo"
    csv_path = repo_with_versions(
        repo,
        [
            (days_ago(30), cost_rows(("a", "100"))),
            (days_ago(20), cost_rows(("a", "200"))),
            (days_ago(10), cost_rows(("a", "300"))),
            (days_ago(5), cost_rows(("a", "400"))),
        ],
    )
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    (repo / ".git" / "objects" / first[:2] / first[2:]).unlink()  # the oldest commit is gone
    found = history.load_history(str(csv_path), 24, None)
    # git gives the newest versions, then fails: they are shown, the oldest one given is where it starts.
    assert described(found) == [(days_ago(5), "a", "changed", "cost", 300, 400)]
    (warning,) = found.warnings
    stop = git(repo, "rev-parse", "HEAD~1").strip()[:12]
    assert warning.startswith(f"{csv_path}: data history stops at commit {stop} ({days_ago(10).isoformat()})")
    assert warning.endswith("no earlier change is shown") and "\n" not in warning
    assert found.since == days_ago(10)  # a shared link from before then hears that changes are not recorded


def test_a_build_prints_the_version_it_could_not_read_and_shows_no_change_for_it(tmp_path):
    repo = tmp_path / "data"
    # Values no other test commits: the build's history cache is the project's, shared by every build,
    # and it would rightly answer for versions of the same content read before.
    csv_path = repo_with_versions(
        repo,
        [
            (days_ago(30), cost_rows(("a", "1251"))),
            (days_ago(20), cost_rows(("a", "1252"))),
            (days_ago(10), cost_rows(("a", "1253"))),
        ],
    )
    lost = git(repo, "rev-parse", "HEAD~1:programs.csv").strip()
    (repo / ".git" / "objects" / lost[:2] / lost[2:]).unlink()
    result = build(tmp_path, csv_path)
    assert result.returncode == 0, result.stderr
    commit = git(repo, "rev-parse", "HEAD~1").strip()[:12]
    assert f"{csv_path}: data history: cannot read the version in commit {commit}" in result.stderr
    assert "Changes to this listing" not in result.page("programs/a/")  # not $100 → $300 on the wrong day


def test_a_rename_git_does_not_see_is_named_where_the_history_starts(tmp_path):
    repo = tmp_path / "repo"
    repo_with_versions(repo, [(days_ago(30), cost_rows(("a", "150"))), (days_ago(20), cost_rows(("a", "200")))])
    # Renamed and rewritten in one commit: too different for git's rename detection.
    git(repo, "rm", "-q", "programs.csv")
    commit_version(repo, "listings.csv", cost_rows(*[(f"p{n}", str(n)) for n in range(1, 9)]), days_ago(15))
    commit_version(repo, "listings.csv", cost_rows(*[(f"p{n}", str(n + 1)) for n in range(1, 9)]), days_ago(5))
    found = history.load_history(str(repo / "listings.csv"), 24, None)
    (warning,) = found.warnings
    added = git(repo, "rev-parse", "HEAD~1").strip()[:12]
    assert (
        f"data history starts at commit {added} ({days_ago(15).isoformat()}), where listings.csv was added" in warning
    )
    assert "and programs.csv deleted" in warning
    assert (
        history.load_history(str(repo_with_versions(tmp_path / "plain", [(TODAY, cost_rows())])), 24, None).warnings
        == []
    )
