// Pins the aid estimate's rules (theme/static/js/aid-rules.js) with the examples and the unknown cases.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { answerParams, estimate, programFromRecord, readAnswers, writeAnswers } from "../../theme/static/js/aid-rules.js";
import { NO_ANSWERS, answersToParams, columnsFor, parseAnswers, rankPrograms } from "../../theme/static/js/match-rules.js";

// The figures as the build ships them: read from the sample data/aid.toml through a build would need
// Python; these are the 2026-27 values, and one test checks they are the file's.
const RATES = {
  pell_max_award: { value: 7395, from: "2026-07-01", source: "https://studentaid.gov/", about: false },
  pell_year_clock_hours: { value: 900, from: "2025-07-01", source: "https://fsapartners.ed.gov/", about: false },
  gi_tuition_cap: { value: 30908.34, from: "2026-08-01", source: "https://www.va.gov/", about: true },
  gi_exam_fee_max: { value: 2000, from: "2025-07-01", source: "https://www.va.gov/", about: false },
  employer_tax_free: { value: 5250, from: "2025-01-01", source: "https://www.irs.gov/", about: false },
};

// Tuition $3,000 and the CPC exam's $399: $3,399 to get certified.
function program(overrides = {}) {
  return {
    certifyUsd: 3399,
    costUsd: 3000,
    tuitionFees: 3000,
    examFee: 399,
    feeMissing: false,
    clockHours: 300,
    giBill: null,
    pellEligible: null,
    workforcePell: null,
    wioa: null,
    ...overrides,
  };
}
const answers = (query) => readAnswers(new URLSearchParams(query));

describe("the issue's examples", () => {
  test("GI-Bill-approved, gi=100: $0", () => {
    const result = estimate(program({ giBill: true }), answers("gi=100"), RATES);
    assert.equal(result.pay, 0);
    assert.deepEqual(result.steps.map((s) => [s.aid, s.amount]), [["gi", 3000], ["gi_exam", 399]]);
  });
  test("not approved: $3,399, said, with the exam-fee note", () => {
    const result = estimate(program({ giBill: false }), answers("gi=100"), RATES);
    assert.equal(result.pay, 3399);
    assert.deepEqual(result.notes.map((n) => [n.aid, n.status]), [["gi", "not_eligible"], ["gi_exam", "exam_may_apply"]]);
  });
  test("employer=2000 instead: $1,399", () => {
    assert.equal(estimate(program(), answers("employer=2000"), RATES).pay, 1399);
  });
  test("300 clock hours, Pell-eligible, pell=1: up to $2,465", () => {
    const result = estimate(program({ pellEligible: true }), answers("pell=1"), RATES);
    const [pell] = result.steps;
    assert.deepEqual([pell.aid, pell.amount, pell.upTo], ["pell", 2465, true]);
    assert.equal(result.pay, 3399 - 2465);
  });
});

describe("an aid after everything is paid", () => {
  test("is a step that says so, not a subtraction of $0", () => {
    const result = estimate(program({ giBill: true, pellEligible: true, wioa: true }), answers("gi=100&pell=1&wioa=500"), RATES);
    assert.equal(result.pay, 0);
    assert.deepEqual(
      result.steps.map((s) => [s.aid, s.amount, s.nothingLeft]),
      [["gi", 3000, false], ["gi_exam", 399, false], ["pell", 0, true], ["wioa", 0, true]],
    );
  });
  test("a Pell award larger than what is left counts only what is left", () => {
    const [, pell] = estimate(program({ pellEligible: true }), answers("employer=2000&pell=1"), RATES).steps;
    assert.deepEqual([pell.amount, pell.detail.award, pell.nothingLeft], [1399, 2465, false]);
  });
});

