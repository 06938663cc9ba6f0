// The browse page: search as you type, filters with live counts, sorting, all kept in the URL.
// Without this module the page is a plain paginated list, which is the no-JavaScript experience.
import { el, fetchJSON, loadFailure, siteRoot, siteUrl, NOT_LISTED } from "./common.js";
import { rowsToObjects } from "./compact.js";

const BATCH = 24; // cards rendered at a time: enough to fill a screen, cheap at 10,000 programs

// Each filter: its URL parameter, how many values it takes, and whether a program passes it.
// Option values are the ones the server rendered into the form (plugins/programs_site/facets.py).
const FILTERS = {
  format: { many: true, test: (p, values) => values.includes(p.format) },
  credential: { many: true, test: (p, values) => p.credentials.some((c) => values.includes(c)) },
  max_cost: { test: (p, value) => p.cost_usd !== null && p.cost_usd <= Number(value) },
  max_duration: { test: (p, value) => p.duration_months !== null && p.duration_months <= Number(value) },
  exam_prep: { test: (p) => p.exam_prep === true },
  voucher: { test: (p) => p.exam_voucher_included === true },
  financial_aid: { test: (p) => p.financial_aid === true },
  military: { test: (p) => p.military_benefits === true },
  state: { test: (p, value) => p.state === value },
  accreditation: { many: true, test: (p, values) => p.accreditation.some((a) => values.includes(a)) },
};
const SORTS = {
  name: (a, b) => a.order - b.order,
  cost: byNumber("cost_usd"),
  duration: byNumber("duration_months"),
};
const FORMAT_LABELS = { online: "Online", "in-person": "In-person", hybrid: "Hybrid" };

const form = document.getElementById("filters");
const list = document.getElementById("program-list");
const status = document.getElementById("result-count");
const sortBox = document.querySelector("[data-sort]");
const sortSelect = document.getElementById("sort-select");
const moreWrap = document.querySelector("[data-show-more-wrap]");
const searchForm = document.querySelector(".site-search");
const searchInput = document.getElementById("site-search-input");
const isRoot = new URL(location.href).pathname === siteRoot.pathname;

let programs = null; // loaded on first use
let search = null; // {words, formats, fuzzy, hits: Map(position -> hit) or null for "any"} for the current query
let shown = BATCH;
let state = readState(location.search);

// ---- state <-> URL and form ----------------------------------------------------------------

function allowedValues(name) {
  const controls = form.querySelectorAll(`[name="${name}"]`);
  const values = new Set();
  for (const control of controls) {
    if (control.tagName === "SELECT") for (const option of control.options) values.add(option.value);
    else values.add(control.value);
  }
  return values;
}

// Unknown parameters and values the form does not offer are dropped, so a mangled link still works.
function readState(search) {
  const params = new URLSearchParams(search);
  const next = { q: (params.get("q") || "").slice(0, 200), filters: {}, sort: "" };
  for (const [name, filter] of Object.entries(FILTERS)) {
    const allowed = allowedValues(name);
    const values = params.getAll(name).filter((v) => v !== "" && allowed.has(v));
    if (values.length) next.filters[name] = filter.many ? [...new Set(values)] : values[0];
  }
  const sort = params.get("sort");
  if (sort in SORTS || (sort === "relevance" && next.q)) next.sort = sort;
  return next;
}

function stateToQuery(current) {
  const params = new URLSearchParams();
  if (current.q) params.set("q", current.q);
  for (const [name, value] of Object.entries(current.filters)) {
    for (const v of [].concat(value)) params.append(name, v);
  }
  if (current.sort) params.set("sort", current.sort);
  const text = params.toString();
  return text ? `?${text}` : "";
}

function formToState() {
  const filters = {};
  for (const [name, filter] of Object.entries(FILTERS)) {
    const values = [...form.querySelectorAll(`[name="${name}"]`)]
      .filter((c) => (c.type === "checkbox" ? c.checked : c.value !== ""))
      .map((c) => c.value);
    if (values.length) filters[name] = filter.many ? values : values[0];
  }
  // Take the search box as it is now: a filter chosen mid-typing must not throw the words away.
  const q = isRoot ? searchInput.value.trim() : state.q;
  const sort = sortSelect.value === defaultSort(q) || (sortSelect.value === "relevance" && !q) ? "" : sortSelect.value;
  return { q, filters, sort };
}

