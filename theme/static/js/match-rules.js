// The questionnaire's rules in one place: read answers from a URL, then score, rank and explain programs.
// Pure functions and no DOM, so the page (match.js) and the unit tests (tests/js/) run the same code.
// docs/matching.md explains the rules for maintainers; change a weight there and here together.
import { rowsToObjects } from "./compact.js";
import { certifyFor } from "./cost.js";
import { certifyText } from "./format.js";
import { answerParams as aidParams, estimate, hasAnswers as hasAidAnswers, programFromMatchColumn, readAnswers as readAidAnswers } from "./aid-rules.js";
import { locale, t, tn } from "./i18n.js"; // the page's language; English in node (the unit tests)

// How much each answer counts, and whether it is a must-have. The order here is the order of the
// questions, of the parameters in a shared URL and of the reasons shown under a program.
//   weight:   a program that fits the answer gains `weight` points, one that does not loses `weight`,
//             and one whose value is not listed gets 0: unknown is neither a match nor a miss.
//   required: true  = a must-have. A program that misses it does not "fit everything you need",
//                     and is shown only when no program does (as one of the closest).
//             false = a preference. It only moves programs up or down the ranking.
export const RULES = Object.freeze({
  work: Object.freeze({ weight: 5, required: true }),
  budget: Object.freeze({ weight: 4, required: true }),
  format: Object.freeze({ weight: 4, required: true }),
  pace: Object.freeze({ weight: 2, required: false }),
  months: Object.freeze({ weight: 2, required: false }),
  prep: Object.freeze({ weight: 1, required: false }),
  voucher: Object.freeze({ weight: 1, required: false }),
  aid: Object.freeze({ weight: 3, required: true }),
  state: Object.freeze({ weight: 3, required: true }),
});

const FIT = 1;
const MISS = -1;
const UNKNOWN = 0;

// The values each answer accepts. The words for them come with the data (match.json "labels", from
// plugins/programs_site/model/present.py), so every page names a format the same way.
const FORMATS = { online: true, "in-person": true, hybrid: true };
const PACES = { "self-paced": true, scheduled: true };
// How the reasons and "nothing fits" name each must-have answer.
const ANSWER_NAMES = { work: t("where you want to work"), budget: t("your budget"), format: t("how you want to study"), aid: t("help paying"), state: t("your state") };
// Which program values an answer to "do you need help paying?" asks about.
const AID_FIELDS = { "financial-aid": ["federalAid"], military: ["militaryAid"], either: ["federalAid", "militaryAid"] };
const AID_NAMES = { federalAid: t("federal financial aid"), militaryAid: t("military benefits") };

// Nothing answered: every program fits and the ranking is the data's own order.
export const NO_ANSWERS = Object.freeze({
  work: "", budget: null, format: "", pace: "", months: null, prep: false, voucher: false, aid: "", state: "",
  gi: null, pell: false, wioa: null, employer: null, // the aid the student expects (aid-rules.js): the budget meets the estimate
});

// --- Answers <-> URL --------------------------------------------------------------------------

// Anything unreadable in a URL (a typo, an old link) counts as "not answered", never as an error.
export function parseAnswers(params, workSettings = null) {
  const text = (name) => (params.get(name) || "").trim();
  const oneOf = (name, allowed) => {
    const value = text(name).toLowerCase();
    return Object.hasOwn(allowed, value) ? value : "";
  };
  const work = text("work").toLowerCase();
  const state = text("state").toUpperCase();
  return {
    work: workSettings === null || workSettings.some((s) => s.key === work) ? work : "",
    budget: positiveNumber(text("budget")),
    format: oneOf("format", FORMATS),
    pace: oneOf("pace", PACES),
    months: positiveNumber(text("months")),
    prep: isYes(text("prep")),
    voucher: isYes(text("voucher")),
    aid: oneOf("aid", AID_FIELDS),
    state: /^[A-Z]{2}$/.test(state) ? state : "",
    ...readAidAnswers(params),
  };
}

