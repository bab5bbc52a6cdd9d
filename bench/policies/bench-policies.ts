/**
 * 政策找企业 benchmark: the first full match of the demo catalogue (the starter catalogue, as the
 * database holds it after the first start) over N generated demo enterprises, then what a
 * published change costs: one item's new version re-matched alone (`putItem`, the path a
 * publication takes) and one enterprise re-matched after an edit (`upsert`).
 *
 *   node bin/run-ts.js bench/policies/bench-policies.ts --enterprises 100000 [--runs 3] [--json]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { generateDemoEnterprises } from '../../src/modules/demo/index.ts';
import { createPolicyMatching, loadStarterCatalogue } from '../../src/modules/policies/index.ts';
import type { PolicyItem, RegistryEnterprise } from '../../src/modules/policies/index.ts';
import { classifyEnterprise } from '../../src/standards/index.ts';

const { values } = parseArgs({ options: { enterprises: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' }, 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } } });
const N = Number(values.enterprises);
const RUNS = Number(values.runs);
const asOf = values['as-of'] ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(RUNS) || RUNS < 1) {
  console.error('usage: bench-policies.ts --enterprises N [--runs R] [--as-of YYYY-MM-DD] [--json]');
  process.exit(2);
}

const ms = (start: number): number => Math.round((performance.now() - start) * 10) / 10;

const generateStart = performance.now();
const enterprises: RegistryEnterprise[] = generateDemoEnterprises(N, { reportYear: Number(asOf.slice(0, 4)) - 1 }).map((e) => {
  const derived = classifyEnterprise({ industryCode: e.industryCode, employees: e.employees, revenueWan: e.revenueWan, assetsWan: e.assetsWan, mainBusinessRevenueWan: e.mainBusinessRevenueWan, legalEntity: true });
  return { ...e, id: e.creditCode, legalEntity: true, sizeClass: derived.sizeClass, aboveScale: derived.aboveScale };
});
const generateMs = ms(generateStart);
const { items } = loadStarterCatalogue();

type Run = { firstMatchMs: number; summaryMs: number; newVersionMs: number; enterpriseEditMs: number; items: number; eligible: number };
const runs: Run[] = [];
for (let r = 0; r < RUNS; r += 1) {
  // the first full match: rule rows, snapshot, matcher and bitsets of every item in force and of each top-level condition
  const matchStart = performance.now();
  const matching = createPolicyMatching({ enterprises, items, asOf });
  const firstMatchMs = ms(matchStart);
  // what 政策库 then shows per item: eligible count, near misses, estimated total
  const summaryStart = performance.now();
  let eligible = 0;
  for (const item of matching.items) {
    const result = matching.forItem(item.id, { nearMissLimit: 100 });
    eligible += result.eligible.length;
  }
  const summaryMs = ms(summaryStart);
  // a published new version of one item: its rule alone over the kept snapshot
  const base = matching.items.find((i) => i.id === 'zz-provincial-specialised-sme-award-2024') ?? matching.items[0];
  if (!base) throw new Error('no item in force');
  const changed: PolicyItem = { ...base, eligibility: { and: [...((base.eligibility as { and?: unknown[] }).and ?? [base.eligibility]), { '>=': [{ var: 'employees' }, 20] }] } };
  const versionStart = performance.now();
  matching.putItem(changed);
  matching.countEligible(changed.id);
  const newVersionMs = ms(versionStart);
  // an edited enterprise re-matched alone
  const first = enterprises[0];
  if (!first) throw new Error('no enterprise');
  const editStart = performance.now();
  matching.upsert([{ ...first, rdExpenseWan: (first.rdExpenseWan ?? 0) + 100 }]);
  matching.forEnterprise(first.id);
  const enterpriseEditMs = ms(editStart);
  runs.push({ firstMatchMs, summaryMs, newVersionMs, enterpriseEditMs, items: matching.items.length, eligible });
}

const report = { enterprises: N, asOf, generateMs, node: process.version, cpus: (await import('node:os')).cpus().length, loadAverage: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10), runs };
if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`${N} demo enterprises generated in ${generateMs} ms; demo catalogue ${items.length} items, as of ${asOf}; node ${report.node}, ${report.cpus} cpus, load ${report.loadAverage.join(' ')}`);
  runs.forEach((run, i) => {
    console.log(
      `run ${i + 1}: first full match of ${run.items} items ${run.firstMatchMs} ms · per-item summaries ${run.summaryMs} ms · a new version of one item ${run.newVersionMs} ms · one enterprise edited ${run.enterpriseEditMs} ms`,
    );
  });
}