describe("never assumed", () => {
  test("unknown approval is said and nothing is subtracted", () => {
    const result = estimate(program(), answers("gi=100&pell=1&wioa=1000"), RATES);
    assert.equal(result.pay, 3399);
    assert.deepEqual(result.notes.map((n) => [n.aid, n.status]), [
      ["gi", "unknown"],
      ["gi_exam", "exam_may_apply"],
      ["pell", "unknown"],
      ["wioa", "unknown"],
    ]);
  });
  test("an unknown cost has no estimate, never 0", () => {
    const result = estimate(program({ certifyUsd: null, costUsd: null }), answers("gi=100"), RATES);
    assert.equal(result.pay, null);
  });
  test("Workforce Pell approval counts for Pell; pending is said", () => {
    assert.equal(estimate(program({ workforcePell: "approved" }), answers("pell=1"), RATES).steps[0].amount, 2465);
    assert.equal(estimate(program({ workforcePell: "pending" }), answers("pell=1"), RATES).notes[0].status, "pending");
  });
  test("Pell without clock hours says so", () => {
    const result = estimate(program({ pellEligible: true, clockHours: null }), answers("pell=1"), RATES);
    assert.deepEqual([result.notes[0].status, result.pay], ["no_hours", 3399]);
  });
  test("a figure missing from aid.json is said, not guessed", () => {
    const result = estimate(program({ giBill: true }), answers("gi=100"), { ...RATES, gi_tuition_cap: undefined });
    assert.deepEqual([result.notes[0].status, result.pay], ["no_rate", 3399]);
  });
});

describe("amounts", () => {
  test("the GI Bill pays tuition net of employer aid, times the level, up to the cap", () => {
    const big = program({ certifyUsd: 40399, costUsd: 40000, tuitionFees: 40000, giBill: true });
    const result = estimate(big, answers("gi=60&employer=1000"), RATES);
    assert.deepEqual(result.steps.map((s) => s.amount), [1000, 18545, 399]); // 30,908.34 × 60% = 18,545.004
    assert.equal(result.pay, 40399 - 1000 - 18545 - 399);
  });
  test("no step pays more than is left; WIOA comes after Pell", () => {
    const result = estimate(program({ pellEligible: true, wioa: true }), answers("pell=1&wioa=5000"), RATES);
    assert.deepEqual(result.steps.map((s) => [s.aid, s.amount]), [["pell", 2465], ["wioa", 934]]);
    assert.equal(result.pay, 0);
  });
  test("employer aid over the tax-free line is noted", () => {
    const result = estimate(program({ certifyUsd: 9000 }), answers("employer=6000"), RATES);
    assert.deepEqual(result.notes, [{ aid: "employer", status: "over_tax_free", rate: "employer_tax_free" }]);
  });
});

describe("answers in the address", () => {
  test("read, checked and written back in one order", () => {
    assert.deepEqual(answers("employer=2000&gi=70&pell=1&wioa=abc"), { gi: 70, pell: true, wioa: null, employer: 2000 });
    assert.deepEqual(answers("gi=30&pell=no&employer=-5"), { gi: null, pell: false, wioa: null, employer: null });
    assert.equal(answers("pell=yes").pell, true); // the questionnaire's tick box
    assert.deepEqual(answerParams(answers("employer=2000&gi=70&pell=1")), [["gi", "70"], ["pell", "1"], ["employer", "2000"]]);
    const params = writeAnswers(new URLSearchParams("ids=a,b&gi=50"), { gi: null, pell: true, wioa: null, employer: null });
    assert.equal(params.toString(), "ids=a%2Cb&pell=1");
  });
});

test("the rates above are the sample aid.toml's 2026-27 values", () => {
  const toml = readFileSync(new URL("../../data/aid.toml", import.meta.url), "utf8");
  for (const value of ["7395", "900", "30908.34", "2000", "5250"]) assert.match(toml, new RegExp(`value = ${value.replace(".", "\\.")}\\n`));
});

// The field spec's roles.aid (plugins/programs_site/outputs/browser_fields.py ROLES; tests/test_browser_fields.py
// checks the build writes these).
const ROLES = {
  certifyUsd: "cost_to_certify_usd", costUsd: "cost_usd", tuition: "cost_tuition", fees: "cost_fees", clockHours: "clock_hours",
  giBill: "gi_bill", pellEligible: "pell_eligible", workforcePell: "workforce_pell", wioa: "etpl",
};

