// Helpers every page behaviour shares: where the site root is, building elements safely, fetching JSON.

// This file lives at <root>/theme/js/common.js, so the root is two folders up. Resolving from the
// module's own URL works the same at "/", under a sub-path and with relative URLs.
export const siteRoot = new URL("../../", import.meta.url);

export function siteUrl(path) {
  return new URL(path, siteRoot).href;
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
    cache.set(
      url,
      fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${response.status} for ${url}`);
        return response.json();
      }),
    );
  }
  return cache.get(url);
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
