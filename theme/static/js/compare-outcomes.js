// The compare page's outcome rows (issue 28): the figures each program page shows, as the build
// worded them (data.json display.outcomes, English labels), a suppressed one in words, never 0.
import { NOT_LISTED } from "./common.js";
import { locale, number, t, tn, word } from "./i18n.js";

// Words the build writes into data.json that this page shows in its language (i18n.js word()).
t("Suppressed (too few students to report)");

function highest(field, badge) {
  return (programs) => {
    const values = programs.map((p) => (typeof p[field] === "number" ? p[field] : null));
    const known = values.filter((v) => v !== null);
    const max = Math.max(...known);
    return known.some((v) => v !== max) ? values.map((v) => (v === max ? badge : null)) : programs.map(() => null);
  };
}

function figure(label) {
  return (p) => ({ text: word(p.display.outcomes?.[label]) ?? NOT_LISTED });
}

const POPULATION = { all: t("all students"), wioa: t("WIOA participants") };

// Whom the figures cover, as the program page says it (present.py outcomes_scope), from the typed values.
function covers(p) {
  const parts = [p.outcomes_cohort, POPULATION[p.outcomes_population]];
  if (p.outcomes_exited === "suppressed") parts.push(t("number of students suppressed"));
  else if (typeof p.outcomes_exited === "number") parts.push(tn("{count} student who left", "{count} students who left", p.outcomes_exited, { count: number(p.outcomes_exited) }));
  const known = parts.filter(Boolean);
  return { text: known.length ? known.join(", ") : NOT_LISTED };
}

// Shown only when a compared program has the report's figures: a table of "Not listed" helps nobody.
const REPORT_FIELDS = ["employment_rate_q2", "employment_rate_q4", "median_earnings_q2", "credential_rate", "outcomes_exited"];
const reported = (programs) => programs.some((p) => REPORT_FIELDS.some((field) => p[field] !== null && p[field] !== undefined));

export const outcomeRows = [
  { label: t("Employed in the 2nd quarter after leaving"), value: figure("Employed in the 2nd quarter after leaving"), best: highest("employment_rate_q2", t("Highest employment rate")) },
  { label: t("Employed in the 4th quarter after leaving"), value: figure("Employed in the 4th quarter after leaving"), best: highest("employment_rate_q4", t("Highest employment rate")) },
  { label: t("Median earnings in the 2nd quarter after leaving"), value: figure("Median earnings in the 2nd quarter after leaving"), best: highest("median_earnings_q2", t("Highest earnings")) },
  { label: t("Earned a credential"), value: figure("Earned a credential") },
  { label: t("Outcomes cover"), value: covers },
].map((row) => ({ ...row, shownFor: reported }));

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

/** "CCA: 70% first-time pass rate in 2022; CPC: 1 attempt included", for programs whose credentials have exam facts. */
export const examRow = {
  label: t("Exam facts"),
  value: (p) => {
    const texts = (p.display.credentials ?? []).map(examText).filter(Boolean);
    return { text: texts.length ? texts.join("; ") : NOT_LISTED };
  },
  shownFor: (programs) => programs.some((p) => (p.display.credentials ?? []).some((c) => c.exam)),
};
