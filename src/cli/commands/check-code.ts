/**
 * `gaodi check-code [--json] CODE…`: checks 统一社会信用代码 (GB 32100-2015), one line per code.
 * Human output `CODE  valid` / `CODE  invalid: <message>`; with `--json` one
 * `{"code","valid","reason"?,"message"?}` per line. Exit 0 when all are valid, 1 otherwise, 2 on usage errors.
 */
import { validateCreditCode } from '../../standards/index.ts';

const USAGE = 'usage: gaodi check-code [--json] CODE…';

/** Runs `gaodi check-code`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  let json = false;
  const codes: string[] = [];
  let onlyCodes = false;
  for (const arg of args) {
    if (!onlyCodes && arg === '--') onlyCodes = true;
    else if (!onlyCodes && arg === '--json') json = true;
    else if (!onlyCodes && (arg === '--help' || arg === '-h')) {
      console.log(USAGE);
      return 0;
    } else if (!onlyCodes && arg.startsWith('--')) {
      console.error(`gaodi check-code: unknown option ${arg}\n${USAGE}`);
      return 2;
    } else codes.push(arg);
  }
  if (codes.length === 0) {
    console.error(USAGE);
    return 2;
  }
  let allValid = true;
  const lines: string[] = [];
  for (const input of codes) {
    const result = validateCreditCode(input);
    if (!result.valid) allValid = false;
    if (json) {
      lines.push(
        JSON.stringify(result.valid ? { code: result.code, valid: true } : { code: result.code, valid: false, reason: result.reason, message: result.message }),
      );
    } else {
      lines.push(result.valid ? `${result.code}  valid` : `${result.code || input}  invalid: ${result.reason}: ${result.message}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return allValid ? 0 : 1;
}
