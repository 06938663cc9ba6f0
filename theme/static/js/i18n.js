// The page's language for every browser module: the words come from the same message catalog as the
// server's (theme/translations/<lang>/LC_MESSAGES/messages.po), which the build turns into
// <lang>/messages.json. English is the catalog's source language, so it needs no file.
//
//   t("Show results")                                  -> "Mostrar resultados"
//   t("Added {name} to compare.", { name })            -> values fill {name}
//   tn("{count} program", "{count} programs", 2358)     -> "2,358 programas" (Intl.PluralRules, es-US numbers)
//   words({ yes: "Yes" })                              -> a table of messages shipped with the data, each looked up whole
//
// Data values come typed (numbers, [low, high] months, ISO dates) and format.js words them: nothing here
// takes built English text apart.
//
// In node (the unit tests) there is no page: everything stays English.

const root = new URL("../../", import.meta.url);
const SOURCE = "en";

export const lang = globalThis.document?.documentElement.lang || SOURCE;
// The data's own language (DATA_LANG): its text inside a page in another language carries `lang` (WCAG H58).
const dataLang = globalThis.document?.documentElement.dataset.dataLang || SOURCE;
export const asWritten = lang === dataLang ? null : dataLang; // el("h3", { lang: asWritten }, program.name)

const ENGLISH = { lang: SOURCE, locale: "en-US", plurals: ["one", "other"], messages: {}, words: {} };

async function loadCatalog() {
  if (lang === SOURCE || typeof fetch !== "function") return ENGLISH;
  try {
    const response = await fetch(new URL(`${lang}/messages.json`, root));
    if (!response.ok) throw new Error(String(response.status));
    return await response.json();
  } catch (error) {
    console.error("The page's words could not be loaded; showing English.", error);
    return ENGLISH;
  }
}

// Every module that shows words waits for this (a small file, fetched once per page).
export const catalog = await loadCatalog();
export const locale = catalog.locale;
const plural = new Intl.PluralRules(locale);
const numbers = new Intl.NumberFormat(locale);

export function fill(template, values = {}) {
  // Own keys only: data text worded through t() may hold "{constructor}", which is no value of ours.
  return template.replace(/\{(\w+)\}/g, (whole, key) => (Object.hasOwn(values, key) ? String(values[key]) : whole));
}

export function number(n) {
  return numbers.format(n);
}

// Interface text: the catalog's words for `message`, else the message itself.
export function t(message, values) {
  const found = catalog.messages[message];
  return fill(typeof found === "string" && found ? found : message, values);
}

// Counted text; {count} is written as a number of the page's locale.
export function tn(singular, pluralText, n, values = {}) {
  const forms = catalog.messages[singular];
  let text = n === 1 ? singular : pluralText;
  if (Array.isArray(forms)) {
    const index = catalog.plurals.indexOf(plural.select(n));
    text = forms[index] || forms[forms.length - 1] || text;
  }
  return fill(text, { count: number(n), ...values });
}

// ---- dates ------------------------------------------------------------------------------------

const longDate = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });

export function dateText(year, monthIndex, day) {
  return longDate.format(new Date(Date.UTC(year, monthIndex, day)));
}

// {key: message} tables shipped with the data (search/meta.json's labels), in the page's language:
// exact catalog messages, each looked up whole.
export function words(table) {
  if (lang === SOURCE || !table) return table;
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [key, typeof value === "string" ? t(value) : words(value)]));
}
