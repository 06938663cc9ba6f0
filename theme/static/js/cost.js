// The cost to get certified, as the build worked it out (plugins/programs_site/model/certify.py): this
// module only picks, never computes. A program that lists several credentials carries one cost per
// credential, and the visitor's chosen credentials (browse filter, match work setting) pick among them.

/**
 * [amount or null, the typed value format.js words (certifyText)] for `program`, given the credential
 * codes the visitor chose (or none). The rows carry the amount and, when there is none, why
 * (`certify_note`: {known, fee_missing} or {no_credential}; null when not listed).
 */
export function certifyFor(program, codes = []) {
  const byCode = program.certify_by;
  let chosen = [program.certify_usd, program.certify_note];
  if (byCode && codes.length) {
    const options = codes.filter((code) => Object.hasOwn(byCode, code)).map((code) => byCode[code]);
    if (options.length) chosen = options.reduce((best, option) => ((option[0] ?? Infinity) < (best[0] ?? Infinity) ? option : best));
  }
  const [amount, note] = chosen;
  return [amount ?? null, amount ?? note ?? null];
}
