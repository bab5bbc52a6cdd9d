/** One bad row of an all-or-nothing sheet import, as the API reports it in `details.rows`. */
export type RowProblem = { row: number; column: string; message: string };

function isRowProblem(value: unknown): value is RowProblem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.row === 'number' && typeof v.column === 'string' && typeof v.message === 'string';
}

/** The row problems in an error's details (none when the error is about the whole file). */
export function rowProblemsOf(details: unknown): RowProblem[] {
  if (typeof details !== 'object' || details === null || !('rows' in details) || !Array.isArray(details.rows)) return [];
  return details.rows.filter(isRowProblem);
}
