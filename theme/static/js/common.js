// Helpers every page behaviour shares: where the site root is, building elements safely, fetching JSON.

// This file lives at <root>/theme/js/common.js, so the root is two folders up. Resolving from the
// module's own URL works the same at "/", under a sub-path and with relative URLs.
export const siteRoot = new URL("../../", import.meta.url);

export function siteUrl(path) {
  return new URL(path, siteRoot).href;
}

// "1 program", "2,358 programs": the one way pages count things (numbers as the server writes them).
export function countText(n, noun) {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : `${noun}s`}`;
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
  if (error?.status) return `the server answered ${error.status}`;
  return "no answer from the server; check your connection";
}

// Says what could not be loaded and why, with a "Try again" button that removes the box and calls retry().
export function loadFailure(what, error, retry) {
  const box = el(
    "div",
    { class: "load-failure", role: "alert" },
    el("p", {}, `${what} could not be loaded (${failureReason(error)}).`),
  );
  box.append(el("button", { type: "button", class: "secondary", onclick: () => (box.remove(), retry()) }, "Try again"));
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

export const NOT_LISTED = "Not listed";
