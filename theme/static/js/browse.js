// The browse page: search as you type, filters with live counts, sorting, all kept in the URL.
// Without this module the page is a plain paginated list, which is the no-JavaScript experience.
import { countText, el, fetchJSON, loadFailure, pageUrl, pagesRoot, siteUrl, NOT_LISTED } from "./common.js";
import { catalog, t, word, words as inLanguage } from "./i18n.js";
import { prepareWords, toIndexWords } from "./query-words.js";
import { rowsToObjects } from "./compact.js";
import { certifyFor } from "./cost.js";
import { fillCompareButton, refreshCompareButtons } from "./tray.js";

const BATCH = 24; // cards rendered at a time: enough to fill a screen, cheap at 10,000 programs
// Changes closer together than this are one search, so they make one history entry: a student who
// ticks three boxes and types a word leaves with one press of Back, not five.
const SETTLE_MS = 2000;

// Each filter: its URL parameter, how many values it takes, and whether a program passes it.
// Option values are the ones the server rendered into the form (plugins/programs_site/facets.py).
const FILTERS = {
  format: { many: true, test: (p, values) => values.includes(p.format) },
  credential: { many: true, test: (p, values) => p.credentials.some((c) => values.includes(c)) },
  // The cost to get certified for the credential chosen in the filter, if any (see cost.js).
  max_cost: { test: (p, value) => p.certify[0] !== null && p.certify[0] <= Number(value) },
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
  cost: (a, b) => (a.certify[0] ?? Infinity) - (b.certify[0] ?? Infinity) || a.order - b.order,
  duration: byNumber("duration_months"),
};

const form = document.getElementById("filters");
const list = document.getElementById("program-list");
const status = document.getElementById("result-count");
const sortBox = document.querySelector("[data-sort]");
const sortSelect = document.getElementById("sort-select");
const moreWrap = document.querySelector("[data-show-more-wrap]");
const chips = document.querySelector("[data-active-filters]");
const showButton = form.querySelector("[data-show-results]");
const cardTemplate = document.getElementById("card-template");
const searchForm = document.querySelector(".site-search");
const searchInput = document.getElementById("site-search-input");
const isRoot = new URL(location.href).pathname === pagesRoot.pathname;
// Words typed in the page's language, in the index's (data's) words: "codificación en línea" -> "coding online".
const queryWords = prepareWords(catalog.words);
// WordPress's way: the translator lists the words a search ignores, as one message.
const STOP_WORDS = t("a,an,and,at,for,from,in,of,on,or,the,to,with");

let programs = null; // loaded on first use
let labels = null; // the build's words for values (format, yes/no), shipped with the data
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
  showChips(current);
}

// ---- active filters as chips: what is on, in words, each removable with one tap ------------

function optionLabel(name, value) {
  for (const control of form.querySelectorAll(`[name="${name}"]`)) {
    if (control.tagName === "SELECT") {
      const option = [...control.options].find((o) => o.value === value);
      if (option) return option.dataset.label;
    } else if (control.value === value) {
      // The label's own words, without the count beside them.
      const words = [...control.closest("label").childNodes].filter((node) => node.nodeType === Node.TEXT_NODE);
      return words.map((node) => node.textContent).join("").trim() || value;
    }
  }
  return value;
}

function facetLabel(name) {
  const box = form.querySelector(`[data-facet="${name}"]`);
  // A group of boxes has a legend, a menu a label; a single yes box names itself.
  return box?.querySelector("legend, :scope > label[for]")?.textContent.trim() || null;
}

function showChips(current) {
  const items = [];
  for (const [name, value] of Object.entries(current.filters)) {
    for (const v of [].concat(value)) {
      const group = facetLabel(name);
      const text = group ? `${group}: ${optionLabel(name, v)}` : optionLabel(name, v);
      items.push(chip(text, { "data-remove-filter": name, "data-value": v }));
    }
  }
  // Words in the search box that act as filters ("online") are filters too, and say where they came from.
  for (const format of search?.formats ?? []) {
    items.push(chip(t("{group}: {value} (from your search)", { group: facetLabel("format") || t("Format"), value: labels?.format[format] ?? format }), { "data-remove-search-format": format }));
  }
  chips.replaceChildren(...items);
  chips.hidden = items.length === 0;
}

