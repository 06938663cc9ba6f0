// Pins which programs a compare link shows (theme/static/js/compare-pick.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { LOOKUP_MAX, idsToLoad, pickPrograms } from "../../theme/static/js/compare-pick.js";

const found = (id) => ({ id, name: id.toUpperCase() });

test("unknown ids are skipped first, then the first `max` programs found are kept", () => {
  const requested = ["a", "b", "c", "no-such", "e", "f"];
  const results = { a: found("a"), b: found("b"), c: found("c"), "no-such": { id: "no-such", missing: true }, e: found("e"), f: found("f") };
  const picked = pickPrograms(requested, results, 4);
  assert.deepEqual(picked.programs.map((p) => p.id), ["a", "b", "c", "e"]);
  assert.deepEqual(picked.leftOut.map((p) => p.id), ["f"]);
  assert.deepEqual(picked.missing, ["no-such"]);
});

test("malformed ids are missing without a lookup, and a link's lookups are capped", () => {
  assert.deepEqual(idsToLoad(["a", "<b>", "c"]), ["a", "c"]);
  const many = Array.from({ length: LOOKUP_MAX + 3 }, (_, i) => `p${i}`);
  const picked = pickPrograms(["<b>", ...many], Object.fromEntries(many.map((id) => [id, found(id)])), 4);
  assert.deepEqual(picked.missing, ["<b>"]);
  assert.equal(picked.unchecked.length, 3);
  assert.equal(picked.programs.length, 4);
});
