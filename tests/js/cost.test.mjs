// cost.js picks the cost to get certified the rows carry (export.py: the amount, and when there is
// none, why, typed), and format.js words the pick: no English words come with the data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { certifyFor } from "../../theme/static/js/cost.js";
import { certifyText } from "../../theme/static/js/format.js";

const row = (usd, note = null, by = null) => ({ certify_usd: usd, certify_note: note, certify_by: by });
const worded = (program, codes) => certifyText(certifyFor(program, codes)[1]);

test("an amount is the value; an incomplete cost or no credential says why; nothing listed is null", () => {
  assert.deepEqual(certifyFor(row(3393)), [3393, 3393]);
  assert.equal(worded(row(3393)), "$3,393");
  assert.deepEqual(certifyFor(row(null, { known: 1050, fee_missing: true })), [null, { known: 1050, fee_missing: true }]);
  assert.equal(worded(row(null, { known: 1050, fee_missing: true })), "$1,050 + exam fee not listed");
  assert.equal(worded(row(null, { no_credential: true })), "No credential listed");
  assert.deepEqual(certifyFor(row(null)), [null, null]);
  assert.equal(worded(row(null)), null);
});

test("the visitor's credentials pick the lowest of theirs, with its own reason", () => {
  const program = row(2800, null, { AAA: [2800, null], BBB: [3200, null], CCC: [null, { known: 900, fee_missing: true }] });
  assert.equal(worded(program, ["BBB"]), "$3,200");
  assert.equal(worded(program, ["AAA", "BBB"]), "$2,800");
  assert.equal(worded(program, ["CCC"]), "$900 + exam fee not listed");
  assert.equal(worded(program, ["ZZZ"]), "$2,800");
});
