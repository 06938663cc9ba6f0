// The compare page: the programs named in ?ids=a,b,c, side by side in one table, fetched one small
// JSON file per program so the page costs the same with 10 programs in the data or 10,000.
import { countText, el, loadFailure, NOT_LISTED, pageUrl, safeHttpUrl, siteUrl } from "./common.js";
import { fieldSpec } from "./field-spec.js";
import { asWritten, t, tn } from "./i18n.js";
import { valueText } from "./format.js";
import { compareMax, getSelection, label, onSelectionChange, setSelection } from "./tray.js";
import { actionButton, canShare, printButton, shareSheet, startSharePanel } from "./share-panel.js";
import { idsToLoad, pickPrograms } from "./compare-pick.js";
import { aidNote, aidRows, withAidAnswers } from "./compare-aid.js"; // "Estimated to pay after aid" (issue 28)
import { coverValue, examRow } from "./compare-outcomes.js"; // whom outcomes cover, exam facts (issue 28)

const app = document.getElementById("compare-app");
let showOnlyDifferences = false;
let shown = []; // the programs in the table, in order
let following = false; // the table shows this browser's own selection, so follows its changes
let rendering = 0; // a newer render wins over an older one still loading
const share = startSharePanel(document.getElementById("shared-link"), document.getElementById("share-editor-slot")); // asof notice, note, printout; the note editor after the table

// The rows come from the build's field spec (search/fields.json in the page's language, written by
// plugins/programs_site/outputs/browser_fields.py): their order, labels, the field each one shows and its
// "best" rule. This script names no field and no label: each row's value is data.json's typed
// display[field], worded by format.js as the row's type says; the badge reads the record's [field].

// How each kind of row shows a program's value (browser_fields.py, Row.kind).
const VALUES = {
  value: (row) => (p) => {
    const text = valueText(p.display[row.field], row);
    if (text === null) return { text: NOT_LISTED };
    // A note the value carries (the date checked more than 12 months ago says so).
    return { text: row.flag && p.display[row.flag] ? `${text} (${row.flagged})` : text };
  },
  codes: (row) => (p) => codes(p.display[row.field] ?? []),
  page: (row) => (p) => link(withAidAnswers(pageUrl(p[row.field])), row.label, p),
  link: (row) => (p) => link(safeHttpUrl(p[row.field]), row.label, p),
};

/** The table's rows from the spec: aid rows only with aid answers, the exam row and the report's only when they concern a program. */
function rowsFrom(spec) {
  const report = spec.compare.filter((row) => row.when === "report").map((row) => row.field);
  const reported = (programs) => programs.some((p) => report.some((field) => p[field] !== null && p[field] !== undefined));
  return spec.compare.flatMap((row) => {
    if (row.kind === "aid") return aidRows;
    if (row.kind === "exam") return [examRow(row)];
    return [
      {
        label: row.label,
        labelLang: row.lang ?? null, // a declared column's label left in English
        value: row.kind === "cover" ? coverValue(row, spec.fields) : VALUES[row.kind ?? "value"](row),
        best: row.best ? BEST[row.best](row.field, row.badge) : null,
        link: row.kind === "page" || row.kind === "link",
        shownFor: row.when === "report" ? reported : null,
      },
    ];
  });
}

// ---- best values ------------------------------------------------------------------------------

// Only worth a badge when it tells programs apart: not when one value is known, nor when all tie.
function extreme(pick) {
  return (field, badge) => (programs) => {
    const values = programs.map((p) => (typeof p[field] === "number" ? p[field] : null));
    const known = values.filter((v) => v !== null);
    const best = pick(...known);
    return known.some((v) => v !== best) ? values.map((v) => (v === best ? badge : null)) : programs.map(() => null);
  };
}

const BEST = {
  lowest: extreme(Math.min),
  highest: extreme(Math.max),
  yes: (field, badge) => (programs) => {
    const winners = programs.map((p) => p[field] === true);
    return winners.includes(false) ? winners.map((w) => (w ? badge : null)) : programs.map(() => null);
  },
};

// ---- cell values ------------------------------------------------------------------------------

// The credentials' codes, each linked to its page when the site describes it.
function codes(list) {
  if (!list.length) return { text: NOT_LISTED };
  const parts = list.flatMap((c, i) => [i ? ", " : null, c.path ? el("a", { href: pageUrl(c.path), title: c.name }, c.code) : c.code]);
  return { text: list.map((c) => c.code).join(", "), nodes: parts.filter((part) => part !== null) };
}

function link(href, text, program) {
  if (!href) return { text: NOT_LISTED };
  const attrs = href.startsWith(siteUrl("")) ? { href } : { href, rel: "noopener" };
  return { text: href, nodes: [el("a", attrs, text, el("span", { class: "visually-hidden" }, t(" for {program}", { program: label(program) })))] };
}