// Only answered questions go into the URL, in question order, so a shared link stays short.
export function answersToParams(answers) {
  const params = new URLSearchParams();
  for (const name of Object.keys(RULES)) {
    const value = answers[name];
    if (value === true) params.set(name, "yes");
    else if (value !== false && value !== null && value !== "" && value !== undefined) params.set(name, String(value));
  }
  for (const [name, value] of aidParams(answers)) params.set(name, value);
  return params;
}

export function hasAnswers(answers) {
  return answersToParams(answers).size > 0;
}

function positiveNumber(raw) {
  const value = Number(raw.replace(/[$,\s]/g, ""));
  return raw !== "" && Number.isFinite(value) && value > 0 ? value : null;
}

function isYes(raw) {
  return ["yes", "y", "true", "1", "on"].includes(raw.toLowerCase());
}

// --- The data ---------------------------------------------------------------------------------

// The rules read a program's values by their own words (program.delivery, program.months): `roles`,
// the field spec's roles.match (search/fields.json, browser_fields.py ROLES), names the column of
// each, so no column is spelled here. A value the spec gives no word for keeps its own name.

// Full records ({keys, programs}: each program an array of columns, as export.match_json wrote them
// before search/match/) as the rules' records, once, up front.
export function readMatchData(json, roles) {
  const words = json.keys.map((key) => Object.keys(roles).find((word) => roles[word] === key) ?? key);
  const programs = rowsToObjects(words, json.programs);
  for (const program of programs) {
    // No credentials listed is unknown, not "prepares for none".
    if (!Array.isArray(program.codes) || program.codes.length === 0) program.codes = null;
  }
  return { programs, workSettings: json.work_settings || [], labels: json.labels || NO_LABELS };
}

const NO_LABELS = Object.freeze({});

// search/match.json (plugins/programs_site/outputs/match_files.py): the cost and name order every ranking
// needs, in search/'s numbering; each program becomes a record of those plus `number`, its row in
// search/rows/. The other values come a column at a time (search/match/<column>.json, addColumn), as
// the answers need them (columnsFor); what a card shows (name, provider, cost words, date) is added by
// addCardRows for the programs on screen. `name_order` replaces the name and id in the last tie-break.
const CODE_LETTERS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

// The values each answer's rule reads (the state rule also reads the format: online has no campus),
// and those a sort reads. A ranking must never run without them: a missing value would read as unknown.
const RULE_COLUMNS = {
  work: ["codes", "certify_by"],
  budget: [],
  format: ["delivery"],
  pace: ["schedule"],
  months: ["months"],
  prep: ["prep"],
  voucher: ["voucher"],
  aid: ["federalAid", "militaryAid"],
  state: ["campusState", "delivery"],
};
const SORT_COLUMNS = { fit: [], cost: [], duration: ["months"] };

/** The values (by the rules' words) a ranking of `answers` in `sort` order needs: each a column file,
 * search/match/<columnFile(word, roles)>.json. */
export function columnsFor(answers, sort = "fit") {
  const rules = Object.keys(RULES).filter((name) => answersToParams({ ...NO_ANSWERS, [name]: answers[name] }).size > 0);
  const aid = answers.budget !== null && hasAidAnswers(answers) ? ["aid"] : [];
  return [...new Set([...rules.flatMap((name) => RULE_COLUMNS[name]), ...(SORT_COLUMNS[sort] ?? []), ...aid])];
}

function decodeColumn({ values, codes }) {
  if (Array.isArray(codes)) return codes.map((place) => values[place]);
  const place = {};
  [...CODE_LETTERS].forEach((letter, i) => (place[letter] = i));
  return Array.from(codes, (letter) => values[place[letter]]);
}

export function readMatchColumns(json) {
  const programs = [];
  for (let number = 0; number < json.count; number += 1) {
    programs.push({ number, name_order: number + json.name_order[number], certify_usd: json.certify_usd[number], certify_by: null });
  }
  return { programs, workSettings: json.work_settings || [] };
}

/** The search/match/ file of the value a rule calls `word`: the column the spec's roles name, or the
 * file's own name for the questionnaire's derived ones (certify_by, aid). */
export function columnFile(word, roles) {
  return Object.hasOwn(roles, word) ? roles[word] : word;
}

