/** API shapes of the service desk, from the server's isomorphic zod schemas (types only). */
import type { z } from 'zod';
import type {
  CategoryListSchema, DepartmentListSchema, RequestDetailSchema, RequestListItemSchema, RequestPageSchema, StatsSchema, TransitionBodySchema,
} from '../../../modules/service/service.schemas.ts';

export type ServiceRequest = z.infer<typeof RequestListItemSchema>;
export type ServiceRequestDetail = z.infer<typeof RequestDetailSchema>;
export type ServiceRequestPage = z.infer<typeof RequestPageSchema>;
export type ServiceStats = z.infer<typeof StatsSchema>;
export type ServiceCategory = z.infer<typeof CategoryListSchema>['items'][number];
export type ServiceDepartment = z.infer<typeof DepartmentListSchema>['items'][number];
export type TransitionBody = z.input<typeof TransitionBodySchema>;
export type RequestState = ServiceRequest['state'];
export type RequestAction = ServiceRequestDetail['availableActions'][number];

export const REQUEST_STATES = ['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved', 'rated', 'archived', 'returned', 'merged'] as const satisfies readonly RequestState[];
export const URGENCIES = ['normal', 'urgent', 'critical'] as const satisfies readonly ServiceRequest['urgency'][];
export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export const DEPARTMENT_KINDS = [
  'tax', 'natural_resources', 'power', 'gas', 'human_resources', 'market_regulation', 'development_reform', 'finance', 'ecology', 'housing', 'industry', 'other',
] as const satisfies readonly ServiceDepartment['kind'][];

/** Tag colours per state (Ant Design preset colours). */
export const STATE_COLORS: Record<RequestState, string> = {
  submitted: 'default', accepted: 'processing', dispatched: 'blue', in_progress: 'geekblue', resolved: 'cyan', rated: 'green', archived: 'default', returned: 'orange', merged: 'purple',
};