/** Every row as plain values: what the table shows and what the CSV holds. */
function tableModel(programs, rows) {
  // A row with `shownFor` appears only when it concerns one of the programs (the outcome rows).
  return rows.filter((row) => !row.shownFor || row.shownFor(programs)).map((row) => {
    const badges = row.best ? row.best(programs) : programs.map(() => null);
    const cells = programs.map((p, i) => ({ ...row.value(p), badge: badges[i] }));
    const same = cells.every((cell) => cell.text === cells[0].text);
    // Links always differ from program to program; they are never "a difference" worth pointing at.
    return { ...row, cells, same, differs: !same && !row.link };
  });
}

// The table cell's text content and the CSV cell are the same string: value, then "(badge)".
function cellText(cell) {
  return cell.badge ? `${cell.text} (${cell.badge})` : cell.text;
}

function headerText(program) {
  return `${program.name}, ${program.provider}`;
}

// ---- loading ----------------------------------------------------------------------------------

const loaded = new Map();
// A 404 is the answer "no such program"; anything else is a failure worth saying so.
function loadProgram(id) {
  if (!loaded.has(id)) {
    const url = siteUrl(`programs/${id}/data.json`);
    loaded.set(
      id,
      fetch(url)
        .then((response) => (response.status === 404 ? { id, missing: true } : response.ok ? response.json() : { id, failed: { status: response.status } }))
        .catch((error) => ({ id, failed: error })),
    );
    // A failure is not kept, so "Try again" asks the server again.
    loaded.get(id).then((result) => result.failed && loaded.delete(id));
  }
  return loaded.get(id);
}

function idsFromAddress() {
  const raw = new URLSearchParams(location.search).get("ids");
  if (raw === null) return null;
  const ids = raw.split(",").map((id) => id.trim().toLowerCase()).filter(Boolean);
  return [...new Set(ids)];
}

function comparisonUrl(ids) {
  return withAidAnswers(pageUrl(ids.length ? `compare/?ids=${ids.map(encodeURIComponent).join(",")}` : "compare/"));
}

