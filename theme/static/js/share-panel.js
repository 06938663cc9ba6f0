// The shared-link panel of the compare and match pages: the "what changed since" notice, the
// advisor's note (shown as text, edited in "Add a note for the student") and what the printout
// carries. The rules live in shared-link.js; this module only draws them.
import { el, fetchJSON } from "./common.js";
import { NAME_MAX, NOTE_MAX, TEXT, changesSince, dateText, fill, keepShareState, noteFragment, noticeLines, printLink, qrPath, readShareState, shareLink } from "./shared-link.js";

const SVG = "http://www.w3.org/2000/svg";

// ---- the buttons that share or print a view (compare, match) --------------------------------

// The phone's share sheet (navigator.share) where the browser has one; "Copy link" is there either way.
export const canShare = typeof globalThis.navigator?.share === "function";

/** A button with its own status right beside it: `run()` gives the words to show there ("" for none). */
export function actionButton(label, run, attrs = {}) {
  const status = el("span", { class: "action-status", role: "status" });
  const button = el("button", { type: "button", class: "secondary", ...attrs }, label);
  button.addEventListener("click", async () => {
    status.textContent = "";
    status.textContent = await run(button);
  });
  return el("span", { class: "action" }, button, status);
}

/** The share sheet for `url`; the words for the status (nothing when the reader closed the sheet). */
export async function shareSheet(url, title) {
  try {
    await navigator.share({ url, title });
    return TEXT.shared;
  } catch (error) {
    return error?.name === "AbortError" ? "" : TEXT.shareFailed;
  }
}

/** The visible Print button: the printout carries the note, date, link and QR code (share.css). */
export function printButton() {
  return el("button", { type: "button", class: "secondary print-button", onclick: () => window.print() }, TEXT.print);
}

// npm qrcode-generator, copied by the build to theme/vendor/ and imported only for a printout.
let qrcode = null;
let qrcodeLoading = null;

function loadQrcode() {
  qrcodeLoading ??= import("../vendor/qrcode.js").then(
    (module) => (qrcode = module.default),
    (error) => {
      qrcodeLoading = null; // a failed fetch is tried again at the next print
      throw error;
    },
  );
  return qrcodeLoading;
}

/**
 * host: the page's #shared-link element (data-data-version, data-kind); editorHost: another place for
 * the note editor (default: in host); returns the hooks a page calls:
 * shareUrl(address) for "Copy link", setView(address) when the view changes, and
 * showChanges(programs, missing) with the programs on screen.
 */
