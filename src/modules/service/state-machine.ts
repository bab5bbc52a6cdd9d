import { MAX_REOPENS, type Rating, type RequestAction, type RequestState, type ReturnTarget } from './service.constants.ts';

/**
 * The request life cycle as a pure function: which actor may take which action in which
 * state, and what the action changes. The service loads the request, works out the caller's
 * relation to it, asks `planTransition`, and applies the plan (or throws its error).
 */

/** How the caller stands to one request (requests outside the caller's scope are never seen at all). */
export const RELATIONS = ['enterprise', 'official', 'lead_department', 'co_department', 'viewer'] as const;
export type Relation = (typeof RELATIONS)[number];

export type MachineRequest = {
  state: RequestState;
  paused: boolean;
  returnedTo: ReturnTarget | null;
  reopenCount: number;
};

/** The parts of a transition body the machine checks (other fields are validated by the service). */
export type MachineInput = {
  action: RequestAction;
  reply?: string | undefined;
  reason?: string | undefined;
  rating?: Rating | undefined;
};

export type TransitionPlan = {
  to: RequestState;
  returnedTo: ReturnTarget | null;
  clock: 'keep' | 'pause' | 'resume' | 'restart';
  reopen: boolean;
  escalate: boolean;
  resolved: boolean;
  closed: boolean;
  clearDepartments: boolean;
};

export type TransitionError = { code: TransitionErrorCode; status: 400 | 403 | 409 };
export type TransitionErrorCode =
  | 'SERVICE_ACTION_FORBIDDEN'
  | 'SERVICE_STATE_CONFLICT'
  | 'SERVICE_REQUEST_PAUSED'
  | 'SERVICE_REQUEST_NOT_PAUSED'
  | 'SERVICE_REPLY_REQUIRED'
  | 'SERVICE_REASON_REQUIRED';

type Rule = {
  /** The relations that may take the action, each with the states it may take it in. */
  who: Partial<Record<Relation, (r: MachineRequest) => boolean>>;
  /** Paused requests accept only `resume`. */
  allowWhilePaused?: boolean;
  needsPause?: boolean;
};

const inState = (...states: RequestState[]) => (r: MachineRequest) => states.includes(r.state);

const RULES: Record<RequestAction, Rule> = {
  accept: { who: { official: inState('submitted') } },
  dispatch: { who: { official: (r) => r.state === 'accepted' || (r.state === 'returned' && r.returnedTo === 'officials') } },
  start: { who: { lead_department: inState('dispatched') } },
  return: { who: { official: inState('submitted', 'accepted'), lead_department: inState('dispatched', 'in_progress') } },
  resolve: { who: { lead_department: inState('in_progress') } },
  await_enterprise: { who: { official: inState('accepted'), lead_department: inState('dispatched', 'in_progress') } },
  resume: {
    who: { enterprise: inState('accepted', 'dispatched', 'in_progress'), official: inState('accepted'), lead_department: inState('dispatched', 'in_progress') },
    allowWhilePaused: true,
    needsPause: true,
  },
  rate: { who: { enterprise: inState('resolved') } },
  archive: { who: { official: (r) => r.state === 'rated' || (r.state === 'returned' && r.returnedTo === 'enterprise') } },
  merge: { who: { official: inState('submitted', 'accepted', 'returned') } },
  resubmit: { who: { enterprise: (r) => r.state === 'returned' && r.returnedTo === 'enterprise' } },
};

const blank = (text: string | undefined) => !text || text.trim().length === 0;

const fail = (code: TransitionErrorCode, status: TransitionError['status']) => ({ ok: false as const, error: { code, status } });

/**
 * Plans one transition. Errors, in this order: the relation may never take the action (403),
 * the request is in the wrong state or paused (409), required text is missing (400).
 */
export function planTransition(request: MachineRequest, relation: Relation, input: MachineInput): { ok: true; plan: TransitionPlan } | { ok: false; error: TransitionError } {
  const rule = RULES[input.action];
  const allowedIn = rule.who[relation];
  if (!allowedIn) return fail('SERVICE_ACTION_FORBIDDEN', 403);
  if (!allowedIn(request)) return fail('SERVICE_STATE_CONFLICT', 409);
  if (request.paused && !rule.allowWhilePaused) return fail('SERVICE_REQUEST_PAUSED', 409);
  if (rule.needsPause && !request.paused) return fail('SERVICE_REQUEST_NOT_PAUSED', 409);

  const base: TransitionPlan = { to: request.state, returnedTo: request.returnedTo, clock: 'keep', reopen: false, escalate: false, resolved: false, closed: false, clearDepartments: false };
  switch (input.action) {
    case 'accept':
      return { ok: true, plan: { ...base, to: 'accepted' } };
    case 'dispatch':
      return { ok: true, plan: { ...base, to: 'dispatched', returnedTo: null } };
    case 'start':
      return { ok: true, plan: { ...base, to: 'in_progress' } };
    case 'return':
      if (blank(input.reason)) return fail('SERVICE_REASON_REQUIRED', 400);
      return { ok: true, plan: { ...base, to: 'returned', returnedTo: relation === 'official' ? 'enterprise' : 'officials' } };
    case 'resolve':
      if (blank(input.reply)) return fail('SERVICE_REPLY_REQUIRED', 400);
      return { ok: true, plan: { ...base, to: 'resolved', resolved: true } };
    case 'await_enterprise':
      if (blank(input.reason)) return fail('SERVICE_REASON_REQUIRED', 400);
      return { ok: true, plan: { ...base, clock: 'pause' } };
    case 'resume':
      return { ok: true, plan: { ...base, clock: 'resume' } };
    case 'rate': {
      if (input.rating !== 'unsatisfied') return { ok: true, plan: { ...base, to: 'rated', closed: true } };
      // 不满意: back to the same department with a fresh time limit, until the limit of reopenings; then the city takes it over.
      if (request.reopenCount < MAX_REOPENS) return { ok: true, plan: { ...base, to: 'dispatched', clock: 'restart', reopen: true } };
      return { ok: true, plan: { ...base, to: 'accepted', clock: 'restart', escalate: true } };
    }
    case 'archive':
      return { ok: true, plan: { ...base, to: 'archived', closed: true } };
    case 'merge':
      return { ok: true, plan: { ...base, to: 'merged', closed: true, returnedTo: null } };
    case 'resubmit':
      // Sent back with what was missing: the clock starts again when the enterprise answers.
      return { ok: true, plan: { ...base, to: 'submitted', returnedTo: null, clock: 'restart' } };
    default:
      return assertNever(input.action);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected action ${String(value)}`);
}

/** The actions a relation could take on a request right now (for the web app's buttons). */
export function availableActions(request: MachineRequest, relation: Relation): RequestAction[] {
  return (Object.keys(RULES) as RequestAction[]).filter((action) => {
    const rule = RULES[action];
    const allowedIn = rule.who[relation];
    if (!allowedIn || !allowedIn(request)) return false;
    if (request.paused && !rule.allowWhilePaused) return false;
    if (rule.needsPause && !request.paused) return false;
    return true;
  });
}
