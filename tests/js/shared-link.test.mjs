// Pins the shared-link rules (theme/static/js/shared-link.js): asof, the note after "#", what changed since.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { NOTE_MAX, changesSince, keepShareState, noticeLines, printLink, qrPath, readShareState, shareLink, validDate } from "../../theme/static/js/shared-link.js";

const DATA = {
  available: true,
  version: "2026-11-29",
  since: "2024-11-29",
  labels: { cost: "Cost", format: "Format", duration: "Duration", certify: "Cost to get certified" },
  // Typed values (history.py FIELDS), worded by their type in the page's language (format.js).
  types: { cost: "money", format: "choice", duration: "months", certify: "certify" },
  choices: { format: { online: "Online", hybrid: "Hybrid" } },
  changes: {
    a: [
      ["2026-11-20", "cost", 3000, 3420],
      ["2026-11-26", "cost", 3420, 3500],
      ["2026-11-29", "cost", 3500, 3620],
      ["2026-11-29", "format", "online", "hybrid"],
    ],
    b: [
      ["2026-11-26", "cost", 100, 200],
      ["2026-11-28", "cost", 200, 100],
      ["2026-11-28", "duration", [4, 6], [4, 6]],
    ],
    typed: [
      ["2026-11-27", "duration", null, [4, 6]],
      ["2026-11-27", "certify", 1500, { known: 1200, fee_missing: true }],
    ],
  },
  removed: { gone: ["2026-11-27", "Billing Basics", "Oldtown"], older: ["2026-01-01", "Old One", "Past"] },
};
const ON_SCREEN = [
  { id: "a", name: "Inpatient Coding Specialist" },
  { id: "b", name: "Back Where It Was" },
];

describe("what changed since a link was shared", () => {
  test("each field goes from the value after asof to the latest one", () => {
    const since = changesSince(DATA, "2026-11-24", ON_SCREEN, ["gone"]);
    assert.deepEqual(
      since.changed.map((c) => [c.name, c.field, c.old, c.new]),
      [
        ["Inpatient Coding Specialist", "Cost", "$3,420", "$3,620"],
        ["Inpatient Coding Specialist", "Format", "Online", "Hybrid"],
      ],
    );
  });

  test("typed values are worded by their type: months, an incomplete cost, a value not listed", () => {
    const since = changesSince(DATA, "2026-11-24", [{ id: "typed", name: "T" }], []);
    assert.deepEqual(
      since.changed.map((c) => [c.field, c.old, c.new]),
      [
        ["Duration", "Not listed", "4–6 months"],
        ["Cost to get certified", "$1,500", "$1,200 + exam fee not listed"],
      ],
    );
  });

  test("a value that changed and changed back is not news", () => {
    assert.ok(!changesSince(DATA, "2026-11-24", ON_SCREEN, []).changed.some((c) => c.id === "b"));
  });

  test("removed programs are those on screen, or any removed since when the page cannot know", () => {
    assert.deepEqual(changesSince(DATA, "2026-11-24", ON_SCREEN, ["gone"]).removed.map((r) => r.id), ["gone"]);
    assert.deepEqual(changesSince(DATA, "2026-11-24", ON_SCREEN, []).removed, []);
    assert.deepEqual(changesSince(DATA, "2026-11-24", ON_SCREEN, null).removed.map((r) => r.id), ["gone"]);
  });

  test("the notice words the change with both prices", () => {
    const worded = noticeLines(changesSince(DATA, "2026-11-24", ON_SCREEN, ["gone"]), "comparison");
    assert.equal(worded.intro, "Since this comparison was shared on November 24, 2026:");
    assert.equal(worded.lines[0], "Inpatient Coding Specialist: cost $3,420, now $3,620");
    assert.equal(worded.lines.at(-1), "Billing Basics (Oldtown) is no longer listed (since November 27, 2026).");
  });

  test("the provider tells apart programs of the same name", () => {
    const since = changesSince(DATA, "2026-11-24", [{ id: "a", name: "Inpatient Coding Specialist", provider: "Ridgeview" }], []);
    assert.equal(noticeLines(since, "results").lines[0], "Inpatient Coding Specialist (Ridgeview): cost $3,420, now $3,620");
  });

  test("a current link, or none, has no notice", () => {
    assert.equal(noticeLines(changesSince(DATA, "2026-11-29", ON_SCREEN, ["gone"]), "comparison", DATA.version), null);
    assert.equal(noticeLines(changesSince(DATA, null, ON_SCREEN, []), "comparison", DATA.version), null);
  });

  test("an older link with nothing changed for its programs says so, never nothing", () => {
    const quiet = [{ id: "c", name: "Steady" }];
    const worded = noticeLines(changesSince(DATA, "2026-11-24", quiet, []), "comparison", DATA.version);
    // quiet: nothing to act on, so the page words it as one line.
    assert.deepEqual(worded, { intro: "Nothing has changed for these programs since this comparison was shared on November 24, 2026.", lines: [], quiet: true });
  });

  test("a link older than the history says the history does not reach back that far, and from when it does", () => {
    const words = "The data history does not reach back to January 1, 2024: it starts on November 29, 2024, so only changes since then are shown.";
    assert.equal(noticeLines(changesSince(DATA, "2024-01-01", ON_SCREEN, null), "results", DATA.version).lines.at(-1), words);
    // Even with nothing to list for the programs on screen.
    assert.deepEqual(noticeLines(changesSince(DATA, "2024-01-01", [{ id: "c", name: "Steady" }], []), "results", DATA.version).lines, [words]);
  });
});

describe("the link and its note", () => {
  test("asof must be a real calendar date", () => {
    assert.equal(validDate("2026-02-28"), "2026-02-28");
    assert.equal(validDate("2026-02-30"), null);
    assert.equal(validDate("<b>"), null);
  });

  test("the note is read from after # and cut at the limit", () => {
    const state = readShareState("?ids=a&asof=2026-11-24", `#by=Ms.+Lee&note=${"x".repeat(NOTE_MAX + 1)}`);
    assert.equal(state.asof, "2026-11-24");
    assert.equal(state.by, "Ms. Lee");
    assert.equal(state.note.length, NOTE_MAX);
    assert.equal(state.noteCut, true);
  });

  test("the shared link keeps the view's query as written and replaces an older asof", () => {
    const link = shareLink("https://x.org/compare/?ids=a,b&asof=2020-01-01", { version: "2026-11-29", by: "Ms. Lee", note: "a&b #1" });
    assert.equal(link, "https://x.org/compare/?ids=a,b&asof=2026-11-29#by=Ms.+Lee&note=a%26b+%231");
    assert.deepEqual(readShareState(new URL(link).search, new URL(link).hash).note, "a&b #1");
    assert.equal(printLink(link, "2026-11-29"), "https://x.org/compare/?ids=a,b&asof=2026-11-29");
  });

  test("a rewritten address keeps the link's asof and note", () => {
    assert.equal(keepShareState("?budget=4000", "https://x.org/match/?budget=5000", { asof: "2026-11-24", by: "", note: "hi" }), "/match/?budget=4000&asof=2026-11-24#note=hi");
  });

  test("the QR path draws one square per dark module", () => {
    assert.equal(qrPath(2, (row, col) => row === col), "M0 0h1v1h-1zM1 1h1v1h-1z");
  });
});
