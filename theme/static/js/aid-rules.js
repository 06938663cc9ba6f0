// What a student would pay after the aid they say they have: pure rules, shared by the program page
// (estimate.js) and the node tests (tests/js/aid-rules.test.mjs). Every rate, cap and limit comes
// from the build's aid.json (data/aid.toml, plugins/programs_site/model/aid.py): none is written here.
// Eligibility is the program's own columns; unknown (null) is never taken as yes or no.
//
// Order, as the programs apply it: employer assistance first (the VA pays tuition net of it), then
// the Post-9/11 GI Bill (tuition up to the cap times the benefit level, and the exam fee up to the
// per-test limit; Pell is not subtracted first), then Pell ("up to" the maximum prorated by clock
// hours), then a WIOA voucher (Pell is considered before WIOA money). No step pays more than is left.

export const ANSWER_KEYS = ["gi", "pell", "wioa", "employer"];
const LEVEL = { min: 50, max: 100 }; // the Post-9/11 benefit levels, in percent (the contract's gi=)

function wholeDollars(text) {
  if (text === null || text === undefined || !/^\d{1,7}$/.test(String(text).trim())) return null;
  return Number(String(text).trim());
}

/** The answers from a query string (URLSearchParams); anything unreadable is no answer. */
export function readAnswers(params) {
  const gi = wholeDollars(params.get("gi"));
  return {
    gi: gi !== null && gi >= LEVEL.min && gi <= LEVEL.max ? gi : null,
    pell: ["1", "yes"].includes(params.get("pell")), // the questionnaire's tick box sends "yes"
    wioa: wholeDollars(params.get("wioa")) || null,
    employer: wholeDollars(params.get("employer")) || null,
  };
}

/** The answers as query parameters, in a fixed order; none given: none written. */
export function answerParams(answers) {
  const out = [];
  if (answers.gi) out.push(["gi", String(answers.gi)]);
  if (answers.pell) out.push(["pell", "1"]);
  if (answers.wioa) out.push(["wioa", String(answers.wioa)]);
  if (answers.employer) out.push(["employer", String(answers.employer)]);
  return out;
}

export function hasAnswers(answers) {
  return answerParams(answers).length > 0;
}

/** The answers written into `params` (a URLSearchParams), replacing earlier ones. */
export function writeAnswers(params, answers) {
  for (const key of ANSWER_KEYS) params.delete(key);
  for (const [key, value] of answerParams(answers)) params.set(key, value);
  return params;
}

// true / false / null from the build's yes/no and the Workforce Pell words
function pellStatus(program) {
  if (program.pellEligible === true || program.workforcePell === "approved") return "eligible";
  if (program.workforcePell === "pending") return "pending";
  if (program.pellEligible === false && program.workforcePell === "no") return "not_eligible";
  return "unknown";
}

function yesNoStatus(value) {
  if (value === true) return "eligible";
  if (value === false) return "not_eligible";
  return "unknown";
}

/**
 * The estimate for one program.
 * program: { certifyUsd, costUsd, tuitionFees, examFee, feeMissing, clockHours,
 *            giBill, pellEligible, workforcePell, wioa }   (null = unknown; wioa: on the state's
 *            eligible training provider list). The rules' own words: the build's field spec names
 *            the column each one is (search/fields.json `roles.aid`, browser_fields.py).
 * rates:   aid.json's `rates` ({name: {value, from, until, source, about}})
 * Returns { full, pay, steps: [{aid, amount, upTo, rate, detail}], notes: [{aid, status, rate}] };
 * full and pay are null when the program's cost is not listed (never 0).
 */
