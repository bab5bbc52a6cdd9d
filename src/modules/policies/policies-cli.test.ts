import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/policies.ts';
import raw from '../../../data/policies/starter-catalogue.json' with { type: 'json' };

function capture(): { out: () => string; err: () => string } {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  return {
    out: () => log.mock.calls.map((c) => c.join(' ')).join('\n'),
    err: () => error.mock.calls.map((c) => c.join(' ')).join('\n'),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

// `list` reads the configured database: an embedded one of its own here (or DATABASE_URL's server)
const dataDir = mkdtempSync(join(tmpdir(), 'gaodi-policies-cli-'));
beforeAll(() => {
  process.env.GAODI_DATA_DIR = dataDir;
});
afterAll(() => {
  delete process.env.GAODI_DATA_DIR;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('gaodi policies', () => {
  it('list --json prints the catalogue from the database (the starter catalogue on first use) as one JSON array', async () => {
    const io = capture();
    expect(await run(['list', '--json'])).toBe(0);
    const printed: unknown = JSON.parse(io.out());
    expect(Array.isArray(printed)).toBe(true);
    expect((printed as { id: string }[]).map((i) => i.id)).toEqual(raw.items.map((i) => i.id));
  });

  it('list marks items out of force on the as-of date', async () => {
    const io = capture();
    expect(await run(['list', '--as-of', '2020-06-01'])).toBe(0);
    expect(io.out()).toMatch(/zz-hnte-first-recognition-2019\n.*· 有效 \(2020-06-01\)/);
    expect(io.out()).toMatch(/zz-ipo-listing-award-2024\n.*不在有效期/);
  });

  it('match --json reports per item counts and the timing of the first full match', async () => {
    const io = capture();
    expect(await run(['match', '--enterprises', '300', '--as-of', '2026-11-25', '--json'])).toBe(0);
    const report = JSON.parse(io.out()) as { timing: { enterprises: number; firstFullMatchMs: number }; items: { id: string; eligible: number }[]; notInForce: string[] };
    expect(report.timing.enterprises).toBe(300);
    expect(report.timing.firstFullMatchMs).toBeGreaterThanOrEqual(0);
    expect(report.items.length + report.notInForce.length).toBe(raw.items.length);
    expect(report.items.find((i) => i.id === 'cn-rd-super-deduction-2023')?.eligible).toBeGreaterThan(0);
  });

  it('refuses a bad count or date with exit code 2', async () => {
    const io = capture();
    expect(await run(['match', '--enterprises', 'many'])).toBe(2);
    expect(await run(['list', '--as-of', '2026-13-01'])).toBe(2);
    expect(await run(['list', '--as-of', '2026-02-30'])).toBe(2);
    expect(await run(['frobnicate'])).toBe(2);
    expect(io.err()).toContain('usage');
  });
});