function chip(text, attrs) {
  return el(
    "li",
    {},
    el("button", { type: "button", class: "filter-chip", ...attrs }, text, el("span", { "aria-hidden": "true" }, " ×"), el("span", { class: "visually-hidden" }, " (remove this filter)")),
  );
}

function removeChip(button) {
  if (button.dataset.removeSearchFormat) {
    state = { ...state, q: search?.rest ?? "" };
  } else {
    const name = button.dataset.removeFilter;
    const filters = { ...state.filters };
    const left = [].concat(filters[name]).filter((v) => v !== button.dataset.value);
    if (left.length && FILTERS[name].many) filters[name] = left;
    else delete filters[name];
    state = { ...state, filters };
  }
  shown = BATCH;
  update({ history: "settle" });
  (chips.querySelector("button") ?? searchInput).focus();
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
    programs = fetchJSON("browse.json").then(({ keys, programs: rows, labels: words }) => {
      labels = inLanguage(words);
      return rowsToObjects(keys, rows).map((program, order) => Object.assign(program, { order }));
    });
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
      searchFailed(event.message || t("the search worker stopped"));
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
    worker.postMessage({ seq: id, q: toIndexWords(q, queryWords, STOP_WORDS) });
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
  pickCosts(all, current);
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

// The chosen credentials decide which exam fee is in the cost to get certified; when they change,
// each program's cost, and the options it passes (max cost), are picked again.
let costsFor = null;
function pickCosts(all, current) {
  const codes = [].concat(current.filters.credential ?? []);
  const key = codes.join(",");
  if (key === costsFor) return;
  costsFor = key;
  for (const program of all) {
    program.certify = certifyFor(program, codes);
    program.options = null;
  }
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

function yesNo(value) {
  return value === null ? labels.not_listed : value ? labels.yes : labels.no;
}

// Cards come from the page's <template>, the same partial the server's cards use (card.html), so
// the markup has one source; data-slot marks where each value goes.
function card(program, words, hit) {
  const node = cardTemplate.content.firstElementChild.cloneNode(true);
  const slot = (name) => node.querySelector(`[data-slot="${name}"]`);
  node.dataset.programId = program.id;
  const link = slot("name");
  link.href = pageUrl(`programs/${program.id}/`);
  link.replaceChildren(...highlighted(program.name, words));
  slot("provider").replaceChildren(...highlighted(program.provider, words));
  const where = hit ? hit[2].filter((f) => !["name", "provider", "credentials"].includes(f)) : [];
  if (where.length) {
    slot("note").textContent = t("Also matches its {fields}", { fields: where.map((f) => FIELD_WORDS[f] ?? f).join(", ") });
    slot("note").hidden = false;
  }
  const facts = {
    certify_text: word(program.certify[1]),
    duration: word(program.duration_text),
    format: labels.format[program.format] ?? labels.not_listed,
    location: word(program.location),
    exam_prep: yesNo(program.exam_prep),
  };
  for (const [name, text] of Object.entries(facts)) {
    const dd = slot(name);
    dd.textContent = text;
    dd.classList.toggle("unknown", text === NOT_LISTED);
  }
  slot("last_verified").textContent = word(program.last_verified);
  slot("stale").hidden = !program.verified_stale;
  fillCompareButton(node.querySelector("button.compare-toggle"), program);
  const badges = slot("credentials");
  badges.replaceChildren(...program.credentials.map((c) => el("li", {}, highlighted(c, words))));
  badges.hidden = slot("prepares").hidden = program.credentials.length === 0;
  return node;
}

function describe(count, current) {
  const programs = countText(count, "program");
  if (search?.unavailable) {
    const sort = SORT_TEXT[current.sort && current.sort !== "relevance" ? current.sort : "name"];
    return t("{programs}, {sort}. Search is unavailable right now (its files did not load), so “{q}” is not applied; the filters still work.", { programs, sort, q: current.q });
  }
  const sort = SORT_TEXT[current.sort || defaultSort(current.q)];
  const fuzzy = search?.fuzzy ? t(" (no exact match; showing close spellings)") : "";
  if (current.q) return t("{programs} for “{q}”{fuzzy}, {sort}", { programs, q: current.q, fuzzy, sort });
  return t("{programs}{fuzzy}, {sort}", { programs, fuzzy, sort });
}
const SORT_TEXT = { relevance: t("best match first"), name: t("sorted by name"), cost: t("lowest cost to get certified first"), duration: t("shortest first") };
const FIELD_WORDS = { description: t("description"), location: t("location"), accreditation: t("accreditation") };

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
        el("p", {}, t("No programs match all of that.")),
        el("button", { type: "button", class: "secondary", "data-clear-all": true }, t("Clear search and filters"))),
    );
  }
  list.replaceChildren(...cards);
  moreWrap.hidden = matches.length <= shown;
  document.querySelector("[data-server-pagination]")?.setAttribute("hidden", "");
  status.textContent = describe(matches.length, state);
  if (showButton) showButton.textContent = t("Show {programs}", { programs: countText(matches.length, "program") });
  showChips(state);
  refreshCompareButtons(list);
}