function stateToForm(current) {
  for (const name of Object.keys(FILTERS)) {
    const chosen = [].concat(current.filters[name] ?? []);
    for (const control of form.querySelectorAll(`[name="${name}"]`)) {
      if (control.type === "checkbox") control.checked = chosen.includes(control.value);
      else control.value = chosen[0] ?? "";
    }
  }
  searchInput.value = current.q;
  const relevance = sortSelect.querySelector("[data-needs-query]");
  relevance.disabled = !current.q;
  relevance.hidden = !current.q;
  sortSelect.value = current.sort || defaultSort(current.q);
  const active = Object.values(current.filters).flat().length;
  form.querySelector("[data-active-count]").textContent = active ? `(${active} on)` : "";
}

function defaultSort(q) {
  return q ? "relevance" : "name";
}

function isEmpty(current) {
  return !current.q && !Object.keys(current.filters).length && !current.sort;
}

// ---- data ----------------------------------------------------------------------------------

async function loadPrograms() {
  if (!programs) {
    programs = fetchJSON("browse.json").then(({ keys, programs: rows }) =>
      rowsToObjects(keys, rows).map((program, order) => Object.assign(program, { order })),
    );
    programs.catch(() => (programs = null)); // the next use asks again
  }
  return programs;
}

let worker = null;
let seq = 0;
const pending = new Map();
function startSearch() {
  if (!worker) {
    worker = new Worker(siteUrl("theme/js/search-worker.js"));
    worker.onmessage = ({ data }) => {
      if (data.error) return searchFailed(data.error);
      const resolve = pending.get(data.seq);
      pending.delete(data.seq);
      resolve?.(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      searchFailed(event.message || "the search worker stopped");
    };
  }
}
// A search file did not load: answer every waiting search with the error (the list shows the
// filters alone), and start a fresh worker for the next search, which tries the files again.
function searchFailed(error) {
  console.warn("search:", error);
  for (const resolve of pending.values()) resolve({ error });
  pending.clear();
  worker?.terminate();
  worker = null;
}
function runSearch(q) {
  startSearch();
  const id = ++seq;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ seq: id, q });
  });
}

// ---- filtering and counts ------------------------------------------------------------------

function passesSearch(program) {
  if (!search) return true;
  if (search.formats.length && !search.formats.includes(program.format)) return false;
  return !search.hits || search.hits.has(program.order);
}

// One pass: a program failing no filter counts toward every option it has; one failing exactly
// one filter counts toward that filter's options only (what choosing them would add).
function filterAndCount(all, current) {
  const active = Object.entries(current.filters);
  const counts = {};
  for (const name of Object.keys(FILTERS)) counts[name] = new Map();
  const matches = [];
  for (const program of all) {
    if (!passesSearch(program)) continue;
    let failed = null;
    let failures = 0;
    for (const [name, value] of active) {
      if (!passes(program, name, value)) {
        failed = name;
        if (++failures > 1) break;
      }
    }
    if (failures > 1) continue;
    if (failures === 0) matches.push(program);
    for (const name of failures === 0 ? Object.keys(FILTERS) : [failed]) countOptions(counts[name], name, program);
  }
  return { matches, counts };
}

function countOptions(counter, name, program) {
  counter.set("", (counter.get("") || 0) + 1); // "any" in a select
  for (const value of optionsOf(program)[name]) counter.set(value, (counter.get(value) || 0) + 1);
}

// Which of the form's options each program has, worked out once per program: counting then is a
// few additions per program instead of every option's test, which kept typing smooth at 10,000.
function optionsOf(program) {
  if (!program.options) {
    program.options = {};
    for (const [name, filter] of Object.entries(FILTERS)) {
      program.options[name] = optionValues(name).filter((v) => v !== "" && filter.test(program, filter.many ? [v] : v));
    }
  }
  return program.options;
}

function passes(program, name, value) {
  const has = optionsOf(program)[name];
  return Array.isArray(value) ? value.some((v) => has.includes(v)) : has.includes(value);
}

const optionCache = new Map();
function optionValues(name) {
  if (!optionCache.has(name)) optionCache.set(name, [...allowedValues(name)]);
  return optionCache.get(name);
}

function showCounts(counts) {
  for (const name of Object.keys(FILTERS)) {
    for (const control of form.querySelectorAll(`[name="${name}"]`)) {
      if (control.tagName === "SELECT") {
        for (const option of control.options) option.textContent = `${option.dataset.label} (${counts[name].get(option.value) || 0})`;
      } else {
        const n = counts[name].get(control.value) || 0;
        control.closest("label").querySelector("[data-count]").textContent = `(${n})`;
      }
    }
  }
}

