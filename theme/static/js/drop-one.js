// A search or filter that found nothing: the ways back, each the same view with one thing left out.
// Pure: the browse page (browse.js) asks the worker how many programs each would give and shows them
// as links; the node tests (tests/js/drop-one.test.mjs) pin the choices.

// The parts of a query as typed: its words, or (query-words.js typedParts) its words and phrases
// ("en línea" is one part). What the student can see and leave out one at a time.
export function typedWords(q) {
  return (q || "").split(/\s+/).filter(Boolean);
}

// Every view one step looser than `state` ({q, filters, sort}): each typed part left out, and each
// chosen filter value left out. A query of one part with no filter has no "one step" back but the
// empty list, which "Clear search and filters" already offers.
export function loosenings(state, words = typedWords(state.q)) {
  const out = [];
  if (words.length > 1 || Object.keys(state.filters).length) {
    words.forEach((word, i) => {
      const q = words.filter((_, k) => k !== i).join(" ");
      out.push({ kind: "word", word, state: { ...state, q, sort: q ? state.sort : "" } });
    });
  }
  for (const [name, value] of Object.entries(state.filters)) {
    for (const v of [].concat(value)) {
      const left = [].concat(value).filter((x) => x !== v);
      const filters = { ...state.filters };
      if (Array.isArray(value) && left.length) filters[name] = left;
      else delete filters[name];
      out.push({ kind: "filter", name, value: v, state: { ...state, filters } });
    }
  }
  return out;
}

// Words that find nothing even alone ("under", "3000" in "cpc online under 3000"): dropping them
// together is the likeliest way back, so it comes first when more than one such word is there.
// `aloneTotals[i]` is how many programs word i finds by itself, with no filter.
export function allUnknownWords(state, aloneTotals, words = typedWords(state.q)) {
  const unknown = words.filter((_, i) => aloneTotals[i] === 0);
  if (unknown.length < 2) return null;
  const q = words.filter((_, i) => aloneTotals[i] !== 0).join(" ");
  return { kind: "words", words: unknown, state: { ...state, q, sort: q ? state.sort : "" } };
}

// The links to offer: those that find something, most programs first (ties keep the query's order),
// with nothing offered twice.
export function waysBack(options, totals) {
  const seen = new Set();
  return options
    .map((option, i) => ({ ...option, total: totals[i] }))
    .filter((option) => option.total > 0)
    .sort((a, b) => b.total - a.total)
    .filter((option) => {
      const key = JSON.stringify([option.state.q, option.state.filters]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
