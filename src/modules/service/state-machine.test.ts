import { describe, expect, it } from 'vitest';
import { REQUEST_ACTIONS, REQUEST_STATES, type RequestAction, type RequestState, type ReturnTarget } from './service.constants.ts';
import { availableActions, planTransition, RELATIONS, type MachineInput, type MachineRequest, type Relation } from './state-machine.ts';

// The expected behaviour, written out by hand (not derived from the machine's rule table):
// `relation action state[:returnedTo][+paused] → resulting state`. Everything not listed is refused.
const ALLOWED = `
official accept submitted → submitted>accepted
official dispatch accepted → dispatched
official dispatch returned:officials → dispatched
lead_department start dispatched → in_progress
official return submitted → returned
official return accepted → returned
lead_department return dispatched → returned
lead_department return in_progress → returned
lead_department resolve in_progress → resolved
official await_enterprise accepted → accepted
lead_department await_enterprise dispatched → dispatched
lead_department await_enterprise in_progress → in_progress
enterprise resume accepted+paused → accepted
enterprise resume dispatched+paused → dispatched
enterprise resume in_progress+paused → in_progress
official resume accepted+paused → accepted
lead_department resume dispatched+paused → dispatched
lead_department resume in_progress+paused → in_progress
enterprise rate resolved → rated
official archive rated → archived
official archive returned:enterprise → archived
official merge submitted → merged
official merge accepted → merged
official merge returned:enterprise → merged
official merge returned:officials → merged
enterprise resubmit returned:enterprise → submitted
`
  .trim()
  .split('\n')
  .map((line) => {
    const [relation, action, where, , result] = line.split(' ') as [Relation, RequestAction, string, string, string];
    const to = result.includes('>') ? (result.split('>')[1] as RequestState) : (result as RequestState);
    return { key: `${relation} ${action} ${where}`, to };
  });
const allowed = new Map(ALLOWED.map((a) => [a.key, a.to]));
// (relation, action) pairs that are allowed in at least one situation: elsewhere they are 409, not 403.
const everAllowed = new Set(ALLOWED.map((a) => a.key.split(' ').slice(0, 2).join(' ')));

type Situation = { label: string; request: MachineRequest };
const situations: Situation[] = REQUEST_STATES.flatMap((state) => {
  const targets: (ReturnTarget | null)[] = state === 'returned' ? ['enterprise', 'officials'] : [null];
  return targets.flatMap((returnedTo) =>
    [false, true].map((paused) => ({
      label: `${state}${returnedTo ? `:${returnedTo}` : ''}${paused ? '+paused' : ''}`,
      request: { state, returnedTo, paused, reopenCount: 0 },
    })),
  );
});

const inputFor = (action: RequestAction): MachineInput => ({ action, reply: '已协调供电公司完成增容', reason: '请补充用地红线图', rating: 'satisfied' });

const cases = situations.flatMap((s) => RELATIONS.flatMap((relation) => REQUEST_ACTIONS.map((action) => ({ ...s, relation, action }))));