/** Puts one column file's values on the records from readMatchColumns, under the rules' word `name`. */
export function addColumn(programs, name, column) {
  const values = decodeColumn(column);
  if (name !== "certify_by") {
    programs.forEach((program, number) => (program[name] = values[number]));
    return;
  }
  // Each credential's cost minus the program's; amounts only, the words come with the card's row.
  programs.forEach((program, number) => {
    const steps = values[number];
    const exact = column.exact[number];
    if (exact) program.certify_by = byCode(exact);
    else if (steps) program.certify_by = byCode(Object.fromEntries(Object.entries(steps).map(([code, s]) => [code, s === null ? null : program.certify_usd + s])));
  });
}

function byCode(amounts) {
  return Object.fromEntries(Object.entries(amounts).map(([code, amount]) => [code, [amount, null]]));
}

// What a card shows, from search/rows/ ({keys} in search/meta.json), onto ranked records; the date
// the prices were checked goes under this module's own word, `checked` (ISO, or null when not listed;
// its column named by `roles`), so the page (match.js) names no column.
const CARD_KEYS = ["id", "name", "provider", "certify_note", "certify_by", "verified_stale"];

export function addCardRows(program, keys, row, roles) {
  for (const key of CARD_KEYS) program[key] = row[keys.indexOf(key)] ?? null;
  program.checked = row[keys.indexOf(roles.checked)] ?? null;
}

// --- The rules --------------------------------------------------------------------------------
// Each rule: `applies(answers)` says whether the question was answered; `status(program, ask)`
// returns FIT, MISS, UNKNOWN, or null when the question does not concern this program (your state
// does not matter to an online program); `reason(program, ask, status)` words the outcome.
// `ask` is the answers plus `setting`, the chosen work setting.

