// The compare selection: kept in localStorage, shown in the tray on every page, changed by the
// "Add to compare" buttons on cards and program pages.
import { countText, el, pageUrl } from "./common.js";
import { asWritten, t } from "./i18n.js";

const STORAGE_KEY = "programs-site:compare";
const ID_PATTERN = /^[a-z0-9-]+$/;
const tray = document.getElementById("compare-tray");
// "Skip to the programs selected to compare": reaching the bar without tabbing through every card.
const skipLink = document.querySelector("[data-skip-compare]");
// On a phone the bar starts collapsed to one line (title and Compare) so it never hides much of the page.
const narrow = window.matchMedia("(max-width: 39.99rem)");
let expanded = !narrow.matches;
export const compareMax = Number(tray?.dataset.compareMax) || 4;

// One live region for the whole page, outside the tray: the tray is hidden when empty, and a live
// region inside a hidden element would swallow "Removed …" for the last program.
const status = el("p", { class: "visually-hidden", role: "status", id: "compare-status" });
(tray ?? document.body).after(status);

let selection = read();
let capNote = ""; // shown in the tray until the selection changes
const listeners = new Set();

// ---- the selection ---------------------------------------------------------------------------

// Storage can be disabled, full or edited by hand: fall back to an in-memory list, and keep only
// well-formed entries so a bad value can never break every page.
function read() {
  try {
    const items = JSON.parse(localStorage.getItem(STORAGE_KEY) || "[]");
    if (!Array.isArray(items)) return [];
    const seen = new Set();
    return items
      .filter((item) => item && ID_PATTERN.test(item.id) && typeof item.name === "string" && !seen.has(item.id) && seen.add(item.id))
      .map(({ id, name, provider }) => ({ id, name, provider: typeof provider === "string" ? provider : "" }))
      .slice(0, compareMax);
  } catch {
    return [];
  }
}

function write() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(selection));
  } catch {
    // Private mode or quota: the selection still works on this page.
  }
}

export function getSelection() {
  return selection.map((item) => ({ ...item }));
}

export function onSelectionChange(callback) {
  listeners.add(callback);
}

/** Replace the whole selection (the compare page's "use these programs"); extra items are dropped. */
export function setSelection(items) {
  selection = items.slice(0, compareMax).map(({ id, name, provider }) => ({ id, name, provider: provider || "" }));
  changed();
}

function changed({ save = true } = {}) {
  capNote = "";
  if (save) write();
  render();
  refreshCompareButtons();
  for (const callback of listeners) callback(getSelection());
}

export function label(item) {
  return item.provider ? `${item.name} (${item.provider})` : item.name;
}

function add(item) {
  if (selection.some((s) => s.id === item.id)) return;
  if (selection.length >= compareMax) {
    capNote = t("You can compare up to {max} programs. Remove one to add {name}.", { max: compareMax, name: item.name });
    render();
    announce(capNote);
    return;
  }
  selection.push(item);
  changed();
  announce(t("Added {program} to compare. {count} of {max} selected.", { program: label(item), count: selection.length, max: compareMax }));
}

function remove(id) {
  const item = selection.find((s) => s.id === id);
  if (!item) return;
  selection = selection.filter((s) => s.id !== id);
  changed();
  announce(t("Removed {program} from compare. {count} of {max} selected.", { program: label(item), count: selection.length, max: compareMax }));
}

function announce(message) {
  // Clearing first makes a repeated message (the cap, twice) be read again.
  status.textContent = "";
  requestAnimationFrame(() => (status.textContent = message));
}

// ---- the buttons on cards and program pages ---------------------------------------------------

/** Show the compare buttons under `root` and make each say in words whether its program is selected. */
// The visible words carry the state ("Add … to compare" / "Remove … from compare"), so there is no
// aria-pressed: a pressed toggle whose name also changed would read as a contradiction.
export function refreshCompareButtons(root = document) {
  const chosen = new Set(selection.map((s) => s.id));
  for (const button of root.querySelectorAll("button.compare-toggle[data-compare-id]")) {
    const isChosen = chosen.has(button.dataset.compareId);
    button.dataset.chosen = String(isChosen);
    button.querySelector("[data-compare-verb]").textContent = isChosen ? t("Remove") : t("Add");
    button.querySelector("[data-compare-preposition]").textContent = isChosen ? t("from") : t("to");
    button.hidden = false;
  }
  if (skipLink) skipLink.hidden = selection.length === 0;
}

/** Point a button cloned from the compare_button macro (partials/program_parts.html) at `program` (cards and results drawn in the browser). */
export function fillCompareButton(button, program) {
  Object.assign(button.dataset, { compareId: program.id, compareName: program.name, compareProvider: program.provider });
  button.querySelector('[data-slot="compare_name"]').textContent = `${program.name} `;
}

// Cards rendered later by other scripts carry the same button, so listen once on the document.
document.addEventListener("click", (event) => {
  const button = event.target.closest?.("button.compare-toggle[data-compare-id]");
  if (!button) return;
  const id = button.dataset.compareId;
  if (selection.some((s) => s.id === id)) remove(id);
  else add({ id, name: button.dataset.compareName || id, provider: providerOf(button) });
});

