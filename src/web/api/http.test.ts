import { describe, expect, it } from 'vitest';
import { fieldIssues, fileNameFromDisposition, isApiErrorBody, readCookie, toQueryString } from './http.ts';

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; gaodi_csrf=abc%3D%3D; b=2', 'gaodi_csrf')).toBe('abc==');
    expect(readCookie('gaodi_csrf_old=x', 'gaodi_csrf')).toBeNull();
    expect(readCookie('', 'gaodi_csrf')).toBeNull();
  });
});

describe('toQueryString', () => {
  it('skips empty values and joins arrays', () => {
    expect(toQueryString({ q: '宇通', page: 1, tags: ['a', 'b'], empty: '', none: undefined, no: [], flag: false })).toBe(
      '?q=%E5%AE%87%E9%80%9A&page=1&tags=a%2Cb&flag=false',
    );
    expect(toQueryString({})).toBe('');
  });
});

describe('error bodies', () => {
  it('recognises the API error shape', () => {
    expect(isApiErrorBody({ error: { code: 'X', message: 'm' } })).toBe(true);
    expect(isApiErrorBody({ error: 'x' })).toBe(false);
    expect(isApiErrorBody(null)).toBe(false);
  });

  it('reads validation issues with array or dotted paths', () => {
    expect(
      fieldIssues({
        issues: [
          { path: ['body', 'creditCode'], message: '校验码错误' },
          { path: 'revenueWan', message: '不能为负数' },
          { message: 42 },
        ],
      }),
    ).toEqual([
      { path: 'creditCode', message: '校验码错误' },
      { path: 'revenueWan', message: '不能为负数' },
    ]);
    expect(fieldIssues(undefined)).toEqual([]);
  });
});

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 file name', () => {
    expect(fileNameFromDisposition(`attachment; filename="export.xlsx"; filename*=UTF-8''%E4%BC%81%E4%B8%9A.xlsx`, 'x.xlsx')).toBe('企业.xlsx');
    expect(fileNameFromDisposition('attachment; filename="export.xlsx"', 'x.xlsx')).toBe('export.xlsx');
    expect(fileNameFromDisposition(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
