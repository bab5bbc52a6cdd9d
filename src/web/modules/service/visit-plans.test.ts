import { describe, expect, it } from 'vitest';
import { planRows } from './visit-plans.ts';

describe('planRows', () => {
  it('lists officers without a plan beside those with one, the plan winning', () => {
    const rows = planRows(
      [{ officerId: 'a', officerName: '乙干部', visitsThisQuarter: 2 }, { officerId: 'b', officerName: '甲干部', visitsThisQuarter: 1 }],
      [{ officerId: 'b', officerName: '甲干部', plannedVisits: 4, doneVisits: 1, completionRate: 25 }],
    );
    expect(rows).toEqual([
      { officerId: 'b', officerName: '甲干部', plannedVisits: 4, doneVisits: 1, completionRate: 25 },
      { officerId: 'a', officerName: '乙干部', plannedVisits: null, doneVisits: 2, completionRate: null },
    ]);
  });
});
