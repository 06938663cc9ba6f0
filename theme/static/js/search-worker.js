// Search runs here, off the main thread, so typing stays smooth while lunr loads and queries
// an index of thousands of programs. Messages: {seq, q} in, {seq, words, fuzzy, hits} out.
// When a file fails, every question gets {seq, error} back, so the page can say so and go on filtering.
let libraryError = null;
try {
  importScripts("../vendor/lunr.min.js");
} catch (error) {
  libraryError = new Error(`search library: ${error.message}`);
}

const ready = libraryError
  ? Promise.reject(libraryError)
  : fetch(new URL("../../search-index.json", self.location.href))
      .then((response) => {
        if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
        return response.json();
      })
      .then(buildIndex);
ready.catch(() => {}); // answered per question in onmessage, not an unhandled rejection

// The build ships each program's words already processed by lunr.py (see search_index.py); lunr.js's
// Builder turns them into an index here, with no pipeline since the words need no more work.
function buildIndex({ fields, boosts, words, docs }) {
  const builder = new lunr.Builder();
  builder.ref("ref");
  fields.forEach((field, i) => builder.field(field, { boost: boosts[i] }));
  builder.tokenizer = (numbers) => numbers.map((n) => new lunr.Token(words[n], {}));
  docs.forEach((row, ref) => {
    const doc = { ref: String(ref) };
    fields.forEach((field, i) => (doc[field] = row[i]));
    builder.add(doc);
  });
  return builder.build();
}

// Delivery words are read as a format filter rather than searched: "cpc online" means CPC programs
// that are online, and leaving format out of the index keeps it a sixth smaller.
const FORMAT_WORDS = {
  online: "online", remote: "online", distance: "online",
  hybrid: "hybrid", blended: "hybrid",
  inperson: "in-person", onsite: "in-person", campus: "in-person", classroom: "in-person",
};

// Words as the index stores them: lower case, letters and digits, a hyphenated code joined
// ("CCS-P" -> "ccsp") exactly as plugins/programs_site/search_index.py joins it.
function words(query) {
  return query
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}-]+/u)
    .map((word) => word.replace(/-/g, ""))
    .filter((word) => word && lunr.stopWordFilter(new lunr.Token(word)) !== undefined);
}

const stem = (word) => lunr.stemmer(new lunr.Token(word)).toString();

// The query is built clause by clause from the words, never parsed from the raw text, so
// characters such as ':', '~', '^', '*' or '+' typed by a student cannot break it.
function exactOrPrefix(index, list) {
  const stems = list.map(stem);
  const hits = index.query((query) => {
    list.forEach((word, i) => {
      query.term(word, { usePipeline: false, boost: 5 });
      query.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      if (stems[i] !== word) query.term(stems[i], { usePipeline: false, boost: 2 });
    });
  });
  // lunr ORs clauses; a result must match every typed word (by prefix or by stem).
  return hits.filter((hit) => {
    const terms = Object.keys(hit.matchData.metadata);
    return list.every((word, i) => terms.some((term) => term.startsWith(word) || term === stems[i]));
  });
}

function oneTypoAway(index, list) {
  return index.query((query) => {
    list.forEach((word) => {
      const options = { usePipeline: false, presence: lunr.Query.presence.REQUIRED };
      if (word.length >= 4) options.editDistance = 1;
      else options.wildcard = lunr.Query.wildcard.TRAILING;
      query.term(word, options);
    });
  });
}

function withoutFormatWords(q) {
  const joined = q.replace(/\bin[\s-]+person\b/gi, "inperson").replace(/\bon[\s-]+campus\b/gi, "campus");
  return joined
    .split(/\s+/)
    .filter((word) => !(word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "") in FORMAT_WORDS))
    .join(" ")
    .trim();
}

function summarise(hit) {
  const fields = new Set();
  const terms = Object.keys(hit.matchData.metadata);
  for (const term of terms) for (const field of Object.keys(hit.matchData.metadata[term])) fields.add(field);
  return [Number(hit.ref), hit.score, [...fields], terms];
}

self.onmessage = async ({ data }) => {
  try {
    const index = await ready;
    const typed = words(data.q.replace(/\bin[\s-]+person\b/gi, "inperson").replace(/\bon[\s-]+campus\b/gi, "campus"));
    const formats = [...new Set(typed.filter((w) => w in FORMAT_WORDS).map((w) => FORMAT_WORDS[w]))];
    const list = typed.filter((w) => !(w in FORMAT_WORDS));
    let hits = list.length ? exactOrPrefix(index, list) : null; // null: every program (format words only)
    let fuzzy = false;
    if (list.length && hits.length === 0) {
      hits = oneTypoAway(index, list);
      fuzzy = hits.length > 0;
    }
    // The query without its format words: what the search becomes when that filter is removed.
    const rest = formats.length ? withoutFormatWords(data.q) : data.q;
    self.postMessage({ seq: data.seq, words: list, formats, rest, fuzzy, hits: hits && hits.map(summarise) });
  } catch (error) {
    self.postMessage({ seq: data.seq, error: String(error) });
  }
};