const CHECKS = {
  work: {
    applies: (ask) => ask.setting !== null,
    status: (program, ask) => known(program.codes, (codes) => codes.some((code) => ask.setting.codes.includes(code))),
    reason: (program, ask, status) => {
      if (status === UNKNOWN) return t("Credentials: not listed");
      const where = lowerFirst(ask.setting.label);
      if (status === FIT) {
        return t("Prepares for {codes}, for {where}", { codes: andList(program.codes.filter((c) => ask.setting.codes.includes(c))), where });
      }
      return t("Prepares for {codes}, not {wanted} for {where}", { codes: andList(program.codes), wanted: orList(ask.setting.codes), where });
    },
  },
  // The budget is for getting certified: the build's cost to get certified (certify.py), with the
  // exam fee of the chosen work setting's credential when the program lists several.
  budget: {
    applies: (ask) => ask.budget !== null,
    status: (program, ask) => known(afterAid(program, ask) ?? certified(program, ask)[0], (cost) => cost <= ask.budget),
    reason: (program, ask, status) => {
      const [amount, value] = certified(program, ask);
      const cost = certifyText(value);
      // No complete cost (not listed, an exam fee not listed, no credential): never "within budget",
      // and the card says which, from the build's typed value.
      if (status === UNKNOWN) {
        if (cost === null) return COST_NOT_LISTED;
        return t("Cost to get certified: {cost}; not known to be within your {budget} budget", { cost, budget: money(ask.budget) });
      }
      const pay = afterAid(program, ask);
      const gap = Math.abs(ask.budget - (pay ?? amount));
      const values = { cost, gap: money(gap), budget: money(ask.budget), pay: money(pay) };
      if (pay !== null) {
        if (gap === 0) return t("{cost} to get certified, about {pay} after the aid you expect: exactly your {budget} budget", values);
        if (status === MISS) return t("{cost} to get certified, about {pay} after the aid you expect: {gap} over your {budget} budget", values);
        return t("{cost} to get certified, about {pay} after the aid you expect: {gap} under your {budget} budget", values);
      }
      if (gap === 0) return t("{cost} to get certified, exactly your {budget} budget", values);
      if (status === MISS) return t("{cost} to get certified, {gap} over your {budget} budget", values);
      return t("{cost} to get certified, {gap} under your {budget} budget", values);
    },
  },
  format: sameValue("format", "delivery", [t("Format: not listed"), t("{value}, as you asked"), t("{value}, not {wanted} as you asked")]),
  pace: sameValue("pace", "schedule", [t("Pace: not listed"), t("{value}, as you prefer"), t("{value}, not {wanted} as you prefer")]),
  months: {
    applies: (ask) => ask.months !== null,
    status: (program, ask) => known(program.months, (months) => months <= ask.months),
    reason: (program, ask, status) => {
      if (status === UNKNOWN) return t("Length: not listed");
      const values = { length: monthsText(program.months), wanted: number(ask.months) };
      return status === FIT ? t("{length}, within the {wanted} you want", values) : t("{length}, longer than the {wanted} you want", values);
    },
  },
  prep: included("prep", "prep", [t("No exam prep"), t("Exam prep: not listed"), t("Exam prep included")]),
  voucher: included("voucher", "voucher", [t("Exam voucher not included"), t("Exam voucher: not listed"), t("Exam voucher included")]),
  aid: {
    applies: (ask) => ask.aid !== "",
    status: (program, ask) => {
      const answers = aidValues(program, ask.aid);
      if (answers.includes(true)) return FIT;
      return answers.includes(null) ? UNKNOWN : MISS;
    },
    reason: (program, ask, status) => {
      const kinds = aidKinds(ask.aid);
      const values = aidValues(program, ask.aid);
      if (status === FIT) return t("Accepts {kinds}", { kinds: andList(kinds.filter((_, i) => values[i] === true)) });
      if (status === MISS) return t("Does not accept {kinds}", { kinds: orList(kinds) });
      const unknown = capitalize(andList(kinds.filter((_, i) => values[i] === null)));
      const refused = kinds.filter((_, i) => values[i] === false);
      if (refused.length) return t("{kinds}: not listed (does not accept {refused})", { kinds: unknown, refused: andList(refused) });
      return t("{kinds}: not listed", { kinds: unknown });
    },
  },
  state: {
    applies: (ask) => ask.state !== "",
    // Where the campus is matters only when the program is not fully online.
    status: (program, ask) => (program.delivery === "online" ? null : known(program.campusState, (state) => state === ask.state)),
    reason: (program, ask, status) => {
      if (status === UNKNOWN) return t("Campus location: not listed");
      const values = { state: program.campusState, wanted: ask.state };
      return status === FIT ? t("Campus in {state}, your state", values) : t("Campus in {state}, not {wanted}", values);
    },
  },
};

export const COST_NOT_LISTED = t("Cost to get certified: not listed");

function certified(program, ask) {
  return certifyFor(program, ask.setting?.codes ?? []);
}

// What the student would pay after the aid they expect (aid-rules.js), when they gave any and the
// figures (aid.json, ask.aidRates) are loaded; else null and the budget meets the cost to get certified.
function afterAid(program, ask) {
  if (!ask.aidRates || !hasAidAnswers(ask) || program.aid === undefined) return null;
  return estimate(programFromMatchColumn(certified(program, ask)[0], program.aid), ask, ask.aidRates).pay;
}

