// The compare page's "Estimated to pay after aid" rows, when the address carries aid answers (gi=,
// pell=1, wioa=, employer=: from a program page's estimate, through the tray or a shared link).
// Without answers nothing more is fetched. The rules are aid-rules.js, the figures the build's aid.json.
import { el, NOT_LISTED, siteUrl } from "./common.js";
import { fieldSpec } from "./field-spec.js";
import { locale, t } from "./i18n.js";

const ANSWER = /(?:^|&)((?:gi|pell|wioa|employer)=[^&]*)/g;

/** `href` with this page's aid answers added: the comparison's own address keeps them. */
export function withAidAnswers(href) {
  const answers = [...location.search.slice(1).matchAll(ANSWER)].map((m) => m[1]);
  return answers.length ? `${href}${href.includes("?") ? "&" : "?"}${answers.join("&")}` : href;
}

const given = /(?:^|[?&])(?:gi|pell|wioa|employer)=/.test(location.search);
let rules = null;
let rates = null;
let roles = null; // which column each of the rules' words reads (the field spec's roles.aid)
if (given) {
  try {
    const [module, response, spec] = await Promise.all([import("./aid-rules.js"), fetch(siteUrl("aid.json")), fieldSpec()]);
    if (!response.ok) throw new Error(String(response.status));
    rules = module;
    rates = (await response.json()).rates;
    roles = spec.roles.aid;
  } catch (error) {
    console.warn("The aid figures could not be loaded; the comparison shows no estimate", error);
  }
}
const answers = rules?.readAnswers(new URLSearchParams(location.search));
const money = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumFractionDigits: 0 });

const results = new WeakMap();
function resultOf(program) {
  if (!results.has(program)) results.set(program, rules.estimate(rules.programFromRecord(program, roles), answers, rates));
  return results.get(program);
}

const AID = { gi: t("GI Bill"), pell: t("Pell Grant"), wioa: t("WIOA voucher") };
const STATUS = {
  unknown: t("not listed: ask the school"),
  not_eligible: t("not approved or not eligible"),
  pending: t("approval pending"),
  no_hours: t("clock hours not listed"),
  no_rate: t("rate not in this site's data"),
};

function payText(program) {
  const result = resultOf(program);
  if (result.pay === null) return { text: NOT_LISTED };
  const amount = money.format(Math.round(result.pay));
  return { text: result.steps.some((s) => s.upTo) ? t("from {amount}", { amount }) : amount };
}

function notCounted(program) {
  const notes = resultOf(program).notes.filter((n) => AID[n.aid] && STATUS[n.status]);
  if (!notes.length) return { text: t("All counted") };
  return { text: notes.map((n) => `${AID[n.aid]}: ${STATUS[n.status]}`).join("; ") };
}

function lowestEstimate(programs) {
  const pays = programs.map((p) => resultOf(p).pay);
  const known = pays.filter((v) => typeof v === "number");
  const min = Math.min(...known);
  const badge = t("Lowest estimate after aid");
  return known.some((v) => v !== min) ? pays.map((v) => (v === min ? badge : null)) : programs.map(() => null);
}

/** The rows compare.js puts after the cost to get certified: none without answers. */
export const aidRows =
  rules && rates && rules.hasAnswers(answers)
    ? [
        { label: t("Estimated to pay after aid"), value: payText, best: lowestEstimate },
        { label: t("Aid not counted"), value: notCounted },
      ]
    : [];

function answersText() {
  const parts = [];
  if (answers.gi) parts.push(t("GI Bill at {level}%", { level: answers.gi }));
  if (answers.pell) parts.push(t("a Pell Grant"));
  if (answers.wioa) parts.push(t("a WIOA voucher of {amount}", { amount: money.format(answers.wioa) }));
  if (answers.employer) parts.push(t("employer assistance of {amount}", { amount: money.format(answers.employer) }));
  return parts.join(", ");
}

/** Under the table: what the estimate assumed, and that it is not an offer. */
export function aidNote() {
  if (!aidRows.length) return "";
  return el(
    "p",
    { class: "note" },
    t(
      "“Estimated to pay after aid” counts {answers} where each program is listed for it. It is an estimate, not an offer: confirm it with each school's financial-aid office. Each program's page (the “Program page” link) shows every amount with its source and date.",
      { answers: answersText() },
    ),
  );
}
