// Pins the worker's pure rules (theme/static/js/search-core.js): reading the build's sets, one-typo
// matching as lunr's editDistance 1, lunr's scoring from weights, filters and their counts.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import vm from "node:vm";

// A classic script for the worker's importScripts: run it with a `self` of its own.
const context = { self: {}, atob };
vm.runInNewContext(readFileSync(new URL("../../theme/static/js/search-core.js", import.meta.url), "utf8"), context);
const core = context.self.searchCore;

// The build's encoding (plugins/programs_site/outputs/search_files.py, encode_set), written here by hand.
const gaps = (positions) => "d" + Buffer.from(positions.map((p, i) => p - (i ? positions[i - 1] : -1))).toString("base64");
const bits = (positions) => {
  const bytes = Buffer.alloc(Math.max(...positions) / 8 + 1);
  for (const p of positions) bytes[p >> 3] |= 1 << (p & 7);
  return "b" + bytes.toString("base64");
};
// Arrays and objects made in the script's own realm, as plain ones for deepEqual.
const plain = (value) => JSON.parse(JSON.stringify(value));
const members = (set) => plain(core.positions(set));

describe("sets", () => {
  test("both encodings read back to the same programs", () => {
    const positions = [0, 3, 31, 32, 33, 70];
    assert.deepEqual(members(core.decodeSet(gaps(positions), 80)), positions);
    assert.deepEqual(members(core.decodeSet(bits(positions), 80)), positions);
  });
  test("a gap of 128 or more takes two varint bytes", () => {
    const text = "d" + Buffer.from([5, 0x80 | 0x2c, 0x01]).toString("base64"); // 5, then 5 + 172
    assert.deepEqual(members(core.decodeSet(text, 200)), [4, 176]);
  });
  test("all() holds exactly the programs there are", () => {
    assert.equal(core.count(core.all(70)), 70);
    assert.equal(core.count(core.all(64)), 64);
  });
});

describe("one typo", () => {
  test("one insertion, deletion, substitution or swap of neighbours", () => {
    for (const near of ["billing", "biling", "billingg", "bulling", "bililng", "xilling", "illing"]) {
      assert.ok(core.withinOneEdit("billing", near), near);
    }
  });
  test("two edits, or a swap of letters apart, are too far", () => {
    for (const far of ["bilong", "bling", "gillinb", "billingss", "coding"]) assert.ok(!core.withinOneEdit("billing", far), far);
  });
});

describe("scoring as lunr.js's Index.query", () => {
  // Two words; "code" in programs 0 and 1 (name, weights 2 and 1), "coding" in program 1 (name, 3).
  const entries = () => ({
    code: [[0, 2000, gaps([0])], [0, 1000, gaps([1])]],
    coding: [[0, 3000, gaps([1])]],
  });
  test("a program must match every word; the score is the query vector dotted with its weights over the vector's length", () => {
    const clauses = [{ terms: ["code"], boost: 5 }, { terms: ["code", "coding"], boost: 1 }];
    const { hits, scores } = core.score(clauses, [["code", "coding"]], entries(), 3);
    assert.deepEqual(members(hits), [0, 1]);
    const length = Math.sqrt(6 * 6 + 1 * 1); // code: 5 + 1, coding: 1
    assert.ok(Math.abs(scores[0] - (6 * 2) / length) < 1e-12);
    assert.ok(Math.abs(scores[1] - (6 * 1 + 1 * 3) / length) < 1e-12);
    assert.deepEqual(plain(core.order(hits, "relevance", null, scores)), [0, 1]);
  });
  test("which fields and words a program matched", () => {
    const e = entries();
    core.score([{ terms: ["code", "coding"], boost: 1 }], [["code"]], e, 3);
    assert.deepEqual(plain(core.matched(1, ["code", "coding"], e, ["name"])), [["name"], ["code", "coding"]]);
  });
});

describe("order", () => {
  test("only the first screen is sorted: by number, unknowns last, ties by position", () => {
    const numbers = [5, null, 1, 5, 3, 1];
    assert.deepEqual(plain(core.order(core.all(6), "cost", numbers, null, 3)), [2, 5, 4]);
    assert.deepEqual(plain(core.order(core.all(6), "cost", numbers, null, 5)), [2, 5, 4, 0, 3]);
    assert.deepEqual(plain(core.order(core.all(6), "cost", numbers, null)), [2, 5, 4, 0, 3, 1]);
  });
  test("by name is position order", () => {
    assert.deepEqual(plain(core.order(core.all(40), "name", null, null, 3)), [0, 1, 2]);
  });
});

describe("filters and counts", () => {
  const files = { format: { online: gaps([0, 1, 2]), hybrid: gaps([3]) }, state: { TX: gaps([1, 3]) } };
  const sets = (name, value) => core.optionSet(name, value, files[name], [], 5);
  test("each option is counted with the other filters kept, never its own", () => {
    const { matches, others } = core.filter(core.all(5), { format: ["online"], state: "TX" }, sets);
    assert.deepEqual(members(matches), [1]);
    const counts = core.counts(others, { format: ["online", "hybrid"], state: ["", "TX"] }, sets);
    assert.deepEqual(plain(counts), { format: { online: 1, hybrid: 1 }, state: { "": 3, TX: 1 } });
  });
  test("the cost ceiling uses the chosen credential's cost where it differs", () => {
    const cost = { usd: [100, 500, null], by: { 1: { CPC: 200, CCS: 900 } } };
    assert.deepEqual(members(core.optionSet("max_cost", "300", cost, [], 3)), [0]);
    assert.deepEqual(members(core.optionSet("max_cost", "300", cost, ["CPC"], 3)), [0, 1]);
    assert.deepEqual(plain(core.order(core.all(3), "cost", core.costs(cost, ["CCS"]), null)), [0, 1, 2]);
  });
});
