// The browse page: search as you type, filters with live counts, sorting, all kept in the URL.
// Without this module the page is a plain paginated list, which is the no-JavaScript experience.
import { countText, el, fetchJSON, loadFailure, pageUrl, pagesRoot, siteUrl, NOT_LISTED } from "./common.js";
import { catalog, number, t, tn, words as inLanguage } from "./i18n.js";
import { valueText } from "./format.js";
import { prepareWords, toIndexWords, typedParts } from "./query-words.js";
import { rowsToObjects } from "./compact.js";
import { certifyFor } from "./cost.js";
import { fillCompareButton, refreshCompareButtons } from "./tray.js";
import { scrollToShowResults } from "./keep-in-view.js";
import { allUnknownWords, loosenings, waysBack } from "./drop-one.js";

const BATCH = 24; // cards rendered at a time: enough to fill a screen, cheap at 10,000 programs
// Changes closer together than this are one search, so they make one history entry: a student who
// ticks three boxes and types a word leaves with one press of Back, not five.
const SETTLE_MS = 2000;

const form = document.getElementById("filters");
// Each filter's URL parameter, and whether it takes several values, from the form the server
// rendered from the build's one list of filters (plugins/programs_site/model/facets.py; a box of
// checkboxes is a <fieldset>): built-in and data/fields.toml's alike, so this script names none.
// Option values are the form's too; search-core.js tests an option by its set.
const FILTERS = Object.fromEntries([...form.querySelectorAll("[data-facet]")].map((box) => [box.dataset.facet, { many: box.tagName === "FIELDSET" }]));
// The sorts the page offers (browse.html); "relevance" only with a query.
const SORTS = [...document.getElementById("sort-select").options].filter((o) => !("needsQuery" in o.dataset)).map((o) => o.value);
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

let labels = null; // the build's words for values (format, yes/no), shipped in search/meta.json
// From search/meta.json too: how to fill the card's slots ({slot, key, type}), the search's fields in
// words for "Also matches its …" (null: the card shows that field already), and the filter a typed
// word such as "online" sets (browser_fields.py CARD_SLOTS, MATCHED, TYPED).
let cardSlots = [];
let matchedWords = {};
let typedParam = null;
// The types of data/fields.toml's card columns (search/fields.json), fetched only when cards show any.
let declaredFields = null;
let search = null; // {words, terms, formats, rest, fuzzy, unavailable} for the current query
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
  if (SORTS.includes(sort) || (sort === "relevance" && next.q)) next.sort = sort;
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
  // The state holds the words trimmed: a box that already says them keeps what is typed as it is
  // (a space typed just before the results came back must not be taken away).
  if (searchInput.value.trim() !== current.q) searchInput.value = current.q;
  const relevance = sortSelect.querySelector("[data-needs-query]");
  relevance.disabled = !current.q;
  relevance.hidden = !current.q;
  sortSelect.value = current.sort || defaultSort(current.q);
  const active = Object.values(current.filters).flat().length;
  document.body.toggleAttribute("data-searching", Boolean(current.q || active));
  form.querySelector("[data-active-count]").textContent = active ? tn("({count} on)", "({count} on)", active) : "";
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
  // The form's own words for that filter and its option, in the page's language.
  for (const value of search?.formats ?? []) {
    items.push(chip(t("{group}: {value} (from your search)", { group: facetLabel(typedParam), value: optionLabel(typedParam, value) }), { "data-remove-search-format": value }));
  }
  chips.replaceChildren(...items);
  chips.hidden = items.length === 0;
}

