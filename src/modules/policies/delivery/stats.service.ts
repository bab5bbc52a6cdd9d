/**
 * The leaders' view and match quality: per item and per district, matched (the rule, today), notified,
 * applied, approved, paid and budget used; per item the share of matches officials confirmed
 * (precision) and the approved applications the rule had not matched (misses). Everything in scope.
 */
import ExcelJS from 'exceljs';
import type { Actor } from '../../../server/actor.ts';
import type { Locale } from '../../../server/i18n/index.ts';
import { assertCan } from '../../../server/permissions.ts';
import { getDivision } from '../../../standards/index.ts';
import { canWriteLevel } from '../authoring.service.ts';
import { type DeliveryContext, type DeliveryDeps, round2 } from './delivery.context.ts';
import { countDelivery, countQuality, findBudgets } from './delivery.repository.ts';
import type { DeliveryStats, DeliveryStatsQuery, DistrictStats, ItemStats } from './delivery.schemas.ts';

export function createStatsService(deps: DeliveryDeps, _ctx: DeliveryContext) {
  const { db, policies } = deps;

  const getStats = async (actor: Actor, query: DeliveryStatsQuery): Promise<DeliveryStats> => {
      assertCan(actor, 'policies.delivery.stats');
      const [list, byItem, quality, ledgers] = await Promise.all([policies.listItems(actor, {}), countDelivery(db, actor.scope, 'item'), countQuality(db, actor.scope), findBudgets(db)]);
      const countOf = new Map(byItem.map((c) => [c.key, c]));
      const qualityOf = new Map(quality.map((q) => [q.itemId, q]));
      const paidOf = new Map(ledgers.map((b) => [b.itemId, b.paidWan]));
      const items: ItemStats[] = list.items.map((item) => {
        const c = countOf.get(item.id);
        const q = qualityOf.get(item.id);
        // the budget is the version's in force; the ledger says what has been paid under every version
        const paid = paidOf.get(item.id) ?? 0;
        const confirmed = q?.confirmed ?? 0;
        const rejected = q?.rejected ?? 0;
        return {
          itemId: item.id, title: item.title, exemptFromApplication: item.exemptFromApplication, inForce: item.inForce,
          matched: item.eligibleCount ?? 0, notified: c?.notified ?? 0, applied: c?.applied ?? 0, approved: c?.approved ?? 0, paidCount: c?.paidCount ?? 0, paidWan: round2(c?.paidWan ?? 0),
          budgetWan: item.budgetWan, budgetUsedPct: item.budgetWan !== null && item.budgetWan > 0 ? round2((paid / item.budgetWan) * 100) : null,
          confirmed, rejected, precision: confirmed + rejected > 0 ? round2((confirmed / (confirmed + rejected)) * 100) : null, misses: q?.misses ?? 0,
          canEdit: canWriteLevel(actor, item.level, item.divisionCode),
        };
      });
      const itemIds = query.itemId ? [query.itemId] : list.items.filter((i) => i.inForce).map((i) => i.id);
      const matchedByCounty = new Map<string, number>();
      for (const id of itemIds) {
        const detail = await policies.getItem(actor, id, {});
        for (const d of detail.byDistrict) matchedByCounty.set(d.code, (matchedByCounty.get(d.code) ?? 0) + d.count);
      }
      const byCounty = await countDelivery(db, actor.scope, 'county', query.itemId);
      const counties = new Map<string, DistrictStats>();
      const at = (code: string): DistrictStats => {
        let row = counties.get(code);
        if (!row) counties.set(code, (row = { code, name: getDivision(code)?.name ?? code, matched: 0, notified: 0, applied: 0, approved: 0, paidCount: 0, paidWan: 0 }));
        return row;
      };
      for (const [code, n] of matchedByCounty) at(code).matched = n;
      for (const c of byCounty) Object.assign(at(c.key), { notified: c.notified, applied: c.applied, approved: c.approved, paidCount: c.paidCount, paidWan: round2(c.paidWan) });
      const shown = query.itemId ? items.filter((i) => i.itemId === query.itemId) : items;
      const sum = (k: 'matched' | 'notified' | 'applied' | 'approved' | 'paidCount' | 'paidWan' | 'confirmed' | 'rejected' | 'misses') => round2(shown.reduce((s, i) => s + i[k], 0));
      return {
        asOf: list.asOf,
        itemId: query.itemId ?? null,
        items: shown,
        districts: [...counties.values()].sort((a, b) => b.matched - a.matched || a.code.localeCompare(b.code)),
        totals: {
          matched: sum('matched'), notified: sum('notified'), applied: sum('applied'), approved: sum('approved'), paidCount: sum('paidCount'), paidWan: sum('paidWan'),
          budgetWan: round2(shown.reduce((s, i) => s + (i.budgetWan ?? 0), 0)), confirmed: sum('confirmed'), rejected: sum('rejected'), misses: sum('misses'),
        },
      };
  };

  return {
    getStats,

    /** The same figures as an .xlsx workbook (a sheet per item, a sheet per district), in the caller's language. */
    async exportStats(actor: Actor, query: DeliveryStatsQuery, locale: Locale): Promise<Buffer> {
      assertCan(actor, 'policies.export');
      const stats = await getStats(actor, query);
      const en = locale === 'en-US';
      const wb = new ExcelJS.Workbook();
      wb.creator = 'Gaodi';
      const items = wb.addWorksheet(en ? 'Items' : '按事项');
      items.addRow(en
        ? ['Item', 'Title', '免申即享', 'Matched', 'Notified', 'Applied', 'Approved', 'Paid (firms)', 'Paid (万元)', 'Budget (万元)', 'Budget used (%)', 'Confirmed', 'Rejected', 'Precision (%)', 'Misses']
        : ['事项编号', '事项', '免申即享', '符合条件', '已推送', '已申报', '已批准', '已拨付(家)', '已拨付(万元)', '预算(万元)', '预算使用率(%)', '确认匹配', '否定匹配', '匹配准确率(%)', '漏匹配']).font = { bold: true };
      for (const i of stats.items) items.addRow([i.itemId, i.title, i.exemptFromApplication ? (en ? 'yes' : '是') : (en ? 'no' : '否'), i.matched, i.notified, i.applied, i.approved, i.paidCount, i.paidWan, i.budgetWan ?? '', i.budgetUsedPct ?? '', i.confirmed, i.rejected, i.precision ?? '', i.misses]);
      const districts = wb.addWorksheet(en ? 'Districts' : '按区县');
      districts.addRow(en ? ['Code', 'District', 'Matched', 'Notified', 'Applied', 'Approved', 'Paid (firms)', 'Paid (万元)'] : ['区划代码', '区县', '符合条件', '已推送', '已申报', '已批准', '已拨付(家)', '已拨付(万元)']).font = { bold: true };
      for (const d of stats.districts) districts.addRow([d.code, d.name, d.matched, d.notified, d.applied, d.approved, d.paidCount, d.paidWan]);
      for (const sheet of [items, districts]) sheet.views = [{ state: 'frozen', ySplit: 1 }];
      items.getColumn(2).width = 40;
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
