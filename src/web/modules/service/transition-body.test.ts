import { describe, expect, it } from 'vitest';
import { TransitionBodySchema } from '../../../modules/service/service.schemas.ts';
import { transitionBody } from './transition-body.ts';

const DEPT = '3f1c1d2e-8a4b-4c3d-9e2f-1a2b3c4d5e6f';

describe('transition bodies from the action forms', () => {
  it('builds a body the server accepts for every action', () => {
    const values = { note: '已受理', reason: '请补充材料', reply: '已办结', rating: 'unsatisfied' as const, comment: '', leadDepartmentId: DEPT, coHandlerIds: [], targetId: DEPT };
    for (const action of ['accept', 'dispatch', 'start', 'return', 'resolve', 'await_enterprise', 'resume', 'rate', 'archive', 'merge', 'resubmit'] as const) {
      const parsed = TransitionBodySchema.safeParse(transitionBody(action, values));
      expect(parsed.success, action).toBe(true);
    }
  });

  it('leaves blank notes and comments out rather than sending empty strings', () => {
    expect(transitionBody('accept', { note: '' })).toEqual({ action: 'accept', note: undefined });
    expect(transitionBody('rate', { rating: 'satisfied', comment: '' })).toEqual({ action: 'rate', rating: 'satisfied', comment: undefined });
    expect(transitionBody('dispatch', { leadDepartmentId: DEPT })).toEqual({ action: 'dispatch', leadDepartmentId: DEPT, coHandlerIds: [], note: undefined });
  });

  it('sends a missing reply as blank so the server answers SERVICE_REPLY_REQUIRED', () => {
    expect(transitionBody('resolve', {})).toEqual({ action: 'resolve', reply: '' });
  });
});