function chip(text, attrs) {
  return el(
    "li",
    {},
    el("button", { type: "button", class: "filter-chip", ...attrs }, text, el("span", { "aria-hidden": "true" }, " ×"), el("span", { class: "visually-hidden" }, t(" (remove this filter)"))),
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

// ---- the worker: search, filters, counts and order (search-worker.js) ------------------------

let worker = null;
let seq = 0;
let latest = 0; // the newest question: only its answers are shown
const pending = new Map();
function startWorker() {
  if (worker) return;
  worker = new Worker(siteUrl("theme/js/search-worker.js"));
  worker.onmessage = ({ data }) => {
    if (data.kind === "counts") {
      if (data.seq === latest) showCounts(data.counts);
      return;
    }
    if (data.error && !pending.has(data.seq)) {
      console.warn("filter counts:", data.error); // they stay blank; the next change asks again
      return;
    }
    const waiting = pending.get(data.seq);
    pending.delete(data.seq);
    if (data.error) waiting?.reject(new Error(data.error));
    else waiting?.resolve(data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    // A file the worker needs did not load: fail the waiting questions, and start afresh next time.
    for (const waiting of pending.values()) waiting.reject(new Error(event.message || t("the search worker stopped")));
    pending.clear();
    worker.terminate();
    worker = null;
  };
}

// Every option value the form offers, by filter: what the worker counts.
function formOptions() {
  return Object.fromEntries(Object.keys(FILTERS).map((name) => [name, [...allowedValues(name)]]));
}

// How many programs each view would leave (a search that found nothing offers the looser ones).
function askTotals(views) {
  startWorker();
  const id = ++seq;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const asked = views.map((view) => ({ q: toIndexWords(view.q, queryWords, STOP_WORDS), filters: view.filters }));
    worker.postMessage({ seq: id, kind: "totals", views: asked });
  }).then((answer) => answer.totals);
}

function ask(current, count) {
  startWorker();
  const id = ++seq;
  latest = id;
  countsPending();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({
      seq: id,
      q: toIndexWords(current.q, queryWords, STOP_WORDS),
      filters: current.filters,
      sort: current.sort || defaultSort(current.q),
      shown: count,
      options: formOptions(),
    });
  });
}

// Cards' rows come ROWS_PER_FILE to a file: the cards shown fetch only their files.
async function rowsAt(positions) {
  const meta = await fetchJSON("search/meta.json");
  if (!labels) {
    labels = inLanguage(meta.labels); // the same file every time: worded once
    matchedWords = inLanguage(meta.matched);
    cardSlots = meta.card;
    typedParam = meta.typed.param;
    SORT_TEXT = { ...SORT_TEXT, ...inLanguage(meta.sorts) };
  }
  // Imported here, not up front: a catalog with no declared card column never loads it.
  declaredFields ??= cardTemplate.content.querySelector("[data-declared-slot]") ? (await (await import("./field-spec.js")).fieldSpec()).fields : {};
  const files = await Promise.all(
    [...new Set(positions.map((p) => Math.floor(p / meta.rows_per_file)))].map(async (n) => [n, await fetchJSON(`search/rows/${n}.json`)]),
  );
  const byFile = new Map(files);
  const rows = positions.map((p) => byFile.get(Math.floor(p / meta.rows_per_file))[p % meta.rows_per_file]);
  return rowsToObjects(meta.keys, rows);
}

// ---- counts ------------------------------------------------------------------------------------

// Until the worker's counts for the current view arrive, no count is shown: never a wrong number.
function countsPending() {
  form.dataset.counts = "pending";
  for (const name of Object.keys(FILTERS)) {
    for (const control of form.querySelectorAll(`[name="${name}"]`)) {
      if (control.tagName === "SELECT") for (const option of control.options) option.textContent = option.dataset.label;
      else control.closest("label").querySelector("[data-count]").textContent = "";
    }
  }
}