export function startSharePanel(host, editorHost = null) {
  const version = host.dataset.dataVersion;
  const kind = host.dataset.kind;
  const state = readShareState(location.search, location.hash);
  let view = location.href;

  const notice = el("div", { class: "share-notice-slot" });
  const noteText = el("p", { class: "share-note-text" });
  const noteHeading = el("h2", { id: "share-note-heading" });
  const noteMessages = el("div", { class: "share-note-messages" });
  // On a phone a long note shows its first lines and this button, so a shared link's first screen
  // still reaches the comparison's values (share.css clamps the text; the whole note prints).
  const noteMore = el("button", { type: "button", class: "share-note-more secondary", "aria-expanded": "false" }, TEXT.noteMore);
  const noteBox = el("section", { class: "share-note compact", "aria-labelledby": "share-note-heading" }, noteHeading, noteText, noteMessages, noteMore);
  noteMore.addEventListener("click", () => {
    const open = noteBox.classList.toggle("compact") === false;
    noteMore.setAttribute("aria-expanded", String(open));
    noteMore.textContent = open ? TEXT.noteLess : TEXT.noteMore;
  });

  const nameInput = el("input", { id: "share-by", type: "text", maxlength: NAME_MAX, autocomplete: "name", value: state.by });
  const noteInput = el("textarea", { id: "share-note-input", rows: 4, maxlength: NOTE_MAX, "aria-describedby": "share-note-hint share-note-count" });
  noteInput.value = state.note;
  const count = el("p", { id: "share-note-count", class: "note", "aria-live": "polite" });
  const editor = el(
    "details",
    { class: "share-editor" },
    el("summary", {}, TEXT.editorSummary),
    el("div", { class: "share-editor-body" },
      el("label", { for: "share-by" }, TEXT.nameLabel), nameInput,
      el("label", { for: "share-note-input" }, TEXT.noteLabel),
      el("p", { id: "share-note-hint", class: "hint" }, fill(TEXT.noteHint, { max: NOTE_MAX })),
      noteInput, count),
  );

  const printedOn = el("dd");
  const linkText = el("dd", { class: "share-print-link" });
  const byRow = el("div", {}, el("dt", {}, TEXT.preparedBy), el("dd"));
  const qrSlot = el("div", { class: "share-qr" });
  const printBlock = el(
    "div",
    { class: "share-print" },
    el("dl", {}, byRow, el("div", {}, el("dt", {}, TEXT.printedOn), printedOn), el("div", {}, el("dt", {}, TEXT.dataVersion), el("dd", {}, dateText(version))), el("div", {}, el("dt", {}, TEXT.link), linkText)),
    qrSlot,
  );

  // editorHost: where the note editor goes when not with the notices (the compare page puts it after
  // the table, so a shared comparison's first screen on a phone reaches its values).
  host.replaceChildren(notice, noteBox, ...(editorHost ? [] : [editor]), printBlock);
  editorHost?.replaceChildren(editor);
  host.hidden = false;

  function drawNote() {
    const by = nameInput.value.trim();
    const note = noteInput.value.trim();
    noteBox.hidden = !by && !note;
    noteHeading.textContent = by ? fill(TEXT.noteHeadingBy, { by }) : TEXT.noteHeading;
    noteText.textContent = note; // text, never HTML: a note can hold any characters
    // The button only when the clamp hides something (or the note is open).
    noteMore.hidden = noteBox.classList.contains("compact") && noteText.scrollHeight <= noteText.clientHeight + 1;
    const messages = [];
    if (state.noteCut && note === state.note) messages.push(fill(TEXT.noteCut, { max: NOTE_MAX }));
    if (state.byCut && by === state.by) messages.push(fill(TEXT.nameCut, { max: NAME_MAX }));
    noteMessages.replaceChildren(...messages.map((text) => el("p", { class: "share-note-cut" }, text)));
    const used = [...noteInput.value].length;
    count.textContent = used >= NOTE_MAX ? fill(TEXT.noteFull, { max: NOTE_MAX }) : fill(TEXT.noteCount, { count: used, max: NOTE_MAX });
    byRow.hidden = !by;
    byRow.lastChild.textContent = by;
  }

  // The printout's link and QR code are made here, in the browser, from the address on screen.
  function drawPrint() {
    const link = printLink(view, version);
    linkText.textContent = link;
    printedOn.textContent = new Date().toLocaleDateString(TEXT.locale, { dateStyle: "long" });
    if (!qrcode) {
      loadQrcode().then(drawPrint, (error) => console.warn(error)); // the code follows once it is here
      return;
    }
    const qr = qrcode(0, "M");
    qr.addData(link);
    qr.make();
    const size = qr.getModuleCount();
    const quiet = 4; // the blank margin a scanner needs around the code
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `${-quiet} ${-quiet} ${size + 2 * quiet} ${size + 2 * quiet}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", TEXT.qrLabel);
    svg.setAttribute("shape-rendering", "crispEdges");
    const background = document.createElementNS(SVG, "rect");
    for (const [name, value] of [["x", -quiet], ["y", -quiet], ["width", size + 2 * quiet], ["height", size + 2 * quiet], ["fill", "#fff"]]) background.setAttribute(name, value);
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", qrPath(size, (row, col) => qr.isDark(row, col)));
    path.setAttribute("fill", "#000");
    svg.append(background, path);
    qrSlot.replaceChildren(svg);
  }

  // Editing the note keeps it in the address after "#", so reloading or bookmarking keeps it too.
  function noteChanged() {
    state.noteCut = false;
    state.byCut = false;
    history.replaceState(history.state, "", location.pathname + location.search + noteFragment({ by: nameInput.value, note: noteInput.value }));
    drawNote();
  }
  // Escape closes the note editor and leaves focus on its summary, where it was opened.
  editor.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !editor.open) return;
    editor.open = false;
    editor.querySelector("summary").focus();
  });
  nameInput.addEventListener("input", noteChanged);
  noteInput.addEventListener("input", noteChanged);
  // Made at print time (window.print(), the browser's menu, or print media emulated), never before:
  // nothing on screen needs it.
  addEventListener("beforeprint", drawPrint);
  // The QR code's library (12 kB) is fetched when a person first presses a key or the pointer on the
  // page, so a print from the browser's menu or Ctrl+P finds it ready; a first visit never fetches it.
  for (const type of ["keydown", "pointerdown"]) addEventListener(type, loadQrcode, { once: true, passive: true });
  const printMedia = matchMedia("print");
  printMedia.addEventListener("change", () => printMedia.matches && drawPrint());
  drawNote();
  if (printMedia.matches) drawPrint();

  let changes = null;
  return {
    shareUrl(address) {
      return shareLink(address, { version, by: nameInput.value, note: noteInput.value });
    },
    setView(address) {
      view = address;
      if (printMedia.matches || qrSlot.firstChild) drawPrint(); // a printout already made follows the view
    },
    // A page that rewrites its address (match answers) keeps the link's asof and the note in it.
    address(view) {
      return keepShareState(view, location.href, { asof: state.asof, by: nameInput.value, note: noteInput.value });
    },
    // Returns the ids the notice names as no longer listed, so the page does not name them again.
    async showChanges(programs, missing = []) {
      if (!state.asof) return []; // a link without asof: no notice, and changes.json is never fetched
      changes ??= fetchJSON("changes.json");
      let worded;
      let removed = [];
      try {
        const since = changesSince(await changes, state.asof, programs, missing);
        removed = since.removed.map((r) => r.id);
        worded = noticeLines(since, kind, version);
      } catch {
        // An old link must never pass silently as current: say the check could not be made.
        worded = { intro: fill(TEXT.changesFailed, { date: dateText(state.asof) }), lines: [] };
      }
      notice.replaceChildren(
        worded?.quiet
          ? el("p", { class: "share-notice share-notice-quiet" }, worded.intro)
          : worded
          ? el("section", { class: "share-notice", "aria-labelledby": "share-notice-heading" },
            el("h2", { id: "share-notice-heading" }, TEXT.noticeHeading),
            el("p", {}, worded.intro),
            worded.lines.length ? el("ul", {}, worded.lines.map((line) => el("li", {}, line))) : null)
          : "",
      );
      return removed;
    },
  };
}
