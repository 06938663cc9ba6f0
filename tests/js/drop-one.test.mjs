// Pins the ways back from a search or filter that found nothing (theme/static/js/drop-one.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { allUnknownWords, loosenings, typedWords, waysBack } from "../../theme/static/js/drop-one.js";

const state = { q: "cpc online under 3000", filters: { format: ["online", "hybrid"], exam_prep: "yes" }, sort: "" };

test("each word and each filter value is left out once, the rest kept", () => {
  const views = loosenings(state).map((o) => o.state);
  assert.deepEqual(views.slice(0, 4).map((v) => v.q), ["online under 3000", "cpc under 3000", "cpc online 3000", "cpc online under"]);
  assert.deepEqual(views[4].filters, { format: ["hybrid"], exam_prep: "yes" });
  assert.deepEqual(views[5].filters, { format: ["online"], exam_prep: "yes" });
  assert.deepEqual(views[6].filters, { format: ["online", "hybrid"] });
  assert.equal(views.length, 7);
});

test("one word and no filter: nothing to leave out but everything", () => {
  assert.deepEqual(loosenings({ q: "zzz", filters: {}, sort: "" }), []);
});

test("leaving out the last word drops a best-match sort with it", () => {
  const [only] = loosenings({ q: "cpc", filters: { state: "TX" }, sort: "relevance" });
  assert.deepEqual(only.state, { q: "", filters: { state: "TX" }, sort: "" });
});

test("words that find nothing alone are offered together", () => {
  const unknown = allUnknownWords(state, [12, 30, 0, 0]);
  assert.deepEqual(unknown.words, ["under", "3000"]);
  assert.equal(unknown.state.q, "cpc online");
  assert.equal(allUnknownWords(state, [12, 30, 5, 0]), null);
});

test("only ways that find programs are offered, most first, none twice", () => {
  const options = [
    { kind: "word", word: "a", state: { q: "b", filters: {} } },
    { kind: "word", word: "b", state: { q: "a", filters: {} } },
    { kind: "words", words: ["b"], state: { q: "a", filters: {} } },
    { kind: "filter", name: "state", value: "TX", state: { q: "a b", filters: {} } },
  ];
  const offered = waysBack(options, [0, 3, 3, 9]);
  assert.deepEqual(offered.map((o) => [o.kind, o.total]), [["filter", 9], ["word", 3]]);
});

test("typed words are split on any space", () => {
  assert.deepEqual(typedWords("  cpc \t online "), ["cpc", "online"]);
  assert.deepEqual(typedWords(""), []);
});

test("a phrase is left out whole", () => {
  const parts = ["cpc", "en línea", "menos"];
  const views = loosenings({ q: "cpc en línea menos", filters: {}, sort: "" }, parts).map((o) => o.state.q);
  assert.deepEqual(views, ["en línea menos", "cpc menos", "cpc en línea"]);
  assert.equal(allUnknownWords({ q: "cpc en línea menos 3000", filters: {}, sort: "" }, [27, 30, 0, 0], [...parts, "3000"]).state.q, "cpc en línea");
});
