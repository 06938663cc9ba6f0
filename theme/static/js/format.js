// The build's typed values in the page's language (issue 26): the one place the browser words a
// value, by the type the field spec gives it (search/fields.json, plugins/programs_site/outputs/browser_fields.py),
// as present.py words it on the server: money and numbers as numbers, months as [low, high], dates as
// ISO, yes/no as booleans, coded values with the spec's labels. Pure; tested in tests/js/format.test.mjs.
//
//   valueText(4850, { type: "money" })                      -> "$4,850"
//   valueText([4, 6], { type: "months" })                   -> "4–6 months" ("4–6 meses" on a Spanish page)
//   valueText({ known: 3000, fee_missing: true }, { type: "certify" }) -> "$3,000 + exam fee not listed"
import { dateText, t, tn } from "./i18n.js";

// en-US and es-US write money alike, as present.py's money_text does: "$2,400", "$1,234.50".
const DOLLARS = [0, 2].map((digits) => new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }));
export function moneyText(amount) {
  return `$${DOLLARS[Number.isInteger(amount) ? 0 : 1].format(amount)}`;
}

// As present.py's number_text: "12", "4.5".
export function numberText(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function monthsText([low, high]) {
  const count = low === high ? numberText(high) : `${numberText(low)}–${numberText(high)}`;
  return tn("{count} month", "{count} months", high === 1 ? 1 : 2, { count });
}

export function isoDateText(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return dateText(year, month - 1, day);
}

// The cost to get certified (certify.py): the amount, what is known of it, or that no credential is
// listed; null when not listed (cost.js's certifyFor gives the value a visitor's credentials pick).
export function certifyText(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return moneyText(value);
  if (value.no_credential) return t("No credential listed");
  return `${moneyText(value.known)} + ${t("exam fee not listed")}`;
}

const BY_TYPE = {
  money: moneyText,
  number: numberText,
  percent: (value) => `${numberText(value)}%`,
  months: monthsText,
  date: isoDateText,
  "yes-no": (value) => t(value ? "Yes" : "No"),
  list: (values) => values.join(", "),
  certify: certifyText,
};

/** `value` worded as its spec `row` says ({type, labels}); null when not listed (the caller says so). */
export function valueText(value, row) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return null;
  // A report's figure kept back for privacy is said in words, never 0.
  if (value === "suppressed") return t("Suppressed (too few students to report)");
  if (row.labels && Object.hasOwn(row.labels, value)) return row.labels[value];
  const word = BY_TYPE[row.type];
  return word ? word(value) : String(value);
}
