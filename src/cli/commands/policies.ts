/**
 * `gaodi policies list [--json] [--as-of DATE]`: the starter policy catalogue.
 * `gaodi policies match --enterprises N [--as-of DATE] [--seed S] [--json]`: matches the catalogue
 * against N generated demo enterprises and prints, per item, the eligible count, the near misses
 * and the estimated benefit total, with the time the first full match took.
 */
import { performance } from 'node:perf_hooks';
import { generateDemoEnterprises } from '../../modules/demo/index.ts';
import { createPolicyMatching, isInForce, isIsoDate, loadStarterCatalogue, readCatalogue } from '../../modules/policies/index.ts';
import { systemClock } from '../../server/clock.ts';
import { withDatabase } from '../database.ts';
import type { PolicyItem, RegistryEnterprise } from '../../modules/policies/index.ts';
import { classifyEnterprise } from '../../standards/index.ts';

const USAGE = [
  'usage: gaodi policies list [--json] [--as-of YYYY-MM-DD]',
  '       gaodi policies match --enterprises N [--as-of YYYY-MM-DD] [--seed S] [--near-misses K] [--json]',
].join('\n');

const LEVEL_NAMES: Record<PolicyItem['level'], string> = { national: '国家', province: '省', city: '市', district: '区县' };

/** Today in 郑州 (Asia/Shanghai), `YYYY-MM-DD`. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function parseAsOf(args: string[]): string | null {
  const value = option(args, '--as-of') ?? today();
  return isIsoDate(value) ? value : null;
}

/** The catalogue as stored in the configured database (the starter catalogue is loaded into an empty one). */
async function listCatalogue(args: string[]): Promise<number> {
  const asOf = parseAsOf(args);
  if (asOf === null) {
    console.error('gaodi policies: --as-of must be a date YYYY-MM-DD');
    return 2;
  }
  const items = await withDatabase((database) => readCatalogue({ db: database.db, clock: systemClock }, asOf));
  if (args.includes('--json')) {
    console.log(JSON.stringify(items, null, 2));
    return 0;
  }
  for (const item of items) {
    const state = !item.isEffective || !isInForce(item, asOf) ? '不在有效期' : item.validFrom === null ? '有效 (起始日期待核实)' : '有效';
    const number = item.documentNumber ?? '文号待核实';
    console.log(`${item.id}\n  ${item.title} [${LEVEL_NAMES[item.level]}] ${number} · v${item.version} · ${item.verification} · ${state} (${asOf})`);
  }
  const unverified = items.filter((i) => i.verification === '待核实').length;
  console.log(`\n${items.length} items, ${unverified} 待核实`);
  return 0;
}

/** Demo enterprises as the registry would return them: size class and 规上 derived by the standards. */
function demoEnterprises(count: number, seed: number | undefined, reportYear: number): RegistryEnterprise[] {
  return generateDemoEnterprises(count, { reportYear, ...(seed !== undefined ? { seed } : {}) }).map((e) => {
    const derived = classifyEnterprise({ industryCode: e.industryCode, employees: e.employees, revenueWan: e.revenueWan, assetsWan: e.assetsWan, mainBusinessRevenueWan: e.mainBusinessRevenueWan, legalEntity: true });
    return {
      id: e.creditCode,
      divisionCode: e.divisionCode,
      industryCode: e.industryCode,
      foundedOn: e.foundedOn,
      legalEntity: true,
      employees: e.employees,
      revenueWan: e.revenueWan,
      mainBusinessRevenueWan: e.mainBusinessRevenueWan,
      assetsWan: e.assetsWan,
      rdExpenseWan: e.rdExpenseWan,
      taxWan: e.taxWan,
      landMu: e.landMu,
      energyTce: e.energyTce,
      patents: e.patents,
      exportWan: e.exportWan,
      sizeClass: derived.sizeClass,
      aboveScale: derived.aboveScale,
      tags: e.tags,
    };
  });
}

function matchDemo(args: string[]): number {
  const count = Number(option(args, '--enterprises'));
  const seedText = option(args, '--seed');
  const seed = seedText === undefined ? undefined : Number(seedText);
  const nearMissLimit = Number(option(args, '--near-misses') ?? 100);
  const asOf = parseAsOf(args);
  if (!Number.isInteger(count) || count < 1 || (seed !== undefined && !Number.isInteger(seed)) || !Number.isInteger(nearMissLimit) || nearMissLimit < 0 || asOf === null) {
    console.error(USAGE);
    return 2;
  }
  const { items } = loadStarterCatalogue();
  const generateStart = performance.now();
  const enterprises = demoEnterprises(count, seed, Number(asOf.slice(0, 4)) - 1);
  const generateMs = performance.now() - generateStart;

  const matchStart = performance.now();
  const matching = createPolicyMatching({ enterprises, items, asOf });
  const matchMs = performance.now() - matchStart;
  const summaryStart = performance.now();
  const perItem = matching.items.map((item) => {
    const result = matching.forItem(item.id, { nearMissLimit });
    return {
      id: item.id,
      title: item.title,
      verification: item.verification,
      eligible: result.eligible.length,
      nearMisses: result.nearMissTotal,
      totalBenefitWan: result.totalBenefitWan,
      benefitErrors: result.benefitErrors.length,
    };
  });
  const summaryMs = performance.now() - summaryStart;
  const timing = {
    enterprises: count,
    asOf,
    generateMs: Math.round(generateMs),
    snapshotAndMatchMs: Math.round(matchMs),
    nearMissesAndBenefitsMs: Math.round(summaryMs),
    firstFullMatchMs: Math.round(matchMs + summaryMs),
  };
  const notInForce = matching.itemsNotInForce.map((i) => i.id);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ timing, items: perItem, notInForce }, null, 2));
    return 0;
  }
  for (const row of perItem) {
    const total = row.totalBenefitWan === null ? '不估算' : `${row.totalBenefitWan.toLocaleString('zh-CN')} 万元`;
    const errors = row.benefitErrors > 0 ? ` · 公式错误 ${row.benefitErrors}` : '';
    console.log(`${row.id.padEnd(44)} 符合 ${String(row.eligible).padStart(7)} · 差一条 ${String(row.nearMisses).padStart(4)} · 合计 ${total}${errors}`);
  }
  if (notInForce.length > 0) console.log(`\n不在有效期 (${asOf}): ${notInForce.join(', ')}`);
  console.log(`\n${count} demo enterprises (generated in ${timing.generateMs} ms); first full match of ${perItem.length} items: ${timing.firstFullMatchMs} ms (snapshot + matcher + bitsets ${timing.snapshotAndMatchMs} ms, near misses + benefit totals ${timing.nearMissesAndBenefitsMs} ms)`);
  return 0;
}

/** Runs `gaodi policies …`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    console.log(USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'list') return listCatalogue(rest);
  if (sub === 'match') return matchDemo(rest);
  console.error(`gaodi policies: unknown subcommand "${sub}"\n${USAGE}`);
  return 2;
}