function showCounts(counts) {
  for (const name of Object.keys(FILTERS)) {
    for (const control of form.querySelectorAll(`[name="${name}"]`)) {
      if (control.tagName === "SELECT") {
        for (const option of control.options) option.textContent = `${option.dataset.label} (${number(counts[name][option.value] ?? 0)})`;
      } else {
        control.closest("label").querySelector("[data-count]").textContent = `(${number(counts[name][control.value] ?? 0)})`;
      }
    }
  }
  form.dataset.counts = "ready";
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

// Cards come from the page's <template>, the same partial the server's cards use (card.html), so
// the markup has one source; data-slot marks where each value goes.
function card(program, words, fields) {
  const node = cardTemplate.content.firstElementChild.cloneNode(true);
  const slot = (name) => node.querySelector(`[data-slot="${name}"]`);
  node.dataset.programId = program.id;
  const link = slot("name");
  link.href = pageUrl(`programs/${program.id}/`);
  link.replaceChildren(...highlighted(program.name, words));
  slot("provider").replaceChildren(...highlighted(program.provider, words));
  const where = fields.filter((f) => matchedWords[f] !== null);
  if (where.length) {
    slot("note").textContent = t("Also matches its {fields}", { fields: where.map((f) => matchedWords[f] ?? f).join(", ") });
    slot("note").hidden = false;
  }
  // The slots the build declares (search/meta.json `card`), each worded by its type.
  for (const { slot: name, key = name, type } of cardSlots) {
    const target = slot(name);
    const value = program[key];
    if (type === "badges") {
      target.replaceChildren(...(value ?? []).map((c) => el("li", {}, highlighted(c, words))));
      target.hidden = slot("prepares").hidden = !value?.length;
      continue;
    }
    const coded = typeof labels[key] === "object" ? labels[key] : undefined; // coded values: format, pace
    const text = valueText(value, { type, labels: coded }) ?? labels.not_listed;
    target.textContent = text;
    if (target.tagName === "DD") target.classList.toggle("unknown", text === NOT_LISTED);
  }
  // Columns data/fields.toml shows on cards: the build names them in the card's markup and the rows.
  for (const dd of node.querySelectorAll("[data-declared-slot]")) {
    const name = dd.dataset.declaredSlot;
    const text = valueText(program.declared?.[name], declaredFields[name] ?? {}) ?? labels.not_listed;
    dd.textContent = text;
    dd.classList.toggle("unknown", text === NOT_LISTED);
  }
  slot("stale").hidden = !program.verified_stale;
  fillCompareButton(node.querySelector("button.compare-toggle"), program);
  return node;
}

function describe(count, current) {
  const programs = countText(count, "program");
  if (search?.unavailable) {
    const sort = SORT_TEXT[current.sort && current.sort !== "relevance" ? current.sort : "name"];
    return t("{programs}, {sort}. Search is unavailable right now (its files did not load), so “{q}” is not applied; the filters still work.", { programs, sort, q: current.q });
  }
  // Nothing found is not "sorted": the way forward (showWaysBack) follows instead.
  if (count === 0) return current.q ? t("{programs} for “{q}”", { programs, q: current.q }) : programs;
  const sort = SORT_TEXT[current.sort || defaultSort(current.q)];
  const fuzzy = search?.fuzzy ? t(" (no exact match; showing close spellings)") : "";
  if (current.q) return t("{programs} for “{q}”{fuzzy}, {sort}", { programs, q: current.q, fuzzy, sort });
  return t("{programs}{fuzzy}, {sort}", { programs, fuzzy, sort });
}
// The words that end the result count for each sort: the build's (search/meta.json `sorts`), and
// relevance, which only a query offers.
let SORT_TEXT = { relevance: t("best match first") };

function render(view, programs) {
  document.querySelector("[data-list-failure]")?.remove();
  const words = search ? (search.fuzzy ? search.terms : search.words) : [];
  const cards = programs.map((p, i) => card(p, words, view.shown[i][1]));
  if (view.total === 0) {
    cards.push(
      el("div", { class: "empty" },
        el("p", {}, t("No programs match all of that.")),
        el("div", { "data-ways-back": true }),
        el("button", { type: "button", class: "secondary", "data-clear-all": true }, t("Clear search and filters"))),
    );
  }
  list.replaceChildren(...cards);
  moreWrap.hidden = view.total <= shown;
  const left = view.total - programs.length;
  moreWrap.querySelector("button").textContent = tn("Show more programs ({count} not shown yet)", "Show more programs ({count} not shown yet)", left);
  document.querySelector("[data-server-pagination]")?.setAttribute("hidden", "");
  status.textContent = describe(view.total, state);
  if (showButton) showButton.textContent = t("Show {programs}", { programs: countText(view.total, "program") });
  showChips(state);
  refreshCompareButtons(list);
}

// A view that found nothing: links to the same view with one word or one filter left out, each with
// the number of programs it gives, most first (drop-one.js chooses them).
async function showWaysBack(current) {
  const words = typedParts(current.q, queryWords);
  const alone = words.length > 1 ? await askTotals(words.map((word) => ({ q: word, filters: {} }))) : [];
  const unknown = allUnknownWords(current, alone, words);
  const options = [...(unknown ? [unknown] : []), ...loosenings(current, words)];
  const totals = await askTotals(options.map((option) => option.state));
  const box = list.querySelector("[data-ways-back]");
  if (current !== state || !box) return;
  const offered = waysBack(options, totals);
  if (!offered.length) return;
  const quoted = (word) => t("“{word}”", { word });
  const without = (option) =>
    option.kind === "filter"
      ? t("without {filter}", { filter: facetLabel(option.name) ? `${facetLabel(option.name)}: ${optionLabel(option.name, option.value)}` : optionLabel(option.name, option.value) })
      : t("without {words}", { words: (option.words ?? [option.word]).map(quoted).join(", ") });
  box.replaceChildren(
    el("p", {}, t("Leave one thing out to see programs:")),
    el("ul", { class: "ways-back" }, offered.map((option) =>
      el("li", {}, el("a", { href: pageUrl("") + (stateToQuery(option.state) || ""), "data-way-back": true }, without(option)), ` (${countText(option.total, "program")})`))),
  );
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

async function update({ history = null } = {}) {
  if (!isRoot) {
    // Page 2, 3…: a filtered view always starts from the full list on the first page.
    location.assign(pageUrl("") + stateToQuery(state));
    return;
  }
  if (history) record(history);
  stateToForm(state);
  const asked = state;
  let view;
  let programs;
  try {
    view = await ask(asked, shown);
    if (view.kind === "dropped" || asked !== state) return; // a newer change has taken over
    programs = await rowsAt(view.shown.map((hit) => hit[0]));
  } catch (error) {
    showListFailure(error);
    return;
  }
  if (asked !== state) return;
  const codes = [].concat(asked.filters.credential ?? []);
  // The typed value the card's cost slot words (certifyText): the one the chosen credentials pick.
  for (const program of programs) program.certify = certifyFor(program, codes)[1];
  search = !asked.q
    ? null
    : view.unavailable
      ? { unavailable: true, words: [], formats: [], rest: asked.q, terms: [], fuzzy: false } // filters only
      : { words: view.words, formats: view.formats, rest: view.rest, terms: view.terms, fuzzy: view.fuzzy };
  render(view, programs);
  if (view.total === 0) showWaysBack(asked).catch((error) => console.warn("ways back:", error));
  // Then the counts, once the results are on screen (after the next paint): they never hold them up.
  requestAnimationFrame(() => setTimeout(() => view.seq === latest && worker?.postMessage({ seq: view.seq, kind: "counts" })));
}

// Without the program files neither filters nor search can work: say so above the server-rendered list.
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
  typing = update({ history: "settle" }).then(keepResultsInView).finally(() => {
    typing = null;
    if (typedMeanwhile) {
      typedMeanwhile = false;
      onType();
    }
  });
}

// Typing on a phone: the keyboard covers half the screen, so bring the count and the first result up
// under the search box (keep-in-view.js decides). Wide screens show both already.
function keepResultsInView() {
  if (document.activeElement !== searchInput || window.matchMedia("(min-width: 64rem)").matches) return;
  const first = list.querySelector("article, .empty") ?? status;
  const down = scrollToShowResults({
    searchTop: searchForm.getBoundingClientRect().top,
    countTop: status.getBoundingClientRect().top,
    firstTop: first.getBoundingClientRect().top,
    visible: window.visualViewport?.height ?? window.innerHeight,
  });
  if (down) window.scrollBy({ top: down, behavior: "instant" });
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
    const wayBack = event.target.closest("a[data-way-back]");
    if (wayBack) {
      event.preventDefault();
      state = readState(new URL(wayBack.href).search);
      shown = BATCH;
      update({ history: "push" }).then(() => (list.querySelector("a") ?? searchInput).focus());
    }
    if (event.target.closest("[data-show-more]")) {
      const first = shown;
      shown += BATCH;
      window.history.replaceState({ shown }, "", location.href);
      update().then(() => {
        // Continue where the reader was: on the first card just added.
        list.children[first]?.querySelector("a")?.focus();
      });
    }
  });
  if (isRoot) {
    searchForm.addEventListener("submit", (event) => {
      event.preventDefault();
      state = { ...state, q: searchInput.value.trim() };
      // Search (Enter, or the keyboard's Go) on a phone: the results in view, then the keyboard put away.
      update({ history: "push" }).then(() => {
        keepResultsInView();
        if (!window.matchMedia("(min-width: 64rem)").matches) searchInput.blur();
      });
    });
    searchInput.addEventListener("input", onType);
  }
  // The worker starts on first use, not on page load: browsing alone costs nothing. It fetches what a
  // question needs when asked (docs/search-files.md).
  form.addEventListener("focusin", startWorker, { once: true });
  form.addEventListener("pointerdown", startWorker, { once: true });
  searchInput.addEventListener("focus", () => isRoot && startWorker(), { once: true });
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