function sameIds(a, b) {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

// ---- rendering --------------------------------------------------------------------------------

async function show(requested) {
  const token = ++rendering;
  app.setAttribute("aria-busy", "true");
  const ids = idsToLoad(requested);
  const spec = fieldSpec().then(rowsFrom, (error) => ({ failed: error }));
  const [rows, ...loadedResults] = await Promise.all([spec, ...ids.map(loadProgram)]);
  const results = Object.fromEntries(loadedResults.map((r, i) => [ids[i], r]));
  if (token !== rendering) return;
  app.removeAttribute("aria-busy");

  const { programs, leftOut, missing, failed, unchecked } = pickPrograms(requested, results, compareMax);
  const notices = [];
  if (leftOut.length || unchecked.length) {
    const names = leftOut.map(label);
    if (unchecked.length) names.push(tn("{count} more not looked up", "{count} more not looked up", unchecked.length));
    notices.push(el("p", {}, t("A comparison holds up to {max} programs, so the first {max} found are shown; left out: {names}.", { max: compareMax, names: names.join("; ") })));
  }
  // Ids the "what changed since" notice names as removed are not named a second time here.
  const missingNotice = el("p", {});
  const sayMissing = (named = []) => {
    const left = missing.filter((id) => !named.includes(id));
    missingNotice.hidden = left.length === 0;
    missingNotice.textContent = tn("This program is no longer listed, so not shown: {ids}.", "These programs are no longer listed, so not shown: {ids}.", left.length, { ids: left.join(", ") });
    noticeBox.hidden = [...noticeBox.children].every((child) => child.hidden);
  };
  const noticeBox = el("div", { class: "compare-notice", role: "note" }, notices, missingNotice);

  shown = programs;
  share.setView(comparisonUrl(programs.map((p) => p.id)));
  // The table first: on a phone, the first screen of a shared link shows the comparison itself;
  // the offer to keep these programs follows it.
  app.replaceChildren(
    noticeBox,
    failed.length ? loadFailure(t("The details of {ids}", { ids: failed.map((r) => r.id).join(", ") }), failed[0].failed, () => show(requested)) : "",
    rows.failed && programs.length ? loadFailure(t("The comparison's rows"), rows.failed, () => show(requested)) : "",
    programs.length ? (rows.failed ? "" : comparison(programs, rows)) : emptyState(requested.length > 0),
    offerSlot,
  );
  sayMissing();
  updateOffer();
  sayMissing(await share.showChanges(programs, missing));
}

function emptyState(hadIds) {
  return el(
    "div",
    { class: "compare-empty" },
    el("p", {}, hadIds ? t("None of the programs in this link could be shown.") : t("You have not chosen any programs to compare yet.")),
    el("p", {}, t("Use “Add to compare” on any program, then come back here. "), el("a", { href: pageUrl("") }, t("Browse programs"))),
  );
}

// Someone else's link: say it differs from this browser's own selection and offer to adopt it.
const offerSlot = el("div", { class: "compare-offer-slot" });
function updateOffer() {
  const mine = getSelection();
  following = shown.length > 0 && sameIds(shown.map((p) => p.id), mine.map((s) => s.id));
  if (following || !shown.length) return offerSlot.replaceChildren();
  const explain = mine.length
    ? t("This comparison is not the same as your own selection ({programs}).", { programs: countText(mine.length, "program") })
    : t("These programs are not in your own selection.");
  const adopt = () => {
    setSelection(shown.map((p) => ({ id: p.id, name: p.name, provider: p.provider })));
    const done = el("p", { tabindex: "-1" }, t("Your selection now holds the programs in this comparison."));
    offerSlot.replaceChildren(el("div", { class: "compare-offer" }, done));
    done.focus();
  };
  offerSlot.replaceChildren(
    el(
      "div",
      { class: "compare-offer" },
      el("p", {}, explain),
      el("button", { type: "button", class: "secondary", onclick: adopt }, mine.length ? t("Replace my selection with these programs") : t("Keep these programs as my selection")),
    ),
  );
}

function rows(n) {
  return countText(n, "row");
}

// Counts what the reader sees: rows whose values differ, rows hidden for being the same, and the
// link rows, which are kept but are not differences.
function differencesMessage(model) {
  const differ = model.filter((row) => row.differs).length;
  const same = model.filter((row) => row.same && !row.link).length;
  if (!showOnlyDifferences) return t("Showing all {rows}; the {differ} that differ are marked “differs”.", { rows: rows(model.length), differ: rows(differ) });
  return tn(
    "Showing only the {differ} that differ (and the links); {same} where every program is the same is hidden.",
    "Showing only the {differ} that differ (and the links); {same} where every program is the same are hidden.",
    same,
    { differ: rows(differ), same: rows(same) },
  );
}

// Links differ per program anyway; only rows where every program reads the same can be hidden.
function isShown(row) {
  return !(showOnlyDifferences && row.same && !row.link);
}

function comparison(programs, rows) {
  const model = tableModel(programs, rows);
  const message = el("p", { class: "compare-message", role: "status" });
  const shareBox = el("div", { class: "compare-share", hidden: true });
  const table = compareTable(programs, model);
  const applyFilter = () => {
    for (const [index, row] of model.entries()) table.tBodies[0].rows[index].hidden = !isShown(row);
  };
  applyFilter();
  message.textContent = differencesMessage(model);

  const toggle = el("input", { type: "checkbox", id: "compare-differences", checked: showOnlyDifferences, disabled: programs.length < 2 });
  toggle.addEventListener("change", () => {
    showOnlyDifferences = toggle.checked;
    applyFilter();
    message.textContent = differencesMessage(model);
  });

  return el(
    "div",
    { class: "compare-results" },
    el(
      "div",
      { class: "compare-toolbar" },
      el("div", { class: "compare-toggle-differences" }, toggle, el("label", { for: "compare-differences" }, t("Show only differences"))),
      // Each button says what it did right beside it; the "rows differ" summary below stays.
      canShare ? actionButton(t("Share"), () => shareSheet(share.shareUrl(comparisonUrl(programs.map((p) => p.id))), document.title)) : null,
      actionButton(t("Copy link"), () => copyLink(programs, shareBox)),
      actionButton(t("Download CSV"), () => downloadCsv(programs, model)),
      printButton(),
    ),
    shareBox,
    el("div", { class: "compare-scroll", role: "region", "aria-labelledby": "compare-caption", tabindex: "0", onfocusin: revealFocused }, table),
    message,
    el("p", { class: "note" }, t("Labels such as “Lowest cost” mark the best value in a row when the programs differ. “Not listed” means the provider did not publish it.")),
    aidNote(),
  );
}

// Chromium leaves a partly visible focused link where it is; bring it wholly into view, beside the
// sticky first column (the region's scroll-padding), so focus is never half hidden on a phone.
function revealFocused(event) {
  if (event.target !== event.currentTarget) event.target.scrollIntoView({ block: "nearest", inline: "nearest" });
}

function compareTable(programs, model) {
  return el(
    "table",
    { class: "compare-table" },
    el("caption", { id: "compare-caption" }, t("{programs} side by side", { programs: countText(programs.length, "program") })),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("td", { class: "compare-corner" }),
        programs.map((p) =>
          el(
            "th",
            { scope: "col" },
            el("span", { class: "compare-name", lang: asWritten }, p.name),
            el("span", { class: "visually-hidden" }, ", "),
            el("span", { class: "compare-provider", lang: asWritten }, p.provider),
            // Its words come from CSS (compare.css) so the header's text stays the program's name.
            el("button", { type: "button", class: "compare-remove secondary", "data-remove-column": p.id, "data-label": t("Remove"), "aria-label": t("Remove {program} from this comparison", { program: label(p) }) }),
          ),
        ),
      ),
    ),
    el(
      "tbody",
      {},
      model.map((row) =>
        el(
          "tr",
          { class: row.link ? "compare-link-row" : row.differs ? "differs" : null },
          el("th", { scope: "row", "data-differs": row.differs ? t("differs") : null, lang: row.labelLang }, row.label),
          row.cells.map((cell) =>
            el(
              "td",
              { class: [cell.text === NOT_LISTED ? "unknown" : "", cell.badge ? "best" : ""].join(" ").trim() || null },
              ...(cell.nodes ?? [cell.text]),
              cell.badge
                ? el("strong", { class: "best-badge" }, el("span", { class: "visually-hidden" }, " ("), cell.badge, el("span", { class: "visually-hidden" }, ")"))
                : null,
            ),
          ),
        ),
      ),
    ),
  );
}

