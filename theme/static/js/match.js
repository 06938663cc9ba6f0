// The questionnaire page: keeps the form, the address bar and the ranked list in step.
// The rules themselves live in match-rules.js; this module only reads the form and draws results.
import { countText, el, fetchJSON, loadFailure, pageUrl } from "./common.js";
import { asWritten, number, t, tn, words as inLanguage } from "./i18n.js";
import { isoDateText } from "./format.js";
import { actionButton, canShare, printButton, shareSheet, startSharePanel } from "./share-panel.js";
import { NO_ANSWERS, RULES, SORTS, addCardRows, addColumn, answersToParams, blockers, columnFile, columnsFor, hasAnswers, parseAnswers, rankPrograms, readMatchColumns, shortlist } from "./match-rules.js";
import { fillCompareButton, refreshCompareButtons } from "./tray.js";
import { answerParams as aidParams, hasAnswers as hasAidAnswers } from "./aid-rules.js"; // the aid estimate (issue 28)

const PAGE_SIZE = 20;
const COMPARE_COUNT = 3;
const TYPING_PAUSE_MS = 250;

const form = document.getElementById("match-form");
const section = document.getElementById("match-results");
const heading = document.getElementById("match-results-heading");
const status = document.getElementById("match-status");
const compareLink = document.getElementById("match-compare");
const copyButton = document.getElementById("match-copy");
const copyStatus = document.getElementById("match-copy-status");
const list = document.getElementById("match-list");
const moreButton = document.getElementById("match-more");
const sortSelect = document.getElementById("match-sort");
const whyNone = document.getElementById("match-why-none");
const buttonTemplate = document.getElementById("compare-button-template");

const share = startSharePanel(document.getElementById("shared-link")); // asof notice, note, printout
let data = null;
let shown = [];
let pending = null;
let drawing = 0; // the latest update; an older one whose cards arrive late draws nothing

start();

async function start() {
  markMustHaves();
  // Show the answers from the URL at once; the data may still be on its way. Whatever the reader
  // changes meanwhile is kept: the first ranking reads the form, not the URL.
  fillForm(parseAnswers(new URLSearchParams(location.search), listedWorkSettings()));
  sortSelect.value = readSort(new URLSearchParams(location.search));
  form.hidden = false;
  section.hidden = false;
  await loadData();
}

async function loadData() {
  // Said and offered again on failure by loaded(); the answers already given stay in the form.
  const ok = await loaded(async () => {
    // The ranked columns with the field spec's roles.match (the column of each value the rules read),
    // and search/'s meta for the card rows' layout and the words for values.
    const [columns, meta] = await Promise.all([fetchJSON("search/match.json"), fetchJSON("search/meta.json")]);
    data = { ...readMatchColumns(columns), labels: inLanguage(meta.labels), rowKeys: meta.keys, rowsPerFile: meta.rows_per_file, columns: new Set(), roles: columns.roles };
    // A work setting's name as this page's menu words it (credentials.csv's best_for in the page's language).
    for (const setting of data.workSettings) setting.label = form.querySelector(`option[value="${CSS.escape(setting.key)}"]`)?.dataset.label ?? setting.label;
  }, loadData);
  if (!ok) return;
  update();
  listen();
}

// The form answers once there is data to rank.
function listen() {
  form.addEventListener("input", (event) => schedule(event.target.type === "number" ? TYPING_PAUSE_MS : 0));
  form.addEventListener("change", () => schedule(0));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
    heading.focus();
  });
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    fillForm(NO_ANSWERS);
    update();
  });
  moreButton.addEventListener("click", showMore);
  sortSelect.addEventListener("change", () => update());
  copyButton.addEventListener("click", copyLink);
  // Share (the phone's share sheet, where there is one) and Print sit beside "Copy link", each with
  // its own status beside it.
  const shareAction = canShare ? actionButton(t("Share"), () => shareSheet(share.shareUrl(pageUrl(`match/${location.search}`)), document.title)) : null;
  copyStatus.after(...[shareAction, printButton()].filter(Boolean));
}

// Say next to each question whether it is a must-have or only changes the order, from RULES itself.
function markMustHaves() {
  for (const node of form.querySelectorAll("[data-rule]")) {
    const rule = RULES[node.dataset.rule];
    node.append(" ", el("span", { class: rule.required ? "rule-kind must" : "rule-kind" }, rule.required ? "(must have)" : "(nice to have)"));
  }
}

// The work settings the page was built with, for reading a URL before match.json has arrived.
function listedWorkSettings() {
  return [...form.elements.work.options].filter((option) => option.value).map((option) => ({ key: option.value }));
}

function schedule(delay) {
  clearTimeout(pending);
  pending = setTimeout(update, delay);
}

function readForm() {
  return parseAnswers(new URLSearchParams(new FormData(form)), data.workSettings);
}

