import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const gaodi = fileURLToPath(new URL('../../../bin/gaodi.js', import.meta.url));

function runGaodi(args: string[], input: string): { status: number | null; lines: unknown[] } {
  const result = spawnSync(process.execPath, [gaodi, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  const lines = result.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown);
  return { status: result.status, lines };
}

describe('gaodi rules (the command)', () => {
  it('answers every JSON line of eval, a bad one with an error, and exits 0', () => {
    const input = ['{"rule":{">=":[{"var":"revenueWan"},2000]},"data":{"revenueWan":2500}}', 'not json', '{"rule":{"pow":[1]}}', '{"rule":{"cat":["a","b"]}}'].join('\n');
    const { status, lines } = runGaodi(['rules', 'eval'], input);
    expect(status).toBe(0);
    expect(lines).toEqual([
      { result: true },
      { error: expect.stringContaining('not JSON') },
      { error: expect.stringContaining('RULES_UNKNOWN_OPERATOR') },
      { result: 'ab' },
    ]);
  }, 60_000);

  it('explains, and rejects an unknown subcommand with exit code 2', () => {
    const { lines } = runGaodi(['rules', 'explain'], '{"rule":{"<":[{"var":"x"},5]},"data":{"x":7}}\n');
    expect(lines).toEqual([{ explanation: expect.objectContaining({ op: '<', passed: false, actual: 7, required: 5, gap: 2 }) }]);
    expect(runGaodi(['rules', 'frobnicate'], '').status).toBe(2);
  }, 60_000);
});
