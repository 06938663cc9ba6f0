// The cost to get certified, as the build worked it out (plugins/programs_site/certify.py): this
// module only picks, never computes. A program that lists several credentials carries one cost per
// credential, and the visitor's chosen credentials (browse filter, match work setting) pick among them.

/** [amount or null, words] for `program`, given the credential codes the visitor chose (or none). */
export function certifyFor(program, codes = []) {
  const byCode = program.certify_by;
  if (byCode && codes.length) {
    const options = codes.filter((code) => Object.hasOwn(byCode, code)).map((code) => byCode[code]);
    if (options.length) return options.reduce((best, option) => ((option[0] ?? Infinity) < (best[0] ?? Infinity) ? option : best));
  }
  return [program.certify_usd, program.certify_text];
}
