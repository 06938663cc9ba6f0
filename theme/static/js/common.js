// Helpers every page behaviour shares: where the site root is, building elements safely, fetching JSON.
import { t, tn } from "./i18n.js";

// This file lives at <root>/theme/js/common.js, so the root is two folders up. Resolving from the
// module's own URL works the same at "/", under a sub-path and with relative URLs.
export const siteRoot = new URL("../../", import.meta.url);
// Pages of another language live under <root>/<lang>/ (their links to pages go there; data files stay at the root).
const pageLang = globalThis.document?.documentElement.lang;
const defaultLang = globalThis.document?.documentElement.dataset.defaultLang;
export const pagesRoot = pageLang && defaultLang && pageLang !== defaultLang ? new URL(`${pageLang}/`, siteRoot) : siteRoot;

export function siteUrl(path) {
  return new URL(path, siteRoot).href;
}

// A page of the site in the page's own language: pageUrl("programs/x/") is /es/programs/x/ on a Spanish page.
export function pageUrl(path) {
  return new URL(path, pagesRoot).href;
}

// "1 program", "2,358 programs": the one way pages count things, in the page's language (i18n.js).
const COUNTED = {
  program: (n) => tn("{count} program", "{count} programs", n),
  row: (n) => tn("{count} row", "{count} rows", n),
};
export function countText(n, noun) {
  return COUNTED[noun](n);
}

// Create an element; strings among the children become text nodes, never HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const cache = new Map();
export function fetchJSON(path) {
  const url = siteUrl(path);
  if (!cache.has(url)) {
    const request = fetch(url).then((response) => {
      if (!response.ok) throw Object.assign(new Error(`${response.status} for ${url}`), { status: response.status });
      return response.json();
    });
    // A failure is not kept, so "Try again" asks the server again.
    request.catch(() => cache.delete(url));
    cache.set(url, request);
  }
  return cache.get(url);
}

// Why a file did not load, in words a reader can act on.
export function failureReason(error) {
  if (error?.status) return t("the server answered {status}", { status: error.status });
  return t("no answer from the server; check your connection");
}

// Says what could not be loaded and why, with a "Try again" button that removes the box and calls retry().
export function loadFailure(what, error, retry) {
  const box = el(
    "div",
    { class: "load-failure", role: "alert" },
    el("p", {}, t("{what} could not be loaded ({reason}).", { what, reason: failureReason(error) })),
  );
  box.append(el("button", { type: "button", class: "secondary", onclick: () => (box.remove(), retry()) }, t("Try again")));
  return box;
}

// Only http(s) addresses become links; the build already refuses others, this is a second lock.
export function safeHttpUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export const NOT_LISTED = t("Not listed");
