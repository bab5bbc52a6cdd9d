import type { RATINGS, RequestAction, TransitionBody } from './service-types.ts';

export type TransitionFormValues = { note?: string; reason?: string; reply?: string; rating?: (typeof RATINGS)[number]; comment?: string; leadDepartmentId?: string; coHandlerIds?: string[]; targetId?: string };

/** The body of `POST …/transitions` for an action from its form's values (blank notes left out). */
export function transitionBody(action: RequestAction, v: TransitionFormValues): TransitionBody {
  switch (action) {
    case 'dispatch':
      return { action, leadDepartmentId: v.leadDepartmentId ?? '', coHandlerIds: v.coHandlerIds ?? [], note: v.note || undefined };
    case 'return':
    case 'await_enterprise':
      return { action, reason: v.reason ?? '' };
    case 'resolve':
      return { action, reply: v.reply ?? '' };
    case 'rate':
      return { action, rating: v.rating ?? 'satisfied', comment: v.comment || undefined };
    case 'merge':
      return { action, targetId: v.targetId ?? '', note: v.note || undefined };
    case 'accept':
    case 'start':
    case 'resume':
    case 'archive':
    case 'resubmit':
      return { action, note: v.note || undefined };
  }
}