// ---- wiring --------------------------------------------------------------------------------

// One history entry per settled search: the first change after a pause adds an entry, changes that
// follow within SETTLE_MS update it. "push" (a submitted search) always adds one.
let settling = null;
function record(kind) {
  const url = stateToQuery(state) || location.pathname;
  const entry = { shown };
  if (kind === "replace" || (kind === "settle" && settling)) window.history.replaceState(entry, "", url);
  else window.history.pushState(entry, "", url);
  if (kind !== "replace") {
    clearTimeout(settling);
    settling = setTimeout(() => (settling = null), SETTLE_MS);
  }
}

let searchFor = null; // the query the current `search` answers
async function update({ history = null } = {}) {
  if (!isRoot) {
    // Page 2, 3…: a filtered view always starts from the full list on the first page.
    location.assign(pageUrl("") + stateToQuery(state));
    return;
  }
  if (history) record(history);
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
      ? { unavailable: true, words: [], formats: [], rest: q, terms: [], fuzzy: false, hits: null } // filters only
      : { words: answer.words, formats: answer.formats || [], rest: answer.rest ?? q, terms, fuzzy: answer.fuzzy, hits };
  } else if (!state.q) {
    search = null;
    searchFor = null;
  }
  render(all);
}

// Without browse.json neither filters nor search can work: say so above the server-rendered list.
function showListFailure(error) {
  document.querySelector("[data-list-failure]")?.remove();
  const box = loadFailure(t("The program list that search and filters use"), error, () => update());
  box.dataset.listFailure = "";
  list.before(box);
  status.textContent = t("Search and filters are unavailable right now: the program list did not load.");
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
  typing = update({ history: "settle" }).finally(() => {
    typing = null;
    if (typedMeanwhile) {
      typedMeanwhile = false;
      onType();
    }
  });
}

// Back from a program page: put that program's card where the reader can see it, with focus on it.
function returnTo(id) {
  const target = id && list.querySelector(`[data-program-id="${CSS.escape(id)}"] .card-title a`);
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
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
    update({ history: "settle" });
  });
  sortSelect.addEventListener("change", () => {
    state = formToState();
    update({ history: "settle" });
  });
  chips.addEventListener("click", (event) => {
    const button = event.target.closest("button.filter-chip");
    if (button) removeChip(button);
  });
  // Leaving for a program: remember how many cards were shown and which one was opened, so Back
  // returns to that card rather than to the top of a shorter list.
  list.addEventListener("click", (event) => {
    const link = event.target.closest(".card-title a");
    if (link) window.history.replaceState({ shown, card: link.closest("[data-program-id]").dataset.programId }, "", location.href);
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
      const first = shown;
      shown += BATCH;
      window.history.replaceState({ shown }, "", location.href);
      loadPrograms().then((all) => {
        render(all);
        // Continue where the reader was: on the first card just added.
        list.children[first]?.querySelector("a")?.focus();
      });
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
  window.addEventListener("popstate", (event) => {
    state = readState(location.search);
    shown = event.state?.shown ?? BATCH;
    update();
  });
  const back = window.history.state;
  if (back?.shown) shown = back.shown;
  if (!isEmpty(state) || shown > BATCH) update({ history: typed ? "replace" : null }).then(() => returnTo(back?.card));
  else returnTo(back?.card);
  document.body.dataset.ready = "true";
}

init();
