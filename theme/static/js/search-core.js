// Pure search and filter rules over the files in search/ (docs/search-files.md): sets of programs as
// bitsets, lunr's scoring from the weights the build computed, filters and their counts. No fetching,
// no DOM: search-worker.js feeds it files, and tests/js/search-core.test.mjs runs it in node.
// A classic script (the worker loads it with importScripts next to lunr.min.js): it defines
// self.searchCore and nothing else.
self.searchCore = (() => {
  // ---- sets: a bitset of `size` bits in 32-bit words -----------------------------------------

  const words = (size) => new Uint32Array((size + 31) >>> 5);

  function base64Bytes(text) {
    const raw = atob(text);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  // The build's set text (plugins/programs_site/outputs/search_files.py, encode_set): "b" + a base64 bitset,
  // or "d" + base64 varint gaps between sorted positions.
  function decodeSet(text, size) {
    const set = words(size);
    const bytes = base64Bytes(text.slice(1));
    if (text[0] === "b") {
      for (let i = 0; i < bytes.length; i++) set[i >>> 2] |= bytes[i] << ((i & 3) * 8);
      return set;
    }
    let position = -1;
    let gap = 0;
    let shift = 0;
    for (const byte of bytes) {
      gap += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte & 0x80) continue;
      position += gap;
      set[position >>> 5] |= 1 << (position & 31);
      gap = 0;
      shift = 0;
    }
    return set;
  }

  function all(size) {
    const set = words(size);
    set.fill(0xffffffff);
    if (size & 31) set[set.length - 1] = (1 << (size & 31)) - 1;
    return set;
  }

  function and(a, b) {
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
    return out;
  }

  function or(a, b) {
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i] | b[i];
    return out;
  }

  function popcount32(n) {
    n -= (n >>> 1) & 0x55555555;
    n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
    return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }

  function count(set) {
    let n = 0;
    for (let i = 0; i < set.length; i++) if (set[i]) n += popcount32(set[i]);
    return n;
  }

  function countAnd(a, b) {
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      const w = a[i] & b[i];
      if (w) n += popcount32(w);
    }
    return n;
  }

  const has = (set, position) => (set[position >>> 5] >>> (position & 31)) & 1;

  // Positions in the set, ascending (the browse order, by name).
  function positions(set) {
    const out = [];
    for (let i = 0; i < set.length; i++) {
      let w = set[i];
      while (w) {
        const low = w & -w;
        out.push(i * 32 + 31 - Math.clz32(low));
        w ^= low;
      }
    }
    return out;
  }

  // ---- terms: which index words a typed word reaches ------------------------------------------

  // The shard that holds `term`: the longest shard key that begins it (search_files.py, shard_of).
  function shardOf(term, keys) {
    for (let end = term.length; end > 0; end--) {
      const i = keys.indexOf(term.slice(0, end));
      if (i >= 0) return i;
    }
    return -1;
  }

  // Every shard that can hold a word starting with `prefix`.
  function shardsForPrefix(prefix, keys) {
    const out = new Set();
    const home = shardOf(prefix, keys);
    if (home >= 0) out.add(home);
    keys.forEach((key, i) => key.startsWith(prefix) && out.add(i));
    return [...out];
  }

  // One insertion, deletion, substitution or swap of neighbours apart (or equal): lunr's editDistance 1.
  function withinOneEdit(a, b) {
    if (a === b) return true;
    const la = a.length;
    const lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    let i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // ---- lunr's scoring, from the weights the build computed -------------------------------------

  // A term's entry: [[field number, weight in thousandths, set text], ...]; decoded once.
  function termGroups(entry, size) {
    if (!entry.decoded) {
      entry.decoded = entry.map(([field, weight, text]) => ({ field, weight: weight / 1000, set: decodeSet(text, size) }));
      entry.union = entry.decoded.reduce((acc, group) => or(acc, group.set), words(size));
    }
    return entry.decoded;
  }

  // `clauses`: [{terms: [index words this clause reaches], boost}], `must`: [[index words], ...] of
  // which a result has at least one from each; `entries`: word -> its entry. As lunr.js's
  // Index.query scores: each field's score is the query vector (the clauses' boosts, summed per
  // word) dotted with the program's weights, over the query vector's length; a program's score is
  // the sum over fields.
  function score(clauses, must, entries, size) {
    const boosts = new Map();
    for (const clause of clauses) for (const term of clause.terms) boosts.set(term, (boosts.get(term) || 0) + clause.boost);
    let hits = null;
    for (const terms of must) {
      let union = words(size);
      for (const term of terms) {
        termGroups(entries[term], size);
        union = or(union, entries[term].union);
      }
      hits = hits ? and(hits, union) : union;
    }
    const scores = new Float64Array(size);
    let length = 0;
    for (const boost of boosts.values()) length += boost * boost;
    length = Math.sqrt(length);
    for (const [term, boost] of boosts) {
      for (const group of termGroups(entries[term], size)) {
        const add = (boost * group.weight) / length;
        const set = group.set;
        for (let i = 0; i < set.length; i++) {
          let w = set[i] & hits[i];
          while (w) {
            const low = w & -w;
            scores[i * 32 + 31 - Math.clz32(low)] += add;
            w ^= low;
          }
        }
      }
    }
    return { hits, scores, terms: [...boosts.keys()] };
  }

  // Which fields and words a program matched: the card's "also matches its …" and highlighting.
  function matched(position, terms, entries, fields) {
    const where = new Set();
    const found = [];
    for (const term of terms) {
      const groups = entries[term].decoded.filter((group) => has(group.set, position));
      if (groups.length) found.push(term);
      for (const group of groups) where.add(fields[group.field]);
    }
    return [[...where], found];
  }

  // ---- filters ---------------------------------------------------------------------------------

  // The cost to get certified for the chosen credentials, as cost.js's certifyFor picks it.
  function costs(file, codes) {
    const out = file.usd.slice();
    if (!codes.length) return out;
    for (const [position, byCode] of Object.entries(file.by)) {
      const options = codes.filter((code) => Object.hasOwn(byCode, code)).map((code) => byCode[code]);
      if (options.length) out[position] = options.reduce((best, v) => ((v ?? Infinity) < (best ?? Infinity) ? v : best));
    }
    return out;
  }

  function ceilingSet(values, limit, size) {
    const set = words(size);
    for (let i = 0; i < size; i++) if (values[i] !== null && values[i] <= limit) set[i >>> 5] |= 1 << (i & 31);
    return set;
  }

  // The set of one option; `file` is the filter's facet file (search/facets/<param>.json), `codes`
  // the chosen credentials. A filter's options are sets, except the two ceilings, which compare a
  // number (any other filter, built in or declared in data/fields.toml, works with no change here).
  function optionSet(name, value, file, codes, size) {
    if (name === "max_cost") return ceilingSet(costs(file, codes), Number(value), size);
    if (name === "max_duration") return ceilingSet(file.months, Number(value), size);
    return Object.hasOwn(file, value) ? decodeSet(file[value], size) : words(size);
  }

  // `base`: the programs the search leaves; `chosen`: {param: value or [values]}; `sets(name, value)`
  // gives an option's set. Returns the matches and, for each filter, the programs every *other*
  // filter leaves (what its options are counted against).
  function filter(base, chosen, sets) {
    const active = {};
    for (const [name, value] of Object.entries(chosen)) {
      active[name] = [].concat(value).map((v) => sets(name, v)).reduce(or);
    }
    let matches = base;
    for (const set of Object.values(active)) matches = and(matches, set);
    const others = (name) => Object.entries(active).reduce((acc, [other, set]) => (other === name ? acc : and(acc, set)), base);
    return { matches, others };
  }

  // {param: {value: count}}: how many programs each option would leave, the other filters kept;
  // "" (a menu's "any") counts what the other filters leave.
  function counts(others, options, sets) {
    const out = {};
    for (const [name, values] of Object.entries(options)) {
      const base = others(name);
      out[name] = Object.create(null); // option values are data: "__proto__" is a key like any other
      for (const value of values) out[name][value] = value === "" ? count(base) : countAnd(base, sets(name, value));
    }
    return out;
  }

  // The first `limit` positions of the set, sorted: by name (position order), by a number with
  // unknowns last, or by score, ties in position order. Only the first screen is sorted, so the
  // cost does not grow with the number of matches beyond one pass and a native numeric sort.
  function order(set, sort, numbers, scores, limit = Infinity) {
    // Scores rounded so that sums taken in another order than lunr's do not split a tie.
    const key = sort === "relevance" && scores ? (p) => -Math.round(scores[p] * 1e6) : numbers ? (p) => numbers[p] ?? Infinity : null;
    const list = positions(set);
    if (!key) return list.slice(0, limit);
    const keys = new Float64Array(list.length);
    for (let i = 0; i < list.length; i++) keys[i] = key(list[i]);
    let chosen = list;
    if (list.length > limit) {
      const cut = keys.slice().sort()[limit - 1]; // typed arrays sort numerically, natively
      chosen = list.filter((_, i) => keys[i] <= cut);
    }
    const keyOf = new Map(chosen.map((p) => [p, key(p)]));
    return chosen.sort((a, b) => keyOf.get(a) - keyOf.get(b) || a - b).slice(0, limit);
  }

  return {
    decodeSet, all, and, or, count, countAnd, has, positions,
    shardOf, shardsForPrefix, withinOneEdit, score, matched,
    costs, optionSet, filter, counts, order,
  };
})();