// ---- sharing ----------------------------------------------------------------------------------

// Returns the words for the status beside the button.
async function copyLink(programs, shareBox) {
  const url = share.shareUrl(comparisonUrl(programs.map((p) => p.id)));
  try {
    await navigator.clipboard.writeText(url);
    shareBox.hidden = true;
    return t("Link copied. Paste it into an email or message to share this comparison.");
  } catch {
    // No clipboard (permission refused, old browser): show the link so it can be copied by hand.
    const input = el("input", { id: "compare-link", type: "text", readonly: true, value: url });
    shareBox.replaceChildren(el("label", { for: "compare-link" }, t("Link to this comparison (copy it by hand)")), input);
    shareBox.hidden = false;
    input.focus();
    input.select();
    return t("Could not copy automatically. The link is shown below, selected.");
  }
}

// Spreadsheets run cells that start with = + - @ as formulas; a leading ' keeps them text.
function csvCell(value) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

let downloadUrl = null;
function downloadCsv(programs, model) {
  const visible = model.filter(isShown);
  const lines = [["", ...programs.map(headerText)], ...visible.map((row) => [row.label, ...row.cells.map(cellText)])];
  const text = "\ufeff" + lines.map((line) => line.map(csvCell).join(",")).join("\r\n") + "\r\n";
  // An object URL opened by <a download> is a download, not a fetch, so the CSP allows it. The
  // previous URL is released here rather than right after click(), which can cancel the download.
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  el("a", { href: downloadUrl, download: "program-comparison.csv" }).click();
  return tn("Downloaded program-comparison.csv with {count} row.", "Downloaded program-comparison.csv with {count} rows.", visible.length);
}

// ---- start ------------------------------------------------------------------------------------

// Replaces the "needs JavaScript" message the page is served with.
app.replaceChildren(el("p", { class: "note" }, t("Loading the comparison…")));
let requested = idsFromAddress();
if (requested === null) {
  // No ids in the address: show this browser's selection, and put it in the address so it can be shared.
  requested = getSelection().map((s) => s.id);
  if (requested.length) history.replaceState(null, "", comparisonUrl(requested));
}
show(requested);

// Removing a column: the address (the comparison) loses that program; when the table is this
// browser's own selection, the selection does too, so the tray and the table agree.
app.addEventListener("click", (event) => {
  const button = event.target.closest("[data-remove-column]");
  if (!button) return;
  const left = shown.map((p) => p.id).filter((id) => id !== button.dataset.removeColumn);
  // The address keeps the link's asof and the advisor's note: a reload or a bookmark loses neither.
  history.replaceState(null, "", share.address(comparisonUrl(left)));
  if (following) setSelection(getSelection().filter((item) => left.includes(item.id)));
  show(left).then(() => (app.querySelector("[data-remove-column]") ?? app.querySelector("a") ?? document.getElementById("main"))?.focus());
});

onSelectionChange((selection) => {
  const selected = selection.map((s) => s.id);
  if (!following) updateOffer();
  else if (!sameIds(selected, shown.map((p) => p.id))) {
    history.replaceState(null, "", share.address(comparisonUrl(selected)));
    show(selected);
  }
});