function byNumber(key) {
  // Unknown values sort last whichever way, never as 0.
  return (a, b) => (a[key] ?? Infinity) - (b[key] ?? Infinity) || a.order - b.order;
}

function sortPrograms(matches, current) {
  const sort = current.sort || defaultSort(current.q);
  if (sort === "relevance" && search.hits) return matches.sort((a, b) => search.hits.get(b.order)[1] - search.hits.get(a.order)[1] || a.order - b.order);
  if (sort === "relevance") return matches.sort(SORTS.name);
  return matches.sort(SORTS[sort]);
}

// ---- rendering -----------------------------------------------------------------------------

function highlighted(text, words) {
  if (!words.length) return [text];
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join("|")})[\\p{L}\\p{N}]*`, "giu");
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index), el("mark", {}, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function fact(label, value) {
  return el("div", {}, el("dt", {}, label), el("dd", { class: value === NOT_LISTED ? "unknown" : null }, value));
}

function yesNo(value) {
  return value === null ? NOT_LISTED : value ? "Yes" : "No";
}

function card(program, words, hit) {
  const href = siteUrl(`programs/${program.id}/`);
  const where = hit ? hit[2].filter((f) => !["name", "provider", "credentials"].includes(f)) : [];
  return el(
    "article",
    { class: "card", "data-program-id": program.id },
    el("h3", { class: "card-title" }, el("a", { href }, highlighted(program.name, words))),
    el("p", { class: "card-provider" }, highlighted(program.provider, words)),
    where.length ? el("p", { class: "match-note" }, `Also matches its ${where.join(", ")}`) : null,
    el(
      "dl",
      { class: "card-facts" },
      fact("Cost", program.cost_text),
      fact("Duration", program.duration_text),
      fact("Format", FORMAT_LABELS[program.format] ?? NOT_LISTED),
      fact("Exam prep", yesNo(program.exam_prep)),
    ),
    el(
      "button",
      { type: "button", class: "compare-toggle secondary", "data-compare-id": program.id, "data-compare-name": program.name, "data-compare-provider": program.provider, "aria-pressed": "false", hidden: true },
      "Add ",
      el("span", { class: "visually-hidden" }, `${program.name} `),
      "to compare",
    ),
    program.credentials.length ? el("p", { class: "visually-hidden" }, "Prepares for:") : null,
    program.credentials.length ? el("ul", { class: "badges" }, program.credentials.map((c) => el("li", {}, highlighted(c, words)))) : null,
  );
}

function describe(count, current) {
  const noun = count === 1 ? "program" : "programs";
  if (search?.unavailable) {
    return `${count} ${noun}, ${SORT_TEXT[current.sort && current.sort !== "relevance" ? current.sort : "name"]}. Search is unavailable right now (its files did not load), so “${current.q}” is not applied; the filters still work.`;
  }
  const query = current.q ? ` for “${current.q}”` : "";
  const fuzzy = search?.fuzzy ? " (no exact match; showing close spellings)" : "";
  return `${count} ${noun}${query}${fuzzy}, ${SORT_TEXT[current.sort || defaultSort(current.q)]}`;
}
const SORT_TEXT = { relevance: "best match first", name: "sorted by name", cost: "lowest cost first", duration: "shortest first" };

function render(all) {
  document.querySelector("[data-list-failure]")?.remove();
  const { matches, counts } = filterAndCount(all, state);
  sortPrograms(matches, state);
  showCounts(counts);
  const words = search ? (search.fuzzy ? search.terms : search.words) : [];
  const cards = matches.slice(0, shown).map((p) => card(p, words, search?.hits?.get(p.order)));
  if (matches.length === 0) {
    cards.push(
      el("div", { class: "empty" },
        el("p", {}, "No programs match all of that."),
        el("button", { type: "button", class: "secondary", "data-clear-all": true }, "Clear search and filters")),
    );
  }
  list.replaceChildren(...cards);
  moreWrap.hidden = matches.length <= shown;
  document.querySelector("[data-server-pagination]")?.setAttribute("hidden", "");
  status.textContent = describe(matches.length, state);
  import("./tray.js").then((tray) => tray.refreshCompareButtons?.(list)).catch(() => {});
}

// ---- wiring --------------------------------------------------------------------------------

let searchFor = null; // the query the current `search` answers
async function update({ history = null } = {}) {
  if (!isRoot) {
    // Page 2, 3…: a filtered view always starts from the full list on the first page.
    location.assign(siteUrl("") + stateToQuery(state));
    return;
  }
  if (history) window.history[history === "push" ? "pushState" : "replaceState"](null, "", stateToQuery(state) || location.pathname);
  stateToForm(state);
  let all;
  try {
    all = await loadPrograms();
  } catch (error) {
    showListFailure(error);
    return;
  }
  if (state.q && searchFor !== state.q) {
    const q = state.q;
    const answer = await runSearch(q);
    if (q !== state.q) return; // a newer keystroke has taken over
    searchFor = q;
    const hits = answer.hits && new Map(answer.hits.map((h) => [h[0], h]));
    const terms = [...new Set((answer.hits || []).flatMap((h) => h[3]))];
    search = answer.error
      ? { unavailable: true, words: [], formats: [], terms: [], fuzzy: false, hits: null } // filters only
      : { words: answer.words, formats: answer.formats || [], terms, fuzzy: answer.fuzzy, hits };
  } else if (!state.q) {
    search = null;
    searchFor = null;
  }
  render(all);
}

// Without browse.json neither filters nor search can work: say so above the server-rendered list.
function showListFailure(error) {
  document.querySelector("[data-list-failure]")?.remove();
  const box = loadFailure("The program list that search and filters use", error, () => update());
  box.dataset.listFailure = "";
  list.before(box);
  status.textContent = "Search and filters are unavailable right now: the program list did not load.";
}

// No fixed debounce: a keystroke searches at once, and keystrokes that arrive while a search is
// running are folded into one more search when it ends. Fast machines get instant results; slow
// ones never queue up stale searches.
let typing = null;
let typedMeanwhile = false;
function onType() {
  if (typing) {
    typedMeanwhile = true;
    return;
  }
  const q = searchInput.value.trim();
  if (q === state.q) return;
  const sort = state.sort === "relevance" && !q ? "" : state.sort;
  state = { ...state, q, sort };
  shown = BATCH;
  typing = update({ history: "replace" }).finally(() => {
    typing = null;
    if (typedMeanwhile) {
      typedMeanwhile = false;
      onType();
    }
  });
}

function clearAll() {
  state = { q: "", filters: {}, sort: "" };
  shown = BATCH;
  update({ history: "push" });
  searchInput.focus();
}

function init() {
  // A student may type before this module has loaded: keep what they typed.
  const typed = isRoot ? searchInput.value.trim() : "";
  if (typed && typed !== state.q) state = { ...state, q: typed };
  form.hidden = false;
  sortBox.hidden = false;
  const panel = form.querySelector("details");
  if (window.matchMedia("(min-width: 64rem)").matches) panel.open = true;
  stateToForm(state);

  form.addEventListener("change", () => {
    state = formToState();
    shown = BATCH;
    update({ history: "push" });
  });
  sortSelect.addEventListener("change", () => {
    state = formToState();
    update({ history: "push" });
  });
  // Filters apply as they change; the submit button closes the panel on a phone and moves to the results.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!window.matchMedia("(min-width: 64rem)").matches) panel.open = false;
    document.getElementById("results-heading").scrollIntoView();
    list.querySelector("a")?.focus();
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-clear-all]")) clearAll();
    if (event.target.closest("[data-show-more]")) {
      shown += BATCH;
      loadPrograms().then(render);
    }
  });
  if (isRoot) {
    searchForm.addEventListener("submit", (event) => {
      event.preventDefault();
      state = { ...state, q: searchInput.value.trim() };
      update({ history: "push" });
    });
    searchInput.addEventListener("input", onType);
  }
  // The data and the index load on first use, not on page load: browsing alone costs nothing.
  const warmUp = () => loadPrograms().catch(() => {}); // a failure is reported when the list is used
  form.addEventListener("focusin", warmUp, { once: true });
  form.addEventListener("pointerdown", warmUp, { once: true });
  searchInput.addEventListener("focus", () => isRoot && (startSearch(), warmUp()), { once: true });
  window.addEventListener("popstate", () => {
    state = readState(location.search);
    shown = BATCH;
    update();
  });
  if (!isEmpty(state)) update({ history: typed ? "replace" : null });
  document.body.dataset.ready = "true";
}

init();
