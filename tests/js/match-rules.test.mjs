// Pins the questionnaire's ranking rules (theme/static/js/match-rules.js) with small hand-made data sets.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  NO_ANSWERS,
  RULES,
  answersToParams,
  blockers,
  parseAnswers,
  rankPrograms,
  readMatchData,
  shortlist,
} from "../../theme/static/js/match-rules.js";

// The words match.json ships (plugins/programs_site/outputs/export.py LABELS), as the page gets them.
const LABELS = {
  format: { online: "Online", "in-person": "In-person", hybrid: "Hybrid" },
  pace: { "self-paced": "Self-paced", scheduled: "Scheduled" },
};

const SETTINGS = [
  { key: "clinics", label: "Clinics and offices", codes: ["AAA"] },
  { key: "hospitals", label: "Hospitals", codes: ["BBB", "CCC"] },
];

// The field spec's roles.match (plugins/programs_site/outputs/browser_fields.py ROLES; tests/test_browser_fields.py
// checks the build writes these): the column of each value the rules read, by the rules' word for it.
const ROLES = {
  codes: "credentials", delivery: "format", schedule: "pace", campusState: "state", months: "duration_months", prep: "exam_prep",
  voucher: "exam_voucher_included", federalAid: "financial_aid", militaryAid: "military_benefits", checked: "last_verified",
};
const WORDS = Object.fromEntries(Object.entries(ROLES).map(([word, column]) => [column, word]));

// A program with every value known, written by its columns and read by the rules through ROLES; tests
// override what they are about. Its cost to get certified is its cost (a voucher is included), as
// the build would ship it, unless a test gives one.
function program(id, overrides = {}) {
  const cost = overrides.cost_usd === undefined ? 3000 : overrides.cost_usd;
  return byWords({
    certify_usd: cost,
    certify_note: null, // the build's typed reason when there is no amount (export.certify_note)
    certify_by: null,
    id,
    name: `Program ${id}`,
    provider: "Provider",
    cost_usd: 3000,
    duration_months: 6,
    format: "online",
    pace: "self-paced",
    credentials: ["AAA"],
    exam_prep: true,
    exam_voucher_included: true,
    financial_aid: true,
    military_benefits: true,
    state: null,
    ...overrides,
  });
}

function byWords(record) {
  return Object.fromEntries(Object.entries(record).map(([column, value]) => [WORDS[column] ?? column, value]));
}

function answers(overrides = {}) {
  return { ...NO_ANSWERS, ...overrides };
}

function rank(programs, overrides, sort = "fit") {
  return rankPrograms(programs, answers(overrides), SETTINGS, LABELS, sort, ROLES);
}

function ids(ranked) {
  return ranked.map((match) => match.id);
}

function texts(reasons) {
  return reasons.map((reason) => reason.text);
}

describe("budget", () => {
  test("a program under the budget fits and says by how much it is", () => {
    const [match] = rank([program("a", { cost_usd: 3699 })], { budget: 4000 });
    assert.equal(match.meetsRequirements, true);
    assert.deepEqual(texts(match.fits), ["$3,699 to get certified, $301 under your $4,000 budget"]);
  });

  test("a program costing exactly the budget fits", () => {
    const [match] = rank([program("a", { cost_usd: 4000 })], { budget: 4000 });
    assert.deepEqual(texts(match.fits), ["$4,000 to get certified, exactly your $4,000 budget"]);
  });

  test("the budget is for getting certified: the exam fee counts, and says by how much it is over", () => {
    const [match] = rank([program("a", { cost_usd: 2994, certify_usd: 3393 })], { budget: 3000 });
    assert.equal(match.meetsRequirements, false);
    assert.deepEqual(texts(match.misses), ["$3,393 to get certified, $393 over your $3,000 budget"]);
  });

  test("the chosen work setting's credential decides the exam fee", () => {
    const both = program("both", { credentials: ["AAA", "BBB"], certify_usd: 2800, certify_by: { AAA: [2800, null], BBB: [3200, null] } });
    assert.equal(rank([both], { budget: 3000, work: "clinics" })[0].meetsRequirements, true);
    const [hospital] = rank([both], { budget: 3000, work: "hospitals" });
    assert.deepEqual(texts(hospital.misses), ["$3,200 to get certified, $200 over your $3,000 budget"]);
  });

  test("a program over the budget misses a must-have", () => {
    const [match] = rank([program("a", { cost_usd: 13450 })], { budget: 4000 });
    assert.equal(match.meetsRequirements, false);
    assert.deepEqual(texts(match.misses), ["$13,450 to get certified, $9,450 over your $4,000 budget"]);
  });

  test("further under budget ranks higher: the grade counts how far under it is", () => {
    const ranked = rank([program("dear", { cost_usd: 3900 }), program("cheap", { cost_usd: 100 })], { budget: 4000 });
    assert.deepEqual(ids(ranked), ["cheap", "dear"]);
    assert.ok(ranked[0].grade > ranked[1].grade);
  });

  test("a cost not listed is never within budget: it comes after every program known to fit", () => {
    const ranked = rank([program("unknown", { cost_usd: null }), program("dear", { cost_usd: 3999, exam_prep: false })], { budget: 4000, prep: true });
    assert.deepEqual(ids(ranked), ["dear", "unknown"]);
    assert.equal(ranked[1].knownToFit, false);
    assert.deepEqual(ranked[1].mustHavesNotListed, ["Cost to get certified: not listed"]);
    assert.deepEqual(shortlist(ranked), { fitCount: 1, unknownCount: 1, shown: ranked });
  });
});