export function estimate(program, answers, rates) {
  const full = program.certifyUsd ?? null;
  const steps = [];
  const notes = [];
  if (full === null) return { full, pay: null, steps, notes, feeMissing: false };
  let left = full;
  // `nothingLeft`: the aid applies but earlier steps already paid everything (said as such, never "−$0").
  const take = (aid, wanted, extra = {}) => {
    const nothingLeft = left <= 0;
    const amount = Math.max(0, Math.min(wanted, left));
    left -= amount;
    steps.push({ aid, amount, upTo: false, rate: null, nothingLeft, ...extra });
    return amount;
  };
  const rate = (name) => rates?.[name] ?? null;

  let employerPaid = 0;
  if (answers.employer) {
    employerPaid = take("employer", answers.employer, { rate: "employer_tax_free" });
    const limit = rate("employer_tax_free");
    if (limit && answers.employer > limit.value) notes.push({ aid: "employer", status: "over_tax_free", rate: "employer_tax_free" });
  }

  if (answers.gi) {
    const status = yesNoStatus(program.giBill);
    const cap = rate("gi_tuition_cap");
    const examMax = rate("gi_exam_fee_max");
    if (status !== "eligible") {
      notes.push({ aid: "gi", status, rate: null });
      if (program.examFee && examMax) notes.push({ aid: "gi_exam", status: "exam_may_apply", rate: "gi_exam_fee_max" });
    } else if (!cap) {
      notes.push({ aid: "gi", status: "no_rate", rate: "gi_tuition_cap" });
    } else {
      const tuition = Math.max(0, (program.tuitionFees ?? program.costUsd ?? 0) - employerPaid);
      const share = (Math.min(tuition, cap.value) * answers.gi) / 100;
      take("gi", Math.round(share * 100) / 100, { rate: "gi_tuition_cap", detail: { level: answers.gi } });
      if (program.examFee && examMax) take("gi_exam", Math.min(program.examFee, examMax.value), { rate: "gi_exam_fee_max" });
    }
  }

  if (answers.pell) {
    const status = pellStatus(program);
    const max = rate("pell_max_award");
    const year = rate("pell_year_clock_hours");
    if (status !== "eligible") {
      notes.push({ aid: "pell", status, rate: null });
    } else if (!max || !year) {
      notes.push({ aid: "pell", status: "no_rate", rate: "pell_max_award" });
    } else if (!program.clockHours) {
      notes.push({ aid: "pell", status: "no_hours", rate: "pell_max_award" });
    } else {
      const hours = Math.min(program.clockHours, year.value);
      const upTo = Math.round((max.value * hours) / year.value);
      take("pell", upTo, { upTo: true, rate: "pell_max_award", detail: { max: max.value, hours, year: year.value, award: upTo } });
    }
  }

  if (answers.wioa) {
    const status = yesNoStatus(program.wioa);
    if (status === "eligible") take("wioa", answers.wioa);
    else notes.push({ aid: "wioa", status, rate: null });
  }

  return { full, pay: Math.round(left * 100) / 100, steps, notes, feeMissing: Boolean(program.feeMissing) };
}

/** The estimate's program values from a program's data.json record (the compare page); `roles`: the
 * field spec's `roles.aid`, the column each of the rules' words reads. */
export function programFromRecord(record, roles) {
  const value = (role) => record[roles[role]] ?? null;
  const certify = value("certifyUsd");
  const cost = value("costUsd");
  const parts = [value("tuition"), value("fees")].filter((v) => typeof v === "number");
  return {
    certifyUsd: certify,
    costUsd: cost,
    tuitionFees: parts.length ? parts.reduce((a, b) => a + b, 0) : null,
    examFee: certify !== null && cost !== null ? certify - cost : null,
    // The build's typed cost to get certified says when an exam fee is not listed (format.js words it).
    feeMissing: Boolean(record.display?.[roles.certifyUsd]?.fee_missing),
    clockHours: value("clockHours"),
    giBill: value("giBill"),
    pellEligible: value("pellEligible"),
    workforcePell: value("workforcePell"),
    wioa: value("wioa"),
  };
}

/** The estimate's program values from the questionnaire's "aid" column (plugins/programs_site/outputs/match_files.py)
 * and the cost to get certified the ranking uses (the chosen credential's). */
export function programFromMatchColumn(certifyUsd, column) {
  const [cost, tuitionFees, clockHours, giBill, pellEligible, workforcePell, listed] = column ?? [];
  return {
    certifyUsd: certifyUsd ?? null,
    costUsd: cost ?? null,
    tuitionFees: tuitionFees ?? null,
    examFee: certifyUsd != null && cost != null ? certifyUsd - cost : null,
    feeMissing: false,
    clockHours: clockHours ?? null,
    giBill: giBill ?? null,
    pellEligible: pellEligible ?? null,
    workforcePell: workforcePell ?? null,
    wioa: listed ?? null,
  };
}
