import { describe, expect, it } from 'vitest';
import { EMPTY_AUDIT_LIST, auditApiQuery, parseAuditParams, toAuditParams } from './audit-params.ts';

describe('audit params', () => {
  it('reads filters and the date range from the URL', () => {
    const state = parseAuditParams(new URLSearchParams('actor=jinshui&entityType=enterprise&action=update&from=2026-01-01&to=2026-01-31&page=2'));
    expect(state).toEqual({ actor: 'jinshui', entityType: 'enterprise', action: 'update', from: '2026-01-01', to: '2026-01-31', page: 2, pageSize: 20 });
    expect(toAuditParams(state).toString()).toBe('actor=jinshui&entityType=enterprise&action=update&from=2026-01-01&to=2026-01-31&page=2');
  });

  it('drops malformed dates and pages', () => {
    expect(parseAuditParams(new URLSearchParams('from=2026-13-45x&to=yesterday&page=0&pageSize=9999'))).toEqual(EMPTY_AUDIT_LIST);
  });

  it('leaves empty filters out of the API query', () => {
    expect(auditApiQuery(EMPTY_AUDIT_LIST)).toEqual({
      actor: undefined,
      entityType: undefined,
      action: undefined,
      from: undefined,
      to: undefined,
      page: 1,
      pageSize: 20,
    });
  });
});