describe("an incomplete cost", () => {
  // The build ships no amount for an incomplete cost (an exam fee not listed) or for a program that
  // lists no credential (plugins/programs_site/model/certify.py), only why, typed (export.certify_note).
  test("is never within budget, ranks after every program known to fit, and says why", () => {
    const partial = program("partial", { certify_usd: null, certify_note: { known: 1050, fee_missing: true }, exam_voucher_included: false });
    const none = program("none", { certify_usd: null, certify_note: { no_credential: true }, credentials: null });
    const ranked = rank([partial, none, program("dear", { cost_usd: 1499 })], { budget: 1500 }, "cost");
    assert.deepEqual(ids(ranked), ["dear", "none", "partial"]); // the two without a cost by name, as unknowns sort
    assert.deepEqual(shortlist(ranked).fitCount, 1);
    assert.deepEqual(texts(ranked[2].unknowns), ["Cost to get certified: $1,050 + exam fee not listed; not known to be within your $1,500 budget"]);
    assert.deepEqual(texts(ranked[1].unknowns), ["Cost to get certified: No credential listed; not known to be within your $1,500 budget"]);
  });
});

describe("format", () => {
  test("the asked-for format fits and others miss a must-have", () => {
    const ranked = rank([program("campus", { format: "in-person" }), program("web", { format: "online" })], { format: "online" });
    assert.deepEqual(ids(ranked), ["web", "campus"]);
    assert.deepEqual(texts(ranked[0].fits), ["Online, as you asked"]);
    assert.deepEqual(texts(ranked[1].misses), ["In-person, not online as you asked"]);
    assert.equal(ranked[1].meetsRequirements, false);
  });

  test("hybrid is its own answer: asking for in person does not accept hybrid", () => {
    const [match] = rank([program("mix", { format: "hybrid" })], { format: "in-person" });
    assert.deepEqual(texts(match.misses), ["Hybrid, not in-person as you asked"]);
  });
});

describe("duration", () => {
  test("a longer program is a preference missed, not a must-have", () => {
    const [match] = rank([program("long", { duration_months: 12 })], { months: 6 });
    assert.deepEqual(texts(match.misses), ["12 months, longer than the 6 you want"]);
    assert.equal(match.meetsRequirements, true);
  });

  test("a program finishing in time ranks above a longer one", () => {
    const ranked = rank([program("long", { duration_months: 12 }), program("short", { duration_months: 4 })], { months: 6 });
    assert.deepEqual(ids(ranked), ["short", "long"]);
    assert.deepEqual(texts(ranked[0].fits), ["4 months, within the 6 you want"]);
  });

  test("one month reads in the singular", () => {
    const [match] = rank([program("a", { duration_months: 1 })], { months: 3 });
    assert.deepEqual(texts(match.fits), ["1 month, within the 3 you want"]);
  });
});

