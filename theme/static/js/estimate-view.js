// The program page's "What you would pay", loaded by estimate.js when the visitor asks for it, so the
// page's first visit stays under 20 kB gzip. The form's answers live in the address (gi=, pell=1, wioa=, employer=), so a reload, a shared link
// and the language link keep them; the rules are aid-rules.js, the figures the build's aid.json
// (data/aid.toml), the program's values the section's data attributes (plugins/programs_site/model/aid.py).
import { answerParams, estimate, readAnswers, writeAnswers } from "./aid-rules.js";
import { dateText, fill, locale, t } from "./i18n.js";

const root = new URL("../../", import.meta.url);
const money = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const dollars = (n) => money.format(Math.round(n));

function programValues(data) {
  const number = (key) => (data[key] === "" || data[key] === undefined ? null : Number(data[key]));
  const flag = (key) => (data[key] === "yes" ? true : data[key] === "no" ? false : null);
  return {
    certifyUsd: number("certifyUsd"),
    costUsd: number("costUsd"),
    tuitionFees: number("tuitionFees"),
    examFee: number("examFee"),
    feeMissing: data.feeMissing === "yes",
    clockHours: number("clockHours"),
    giBill: flag("giBill"),
    pellEligible: flag("pellEligible"),
    workforcePell: data.workforcePell || null,
    wioa: flag("wioa"), // the section's data-wioa (aid.py): on the eligible training provider list
  };
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

// "(va.gov, as of August 1, 2026)": where an amount comes from, linked, and the date it applies from.
function sourceOf(rate) {
  if (!rate) return [];
  const url = new URL(rate.source);
  const [year, month, day] = rate.from.split("-").map(Number);
  const asOf = t("as of {date}", { date: dateText(year, month - 1, day) });
  return [" (", el("a", { href: url.href, rel: "noopener" }, url.hostname.replace(/^www\./, "")), `, ${asOf})`];
}

function about(rate, text) {
  return rate?.about ? t("about {amount}", { amount: text }) : text;
}

// Each aid's name, for the line of an aid that applies when earlier ones have paid everything.
const AID_NAMES = {
  employer: t("Employer tuition assistance"),
  gi: t("GI Bill"),
  gi_exam: t("GI Bill, exam fee reimbursed"),
  pell: t("Pell Grant"),
  wioa: t("WIOA training voucher"),
};

function stepLine(step, rates) {
  const rate = rates[step.rate];
  const minus = `−${dollars(step.amount)}`;
  if (step.nothingLeft) return [t("{aid}: nothing is left to pay", { aid: AID_NAMES[step.aid] })];
  switch (step.aid) {
    case "employer":
      return [t("Employer tuition assistance (your amount): {amount}", { amount: minus })];
    case "gi":
      return [
        t("Post-9/11 GI Bill, tuition at {level}%: {amount}; the yearly cap is {cap}", {
          level: step.detail.level,
          amount: minus,
          cap: about(rate, dollars(rate.value)),
        }),
        ...sourceOf(rate),
      ];
    case "gi_exam":
      return [t("GI Bill, exam fee reimbursed: {amount}, up to {limit} per test", { amount: minus, limit: dollars(rate.value) }), ...sourceOf(rate)];
    case "pell": {
      // The award can be more than is left to pay: the line then says what counts here, and the award.
      const formula = { max: dollars(step.detail.max), hours: step.detail.hours, year: step.detail.year };
      const line =
        step.amount < step.detail.award
          ? t("Pell Grant: up to {amount}, what is left to pay (the award is up to {award}: {max} × {hours} clock hours ÷ {year})", {
              amount: dollars(step.amount),
              award: dollars(step.detail.award),
              ...formula,
            })
          : t("Pell Grant: up to {amount} ({max} × {hours} clock hours ÷ {year})", { amount: dollars(step.detail.award), ...formula });
      return [line, ...sourceOf(rate)];
    }
    case "wioa":
      return [t("WIOA training voucher (your amount, after Pell): {amount}", { amount: minus })];
    default:
      return [];
  }
}

// Worded once (t() returns a template; {limit} is filled per note).
const NOTE_WORDS = {
  gi: {
    unknown: t("GI Bill approval: not listed: ask the school. Not counted."),
    not_eligible: t("Not approved for the GI Bill: not counted."),
    no_rate: t("The GI Bill's tuition cap is not in this site's data: not counted."),
  },
  gi_exam: { exam_may_apply: t("The VA may still repay the exam fee (up to {limit} per test) when the exam is on its list: ask the VA.") },
  pell: {
    unknown: t("Pell eligibility: not listed: ask the school. Not counted."),
    not_eligible: t("Not eligible for Pell Grants: not counted."),
    pending: t("Workforce Pell approval is pending: not counted yet."),
    no_hours: t("Pell Grant: the program's clock hours are not listed, so the amount cannot be worked out: ask the school."),
    no_rate: t("The Pell Grant maximum is not in this site's data: not counted."),
  },
  wioa: {
    unknown: t("On the state's training provider list (WIOA): not listed: ask your workforce center. Not counted."),
    not_eligible: t("Not on the state's training provider list, so a WIOA voucher cannot pay for it: not counted."),
  },
  employer: { over_tax_free: t("Employer assistance over {limit} a year may be taxable income to you.") },
};

function noteLine(note, rates) {
  const rate = rates[note.rate];
  const text = fill(NOTE_WORDS[note.aid][note.status], { limit: rate ? dollars(rate.value) : "" });
  return [text, ...(rate && note.status !== "no_rate" ? sourceOf(rate) : [])];
}

function show(program, answers, rates) {
  const result = estimate(program, answers, rates);
  const given = answers.gi || answers.pell || answers.wioa || answers.employer;
  if (!given) {
    output.replaceChildren(el("p", {}, t("Choose the aid you expect to see an estimate.")));
    return;
  }
  const items = [el("li", {}, t("Cost to get certified: {amount}", { amount: dollars(result.full) }))];
  for (const step of result.steps) items.push(el("li", {}, ...stepLine(step, rates)));
  const notes = result.notes.map((note) => el("li", {}, ...noteLine(note, rates)));
  const upTo = result.steps.some((step) => step.upTo);
  const amount = dollars(result.pay);
  const headline = upTo ? t("Estimated to pay: from {amount}", { amount }) : t("Estimated to pay: {amount}", { amount });
  output.replaceChildren(
    el("p", { class: "estimate-total" }, el("strong", {}, headline)),
    el("ul", {}, ...items),
    ...(notes.length ? [el("ul", { class: "estimate-notes" }, ...notes)] : []),
    ...(result.feeMissing ? [el("p", {}, t("The exam fee is not listed here, so it is not in the estimate."))] : []),
    el(
      "p",
      { class: "note" },
      t("This is an estimate, not an offer or a guarantee: confirm it with the school's financial-aid office. Your real aid depends on your application."),
    ),
  );
}

function fillForm(answers) {
  form.elements.gi.value = answers.gi ? String(answers.gi) : "";
  form.elements.pell.checked = answers.pell;
  form.elements.wioa.value = answers.wioa ?? "";
  form.elements.employer.value = answers.employer ?? "";
}

function formAnswers() {
  const params = new URLSearchParams();
  for (const name of ["gi", "wioa", "employer"]) params.set(name, form.elements[name].value.trim());
  if (form.elements.pell.checked) params.set("pell", "1");
  return readAnswers(params);
}

let section, form, output;

// The form, in the page's language: every control labelled; answers are read on every change.
function buildForm() {
  const field = (id, labelText, control) => el("p", {}, el("label", { for: id }, labelText), " ", control);
  const number = (id, name) => el("input", { id, name, type: "number", min: "0", step: "1", inputmode: "numeric" });
  const levels = ["100", "90", "80", "70", "60", "50"].map((level) => el("option", { value: level }, `${level}%`));
  return el(
    "form",
    { class: "estimate-form" },
    el(
      "fieldset",
      {},
      el("legend", {}, t("The aid you expect (all optional)")),
      el("p", { class: "note" }, t("Answer any of these to see an estimate. Your answers stay in this page's address, so a copied link keeps them.")),
      field("estimate-gi", t("Post-9/11 GI Bill benefit level"), el("select", { id: "estimate-gi", name: "gi" }, el("option", { value: "" }, t("None")), ...levels)),
      el("p", {}, el("input", { type: "checkbox", id: "estimate-pell", name: "pell", value: "1" }), " ", el("label", { for: "estimate-pell" }, t("I expect a Pell Grant"))),
      field("estimate-wioa", t("WIOA training voucher, in dollars"), number("estimate-wioa", "wioa")),
      field("estimate-employer", t("Employer tuition assistance, in dollars"), number("estimate-employer", "employer")),
    ),
  );
}

export async function start(estimateSection, focus) {
  section = estimateSection;
  form = buildForm();
  output = el("div", { class: "estimate-result", "data-estimate-result": "", "aria-live": "polite" });
  form.addEventListener("submit", (event) => event.preventDefault());
  section.querySelector("[data-estimate-app]").replaceChildren(form, output);
  if (focus) form.elements.gi.focus();
  let rates;
  try {
    const response = await fetch(new URL("aid.json", root));
    if (!response.ok) throw new Error(String(response.status));
    rates = (await response.json()).rates;
  } catch (error) {
    console.warn("The aid figures could not be loaded", error);
    output.replaceChildren(el("p", {}, t("The estimate could not be loaded: ask the school's financial-aid office.")));
    return;
  }
  const program = programValues(section.dataset);
  const update = () => {
    const answers = formAnswers();
    const url = new URL(location.href);
    writeAnswers(url.searchParams, answers);
    history.replaceState(history.state, "", url);
    show(program, answers, rates);
  };
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  // Answers in the address (a shared link, the language link) fill the form; else what is typed counts.
  const linked = readAnswers(new URLSearchParams(location.search));
  if (answerParams(linked).length) fillForm(linked);
  update();
}