function fillForm(answers) {
  for (const control of form.querySelectorAll("[name]")) {
    const value = answers[control.name];
    if (value === undefined) continue;
    const text = value === true ? "yes" : value === null || value === false ? "" : String(value);
    if (control.type === "radio" || control.type === "checkbox") {
      control.checked = control.value === text;
    } else {
      if (control.tagName === "SELECT") addMissingOption(control, text);
      control.value = text;
    }
  }
}

// A shared link may hold a value the menu does not list (months=7); keep it rather than drop it.
function addMissingOption(select, value) {
  if (value === "" || [...select.options].some((option) => option.value === value)) return;
  const label = select.name === "months" ? tn("Within {count} month", "Within {count} months", Number(value)) : value;
  select.append(el("option", { value }, label));
}

// The results' order: a parameter of its own, after the answers, left out when it is the default.
function readSort(params) {
  const sort = params.get("sort");
  return Object.hasOwn(SORTS, sort) ? sort : "fit";
}

// The cards' rows for `matches` (search/rows/, a file per rows_per_file programs), onto their records.
async function loadCards(matches) {
  const missing = matches.map((match) => match.program).filter((program) => program.id === undefined);
  const files = [...new Set(missing.map((program) => Math.floor(program.number / data.rowsPerFile)))];
  const rows = await Promise.all(files.map((file) => fetchJSON(`search/rows/${file}.json`)));
  const byFile = new Map(files.map((file, i) => [file, rows[i]]));
  for (const program of missing) addCardRows(program, data.rowKeys, byFile.get(Math.floor(program.number / data.rowsPerFile))[program.number % data.rowsPerFile], data.roles);
}

// The column files the answers and the sort read (search/match/), each fetched once.
async function loadColumns(names) {
  const missing = names.filter((name) => !data.columns.has(name));
  const files = await Promise.all(missing.map((name) => fetchJSON(`search/match/${columnFile(name, data.roles)}.json`)));
  missing.forEach((name, i) => {
    if (data.columns.has(name)) return; // a faster update added it meanwhile
    addColumn(data.programs, name, files[i]);
    data.columns.add(name);
  });
}

async function update() {
  clearTimeout(pending);
  const turn = ++drawing;
  const answers = readForm();
  const params = answersToParams(answers);
  if (sortSelect.value !== "fit") params.set("sort", sortSelect.value);
  const query = params.toString();
  history.replaceState(null, "", share.address(query ? `?${query}` : location.pathname));
  share.setView(pageUrl(query ? `match/?${query}` : "match/"));

  const sort = sortSelect.value;
  answers.aidRates = await aidRates(answers);
  if (!(await loaded(() => loadColumns(columnsFor(answers, sort)), update)) || turn !== drawing) return;
  const ranked = rankPrograms(data.programs, answers, data.workSettings, data.labels, sort, data.roles);
  const result = shortlist(ranked);
  if (!(await loaded(() => loadCards(result.shown.slice(0, Math.max(PAGE_SIZE, COMPARE_COUNT))), update)) || turn !== drawing) return;
  shown = result.shown;
  status.textContent = summary(result, answers);
  whyNone.hidden = result.fitCount + result.unknownCount > 0 || !hasAnswers(answers);
  if (!whyNone.hidden) whyNone.textContent = explainNone(ranked);
  list.replaceChildren();
  showMore();
  share.showChanges(shown.slice(0, PAGE_SIZE).map((match) => match.program), null);

  const top = shown.slice(0, COMPARE_COUNT);
  compareLink.hidden = top.length < 2;
  compareLink.textContent = t("Compare the top {count}", { count: top.length });
  const aid = aidParams(answers).map(([name, value]) => `&${name}=${value}`).join("");
  compareLink.href = pageUrl(`compare/?ids=${top.map((match) => encodeURIComponent(match.id)).join(",")}${aid}`);
  copyStatus.textContent = "";
}

// The aid figures (the build's aid.json), fetched once, only when the student gives aid answers; if
// they fail to load the budget meets the cost to get certified, as without answers.
let aidFigures = null;
async function aidRates(answers) {
  if (!hasAidAnswers(answers)) return null;
  aidFigures ??= fetchJSON("aid.json").then((json) => json.rates, () => null);
  return aidFigures;
}

const ORDER_WORDS = { fit: t("best fit first"), cost: t("lowest cost to get certified first"), duration: t("shortest first") };

