import { describe, expect, it } from 'vitest';
import type { Actor } from '../../server/actor.ts';
import { classifyEnterprise } from '../../standards/index.ts';
import type { AuditChange } from '../audit/index.ts';
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
    /** A write committed by another process: nothing is announced here, the feed brings it. */
    writeElsewhere(next: EnterpriseMatchingRecord) {
      rows.set(next.id, next);
    },
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

  it('applies enterprise changes from the feed, its own again harmlessly, and keeps one that arrives while a full re-match reads the registry', async () => {
    const memory = memoryRegistry(Array.from({ length: 40 }, (_, i) => record(String(i))));
    let handler: ((rows: AuditChange[]) => Promise<void>) | undefined;
    const events: string[] = [];
    const changeFeed = { start: async () => void events.push('feed started'), subscribe: (h: (rows: AuditChange[]) => Promise<void>) => void (handler = h) };
    // a registry read that can be held after its first batch, as a long one would be
    let hold: Promise<void> | null = null;
    let release = (): void => undefined;
    let reachedHold = (): void => undefined;
    const registry: PolicyRegistry = {
      ...memory.registry,
      async *streamMatchingRecords() {
        events.push('registry read');
        const all: EnterpriseMatchingRecord[] = [];
        for await (const batch of memory.registry.streamMatchingRecords()) all.push(...batch);
        yield all.slice(0, 20);
        if (hold) {
          reachedHold();
          await hold;
        }
        yield all.slice(20);
      },
    };
    const policies = createPoliciesService({ clock, enterprises: registry, changeFeed });
    const first = await policies.warmUp();
    expect(events.indexOf('feed started')).toBe(0);
    expect(events).toContain('registry read');
    const count = async () => (await policies.listItems(city, {})).items.find((i) => i.id === MILESTONE)?.eligibleCount;
    const feedRow = (id: number, entityId: string): AuditChange => ({ id, entityType: 'enterprise', entityId, action: 'update' });

    memory.writeElsewhere(record('3', { mainBusinessRevenueWan: 600000, revenueWan: 600000 }));
    expect(await count()).toBe(0);
    await handler?.([feedRow(1, '3')]);
    expect(await count()).toBe(1);
    // this process's own change, announced at once and then read back from the feed
    memory.commit(record('4', { mainBusinessRevenueWan: 700000, revenueWan: 700000 }), true);
    await handler?.([feedRow(2, '4'), feedRow(3, '4')]);
    expect(await count()).toBe(2);
    expect(policies.lastTiming()).toBe(first);

    // a full re-match reads firm 5 in its first batch; firm 5 changes elsewhere before the read ends
    hold = new Promise((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (reachedHold = resolve));
    const rematch = policies.rematchAll();
    await reached;
    memory.writeElsewhere(record('5', { mainBusinessRevenueWan: 800000, revenueWan: 800000 }));
    await handler?.([feedRow(4, '5')]);
    release();
    await rematch;
    expect(await count()).toBe(3);

    // a seed elsewhere names no ids: the kept match is dropped and the next read rebuilds from the registry
    const streams = memory.streams();
    memory.writeElsewhere(record('6', { mainBusinessRevenueWan: 900000, revenueWan: 900000 }));
    await handler?.([{ id: 5, entityType: 'enterprise', entityId: 'batch', action: 'seed' }]);
    expect(await count()).toBe(4);
    expect(memory.streams()).toBe(streams + 1);
  });

  it('names the district and the industry a rule asks for in every explanation, miss and condition', async () => {
    const { items, version } = loadStarterCatalogue();
    const eligibility = { and: [{ '==': [{ var: 'countyCode' }, '410105'] }, { '==': [{ var: 'industrySection' }, 'C'] }] };
    const catalogue = { version, items: [{ ...items[0]!, id: 'test-jinshui-makers', eligibility }] };
    const firms = [record('in-jinshui'), record('in-zhongyuan', { divisionCode: '410102001' })];
    const policies = createPoliciesService({ clock, enterprises: memoryRegistry(firms).registry, catalogue });
    const county = '所在县级区划 (GB/T 2260 前6位) = 金水区 (410105)';
    const section = '行业门类 (如 C 制造业) = C 制造业';

    const matched = await policies.getEnterpriseMatches(city, 'in-jinshui', {});
    expect(matched.matches[0]?.explanation.map((s) => s.label)).toEqual([`${county} and ${section}`, county, section]);
    const missed = await policies.getEnterpriseMatches(city, 'in-zhongyuan', {});
    expect(missed.nearMisses[0]?.miss).toMatchObject({ label: county, actual: '410102', required: '410105' });
    const page = await policies.findItemMatches(city, 'test-jinshui-makers', { kind: 'near-miss', page: 1, pageSize: 20 });
    expect(page.items[0]?.miss?.label).toBe(county);
    expect((await policies.getItem(city, 'test-jinshui-makers', {})).conditions.map((c) => c.label)).toEqual([county, section]);
    const calculated = await policies.calculate({ divisionCode: '410102', industryCode: 'C3670', legalEntity: true, tags: [] });
    expect(calculated.nearMisses[0]?.miss.label).toBe(county);
    expect(calculated.nearMisses[0]?.explanation.map((s) => s.label)).toContain(section);
  });

  it('names the value an enterprise has, beside the code, in every explanation and miss in Chinese, and keeps codes in English', async () => {
    const { items, version } = loadStarterCatalogue();
    const eligibility = { and: [{ '==': [{ var: 'countyCode' }, '410105'] }, { '==': [{ var: 'industryCode' }, 'C3670'] }] };
    const catalogue = { version, items: [{ ...items[0]!, id: 'test-jinshui-makers', eligibility }] };
    const policies = createPoliciesService({ clock, enterprises: memoryRegistry([record('in-zhongyuan', { divisionCode: '410102001', industryCode: 'C3670' })]).registry, catalogue });
    const zhongyuan = { actual: '410102', actualLabel: '中原区 (410102)', required: '410105' };

    const missed = await policies.getEnterpriseMatches(city, 'in-zhongyuan', {});
    expect(missed.nearMisses[0]?.miss).toMatchObject(zhongyuan);
    expect(missed.nearMisses[0]?.explanation.slice(1).map((s) => s.actualLabel)).toEqual(['中原区 (410102)', 'C3670 汽车零部件及配件制造']);
    expect(missed.nearMisses[0]?.explanation[0]).not.toHaveProperty('actualLabel');
    const page = await policies.findItemMatches(city, 'test-jinshui-makers', { kind: 'near-miss', page: 1, pageSize: 20 });
    expect(page.items[0]?.miss).toMatchObject(zhongyuan);
    const calculated = await policies.calculate({ divisionCode: '410102', industryCode: 'C3670', legalEntity: true, tags: [] });
    expect(calculated.nearMisses[0]?.miss).toMatchObject(zhongyuan);

    const english = await policies.getEnterpriseMatches(city, 'in-zhongyuan', {}, { locale: 'en-US' });
    expect(english.nearMisses[0]?.miss).toMatchObject({ actual: '410102', required: '410105' });
    expect(english.nearMisses[0]?.explanation.some((s) => s.actualLabel !== undefined)).toBe(false);
    expect((await policies.findItemMatches(city, 'test-jinshui-makers', { kind: 'near-miss', page: 1, pageSize: 20 }, { locale: 'en-US' })).items[0]?.miss).not.toHaveProperty('actualLabel');
  });

  it('names the value a rule asks for, beside the code, in every explanation and miss in Chinese, and keeps codes in English', async () => {
    const { items, version } = loadStarterCatalogue();
    const eligibility = { and: [{ '==': [{ var: 'countyCode' }, '410105'] }, { in: [{ var: 'industrySection' }, ['B', 'C']] }] };
    const catalogue = { version, items: [{ ...items[0]!, id: 'test-jinshui-makers', eligibility }] };
    const policies = createPoliciesService({ clock, enterprises: memoryRegistry([record('in-zhongyuan', { divisionCode: '410102001', industryCode: 'C3670' })]).registry, catalogue });
    const jinshui = { actual: '410102', required: '410105', requiredLabel: '金水区 (410105)' };

    const missed = await policies.getEnterpriseMatches(city, 'in-zhongyuan', {});
    expect(missed.nearMisses[0]?.miss).toMatchObject(jinshui);
    expect(missed.nearMisses[0]?.explanation.slice(1).map((s) => s.requiredLabel)).toEqual(['金水区 (410105)', '[B 采矿业, C 制造业]']);
    expect(missed.nearMisses[0]?.explanation[0]).not.toHaveProperty('requiredLabel');
    const page = await policies.findItemMatches(city, 'test-jinshui-makers', { kind: 'near-miss', page: 1, pageSize: 20 });
    expect(page.items[0]?.miss).toMatchObject(jinshui);
    const calculated = await policies.calculate({ divisionCode: '410102', industryCode: 'C3670', legalEntity: true, tags: [] });
    expect(calculated.nearMisses[0]?.miss).toMatchObject(jinshui);

    const english = await policies.getEnterpriseMatches(city, 'in-zhongyuan', {}, { locale: 'en-US' });
    expect(english.nearMisses[0]?.miss).toMatchObject({ actual: '410102', required: '410105' });
    expect(english.nearMisses[0]?.explanation.some((s) => s.requiredLabel !== undefined)).toBe(false);
    expect((await policies.findItemMatches(city, 'test-jinshui-makers', { kind: 'near-miss', page: 1, pageSize: 20 }, { locale: 'en-US' })).items[0]?.miss).not.toHaveProperty('requiredLabel');
  });
});
