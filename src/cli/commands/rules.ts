/**
 * `gaodi rules eval` and `gaodi rules explain`: JSON lines `{"rule":…,"data":…}` on stdin, one
 * JSON line per input on stdout (`{"result":…}`, `{"explanation":…}` or `{"error":"…"}`).
 */
import { createInterface } from 'node:readline';
import { processLine } from '../../rules/cli/json-lines.ts';
import type { LineMode } from '../../rules/cli/json-lines.ts';

const USAGE = 'usage: gaodi rules eval | gaodi rules explain   (JSON lines {"rule":…,"data":…[,"schema":…]} on stdin)';

/** Runs `gaodi rules …`; a bad line is answered with an error line and never stops the stream. */
export async function run(args: string[]): Promise<number> {
  const [mode] = args;
  if (mode === '--help' || mode === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (mode !== 'eval' && mode !== 'explain') {
    console.error(USAGE);
    return 2;
  }
  const lineMode: LineMode = mode;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const answer = processLine(lineMode, line);
    if (answer !== undefined && !process.stdout.write(`${answer}\n`)) {
      await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    }
  }
  return 0;
}
