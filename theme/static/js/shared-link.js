// Shared links that stay honest over time: the data version a link was shared at (?asof=), the
// advisor's note after "#" (by=, note=), and what changed since. Pure functions only, so the compare
// and match pages and the node tests in tests/js/ use the same rules.

import { locale, t, words as inLanguage } from "./i18n.js";
import { valueText } from "./format.js";

export const NOTE_MAX = 500;
export const NAME_MAX = 80;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const NOTICE_LIMIT = 12; // lines in a notice before "and N more"

// Every sentence these links show, in one place, in the page's language (i18n.js: the message catalog).
export const TEXT = {
  locale, // dates and numbers: the page's (en-US, es-US)
  sharedOn: { comparison: t("Since this comparison was shared on {date}:"), results: t("Since these results were shared on {date}:") },
  changed: t("{name}: {field} {old}, now {new}"),
  changedAt: t("{name} ({provider}): {field} {old}, now {new}"), // when the page knows the provider
  removed: t("{name} ({provider}) is no longer listed (since {date})."),
  more: t("…and {count} more changes."),
  beforeHistory: t("The data history does not reach back to {date}: it starts on {since}, so only changes since then are shown."),
  noChanges: { comparison: t("Nothing has changed for these programs since this comparison was shared on {date}."), results: t("Nothing has changed for these programs since these results were shared on {date}.") },
  noHistory: t("This link was shared on {date}. This copy of the site keeps no history of the data, so it cannot say what changed since."),
  changesFailed: t("This link was shared on {date}. What changed since could not be loaded; reload the page to try again."),
  noticeHeading: t("What changed since this link was shared"),
  noteHeading: t("Note for the student"),
  noteHeadingBy: t("Note from {by}"),
  noteCut: t("This note was longer than {max} characters; only the first {max} are shown."),
  nameCut: t("The name was longer than {max} characters; only the first {max} are shown."),
  noteMore: t("Read the whole note"),
  noteLess: t("Show less of the note"),
  editorSummary: t("Add a note for the student"),
  share: t("Share"),
  shared: t("Shared."),
  shareFailed: t("Could not open the share options; use Copy link instead."),
  print: t("Print"),
  nameLabel: t("Your name (shown as who prepared this)"),
  noteLabel: t("Note"),
  noteHint: t("Up to {max} characters. The note travels in the link after “#”, so it is never sent to this website."),
  noteCount: t("{count} of {max} characters used."),
  noteFull: t("The note is at its limit of {max} characters; shorten it to add more."),
  preparedBy: t("Prepared by"),
  printedOn: t("Printed on"),
  dataVersion: t("Data version"),
  link: t("Link"),
  qrLabel: t("QR code of the link above"),
};

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

/** "2026-11-24" -> "November 24, 2026"; the date is a calendar day, so no time zone moves it. */
export function dateText(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(TEXT.locale, { dateStyle: "long", timeZone: "UTC" });
}

export function validDate(value) {
  if (!value || !DATE_PATTERN.test(value)) return null;
  const [year, month, day] = value.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value : null;
}

function cut(value, max) {
  const chars = [...(value ?? "")]; // by characters, not UTF-16 units, so an emoji is never split
  return { text: chars.slice(0, max).join(""), cut: chars.length > max };
}

