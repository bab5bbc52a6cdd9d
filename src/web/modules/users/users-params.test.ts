import { describe, expect, it } from 'vitest';
import { parseLoginLogParams, parseUserListParams, toLoginLogParams, toUserListParams, userListQuery } from './users-params.ts';

describe('account list params', () => {
  it('round-trips the filters through the URL and drops what is not valid', () => {
    const state = parseUserListParams(new URLSearchParams('q=%E7%8E%8B&role=street&jurisdiction=410105&status=locked&page=3&pageSize=50'));
    expect(state).toEqual({ q: '王', role: 'street', jurisdiction: '410105', status: 'locked', page: 3, pageSize: 50 });
    expect(parseUserListParams(toUserListParams(state))).toEqual(state);
    const bad = parseUserListParams(new URLSearchParams('role=king&status=gone&jurisdiction=%3Cx%3E&page=-1&pageSize=9999'));
    expect(bad).toEqual({ q: '', role: null, jurisdiction: null, status: null, page: 1, pageSize: 20 });
    expect(toUserListParams(bad).toString()).toBe('');
    expect(userListQuery({ ...bad, q: '' })).toEqual({ q: undefined, role: undefined, jurisdiction: undefined, status: undefined, page: 1, pageSize: 20 });
    expect(parseUserListParams(new URLSearchParams('jurisdiction=410100-ZD')).jurisdiction).toBe('410100-ZD');
  });

  it('round-trips the login log filters', () => {
    const state = parseLoginLogParams(new URLSearchParams('username=jinshui&outcome=bad-credentials&from=2026-11-01&to=2026-11-25'));
    expect(parseLoginLogParams(toLoginLogParams(state))).toEqual(state);
    expect(parseLoginLogParams(new URLSearchParams('outcome=maybe&from=yesterday')).outcome).toBeNull();
    expect(parseLoginLogParams(new URLSearchParams('from=2026-13-45')).from).toBeNull();
  });
});
