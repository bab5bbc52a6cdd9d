import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../server/permissions.ts';
import { APPLICATION_ACTIONS, APPLICATION_STATES } from './delivery.constants.ts';
import { allowedActions, checkTransition, reviewAction, TRANSITIONS } from './delivery.state-machine.ts';

const ALLOWED: Record<string, string> = {
  'submitted|district_approve|district': 'district_approved',
  'submitted|district_return|district': 'returned',
  'district_approved|city_approve|city': 'approved',
  'district_approved|city_return|city': 'returned',
  'returned|resubmit|enterprise': 'submitted',
  'approved|pay|city': 'paid',
};

describe('the application state machine', () => {
  it('allows exactly the six transitions, each to one role from one state, and refuses every other combination', () => {
    let checked = 0;
    for (const state of APPLICATION_STATES) {
      for (const action of APPLICATION_ACTIONS) {
        for (const role of ROLES) {
          const result = checkTransition(state, action, role);
          const expected = ALLOWED[`${state}|${action}|${role}`];
          if (expected) expect(result, `${state} ${action} ${role}`).toEqual({ ok: true, to: expected });
          else if (TRANSITIONS[action].role !== role) expect(result, `${state} ${action} ${role}`).toEqual({ ok: false, code: 'POLICIES_ACTION_FORBIDDEN' });
          else expect(result, `${state} ${action} ${role}`).toEqual({ ok: false, code: 'POLICIES_STATE_CONFLICT' });
          checked += 1;
        }
      }
    }
    expect(checked).toBe(APPLICATION_STATES.length * APPLICATION_ACTIONS.length * ROLES.length);
  });

  it('leaves nothing to do on a paid application, and lists each role’s actions', () => {
    for (const role of ROLES) expect(allowedActions('paid', role)).toEqual([]);
    expect(allowedActions('submitted', 'district')).toEqual(['district_approve', 'district_return']);
    expect(allowedActions('district_approved', 'city')).toEqual(['city_approve', 'city_return']);
    expect(allowedActions('approved', 'city')).toEqual(['pay']);
    expect(allowedActions('returned', 'enterprise')).toEqual(['resubmit']);
    expect(allowedActions('submitted', 'admin')).toEqual([]);
  });

  it('maps a review decision to the reviewer’s step', () => {
    expect(reviewAction('district', 'approve')).toBe('district_approve');
    expect(reviewAction('city', 'return')).toBe('city_return');
    expect(reviewAction('leader', 'approve')).toBeNull();
    expect(reviewAction('enterprise', 'approve')).toBeNull();
  });
});
