// Search, filters, counts and sorting run here, off the main thread, over the files in search/
// (docs/search-files.md): a query fetches the term shards its words reach, a filter its facet file.
// Messages in: {seq, q, filters, sort, shown, options}. Out, per question:
// {seq, kind: "results", total, shown: [[position, fields, terms]], words, formats, rest, fuzzy,
// unavailable}, then {seq, kind: "counts", counts} once every filter's file is in (counts are never
// sent before they are exact), when the page asks {seq, kind: "counts"} after drawing the results;
// {seq, kind: "totals", views} asks only how many programs each view leaves (see totals below).
// A failed list file answers {seq, error}; a question replaced by a newer one before it started
// answers {seq, kind: "dropped"}.
importScripts("search-core.js");
const core = self.searchCore;

// lunr.js (its stemmer and stop words) is loaded for the first search, and again after a failure.
function loadLibrary() {
  if (typeof lunr !== "undefined") return;
  try {
    importScripts("../vendor/lunr.min.js");
  } catch (error) {
    throw new Error(`search library: ${error.message}`, { cause: error });
  }
}
const root = new URL("../../search/", self.location.href);

// A file is asked for once; a failure is forgotten so that the next question asks again.
const files = new Map();
function file(path) {
  if (!files.has(path)) {
    const request = fetch(new URL(path, root)).then((response) => {
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return response.json();
    });
    request.catch(() => files.delete(path));
    files.set(path, request);
  }
  return files.get(path);
}
const meta = () => file("meta.json");

// ---- the typed words -------------------------------------------------------------------------

// Delivery words are read as a filter rather than searched: "cpc online" means CPC programs that are
// online. The filter, its words and phrases come from the build (search/meta.json `typed`,
// browser_fields.py TYPED). A Map, not an object: a typed word is data, and "constructor" is no value.
let typedWords = null;
function typedFilter(info) {
  if (!typedWords) {
    const typed = info.typed ?? { param: "", words: {}, phrases: {} };
    const phrases = Object.entries(typed.phrases).map(([phrase, word]) => [new RegExp(`\\b${phrase.split(" ").join("[\\s-]+")}\\b`, "gi"), word]);
    typedWords = { param: typed.param, words: new Map(Object.entries(typed.words)), phrases };
  }
  return typedWords;
}

// Words as the index stores them: lower case, letters and digits, a hyphenated code joined
// ("CCS-P" -> "ccsp") exactly as plugins/programs_site/outputs/search_index.py joins it.
function words(query) {
  return query
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}-]+/u)
    .map((word) => word.replace(/-/g, ""))
    .filter((word) => word && lunr.stopWordFilter(new lunr.Token(word)) !== undefined);
}

const stem = (word) => lunr.stemmer(new lunr.Token(word)).toString();

const joinPhrases = (q, typed) => typed.phrases.reduce((text, [phrase, word]) => text.replace(phrase, word), q);

function withoutTypedWords(q, typed) {
  return joinPhrases(q, typed)
    .split(/\s+/)
    .filter((word) => !typed.words.has(word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "")))
    .join(" ")
    .trim();
}

// ---- index words, fetched by shard -------------------------------------------------------------

// word -> entry for every index word in the shards fetched so far.
const entries = Object.create(null);
const loadedShards = new Map();
function shard(n) {
  if (!loadedShards.has(n)) {
    const request = file(`terms/${n}.json`).then((terms) => Object.assign(entries, terms));
    request.catch(() => loadedShards.delete(n));
    loadedShards.set(n, request);
  }
  return loadedShards.get(n);
}

async function prefixTerms(prefix, keys) {
  await Promise.all(core.shardsForPrefix(prefix, keys).map(shard));
  return Object.keys(entries).filter((term) => term.startsWith(prefix));
}

async function exactTerm(term, keys) {
  const n = core.shardOf(term, keys);
  if (n >= 0) await shard(n);
  return term in entries ? [term] : [];
}

async function oneEditTerms(word, info) {
  const lengths = [word.length - 1, word.length, word.length + 1].filter((n) => info.word_lengths.includes(n));
  const lists = await Promise.all(lengths.map((n) => file(`words/${n}.json`)));
  const near = lists.flat().filter((term) => core.withinOneEdit(word, term));
  await Promise.all(near.map((term) => exactTerm(term, info.shards)));
  return near;
}

// The query as lunr's clauses, built from the words (never parsed from the raw text, so ':', '~',
// '^', '*' or '+' typed by a student cannot break it). A result matches every word, by prefix or
// by stem; when none does, one typo per word (4 letters or more) is allowed.
async function searchWords(list) {
  const info = await meta();
  const clauses = [];
  const must = [];
  for (const word of list) {
    const prefixed = await prefixTerms(word, info.shards);
    const stemmed = stem(word);
    const exact = prefixed.includes(word) ? [word] : [];
    const stems = stemmed !== word ? await exactTerm(stemmed, info.shards) : [];
    clauses.push({ terms: exact, boost: 5 }, { terms: prefixed, boost: 1 }, { terms: stems, boost: 2 });
    must.push([...new Set([...prefixed, ...stems])]);
  }
  const exact = core.score(clauses, must, entries, info.count);
  if (core.count(exact.hits)) return { ...exact, fuzzy: false };
  const typo = { clauses: [], must: [] };
  for (const word of list) {
    const near = word.length >= 4 ? await oneEditTerms(word, info) : await prefixTerms(word, info.shards);
    typo.clauses.push({ terms: near, boost: 1 });
    typo.must.push(near);
  }
  const fuzzy = core.score(typo.clauses, typo.must, entries, info.count);
  return { ...fuzzy, fuzzy: core.count(fuzzy.hits) > 0 };
}

