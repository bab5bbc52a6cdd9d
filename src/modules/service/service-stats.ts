import { getDivision } from '../../standards/index.ts';
import type { Actor } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import { assertCan } from '../../server/permissions.ts';
import type { Locale } from '../../server/i18n/index.ts';
import { categoryName, toRequestListItem, type Lookups } from './service.mappers.ts';
import { findDepartmentsByIds, listCategories, statsByColumn, statsMonthly, statsOldestOpen, statsRatings, statsTotals } from './service.repository.ts';
import type { ServiceDeskService } from './service.service.ts';
import { toRequestFilter } from './service.service.ts';

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** The last `n` months (YYYY-MM, China time) ending with the month of `now`. */
export function lastMonths(now: Date, n: number): string[] {
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  const months: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

export type ServiceStats = ReturnType<typeof createServiceStats>;

/** Leaders' figures over the requests in the caller's scope. */
export function createServiceStats(deps: { db: Db; clock: Clock; desk: ServiceDeskService }) {
  const { db, clock, desk } = deps;
  return {
    async summarize(actor: Actor, query: { district?: string | undefined; from?: string | undefined; to?: string | undefined }, locale: Locale = 'zh-CN') {
      assertCan(actor, 'service.stats.read');
      const rs = await desk.requestScopeOf(actor);
      const filter = toRequestFilter({ district: query.district });
      if (query.from) filter.createdFrom = new Date(`${query.from}T00:00:00+08:00`);
      if (query.to) filter.createdBefore = new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + 86_400_000);
      const months = lastMonths(clock.now(), 12);
      const since = new Date(`${months[0]}-01T00:00:00+08:00`);
      const [totals, byState, byCategory, byDistrict, byDepartment, ratings, oldest, monthly, categories] = await Promise.all([
        statsTotals(db, rs, filter),
        statsByColumn(db, rs, filter, 'state'),
        statsByColumn(db, rs, filter, 'category'),
        statsByColumn(db, rs, filter, 'district'),
        statsByColumn(db, rs, filter, 'department'),
        statsRatings(db, rs, filter),
        statsOldestOpen(db, rs, filter, 10),
        statsMonthly(db, rs, filter, since),
        listCategories(db),
      ]);
      const departmentIds = [...new Set([...byDepartment.map((d) => d.key), ...oldest.flatMap((r) => (r.leadDepartmentId ? [r.leadDepartmentId] : []))].filter(Boolean))];
      const departments = new Map((await findDepartmentsByIds(db, departmentIds)).map((d) => [d.id, d]));
      const lookups: Lookups = { categories: new Map(categories.map((c) => [c.code, c])), departments, locale };
      const ratingTotal = ratings.reduce((s, r) => s + r.total, 0);
      const ratingSatisfied = ratings.reduce((s, r) => s + r.satisfied, 0);
      const created = new Map(monthly.created.map((m) => [m.month, m.n]));
      const resolved = new Map(monthly.resolved.map((m) => [m.month, m.n]));
      return {
        total: totals.total,
        open: totals.open,
        overdueOpen: totals.overdueOpen,
        byState: byState.map((r) => ({ key: r.key, name: r.key, count: r.count })),
        byCategory: byCategory.map((r) => ({ key: r.key, name: categoryName(lookups, r.key), count: r.count })),
        byDistrict: byDistrict.map((r) => ({ key: r.key, name: getDivision(r.key)?.name ?? r.key, count: r.count })),
        byDepartment: byDepartment
          .filter((r) => r.key !== '')
          .map((r) => {
            const rated = ratings.find((x) => x.departmentId === r.key);
            return {
              key: r.key, name: departments.get(r.key)?.name ?? r.key, count: r.count, resolved: r.resolved,
              onTimeRate: percent(r.onTime, r.judged), satisfactionRate: rated ? percent(rated.satisfied, rated.total) : null,
            };
          }),
        onTimeRate: percent(totals.onTime, totals.judged),
        satisfactionRate: percent(ratingSatisfied, ratingTotal),
        averageDaysToResolve: totals.averageDays === null ? null : Math.round(Number(totals.averageDays) * 10) / 10,
        oldestOpen: oldest.map((r) => toRequestListItem(r, lookups)),
        monthly: months.map((month) => ({ month, created: created.get(month) ?? 0, resolved: resolved.get(month) ?? 0 })),
      };
    },
  };
}
