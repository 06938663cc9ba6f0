// The compare page's outcome rows (issue 28): the figures each program page shows, as the build
// worded them (data.json display.outcomes, English labels), a suppressed one in words, never 0.
import { NOT_LISTED } from "./common.js";
import { number, t, tn, word } from "./i18n.js";

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