describe('request state machine: every (state, relation, action)', () => {
  it('covers every combination', () => {
    expect(cases).toHaveLength(situations.length * RELATIONS.length * REQUEST_ACTIONS.length);
    expect(cases.length).toBe(20 * 5 * 11);
  });

  it.each(cases)('$relation $action in $label', ({ label, request, relation, action }) => {
    const result = planTransition(request, relation, inputFor(action));
    const expected = allowed.get(`${relation} ${action} ${label}`);
    if (expected) {
      expect(result).toMatchObject({ ok: true, plan: { to: expected } });
      expect(availableActions(request, relation)).toContain(action);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(availableActions(request, relation)).not.toContain(action);
    if (!everAllowed.has(`${relation} ${action}`)) {
      expect(result.error).toEqual({ code: 'SERVICE_ACTION_FORBIDDEN', status: 403 });
    } else {
      expect(result.error.status).toBe(409);
      expect(['SERVICE_STATE_CONFLICT', 'SERVICE_REQUEST_PAUSED', 'SERVICE_REQUEST_NOT_PAUSED']).toContain(result.error.code);
    }
  });

  it('lists 26 allowed combinations', () => {
    const ok = cases.filter((c) => planTransition(c.request, c.relation, inputFor(c.action)).ok);
    expect(ok).toHaveLength(ALLOWED.length);
  });
});

describe('request state machine: effects', () => {
  const req = (state: RequestState, extra: Partial<MachineRequest> = {}): MachineRequest => ({ state, paused: false, returnedTo: null, reopenCount: 0, ...extra });

  it('requires a non-blank reply to resolve', () => {
    expect(planTransition(req('in_progress'), 'lead_department', { action: 'resolve', reply: '   ' })).toEqual({ ok: false, error: { code: 'SERVICE_REPLY_REQUIRED', status: 400 } });
    expect(planTransition(req('in_progress'), 'lead_department', { action: 'resolve' })).toEqual({ ok: false, error: { code: 'SERVICE_REPLY_REQUIRED', status: 400 } });
    expect(planTransition(req('in_progress'), 'lead_department', { action: 'resolve', reply: '已办结' })).toMatchObject({ ok: true, plan: { to: 'resolved', resolved: true } });
  });

  it('requires a reason to return or to wait on the enterprise', () => {
    expect(planTransition(req('accepted'), 'official', { action: 'return', reason: '' })).toMatchObject({ ok: false, error: { code: 'SERVICE_REASON_REQUIRED' } });
    expect(planTransition(req('accepted'), 'official', { action: 'await_enterprise', reason: ' ' })).toMatchObject({ ok: false, error: { code: 'SERVICE_REASON_REQUIRED' } });
  });

  it('returns to the enterprise when officials send back, to the officials when a department does', () => {
    expect(planTransition(req('accepted'), 'official', { action: 'return', reason: '不属于受理范围' })).toMatchObject({ ok: true, plan: { returnedTo: 'enterprise' } });
    expect(planTransition(req('dispatched'), 'lead_department', { action: 'return', reason: '非本单位职责' })).toMatchObject({ ok: true, plan: { returnedTo: 'officials' } });
    expect(planTransition(req('returned', { returnedTo: 'officials' }), 'official', { action: 'dispatch' })).toMatchObject({ ok: true, plan: { returnedTo: null } });
  });

  it('pauses and resumes the clock without changing the state', () => {
    expect(planTransition(req('in_progress'), 'lead_department', { action: 'await_enterprise', reason: '请提供发票' })).toMatchObject({ ok: true, plan: { to: 'in_progress', clock: 'pause' } });
    expect(planTransition(req('in_progress', { paused: true }), 'enterprise', { action: 'resume' })).toMatchObject({ ok: true, plan: { to: 'in_progress', clock: 'resume' } });
  });

  it('closes on 满意 and 基本满意', () => {
    for (const rating of ['satisfied', 'basically_satisfied'] as const) {
      expect(planTransition(req('resolved'), 'enterprise', { action: 'rate', rating })).toMatchObject({ ok: true, plan: { to: 'rated', closed: true, reopen: false } });
    }
  });

  it('reopens on 不满意 twice, then escalates to the city instead', () => {
    expect(planTransition(req('resolved', { reopenCount: 0 }), 'enterprise', { action: 'rate', rating: 'unsatisfied' })).toMatchObject({ ok: true, plan: { to: 'dispatched', reopen: true, escalate: false, clock: 'restart' } });
    expect(planTransition(req('resolved', { reopenCount: 1 }), 'enterprise', { action: 'rate', rating: 'unsatisfied' })).toMatchObject({ ok: true, plan: { to: 'dispatched', reopen: true, escalate: false } });
    expect(planTransition(req('resolved', { reopenCount: 2 }), 'enterprise', { action: 'rate', rating: 'unsatisfied' })).toMatchObject({ ok: true, plan: { to: 'accepted', reopen: false, escalate: true } });
  });

  it('checks the role before the state: an enterprise may never dispatch, a department may not resolve before starting', () => {
    expect(planTransition(req('resolved'), 'enterprise', { action: 'dispatch' })).toMatchObject({ ok: false, error: { code: 'SERVICE_ACTION_FORBIDDEN' } });
    expect(planTransition(req('dispatched'), 'lead_department', { action: 'resolve', reply: 'x' })).toMatchObject({ ok: false, error: { code: 'SERVICE_STATE_CONFLICT' } });
    expect(planTransition(req('in_progress'), 'co_department', { action: 'resolve', reply: 'x' })).toMatchObject({ ok: false, error: { code: 'SERVICE_ACTION_FORBIDDEN' } });
    expect(planTransition(req('resolved'), 'viewer', { action: 'rate', rating: 'satisfied' })).toMatchObject({ ok: false, error: { code: 'SERVICE_ACTION_FORBIDDEN' } });
  });
});
