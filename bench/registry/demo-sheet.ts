import type { DemoEnterprise } from '../../src/modules/demo/index.ts';
import { COLUMNS } from '../../src/modules/enterprises/transfer/columns.ts';
import type { Sheet } from '../../src/modules/enterprises/transfer/read-sheet.ts';

/** Demo enterprises as the import reads a spreadsheet of them: the template's headers, one row each, header = row 1. */
export function toSheet(rows: DemoEnterprise[]): Sheet {
  const headers = COLUMNS.map((c) => c.header);
  return {
    headers,
    rows: rows.map((r, i) => ({
      rowNumber: i + 2,
      cells: COLUMNS.map((c) => {
        const v = r[c.key as keyof DemoEnterprise];
        if (Array.isArray(v)) return v.join('、');
        if (v === undefined || v === null) return null;
        if (typeof v === 'object') return null;
        return v as string | number | boolean;
      }),
    })),
  };
}
