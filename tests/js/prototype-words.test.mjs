// Every typed word and every data value is data: names every JavaScript object inherits
// ("constructor", "__proto__", "toString", "hasOwnProperty") search, fill and look up like any other
// word. The real search worker runs here in a sandbox of its own, over a small search/ written by hand.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import vm from "node:vm";

import { fill, t } from "../../theme/static/js/i18n.js";
import { changesSince } from "../../theme/static/js/shared-link.js";

const source = (path) => readFileSync(new URL(path, import.meta.url), "utf8");
const gaps = (positions) => "d" + Buffer.from(positions.map((p, i) => p - (i ? positions[i - 1] : -1))).toString("base64");

// Three programs; program 1's name holds the words objects inherit (as the index stores them, lower case).
const NAMES = ["Medical Coding", "Constructor Tostring Hasownproperty Proto", "Billing Online"];
const TERMS = { medic: [0], code: [0], constructor: [1], tostr: [1], hasownproperti: [1], proto: [1], bill: [2], onlin: [2] };
// One shard per first letter, as search_files.py splits a small index.
const SHARDS = [...new Set(Object.keys(TERMS).map((term) => term[0]))].sort();
const SEARCH = {
  "meta.json": { count: 3, fields: ["name"], boosts: [10], shards: SHARDS, word_lengths: [...new Set(Object.keys(TERMS).map((w) => w.length))],
    // The words a search reads as a filter (browser_fields.py TYPED), as the build writes them.
    typed: { param: "format", words: { online: "online", remote: "online" }, phrases: { "in person": "inperson" } } },
  "facets/format.json": { online: gaps([2]) },
  // Option values are data too; JSON.parse makes "__proto__" an own key, as the page's fetch does.
  "facets/accreditation.json": JSON.parse(`{"__proto__": "${gaps([0, 1])}", "constructor": "${gaps([1])}"}`),
};
SHARDS.forEach((key, n) => {
  const terms = Object.entries(TERMS).filter(([term]) => term.startsWith(key));
  SEARCH[`terms/${n}.json`] = Object.fromEntries(terms.map(([term, positions]) => [term, [[0, 1000, gaps(positions)]]]));
});
for (const length of SEARCH["meta.json"].word_lengths) SEARCH[`words/${length}.json`] = Object.keys(TERMS).filter((w) => w.length === length);

// The worker as the page runs it: importScripts, fetch and postMessage (a structured clone, as a
// browser's: a function in a message throws there, as it did for "constructor").
function startWorker() {
  const answers = [];
  const context = {
    URL,
    atob,
    console: { warn: (...args) => answers.push({ warning: args.map(String).join(" ") }), error: () => {} },
    structuredClone,
  };
  context.self = context;
  context.location = { href: "https://example.org/theme/js/search-worker.js" };
  context.postMessage = (message) => answers.push(structuredClone(message));
  context.importScripts = (path) =>
    vm.runInContext(path.includes("lunr") ? source("../../node_modules/lunr/lunr.js") : source(`../../theme/static/js/${path}`), context);
  context.fetch = async (url) => {
    const path = new URL(url).pathname.replace(/^\/search\//, "");
    const found = Object.hasOwn(SEARCH, path);
    return { ok: found, status: found ? 200 : 404, json: async () => structuredClone(SEARCH[path]) };
  };
  vm.createContext(context);
  vm.runInContext(source("../../theme/static/js/search-worker.js"), context);
  let seq = 0;
  const reply = async (asked, kind) => {
    for (let i = 0; i < 200 && !answers.some((a) => (a.seq === asked && a.kind === kind) || a.error || a.warning); i++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const answer = answers.find((a) => a.seq === asked && (a.kind === kind || a.error));
    assert.deepEqual(answers.filter((a) => a.warning), [], "the worker warned");
    assert.ok(answer && !answer.error, `an error: ${answer?.error}`);
    return answer;
  };
  const ask = async (q, options = { format: ["", "online"] }) => {
    const asked = ++seq;
    context.onmessage({ data: { seq: asked, q, filters: {}, sort: "name", shown: 10, options } });
    return reply(asked, "results");
  };
  ask.counts = async (options) => {
    await ask("", options);
    context.onmessage({ data: { seq, kind: "counts" } });
    return (await reply(seq, "counts")).counts;
  };
  return ask;
}

describe("the search worker", () => {
  const ask = startWorker();
  for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    test(`searching “${word}” finds the program whose name holds it, and nothing breaks`, async () => {
      const answer = await ask(word);
      assert.equal(answer.kind, "results");
      assert.equal(answer.unavailable, false);
      assert.deepEqual(answer.formats, []);
      assert.deepEqual(answer.shown.map((hit) => NAMES[hit[0]]), [NAMES[1]]);
    });
  }
  test("options named “__proto__” and “constructor” are counted like any other", async () => {
    const counts = await ask.counts({ accreditation: ["", "__proto__", "constructor"] });
    assert.deepEqual(Object.entries(counts.accreditation), [["", 3], ["__proto__", 2], ["constructor", 1]]);
  });
  test("a format word is still a filter", async () => {
    const answer = await ask("online constructor");
    assert.deepEqual(answer.formats, ["online"]);
    assert.equal(answer.total, 0); // program 1 is not online
  });
});

describe("data text worded and filled", () => {
  test("a value holding {constructor} or {toString} stays as written", () => {
    assert.equal(fill("Room {constructor} {toString}"), "Room {constructor} {toString}");
    assert.equal(t("Suite {hasOwnProperty}"), "Suite {hasOwnProperty}");
    assert.equal(fill("{name}", { name: "x" }), "x");
  });
});

describe("changes since a shared link", () => {
  const data = { available: true, since: null, labels: {}, changes: {}, removed: {} };
  test("a program whose id is “constructor” has no changes, and a missing one was not removed", () => {
    const since = changesSince(data, "2026-01-01", [{ id: "constructor", name: "C", provider: "P" }], ["constructor", "__proto__", "tostring"]);
    assert.deepEqual(JSON.parse(JSON.stringify(since.changed)), []);
    assert.deepEqual(JSON.parse(JSON.stringify(since.removed)), []);
  });
});
