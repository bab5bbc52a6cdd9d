import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flattenKeys } from '../../i18n/keys.ts';
import enUS from '../../i18n/en-US.json';
import zhCN from '../../i18n/zh-CN.json';
import { REQUEST_STATES, RATINGS, URGENCIES } from './service-types.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(dir).filter((f) => f.endsWith('.tsx')).map((f) => readFileSync(`${dir}/${f}`, 'utf8')).join('\n');

describe('service desk translations', () => {
  it('has every key built from a value list, in both languages', () => {
    const actions = ['accept', 'dispatch', 'start', 'return', 'resolve', 'await_enterprise', 'resume', 'rate', 'archive', 'merge', 'resubmit'];
    const wanted = [
      ...REQUEST_STATES.map((s) => `service.states.${s}`),
      ...actions.map((a) => `service.actions.${a}`),
      ...[...actions, 'submit', 'escalate'].map((a) => `service.events.${a}`),
      ...URGENCIES.map((u) => `service.urgency.${u}`),
      ...RATINGS.map((r) => `service.ratings.${r}`),
      ...['enterprise', 'officer', 'import', 'open311'].map((s) => `service.sources.${s}`),
      ...['city', 'district', 'street'].map((l) => `service.liaisons.levels.${l}`),
      'service.reminders.due_soon', 'service.reminders.overdue', 'service.detail.returnedTo.enterprise', 'service.detail.returnedTo.officials', 'service.detail.left', 'service.detail.late',
    ];
    for (const catalog of [flattenKeys(zhCN), flattenKeys(enUS)]) {
      const known = new Set(catalog);
      expect(wanted.filter((k) => !known.has(k))).toEqual([]);
    }
  });

  it('has every literal key the pages use', () => {
    const used = [...sources.matchAll(/t\('(service\.[\w.]+)'/g)].map((m) => m[1] ?? '');
    const known = new Set(flattenKeys(zhCN));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });
});
