// The compare page's outcome rows (issue 28): the report's figures come as rows of the build's field
// spec (search/fields.json) with data.json's typed values, worded by format.js (a suppressed one in words, never 0).
// Here: whom the figures cover, and the credentials' exam facts.
import { NOT_LISTED } from "./common.js";
import { locale, number, t, tn } from "./i18n.js";

/** Whom the figures cover, as the program page says it (present.py outcomes_scope), from the typed
 * values of the row's `parts` (cohort, population, how many left) and the spec's labels for a population. */
export function coverValue(row, fields) {
  const [cohort, population, exited] = row.parts;
  return (p) => {
    const parts = [p[cohort], fields[population]?.labels?.[p[population]]];
    if (p[exited] === "suppressed") parts.push(t("number of students suppressed"));
    else if (typeof p[exited] === "number") parts.push(tn("{count} student who left", "{count} students who left", p[exited], { count: number(p[exited]) }));
    const known = parts.filter(Boolean);
    return { text: known.length ? known.join(", ") : NOT_LISTED };
  };
}

// ---- exam facts per credential (credentials.csv: attempts, retake fee, first-time pass rate) ----------

const dollars = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumFractionDigits: 0 });

function examText(c) {
  const e = c.exam;
  if (!e) return null;
  const parts = [];
  if (e.pass_rate !== null) parts.push(e.pass_rate_year ? t("{rate}% first-time pass rate in {year}", { rate: number(e.pass_rate), year: e.pass_rate_year }) : t("{rate}% first-time pass rate", { rate: number(e.pass_rate) }));
  if (e.attempts !== null) parts.push(tn("{count} attempt included", "{count} attempts included", e.attempts, { count: number(e.attempts) }));
  if (e.retake_usd !== null) parts.push(t("retake {amount}", { amount: dollars.format(e.retake_usd) }));
  return parts.length ? `${c.code}: ${parts.join(", ")}` : null;
}

/** The spec's exam row (its `field`: the credentials list in data.json's display): "CCA: 70% first-time
 * pass rate in 2022; CPC: 1 attempt included", shown when a compared program's credentials have exam facts. */
export function examRow(row) {
  const list = (p) => p.display[row.field] ?? [];
  return {
    label: row.label,
    value: (p) => {
      const texts = list(p).map(examText).filter(Boolean);
      return { text: texts.length ? texts.join("; ") : NOT_LISTED };
    },
    shownFor: (programs) => programs.some((p) => list(p).some((c) => c.exam)),
  };
}
