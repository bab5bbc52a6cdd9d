/**
 * The application state machine (申报 → 区县审核 → 市级审批 → 拨付): which role may take which
 * action in which state. Pure; the service adds jurisdiction (404 outside it) and the budget.
 */
import type { Role } from '../../../server/permissions.ts';
import type { ApplicationAction, ApplicationState } from './delivery.constants.ts';
import { APPLICATION_ACTIONS } from './delivery.constants.ts';

export const TRANSITIONS: Record<ApplicationAction, { from: ApplicationState; to: ApplicationState; role: Role }> = {
  district_approve: { from: 'submitted', to: 'district_approved', role: 'district' },
  district_return: { from: 'submitted', to: 'returned', role: 'district' },
  city_approve: { from: 'district_approved', to: 'approved', role: 'city' },
  city_return: { from: 'district_approved', to: 'returned', role: 'city' },
  resubmit: { from: 'returned', to: 'submitted', role: 'enterprise' },
  pay: { from: 'approved', to: 'paid', role: 'city' },
};

export type TransitionCheck = { ok: true; to: ApplicationState } | { ok: false; code: 'POLICIES_ACTION_FORBIDDEN' | 'POLICIES_STATE_CONFLICT' };

/** Whether `role` may take `action` on an application in `state`: the wrong role is refused before the wrong state. */
export function checkTransition(state: ApplicationState, action: ApplicationAction, role: Role): TransitionCheck {
  const t = TRANSITIONS[action];
  if (t.role !== role) return { ok: false, code: 'POLICIES_ACTION_FORBIDDEN' };
  if (t.from !== state) return { ok: false, code: 'POLICIES_STATE_CONFLICT' };
  return { ok: true, to: t.to };
}

/** The actions a role may take on an application in a state (the buttons the page shows). */
export function allowedActions(state: ApplicationState, role: Role): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((a) => checkTransition(state, a, role).ok);
}

/** The review action of a role's decision: the district reviews, the city approves. */
export function reviewAction(role: Role, decision: 'approve' | 'return'): ApplicationAction | null {
  if (role === 'district') return decision === 'approve' ? 'district_approve' : 'district_return';
  if (role === 'city') return decision === 'approve' ? 'city_approve' : 'city_return';
  return null;
}