describe("state", () => {
  test("a campus in your state fits; one elsewhere misses a must-have", () => {
    const ranked = rank(
      [program("far", { format: "in-person", state: "IL" }), program("near", { format: "hybrid", state: "OH" })],
      { state: "OH" },
    );
    assert.deepEqual(ids(ranked), ["near", "far"]);
    assert.deepEqual(texts(ranked[0].fits), ["Campus in OH, your state"]);
    assert.deepEqual(texts(ranked[1].misses), ["Campus in IL, not OH"]);
    assert.equal(ranked[1].meetsRequirements, false);
  });

  test("your state does not concern an online program, wherever its provider is", () => {
    const [match] = rank([program("web", { format: "online", state: "IL" })], { state: "OH" });
    assert.deepEqual([match.fits, match.misses, match.unknowns], [[], [], []]);
    assert.equal(match.meetsRequirements, true);
  });

  test("a campus program without a state is not listed, not a miss", () => {
    const [match] = rank([program("a", { format: "in-person", state: null })], { state: "OH" });
    assert.deepEqual(texts(match.unknowns), ["Campus location: not listed"]);
    assert.equal(match.meetsRequirements, true);
  });
});

describe("credential by work setting", () => {
  test("a program preparing for one of the setting's credentials fits", () => {
    const [match] = rank([program("a", { credentials: ["CCC", "AAA"] })], { work: "hospitals" });
    assert.deepEqual(texts(match.fits), ["Prepares for CCC, for hospitals"]);
  });

  test("a program preparing for other credentials misses a must-have and says which it does prepare for", () => {
    const [match] = rank([program("a", { credentials: ["AAA", "DDD"] })], { work: "hospitals" });
    assert.equal(match.meetsRequirements, false);
    assert.deepEqual(texts(match.misses), ["Prepares for AAA and DDD, not BBB or CCC for hospitals"]);
  });

  test("'not sure' and an unknown setting leave the credential out of the ranking", () => {
    for (const work of ["", "no-such-setting"]) {
      const [match] = rank([program("a", { credentials: ["DDD"] })], { work });
      assert.deepEqual(match.checks, []);
    }
  });

  test("the settings come from the data: any label and codes work", () => {
    const settings = [{ key: "ships", label: "Cruise ships", codes: ["SEA"] }];
    const [match] = rankPrograms([program("a", { credentials: ["SEA"] })], answers({ work: "ships" }), settings);
    assert.deepEqual(texts(match.fits), ["Prepares for SEA, for cruise ships"]);
  });
});

describe("unknown values", () => {
  const blank = program("blank", {
    cost_usd: null, certify_usd: null, duration_months: null, format: null, pace: null, credentials: null, exam_prep: null,
    exam_voucher_included: null, financial_aid: null, military_benefits: null, state: null,
  });
  const everything = {
    work: "clinics", budget: 4000, format: "in-person", pace: "scheduled", months: 6, prep: true, voucher: true, aid: "either", state: "OH",
  };

  test("count as neither a match nor a miss, and are shown as not listed", () => {
    const [match] = rank([blank], everything);
    assert.equal(match.score, 0);
    assert.equal(match.meetsRequirements, true);
    assert.deepEqual([match.fits, match.misses], [[], []]);
    assert.deepEqual(texts(match.unknowns), [
      "Credentials: not listed",
      "Cost to get certified: not listed",
      "Format: not listed",
      "Pace: not listed",
      "Length: not listed",
      "Exam prep: not listed",
      "Exam voucher: not listed",
      "Federal financial aid and military benefits: not listed",
      "Campus location: not listed",
    ]);
  });

  test("rank between a program that fits and one that misses", () => {
    const ranked = rank([program("miss", { exam_prep: false }), blank, program("fit", { exam_prep: true })], { prep: true });
    assert.deepEqual(ids(ranked), ["fit", "blank", "miss"]);
  });

  test("empty credentials in the data file are unknown, not 'prepares for none'", () => {
    const data = readMatchData({ keys: ["id", "credentials", "cost_usd"], programs: [["a", [], null]], work_settings: SETTINGS }, ROLES);
    assert.deepEqual(data.programs, [{ id: "a", codes: null, cost_usd: null }]); // each column under the rules' word for it
    assert.deepEqual(texts(rankPrograms(data.programs, answers({ work: "clinics" }), data.workSettings)[0].unknowns), ["Credentials: not listed"]);
  });
});

