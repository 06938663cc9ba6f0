// Which programs a compare link shows: pure, so the page (compare.js) and the node tests
// (tests/js/compare-pick.test.mjs) use the same rule. Unknown ids are skipped first, then the first
// `max` programs found are kept: a link naming a, b, c, no-such, e, f shows a, b, c and e (not a, b, c).

const ID_PATTERN = /^[a-z0-9-]+$/;

// How many ids of one link are looked up at most: a link is typed or pasted by a person, and every id
// costs a fetch. Past this, ids are neither fetched nor shown, and the notice says how many.
export const LOOKUP_MAX = 24;

/** The ids to fetch, in order: well formed, at most LOOKUP_MAX. */
export function idsToLoad(requested) {
  return requested.filter((id) => ID_PATTERN.test(id)).slice(0, LOOKUP_MAX);
}

/**
 * requested: the link's ids, in order; results: {id: a program's data, {missing: true} or {failed}} for
 * the ids fetched. Returns the programs to show, the ids not listed, those that failed to load, and
 * the programs found but left out for the limit (with the ids never looked up: `unchecked`).
 */
export function pickPrograms(requested, results, max) {
  const loaded = idsToLoad(requested);
  const missing = requested.filter((id) => !ID_PATTERN.test(id)).concat(loaded.filter((id) => results[id]?.missing));
  const failed = loaded.filter((id) => results[id]?.failed).map((id) => results[id]);
  const found = loaded.filter((id) => results[id] && !results[id].missing && !results[id].failed).map((id) => results[id]);
  const unchecked = requested.filter((id) => ID_PATTERN.test(id)).slice(LOOKUP_MAX);
  return { programs: found.slice(0, max), leftOut: found.slice(max), missing, failed, unchecked };
}