// A question whose answer must equal the program's value (format, pace): `answer` names the answer,
// `field` the program's value. `words`: the reasons for not listed, a fit and a miss ({value} the
// program's, {wanted} the answer), each value in the words of its column's labels (meta.json).
function sameValue(answer, field, [notListed, fit, miss]) {
  return {
    applies: (ask) => ask[answer] !== "",
    status: (program, ask) => known(program[field], (value) => value === ask[answer]),
    reason: (program, ask, status) => {
      if (status === UNKNOWN) return notListed;
      const word = (value) => ask.labels[columnFile(field, ask.roles)]?.[value] ?? value;
      const values = { value: word(program[field]), wanted: lowerFirst(word(ask[answer])) };
      return status === FIT ? fill(fit, values) : fill(miss, values);
    },
  };
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

// A tick-box question: the program should include something (exam prep, a voucher).
// `words` are the reasons for a miss, not listed and a fit, in the order of the statuses -1, 0, 1.
function included(field, answer, words) {
  return {
    applies: (ask) => ask[answer],
    status: (program) => known(program[field], Boolean),
    reason: (_, __, status) => words[status + 1],
  };
}

function aidKinds(aid) {
  return AID_FIELDS[aid].map((field) => AID_NAMES[field]);
}

function aidValues(program, aid) {
  return AID_FIELDS[aid].map((field) => program[field]);
}

function known(value, fits) {
  if (value === null || value === undefined) return UNKNOWN;
  return fits(value) ? FIT : MISS;
}

// --- Ranking ---------------------------------------------------------------------------------
// docs/matching.md explains this order for maintainers. In short:
//   1. programs known to meet every must-have; then those whose only doubt is a must-have not
//      listed (a cost not listed is never "within budget"); then the closest, fewest must-haves
//      missed first, a campus in another state after one that only misses something else;
//   2. within each group, the graded fit (`grade`): every answered rule's weight (the score), plus
//      how far under budget and how much shorter than wanted (BUDGET_SPARE, TIME_SPARE);
//   3. then the lower cost to get certified, then the name and id: the data file's order never decides.

// One program's outcome. Ranking 10,000 programs needs every score but the words of only the 20
// on screen, so the reasons are worked out again when read, not kept for every program.
class Match {
  constructor(program, outcome, rules, ask) {
    this.program = program;
    Object.assign(this, outcome);
    this.meetsRequirements = outcome.requiredMisses === 0;
    this.knownToFit = this.meetsRequirements && outcome.requiredUnknowns === 0;
    this.rules = rules;
    this.ask = ask;
  }

  // [[rule name, status], ...] for the answered rules that concern this program.
  get checks() {
    return this.rules
      .map((name) => [name, CHECKS[name].status(this.program, this.ask)])
      .filter(([, status]) => status !== null);
  }

  reasons(wanted) {
    return this.checks
      .filter(([, status]) => status === wanted)
      .map(([name, status]) => ({ rule: name, required: RULES[name].required, text: CHECKS[name].reason(this.program, this.ask, status) }));
  }

  // A program's id comes with its card's row, after ranking (addCardRows).
  get id() {
    return this.program.id;
  }

  get fits() {
    return this.reasons(FIT);
  }

  get misses() {
    return this.reasons(MISS);
  }

  get unknowns() {
    return this.reasons(UNKNOWN);
  }

  /** The cost to get certified this ranking used, in the page's words ("$1,399", "$1,100 + exam fee not listed"). */
  get costText() {
    return certifyText(certified(this.program, this.ask)[1]) ?? COST_NOT_LISTED;
  }

  /** The title of the misses: a program that meets every must-have only differs from preferences. */
  get missesTitle() {
    return this.meetsRequirements ? t("Not as you prefer") : t("Does not fit");
  }

  /** The must-haves this program does not list, in words for a marker: "Cost not listed". */
  get mustHavesNotListed() {
    // The budget in short: the cost as far as it is known ("$1,100 + exam fee not listed").
    const listed = certifyText(certified(this.program, this.ask)[1]) !== null;
    const short = (reason) => (reason.rule === "budget" && listed ? t("Cost to get certified: {cost}", { cost: this.costText }) : reason.text);
    return this.unknowns.filter((reason) => reason.required).map(short);
  }
}

// Money and time to spare grade programs that meet the same answers; together they stay under 1, the
// smallest weight, so a nice-to-have met always counts for more than any amount to spare.
export const BUDGET_SPARE = 0.5;
export const TIME_SPARE = 0.4;

// How far inside a limit a program is, as a share of the limit: 0 at the limit, 1 at nothing.
function headroom(value, limit) {
  return value === null || value === undefined || value > limit ? 0 : (limit - value) / limit;
}

function outcomeOf(program, ask, active) {
  let score = 0;
  let requiredMisses = 0;
  let requiredUnknowns = 0;
  let stateMiss = 0;
  for (const [name, status, weight, required] of active) {
    const outcome = status(program, ask);
    if (outcome === null) continue;
    score += weight * outcome;
    if (required && outcome === MISS) requiredMisses += 1;
    if (required && outcome === UNKNOWN) requiredUnknowns += 1;
    if (name === "state" && outcome === MISS) stateMiss = 1;
  }
  const cost = certified(program, ask)[0] ?? null;
  let grade = score;
  // With aid answers the budget meets what the student would pay (the budget rule), so the money to
  // spare does too: a program that costs $0 after aid is not graded as over budget.
  if (ask.budget !== null) grade += BUDGET_SPARE * headroom(afterAid(program, ask) ?? cost, ask.budget);
  if (ask.months !== null) grade += TIME_SPARE * headroom(program.months, ask.months);
  return { score, grade, requiredMisses, requiredUnknowns, stateMiss, cost };
}

function byCost(a, b) {
  return (a.cost ?? Infinity) - (b.cost ?? Infinity);
}

// Plain code-unit order: cheap at 10,000 programs, and the same on every machine. search/match.json
// carries that order as numbers (name_order), so the names need not be fetched to rank.
function byName(a, b) {
  if (a.program.name_order !== undefined) return a.program.name_order - b.program.name_order;
  const x = `${a.program.name}\u0000${a.id}`;
  const y = `${b.program.name}\u0000${b.id}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

function byGroup(a, b) {
  return a.requiredMisses - b.requiredMisses || a.stateMiss - b.stateMiss || a.requiredUnknowns - b.requiredUnknowns;
}

// The orders a student can choose on the results; each keeps the groups above and then sorts.
export const SORTS = Object.freeze({
  fit: (a, b) => byGroup(a, b) || b.grade - a.grade || byCost(a, b) || byName(a, b),
  cost: (a, b) => byGroup(a, b) || byCost(a, b) || b.grade - a.grade || byName(a, b),
  duration: (a, b) =>
    byGroup(a, b) || (a.program.months ?? Infinity) - (b.program.months ?? Infinity) || byCost(a, b) || byName(a, b),
});

// `roles`: the field spec's roles.match, here for the columns' labels.
export function rankPrograms(programs, answers, workSettings = [], labels = NO_LABELS, sort = "fit", roles = {}) {
  const ask = { ...answers, labels, roles, setting: workSettings.find((s) => s.key === answers.work) || null };
  const rules = Object.keys(RULES).filter((name) => CHECKS[name].applies(ask));
  const active = rules.map((name) => [name, CHECKS[name].status, RULES[name].weight, RULES[name].required]);
  const matches = programs.map((program) => new Match(program, outcomeOf(program, ask, active), rules, ask));
  return matches.sort(SORTS[sort] ?? SORTS.fit);
}

// What to list: the programs that meet every must-have (those known to, then those not listing one);
// when none does, every program, closest first.
export function shortlist(ranked) {
  const meeting = ranked.filter((match) => match.meetsRequirements);
  const fitCount = meeting.filter((match) => match.knownToFit).length;
  return { fitCount, unknownCount: meeting.length - fitCount, shown: meeting.length > 0 ? meeting : ranked };
}

/** When nothing fits: which must-have answers rule most programs out, most first. */
export function blockers(ranked) {
  const counts = new Map();
  for (const match of ranked) {
    for (const [name, status] of match.checks) {
      if (status === MISS && RULES[name].required) counts.set(name, (counts.get(name) || 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([rule, count]) => ({ rule, count, name: ANSWER_NAMES[rule] }));
}

// --- Wording ----------------------------------------------------------------------------------

// In the page's locale (en-US, es-US): both write $2,400 and 2,358, as the server does.
const wholeDollars = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: 2 });
const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

function money(value) {
  return Number.isInteger(value) ? wholeDollars.format(value) : cents.format(value);
}

function number(value) {
  return plain.format(value);
}

function monthsText(value) {
  return tn("{count} month", "{count} months", value === 1 ? 1 : 2, { count: number(value) });
}

function andList(items) {
  return joinList(items, t("and"));
}

function orList(items) {
  return joinList(items, t("or"));
}

function joinList(items, word) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${word} ${items[items.length - 1]}`;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// "Hospital inpatient coding" reads "hospital inpatient coding" mid-sentence; "ICU work" stays as it is.
function lowerFirst(text) {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