let lastSearch = { q: null };
async function search(q) {
  if (lastSearch.q === q) return lastSearch;
  const filter = typedFilter(await meta());
  const typed = words(joinPhrases(q, filter));
  const formats = [...new Set(typed.filter((w) => filter.words.has(w)).map((w) => filter.words.get(w)))];
  const list = typed.filter((w) => !filter.words.has(w));
  // The query without its filter words: what the search becomes when that filter is removed.
  const rest = formats.length ? withoutTypedWords(q, filter) : q;
  const found = list.length ? await searchWords(list) : { hits: null, scores: null, terms: [], fuzzy: false };
  lastSearch = { q, words: list, formats, rest, ...found };
  return lastSearch;
}

// ---- filters -----------------------------------------------------------------------------------

const facet = (name) => file(`facets/${name}.json`);
const optionSets = new Map();
function setsFor(facets, codes, size) {
  const key = codes.join(",");
  return (name, value) => {
    const id = `${name}=${value}` + (name === "max_cost" ? `@${key}` : "");
    if (!optionSets.has(id)) optionSets.set(id, core.optionSet(name, value, facets[name], codes, size));
    return optionSets.get(id);
  };
}

async function facetFiles(names) {
  const loaded = await Promise.all(names.map(facet));
  return Object.fromEntries(names.map((name, i) => [name, loaded[i]]));
}

// ---- one question ---------------------------------------------------------------------------------

// The programs a query and filters leave, and what the answer needs to order and describe them.
async function matchesFor(q, filters, sort) {
  const info = await meta();
  const size = info.count;
  let found = null;
  let unavailable = false;
  if (q) {
    try {
      loadLibrary();
      found = await search(q);
    } catch (error) {
      console.warn("search:", error);
      unavailable = true; // the filters still work; the page says the words were not applied
    }
  }
  const codes = [].concat(filters.credential ?? []);
  const needed = new Set(Object.keys(filters));
  const param = typedFilter(info).param;
  if (found?.formats.length) needed.add(param);
  if (sort === "cost") needed.add("max_cost");
  if (sort === "duration") needed.add("max_duration");
  if (sort === "employment") needed.add("employment");
  const facets = await facetFiles([...needed]);
  const sets = setsFor(facets, codes, size);
  let base = found?.hits ?? core.all(size);
  if (found?.formats.length) base = core.and(base, found.formats.map((f) => sets(param, f)).reduce(core.or));
  const { matches } = core.filter(base, filters, sets);
  return { info, size, found, unavailable, codes, facets, base, matches };
}

async function answer({ seq, q, filters, sort, shown, options }) {
  const { info, size, found, unavailable, codes, facets, base, matches } = await matchesFor(q, filters, sort);
  let numbers = null;
  if (sort === "cost") numbers = core.costs(facets.max_cost, codes);
  if (sort === "duration") numbers = facets.max_duration.months;
  // Highest first; a rate not listed or suppressed (null) stays null and sorts last.
  if (sort === "employment") numbers = facets.employment.rates.map((rate) => (rate === null ? null : -rate));
  const first = core.order(matches, sort, numbers, found?.scores, shown).map((p) => (found?.hits ? [p, ...core.matched(p, found.terms, entries, info.fields)] : [p, [], []]));
  self.postMessage({
    seq,
    kind: "results",
    total: core.count(matches),
    shown: first,
    words: found?.words ?? [],
    terms: found?.fuzzy ? [...new Set(first.flatMap((hit) => hit[2]))] : [],
    formats: found?.formats ?? [],
    rest: found?.rest ?? q,
    fuzzy: found?.fuzzy ?? false,
    unavailable,
  });
  // Counts need every filter's file: the page asks for them once it has drawn these results, so
  // those files never compete with the results' own.
  countsFor = { seq, base, filters, codes, options, size };
}

let countsFor = null;
async function counts(seq) {
  const job = countsFor;
  if (!job || job.seq !== seq) return; // a newer question came in: its counts are the ones to show
  const every = await facetFiles(Object.keys(job.options));
  const sets = setsFor(every, job.codes, job.size);
  const { others } = core.filter(job.base, job.filters, sets);
  self.postMessage({ seq, kind: "counts", counts: core.counts(others, job.options, sets) });
}

// Questions are answered one at a time, newest first: one asked while another runs replaces any
// waiting one, so a fast typist never queues stale searches.
let running = null;
let waiting = null;
function next() {
  if (running || !waiting) return;
  const question = waiting;
  waiting = null;
  running = answer(question)
    .catch((error) => self.postMessage({ seq: question.seq, error: String(error) }))
    .finally(() => {
      running = null;
      next();
    });
}

// A view that found nothing: how many programs each looser view would give ({seq, kind: "totals",
// views: [{q, filters}]}), answered as {seq, kind: "totals", totals}.
async function totals({ seq, views }) {
  const out = [];
  for (const view of views) out.push(core.count((await matchesFor(view.q, view.filters, "name")).matches));
  self.postMessage({ seq, kind: "totals", totals: out });
}

self.onmessage = ({ data }) => {
  if (data.kind === "totals") {
    totals(data).catch((error) => self.postMessage({ seq: data.seq, kind: "totals", error: String(error) }));
    return;
  }
  if (data.kind === "counts") {
    counts(data.seq).catch((error) => self.postMessage({ seq: data.seq, error: String(error) }));
    return;
  }
  if (waiting) self.postMessage({ seq: waiting.seq, kind: "dropped" });
  waiting = data;
  next();
};
