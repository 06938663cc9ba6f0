// A query typed in another language, in the words the search index holds. The data (and so the index)
// stays in its own language; data/search_words.<lang>.csv maps the field's words and phrases
// ("codificación" -> "coding", "en línea" -> "online"), shipped to the page in <lang>/messages.json.
// Pure: the page (browse.js) and the node tests (tests/js/query-words.test.mjs) share it.

// Lower case without accents, so "codificacion" typed on a phone finds "codificación"'s entry.
export function fold(text) {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

// {phrase: index words} -> {first folded word: [[folded words of the phrase], index words], …}, longest first.
export function prepareWords(words = {}) {
  const byFirst = new Map();
  for (const [phrase, target] of Object.entries(words)) {
    const parts = fold(phrase).match(WORD) || [];
    if (!parts.length) continue;
    if (!byFirst.has(parts[0])) byFirst.set(parts[0], []);
    byFirst.get(parts[0]).push([parts, target]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b[0].length - a[0].length);
  return byFirst;
}

// "Codificación en línea de Florida" -> "coding online florida": mapped phrases (longest first) become
// their index words, `stopWords` (a comma-separated list, the catalog's) are left out, and every other
// word stays as typed, so codes and names ("CPC", "Tampa") still search.
export function toIndexWords(query, prepared, stopWords = "") {
  if (!prepared || prepared.size === 0) return query;
  const stops = new Set(fold(stopWords).split(/\s*,\s*/).filter(Boolean));
  const typed = query.match(WORD) || [];
  const folded = typed.map(fold);
  const out = [];
  for (let i = 0; i < typed.length; ) {
    const candidates = prepared.get(folded[i]) || [];
    const hit = candidates.find(([parts]) => parts.every((part, k) => folded[i + k] === part));
    if (hit) {
      out.push(hit[1]);
      i += hit[0].length;
    } else {
      if (!stops.has(folded[i])) out.push(typed[i]);
      i += 1;
    }
  }
  return out.join(" ");
}

// The query as the student sees its parts: each mapped phrase one part ("en línea"), every other word
// its own. What a search that found nothing offers to leave out (drop-one.js), one part at a time.
export function typedParts(query, prepared) {
  const typed = query.match(WORD) || [];
  const folded = typed.map(fold);
  const out = [];
  for (let i = 0; i < typed.length; ) {
    const candidates = prepared?.get(folded[i]) || [];
    const hit = candidates.find(([parts]) => parts.every((part, k) => folded[i + k] === part));
    const length = hit ? hit[0].length : 1;
    out.push(typed.slice(i, i + length).join(" "));
    i += length;
  }
  return out;
}
