import { describe, expect, it } from 'vitest';
import { rowProblemsOf } from './row-problems.ts';

describe('rowProblemsOf', () => {
  it('keeps the well-formed row problems of an error’s details', () => {
    const details = { rows: [{ row: 3, column: '标题', code: 'REQUIRED', message: '必填项为空' }, { row: 'x' }, null] };
    expect(rowProblemsOf(details)).toEqual([{ row: 3, column: '标题', code: 'REQUIRED', message: '必填项为空' }]);
  });

  it('gives none for an error about the whole file', () => {
    expect(rowProblemsOf(undefined)).toEqual([]);
    expect(rowProblemsOf({ issues: [] })).toEqual([]);
    expect(rowProblemsOf({ rows: 'many' })).toEqual([]);
  });
});