function summary({ fitCount, unknownCount, shown: listed }, answers) {
  const order = ORDER_WORDS[sortSelect.value];
  if (listed.length === 0) return t("No programs are listed yet.");
  if (!hasAnswers(answers)) return t("{programs}. Answer any question to rank them.", { programs: countText(listed.length, "program") });
  if (fitCount + unknownCount === 0) {
    return t("No program fits everything you need. Here are the closest, {order}, with what each one misses.", { order });
  }
  const might = tn(
    "{count} program might: it does not list something you need, such as the cost",
    "{count} programs might: they do not list something you need, such as the cost",
    unknownCount,
  );
  if (fitCount === 0) return t("No program is known to fit everything you need. {might}; check with the provider.", { might });
  const known = tn("{count} program fits everything you need, {order}.", "{count} programs fit everything you need, {order}.", fitCount, { order });
  if (unknownCount === 0) return known;
  return tn("{known} After it, {might}.", "{known} After them, {might}.", fitCount, { known, might });
}

// Which answer rules most programs out, so the student knows what to loosen.
function explainNone(ranked) {
  const [first, ...rest] = blockers(ranked);
  if (!first) return "";
  const others = rest.map((b) => `${b.name} (${number(b.count)})`);
  const most = t("{answer} rules out the most: {count} of {total} programs miss it.", { answer: capitalize(first.name), count: number(first.count), total: number(ranked.length) });
  const then = others.length ? t(" Then {others}.", { others: others.join(", ") }) : "";
  const change = t(" Changing that answer finds more programs.");
  return `${most}${then}${change}`;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Runs `load` (columns or cards); false, with the failure said and "Try again" (`retry`), when it failed.
async function loaded(load, retry) {
  try {
    await load();
    return true;
  } catch (error) {
    console.warn(error);
    status.textContent = t("The ranking is unavailable: the programs did not load.");
    status.after(loadFailure(t("The programs to rank (match.json)"), error, () => ((status.textContent = t("Loading programs…")), retry())));
    return false;
  }
}

async function showMore() {
  const from = list.children.length;
  const next = shown.slice(from, from + PAGE_SIZE);
  if (from > 0 && !(await loaded(() => loadCards(next), showMore))) return;
  list.append(...next.map(resultItem));
  const left = shown.length - list.children.length;
  moreButton.hidden = left === 0;
  moreButton.textContent = t("Show {count} more ({left} not shown)", { count: number(Math.min(left, PAGE_SIZE)), left: number(left) });
  refreshCompareButtons(list);
  // After "Show more", continue where the reader was: on the first program just added.
  if (from > 0 && next.length) list.children[from].querySelector("a").focus();
}

function resultItem(match) {
  const program = match.program;
  const mustMisses = match.requiredMisses;
  return el(
    "li",
    { class: match.meetsRequirements ? "match-item" : "match-item misses-need" },
    el("h3", {}, el("a", { href: pageUrl(`programs/${encodeURIComponent(program.id)}/`), lang: asWritten }, program.name)),
    el("p", { class: "match-provider", lang: asWritten }, program.provider),
    mustMisses > 0 ? el("p", { class: "match-verdict" }, tn("Misses {count} thing you need", "Misses {count} things you need", mustMisses)) : null,
    mustMisses === 0 && !match.knownToFit ? el("p", { class: "match-verdict" }, t("{missing}: check with the provider", { missing: match.mustHavesNotListed.join("; ") })) : null,
    // What orders the results is on every card: the cost to get certified the ranking used.
    el("p", { class: "match-cost" }, el("span", { class: "match-cost-label" }, t("Cost to get certified:")), " ", match.costText),
    reasonList(t("Fits"), "fits", match.fits),
    reasonList(match.missesTitle, "misses", match.misses),
    reasonList(t("Check with the provider"), "unknowns", match.unknowns),
    verified(program),
    compareButton(program),
  );
}

// The date the prices above were checked; an old one says so (the build decides what is old).
function verified(program) {
  // A date not listed is said plainly, not as "Last verified Not listed".
  if (!program.checked) return el("p", { class: "match-verified" }, t("Date last checked: not listed"));
  return el(
    "p",
    { class: "match-verified" },
    t("Last verified {date}", { date: isoDateText(program.checked) }),
    program.verified_stale ? el("strong", { class: "stale-note" }, data.labels.stale) : null,
  );
}

// The same button as on cards and program pages (the compare_button macro of partials/program_parts.html, in a <template>).
function compareButton(program) {
  const button = buttonTemplate.content.firstElementChild.cloneNode(true);
  fillCompareButton(button, program);
  return button;
}

function reasonList(title, kind, reasons) {
  if (reasons.length === 0) return null;
  return el(
    "div",
    { class: `reasons reasons-${kind}` },
    el("p", { class: "reasons-title" }, title),
    el("ul", {}, reasons.map((reason) => el("li", { class: reason.required ? "must" : null }, reason.text))),
  );
}

async function copyLink() {
  try {
    await navigator.clipboard.writeText(share.shareUrl(pageUrl(`match/${location.search}`)));
    copyStatus.textContent = t("Link copied. Anyone who opens it sees these answers and this ranking.");
  } catch {
    copyStatus.textContent = t("Copy the address from your browser's address bar to share these answers.");
  }
}