describe("help paying", () => {
  test("'either' fits when one of the two is accepted, and names it", () => {
    const [match] = rank([program("a", { financial_aid: false, military_benefits: true })], { aid: "either" });
    assert.deepEqual(texts(match.fits), ["Accepts military benefits"]);
  });

  test("'either' misses only when both are refused", () => {
    const [match] = rank([program("a", { financial_aid: false, military_benefits: false })], { aid: "either" });
    assert.deepEqual(texts(match.misses), ["Does not accept federal financial aid or military benefits"]);
    assert.equal(match.meetsRequirements, false);
  });

  test("'either' with one refused and one not listed is not listed", () => {
    const [match] = rank([program("a", { financial_aid: false, military_benefits: null })], { aid: "either" });
    assert.deepEqual(texts(match.unknowns), ["Military benefits: not listed (does not accept federal financial aid)"]);
  });

  test("asking for military benefits ignores federal aid", () => {
    const [match] = rank([program("a", { financial_aid: true, military_benefits: false })], { aid: "military" });
    assert.deepEqual(texts(match.misses), ["Does not accept military benefits"]);
  });
});

describe("preferences", () => {
  test("pace, exam prep and voucher are worded with their values", () => {
    const [match] = rank([program("a", { pace: "scheduled", exam_prep: true, exam_voucher_included: false })], {
      pace: "self-paced", prep: true, voucher: true,
    });
    assert.deepEqual(texts(match.fits), ["Exam prep included"]);
    assert.deepEqual(texts(match.misses), ["Scheduled, not self-paced as you prefer", "Exam voucher not included"]);
    assert.equal(match.meetsRequirements, true);
  });

  test("every rule's weight counts: a fit adds it, a miss takes it away", () => {
    const [match] = rank([program("a", { cost_usd: 9000, duration_months: 3 })], { budget: 4000, months: 6 });
    assert.equal(match.score, RULES.months.weight - RULES.budget.weight);
  });
});

describe("tie order", () => {
  test("the file's order never decides: equal fits go by cost to get certified, then name", () => {
    const programs = [program("c"), program("a"), program("b", { cost_usd: 2000, exam_prep: null }), program("d")];
    assert.deepEqual(ids(rank(programs, { format: "online" })), ["b", "a", "c", "d"]);
    assert.deepEqual(ids(rank([...programs].reverse(), { format: "online" })), ["b", "a", "c", "d"]);
  });

  test("with no answers programs go cheapest to get certified first, then by name", () => {
    const programs = [program("z"), program("y", { cost_usd: 100 }), program("x")];
    assert.deepEqual(ids(rank(programs, {})), ["y", "x", "z"]);
    assert.equal(shortlist(rank(programs, {})).fitCount, 3);
  });
});

describe("graded fit", () => {
  test("among programs meeting every must-have: nice-to-haves, then time and money to spare", () => {
    const ranked = rank(
      [
        program("no-prep", { exam_prep: false, cost_usd: 500 }),
        program("prep-long", { duration_months: 6, cost_usd: 2900 }),
        program("prep-short", { duration_months: 2, cost_usd: 2900 }),
      ],
      { budget: 3000, months: 6, prep: true },
    );
    assert.deepEqual(ids(ranked), ["prep-short", "prep-long", "no-prep"]);
  });

  test("sorting by cost or by length keeps programs meeting every must-have first", () => {
    const programs = [
      program("over", { cost_usd: 9000, duration_months: 1 }),
      program("long", { cost_usd: 1000, duration_months: 12 }),
      program("short", { cost_usd: 2000, duration_months: 3 }),
    ];
    assert.deepEqual(ids(rank(programs, { budget: 3000 }, "cost")), ["long", "short", "over"]);
    assert.deepEqual(ids(rank(programs, { budget: 3000 }, "duration")), ["short", "long", "over"]);
  });
});