// Several programs share a name ("Medical Coding Certificate"), so the tray also shows the provider:
// from the button, or else from the card the button sits in.
function providerOf(button) {
  if (button.dataset.compareProvider) return button.dataset.compareProvider;
  return button.closest("[data-program-id]")?.querySelector(".card-provider")?.textContent.trim() || "";
}

// ---- the tray --------------------------------------------------------------------------------

function render() {
  if (!tray) return;
  tray.hidden = selection.length === 0;
  const ids = selection.map((s) => encodeURIComponent(s.id)).join(",");
  tray.replaceChildren(
    el(
      "section",
      { class: "compare-tray-inner", "aria-labelledby": "compare-tray-title" },
      el(
        "h2",
        { id: "compare-tray-title", class: "compare-tray-title" },
        el(
          "button",
          { type: "button", class: "compare-tray-expand", "aria-expanded": String(expanded), "aria-controls": "compare-tray-list", "data-tray-expand": true },
          t("Selected to compare ({count} of {max})", { count: selection.length, max: compareMax }),
        ),
      ),
      el(
        "ul",
        { class: "compare-tray-list", id: "compare-tray-list", hidden: !expanded },
        selection.map((item) =>
          el(
            "li",
            { class: "compare-chip" },
            el("span", { class: "compare-chip-name", lang: asWritten }, item.name, item.provider ? el("span", { class: "compare-chip-provider" }, item.provider) : null),
            el(
              "button",
              { type: "button", class: "compare-chip-remove", "data-remove-id": item.id },
              el("span", { "aria-hidden": "true" }, "×"),
              el("span", { class: "visually-hidden" }, t("Remove {program} from compare", { program: label(item) })),
            ),
          ),
        ),
      ),
      el(
        "div",
        { class: "compare-tray-actions" },
        el("a", { class: "button", href: pageUrl(`compare/?ids=${ids}`) + aidAnswers() }, t("Compare ({count})", { count: selection.length })),
        el("button", { type: "button", class: "secondary", "data-clear-compare": true }, t("Clear"), el("span", { class: "visually-hidden" }, t(" compare selection"))),
      ),
      capNote ? el("p", { class: "compare-tray-note" }, capNote) : null,
    ),
  );
}

// Aid answers in the address (gi=, pell=…, from the estimate) go along to the comparison (compare-aid.js).
function aidAnswers() {
  return location.search.slice(1).split("&").filter((part) => /^(gi|pell|wioa|employer)=/.test(part)).map((part) => `&${part}`).join("");
}
for (const type of ["pointerdown", "focusin", "contextmenu"]) {
  tray?.addEventListener(type, (event) => {
    const link = event.target.closest?.("a[href*='compare/?ids=']");
    if (link) link.href = link.href.replace(/&(gi|pell|wioa|employer)=[^&]*/g, "") + aidAnswers();
  });
}

tray?.addEventListener("click", (event) => {
  const removeButton = event.target.closest("[data-remove-id]");
  if (event.target.closest("[data-tray-expand]")) {
    expanded = !expanded;
    render();
    tray.querySelector("[data-tray-expand]").focus();
  } else if (removeButton) {
    // The button is about to disappear: keep keyboard users in the tray, on the next chip.
    const ids = selection.map((s) => s.id);
    const index = ids.indexOf(removeButton.dataset.removeId);
    remove(removeButton.dataset.removeId);
    focusAfterRemoval(ids[index + 1] ?? ids[index - 1]);
  } else if (event.target.closest("[data-clear-compare]")) {
    const count = selection.length;
    selection = [];
    changed();
    announce(t("Cleared {programs} from compare.", { programs: countText(count, "program") }));
    focusAfterRemoval(null);
  }
});

function focusAfterRemoval(nextId) {
  const next = nextId && tray.querySelector(`[data-remove-id="${CSS.escape(nextId)}"]`);
  if (next) next.focus();
  else {
    // Nothing left in the tray: go to the start of the page's content rather than lose focus.
    const main = document.getElementById("main");
    main?.setAttribute("tabindex", "-1");
    main?.focus();
  }
}

// A sticky bar must not hide what has focus: scroll-padding makes focus scrolling stop above it, and
// when the bar appears or grows under the focused control (Enter on "Add to compare" near the bottom
// of the window) the control is scrolled up above it (WCAG 2.4.11).
if (tray && "ResizeObserver" in window) {
  new ResizeObserver(() => {
    document.documentElement.style.setProperty("--compare-tray-height", `${tray.offsetHeight}px`);
    keepFocusAboveTray();
  }).observe(tray);
}

function keepFocusAboveTray() {
  const focused = document.activeElement;
  if (!focused || focused === document.body || tray.hidden || tray.contains(focused)) return;
  if (focused.getBoundingClientRect().bottom > tray.getBoundingClientRect().top) focused.scrollIntoView({ block: "nearest" });
}

// Escape folds the open list of chosen programs back to its title, where focus goes.
tray?.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || !expanded) return;
  expanded = false;
  render();
  tray.querySelector("[data-tray-expand]").focus();
});

// Another tab changed the selection: follow it, without writing it back.
window.addEventListener("storage", (event) => {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  selection = read();
  changed({ save: false });
});

render();
refreshCompareButtons();
