import { describe, expect, it } from 'vitest';
import type { Actor } from '../../server/actor.ts';
import { classifyEnterprise } from '../../standards/index.ts';
import type { EnterpriseChange, EnterpriseMatchingRecord } from '../enterprises/index.ts';
import { loadStarterCatalogue } from './catalogue.ts';
import { createPoliciesService, type PolicyRegistry } from './policies.service.ts';

const MILESTONE = 'zz-large-enterprise-milestone';
const clock = { now: () => new Date('2026-11-25T09:00:00+08:00') };
const city: Actor = { id: 'u1', username: 'city', displayName: 'city', role: 'city', jurisdictionCode: '410100', jurisdictionName: '郑州市', enterpriseId: null, scope: { kind: 'divisions', prefixes: ['4101'] } };

function record(id: string, figures: Partial<EnterpriseMatchingRecord> = {}): EnterpriseMatchingRecord {
  const base = {
    id, name: `企业${id}`, creditCode: `91410105MA${id.padStart(8, '0')}`, divisionCode: '410105001', industryCode: 'C3511', foundedOn: '2010-01-01', legalEntity: true,
    employees: 100, revenueWan: 3000, mainBusinessRevenueWan: 3000, assetsWan: 4000, rdExpenseWan: 90, taxWan: 100, landMu: 20, energyTce: 100, patents: 3, exportWan: 0,
    sizeClass: null, aboveScale: false, tags: [] as string[], ...figures,
  };
  const derived = classifyEnterprise(base);
  return { ...base, sizeClass: derived.sizeClass, aboveScale: derived.aboveScale };
}

/** A registry held in memory: the service reads it through the same three calls as the real one. */
function memoryRegistry(initial: EnterpriseMatchingRecord[]) {
  const rows = new Map(initial.map((r) => [r.id, r]));
  const listeners = new Set<(change: EnterpriseChange) => void>();
  let streams = 0;
  const registry: PolicyRegistry = {
    async *streamMatchingRecords() {
      streams += 1;
      yield [...rows.values()];
    },
    findMatchingRecords: async (ids) => ids.flatMap((id) => rows.get(id) ?? []),
    onEnterpriseChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    registry,
    streams: () => streams,
    commit(next: EnterpriseMatchingRecord, withRecord: boolean) {
      rows.set(next.id, next);
      for (const l of listeners) l(withRecord ? { ids: [next.id], records: [next] } : { ids: [next.id] });
    },
  };
}

describe('createPoliciesService', () => {
  it('refuses a broken catalogue at creation', () => {
    const { items, version } = loadStarterCatalogue();
    const broken = { version, items: [{ ...items[0]!, eligibility: { '>': [{ var: 'revenue' }, 1] } }] };
    expect(() => createPoliciesService({ clock, enterprises: memoryRegistry([]).registry, catalogue: broken })).toThrow(expect.objectContaining({ code: 'POLICIES_CATALOGUE_INVALID' }));
  });

  it('applies committed changes to the kept match row by row, without reading the registry again or rebuilding', async () => {
    const firms = Array.from({ length: 70 }, (_, i) => record(String(i)));
    const memory = memoryRegistry(firms);
    const policies = createPoliciesService({ clock, enterprises: memory.registry });
    const first = await policies.warmUp();
    expect(first).toMatchObject({ enterprises: 70, asOf: '2026-11-25' });
    const count = async () => (await policies.listItems(city, {})).items.find((i) => i.id === MILESTONE)?.eligibleCount;
    expect(await count()).toBe(0);

    memory.commit(record('5', { mainBusinessRevenueWan: 600000, revenueWan: 600000 }), true);
    expect(await count()).toBe(1);
    memory.commit(record('6', { mainBusinessRevenueWan: 700000, revenueWan: 700000 }), false); // ids only: fetched
    expect(await count()).toBe(2);
    memory.commit(record('5'), true);
    expect(await count()).toBe(1);
    // a new enterprise past the stored bitsets' last word
    for (let i = 70; i < 100; i += 1) memory.commit(record(String(i), { mainBusinessRevenueWan: 900000, revenueWan: 900000 }), true);
    expect(await count()).toBe(31);
    expect(memory.streams()).toBe(1);
    expect(policies.lastTiming()).toBe(first);
    const page = await policies.findItemMatches(city, MILESTONE, { kind: 'eligible', page: 1, pageSize: 100 });
    expect(page.items.map((r) => r.enterpriseId).sort()).toEqual(['6', ...Array.from({ length: 30 }, (_, i) => String(70 + i))].sort());
  });
});