describe("no-fit fallback", () => {
  test("only programs meeting every must-have are listed when there are some", () => {
    const ranked = rank([program("over", { cost_usd: 9000 }), program("under", { cost_usd: 1000 })], { budget: 4000 });
    const { fitCount, shown } = shortlist(ranked);
    assert.equal(fitCount, 1);
    assert.deepEqual(ids(shown), ["under"]);
  });

  test("when nothing fits, every program is listed, fewest must-haves missed first, with what it misses", () => {
    const ranked = rank(
      [
        program("two-misses", { cost_usd: 9000, format: "in-person" }),
        program("one-miss-bigger-score", { cost_usd: 9000, duration_months: 3 }),
        program("one-miss", { cost_usd: 9000, duration_months: 12 }),
      ],
      { budget: 4000, format: "online", months: 6 },
    );
    const { fitCount, shown } = shortlist(ranked);
    assert.equal(fitCount, 0);
    assert.deepEqual(ids(shown), ["one-miss-bigger-score", "one-miss", "two-misses"]);
    assert.deepEqual(texts(shown[2].misses), ["$9,000 to get certified, $5,000 over your $4,000 budget", "In-person, not online as you asked"]);
    assert.ok(shown[2].misses.every((reason) => reason.required));
  });

  test("no programs at all is an empty list, not an error", () => {
    assert.deepEqual(shortlist(rank([], { budget: 4000 })), { fitCount: 0, unknownCount: 0, shown: [] });
  });

  test("when nothing fits, the closest in-person programs are in the student's state", () => {
    const ranked = rank(
      [
        program("far-no-cost", { format: "in-person", state: "CA", cost_usd: null }),
        program("far-cheap", { format: "in-person", state: "CA", cost_usd: 1000 }),
        program("near-dear", { format: "in-person", state: "TX", cost_usd: 9000 }),
      ],
      { format: "in-person", state: "TX", budget: 3000 },
    );
    // Each misses one must-have; a campus in another state is a move, a higher price is not.
    assert.deepEqual(ids(shortlist(ranked).shown), ["near-dear", "far-cheap", "far-no-cost"]);
  });

  test("nothing fits: the answer that rules out the most programs is named first", () => {
    const ranked = rank(
      [program("a", { cost_usd: 9000 }), program("b", { cost_usd: 9000, format: "hybrid" }), program("c", { format: "hybrid", cost_usd: 8000 })],
      { budget: 3000, format: "online" },
    );
    assert.deepEqual(blockers(ranked).map((b) => [b.rule, b.count, b.name]), [["budget", 3, "your budget"], ["format", 2, "how you want to study"]]);
  });
});

describe("answers in the URL", () => {
  test("a full set of answers survives the round trip", () => {
    const given = { work: "hospitals", budget: 4000, format: "hybrid", pace: "scheduled", months: 9, prep: true, voucher: true, aid: "military", state: "TX" };
    Object.assign(given, { gi: 70, pell: true, wioa: 1500, employer: 2000 }); // the aid the student expects (aid-rules.js)
    const params = answersToParams(given);
    assert.equal(params.toString(), "work=hospitals&budget=4000&format=hybrid&pace=scheduled&months=9&prep=yes&voucher=yes&aid=military&state=TX&gi=70&pell=1&wioa=1500&employer=2000");
    assert.deepEqual(parseAnswers(new URLSearchParams(params.toString()), SETTINGS), given);
  });

  test("unanswered questions stay out of the URL", () => {
    assert.equal(answersToParams(answers({ budget: 2500 })).toString(), "budget=2500");
    assert.equal(answersToParams(NO_ANSWERS).toString(), "");
  });

  test("values are read forgivingly: case, dollar signs, commas", () => {
    const parsed = parseAnswers(new URLSearchParams("budget=%244%2C000&format=Online&state=oh&prep=Y"));
    assert.deepEqual(parsed, answers({ budget: 4000, format: "online", state: "OH", prep: true }));
  });

  test("unreadable values count as not answered", () => {
    const parsed = parseAnswers(
      new URLSearchParams("work=nowhere&budget=abc&format=by-post&pace=fast&months=-3&prep=maybe&aid=lottery&state=Ohio"),
      SETTINGS,
    );
    assert.deepEqual(parsed, NO_ANSWERS);
  });
});
