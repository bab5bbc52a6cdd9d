/** One row of the visit-plan table: an officer, the visits planned this quarter and those done. */
export type PlanRow = { officerId: string; officerName: string; plannedVisits: number | null; doneVisits: number; completionRate: number | null };

/**
 * Every officer who looks after enterprises or has a plan, with the plan where there is one: an
 * officer without a plan is listed too, so that one can be set. Sorted by name.
 */
export function planRows(
  load: readonly { officerId: string; officerName: string; visitsThisQuarter: number }[],
  plans: readonly { officerId: string; officerName: string; plannedVisits: number; doneVisits: number; completionRate: number | null }[],
): PlanRow[] {
  const rows = new Map<string, PlanRow>();
  for (const l of load) rows.set(l.officerId, { officerId: l.officerId, officerName: l.officerName, plannedVisits: null, doneVisits: l.visitsThisQuarter, completionRate: null });
  for (const p of plans) rows.set(p.officerId, { ...p });
  return [...rows.values()].sort((a, b) => a.officerName.localeCompare(b.officerName, 'zh-CN'));
}
