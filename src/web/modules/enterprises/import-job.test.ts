import { describe, expect, it } from 'vitest';
import { importFileProblem, importPercent, isImportFinished } from './import-job.ts';

describe('import job helpers', () => {
  it('computes progress and knows when a job is over', () => {
    expect(importPercent({ id: '1', status: 'running', progress: { done: 1, total: 3 } })).toBe(33);
    expect(importPercent({ id: '1', status: 'queued', progress: { done: 0, total: 0 } })).toBe(0);
    expect(importPercent({ id: '1', status: 'done', progress: { done: 2, total: 3 } })).toBe(100);
    expect(isImportFinished({ id: '1', status: 'failed', progress: { done: 0, total: 0 } })).toBe(true);
    expect(isImportFinished(undefined)).toBe(false);
  });

  it('takes only non-empty .xlsx and .csv files of a sane size', () => {
    expect(importFileProblem({ name: '企业.XLSX', size: 10 })).toBeNull();
    expect(importFileProblem({ name: 'a.csv', size: 10 })).toBeNull();
    expect(importFileProblem({ name: 'a.xls', size: 10 })).toBe('type');
    expect(importFileProblem({ name: 'a.csv', size: 0 })).toBe('empty');
    expect(importFileProblem({ name: 'a.xlsx', size: 100 * 1024 * 1024 })).toBe('size');
  });
});