test("a program's data.json record gives the estimate's values, each column named by the spec's roles (the compare page)", () => {
  const record = {
    cost_to_certify_usd: 3399, cost_usd: 3000, cost_tuition: 2800, cost_fees: 100, cost_books: 100, clock_hours: 300,
    gi_bill: true, pell_eligible: null, workforce_pell: "pending", etpl: false, display: { cost_to_certify_usd: 3399 },
  };
  assert.deepEqual(programFromRecord(record, ROLES), {
    certifyUsd: 3399, costUsd: 3000, tuitionFees: 2900, examFee: 399, feeMissing: false, clockHours: 300,
    giBill: true, pellEligible: null, workforcePell: "pending", wioa: false,
  });
  const unknown = programFromRecord({ cost_to_certify_usd: null, cost_usd: 3000, display: { cost_to_certify_usd: { known: 3000, fee_missing: true } } }, ROLES);
  assert.deepEqual([unknown.tuitionFees, unknown.examFee, unknown.feeMissing, unknown.giBill], [null, null, true, null]);
  assert.equal(estimate(programFromRecord(record, ROLES), answers("gi=100"), RATES).pay, 100); // the books are left
  // Another column for a role is read from there, with no change to the rules.
  assert.equal(programFromRecord({ hours: 450 }, { ...ROLES, clockHours: "hours" }).clockHours, 450);
});

describe("the questionnaire: the budget meets the estimate when aid answers are given", () => {
  // match.json's cost to get certified and the "aid" column (match_files.py): cost, tuition and fees, hours, gi_bill, pell, workforce pell, etpl.
  const programs = [
    { id: "approved", name: "A", number: 0, name_order: 0, certify_usd: 3399, certify_by: null, aid: [3000, 3000, 300, true, true, null, true] },
    { id: "unlisted", name: "B", number: 1, name_order: 1, certify_usd: 3399, certify_by: null, aid: null },
  ];
  const ask = (query) => ({ ...parseAnswers(new URLSearchParams(query)), aidRates: RATES });
  const fits = (match) => match.fits.map((reason) => reason.text);
  const misses = (match) => match.misses.map((reason) => reason.text);

  test("gi=100 with a $500 budget: the approved program fits at $0, the unlisted one does not", () => {
    const [first, second] = rankPrograms(programs, ask("budget=500&gi=100"));
    assert.equal(first.id, "approved");
    assert.deepEqual(fits(first), ["$3,399 to get certified, about $0 after the aid you expect: $500 under your $500 budget"]);
    assert.deepEqual(misses(second), ["$3,399 to get certified, about $3,399 after the aid you expect: $2,899 over your $500 budget"]);
  });

  test("with aid answers the money to spare is what the student would pay, so it orders the fits as the cards say", () => {
    const cheap = { ...programs[1], id: "cheap", name: "C", number: 2, name_order: 2, certify_usd: 1299 };
    const ranked = rankPrograms([cheap, programs[0]], ask("budget=1500&gi=100"));
    assert.deepEqual(ranked.map((m) => [m.id, m.meetsRequirements]), [["approved", true], ["cheap", true]]);
    assert.deepEqual(fits(ranked[0]), ["$3,399 to get certified, about $0 after the aid you expect: $1,500 under your $1,500 budget"]);
  });

  test("employer aid counts for every program; without the figures the budget meets the full cost", () => {
    const ranked = rankPrograms(programs, ask("budget=1500&employer=2000"));
    assert.deepEqual(ranked.map((m) => m.meetsRequirements), [true, true]);
    const without = rankPrograms(programs, { ...ask("budget=1500&employer=2000"), aidRates: null });
    assert.deepEqual(without.map((m) => m.meetsRequirements), [false, false]);
  });

  test("the answers go in the link, the aid column is fetched only with a budget and an aid answer", () => {
    const answers = parseAnswers(new URLSearchParams("budget=500&pell=yes&gi=70"));
    assert.equal(answersToParams(answers).toString(), "budget=500&gi=70&pell=1");
    assert.ok(columnsFor(answers).includes("aid"));
    assert.ok(!columnsFor({ ...NO_ANSWERS, gi: 100 }).includes("aid"));
  });
});