/** What a shared link says beyond its view: asof from the query, by and note from after "#". */
export function readShareState(search, hash) {
  const fragment = new URLSearchParams((hash ?? "").replace(/^#/, ""));
  const by = cut(fragment.get("by")?.trim(), NAME_MAX);
  const note = cut(fragment.get("note")?.trim(), NOTE_MAX);
  return {
    asof: validDate(new URLSearchParams(search ?? "").get("asof")),
    by: by.text,
    byCut: by.cut,
    note: note.text,
    noteCut: note.cut,
  };
}

// Edits the query as text: searchParams would re-encode the rest of it (ids=a,b becomes ids=a%2Cb).
function withAsof(url, version) {
  if (!version) return url;
  const kept = url.search.replace(/^\?/, "").split("&").filter((part) => part && !part.startsWith("asof="));
  url.search = `?${[...kept, `asof=${version}`].join("&")}`;
  return url;
}

/** The link to send: the view's address, the data version the sender sees, and the note after "#". */
export function shareLink(address, { version, by = "", note = "" }) {
  const url = withAsof(new URL(address), version);
  url.hash = noteFragment({ by, note });
  return url.href;
}

/** "#by=…&note=…", or "" when there is no note: the part of a link no server ever receives. */
export function noteFragment({ by = "", note = "" }) {
  const fragment = new URLSearchParams();
  if (by.trim()) fragment.set("by", cut(by.trim(), NAME_MAX).text);
  if (note.trim()) fragment.set("note", cut(note.trim(), NOTE_MAX).text);
  const text = fragment.toString();
  return text ? `#${text}` : "";
}

/** The page's own address after its view changed (`view`: path and query): it keeps the link's asof and note. */
export function keepShareState(view, base, { asof, by, note }) {
  const url = withAsof(new URL(view, base), asof);
  url.hash = noteFragment({ by, note });
  return url.pathname + url.search + url.hash;
}

/** The link a printout carries: the view and its data version; the note is already on the paper. */
export function printLink(address, version) {
  return shareLink(address, { version }).replace(/#.*$/, "");
}

// A change's typed value (history.py FIELDS) in the page's language, as its type in changes.json says.
function changeText(data, field, value) {
  const type = Object.hasOwn(data.types ?? {}, field) ? data.types[field] : null;
  const labels = Object.hasOwn(data.choices ?? {}, field) ? inLanguage(data.choices[field]) : null;
  return valueText(value, { type, labels }) ?? t("Not listed");
}

/**
 * What changed after `asof` for the programs on screen ([{id, name, provider}]), from the build's changes.json;
 * `missing` are ids on screen that are no longer listed, or null for "any program removed since".
 */
export function changesSince(data, asof, programs, missing = []) {
  if (!asof) return null;
  const result = { asof, available: data.available, beforeHistory: null, changed: [], removed: [] };
  if (!data.available) return result;
  if (data.since && asof < data.since) result.beforeHistory = data.since;
  for (const program of programs) {
    const fields = new Map(); // field -> {old, new}: the first old value after asof, the latest new one
    // Object.hasOwn: an id is data, and "constructor" is a valid one.
    for (const [date, field, oldText, newText] of Object.hasOwn(data.changes, program.id) ? data.changes[program.id] : []) {
      if (date <= asof) continue;
      if (fields.has(field)) fields.get(field).new = newText;
      else fields.set(field, { old: oldText, new: newText });
    }
    for (const [field, values] of fields) {
      if (JSON.stringify(values.old) !== JSON.stringify(values.new)) {
        const words = { old: changeText(data, field, values.old), new: changeText(data, field, values.new) };
        result.changed.push({ id: program.id, name: program.name, provider: program.provider, field: t(data.labels[field] ?? field), ...words });
      }
    }
  }
  const removedIds = missing === null ? Object.keys(data.removed) : missing;
  for (const id of removedIds) {
    const entry = Object.hasOwn(data.removed, id) ? data.removed[id] : null;
    if (entry && entry[0] > asof) result.removed.push({ id, date: entry[0], name: entry[1], provider: entry[2] });
  }
  return result;
}

/**
 * The notice's heading line and its lines; null only for a current link (shared at `version`, the data
 * version on screen, or later). An older link is never silent: "nothing has changed since", or that
 * the history does not reach back to its date.
 */
export function noticeLines(since, kind, version = null) {
  if (!since) return null;
  if (!since.available) return { intro: fill(TEXT.noHistory, { date: dateText(since.asof) }), lines: [] };
  const lines = [
    ...since.changed.map((c) => fill(c.provider ? TEXT.changedAt : TEXT.changed, { ...c, field: c.field.toLowerCase() })),
    ...since.removed.map((r) => fill(TEXT.removed, { name: r.name, provider: r.provider, date: dateText(r.date) })),
  ];
  const shown = lines.slice(0, NOTICE_LIMIT);
  if (lines.length > NOTICE_LIMIT) shown.push(fill(TEXT.more, { count: lines.length - NOTICE_LIMIT }));
  if (since.beforeHistory) shown.push(fill(TEXT.beforeHistory, { date: dateText(since.asof), since: dateText(since.beforeHistory) }));
  if (!shown.length) {
    if (!version || since.asof >= version) return null;
    // quiet: nothing to act on, so one line (on a phone the comparison's values stay on the first screen).
    return { intro: fill(TEXT.noChanges[kind] ?? TEXT.noChanges.comparison, { date: dateText(since.asof) }), lines: [], quiet: true };
  }
  return { intro: fill(TEXT.sharedOn[kind] ?? TEXT.sharedOn.comparison, { date: dateText(since.asof) }), lines: shown };
}

/** An SVG path drawing the dark modules of a QR matrix (count x count), one unit square each. */
export function qrPath(count, isDark) {
  const parts = [];
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) if (isDark(row, col)) parts.push(`M${col} ${row}h1v1h-1z`);
  }
  return parts.join("");
}
