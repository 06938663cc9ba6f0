// Pins format.js: the build's typed values worded as present.py words them (in node, in English).
import assert from "node:assert/strict";
import { test } from "node:test";

import { moneyText, monthsText, valueText } from "../../theme/static/js/format.js";

test("money is written as present.py's money_text: whole dollars, or cents when there are any", () => {
  assert.equal(moneyText(4850), "$4,850");
  assert.equal(moneyText(1234.5), "$1,234.50");
  assert.equal(moneyText(0), "$0");
});

test("months: one count or a range, counted by its high end", () => {
  assert.equal(monthsText([12, 12]), "12 months");
  assert.equal(monthsText([1, 1]), "1 month");
  assert.equal(monthsText([4, 6]), "4–6 months");
  assert.equal(monthsText([0.5, 1]), "0.5–1 month");
  assert.equal(monthsText([4.5, 4.5]), "4.5 months");
});

test("each type by the row's spec", () => {
  assert.equal(valueText(true, { type: "yes-no" }), "Yes");
  assert.equal(valueText(false, { type: "yes-no" }), "No");
  assert.equal(valueText("2026-09-14", { type: "date" }), "September 14, 2026");
  assert.equal(valueText(["ACCSC", "State approved"], { type: "list" }), "ACCSC, State approved");
  assert.equal(valueText(71, { type: "percent" }), "71%");
  assert.equal(valueText(15, { type: "number" }), "15");
  assert.equal(valueText("hybrid", { type: "choice", labels: { hybrid: "Hybrid" } }), "Hybrid");
  assert.equal(valueText("Columbus, OH", { type: "text" }), "Columbus, OH");
});

test("the cost to get certified: the amount, what is known of it, or no credential", () => {
  assert.equal(valueText(3699, { type: "certify" }), "$3,699");
  assert.equal(valueText({ known: 3000, fee_missing: true }, { type: "certify" }), "$3,000 + exam fee not listed");
  assert.equal(valueText({ no_credential: true }, { type: "certify" }), "No credential listed");
});

test("a value not listed is null (the page says Not listed); a suppressed figure is said, never 0", () => {
  for (const value of [null, undefined, "", []]) assert.equal(valueText(value, { type: "list" }), null);
  assert.equal(valueText("suppressed", { type: "money" }), "Suppressed (too few students to report)");
  assert.equal(valueText(0, { type: "money" }), "$0");
  assert.equal(valueText(false, { type: "yes-no" }), "No");
});
