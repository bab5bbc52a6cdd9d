/** Value lists of the service desk (万人助万企), shared by tables, schemas and the web app. */

/** 诉求 life cycle: 提交 → 受理 → 交办 → 办理中 → 办结 → 企业评价 → 归档, plus 退回 and 合并. */
export const REQUEST_STATES = ['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved', 'rated', 'archived', 'returned', 'merged'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** States in which the time limit runs (the request is not yet answered). */
export const OPEN_STATES = ['submitted', 'accepted', 'dispatched', 'in_progress', 'returned'] as const satisfies readonly RequestState[];

export const REQUEST_ACTIONS = [
  'accept', 'dispatch', 'start', 'return', 'resolve', 'await_enterprise', 'resume', 'rate', 'archive', 'merge', 'resubmit',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const REQUEST_SOURCES = ['enterprise', 'officer', 'import', 'open311'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

/** 满意 / 基本满意 / 不满意 */
export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** Who a returned request went back to: the enterprise (by officials) or the officials (by a department). */
export const RETURN_TARGETS = ['enterprise', 'officials'] as const;
export type ReturnTarget = (typeof RETURN_TARGETS)[number];

export const LIAISON_LEVELS = ['city', 'district', 'street'] as const;
export type LiaisonLevel = (typeof LIAISON_LEVELS)[number];

/** 承办单位 kinds: 税务, 自然资源, 供电, 供气, 人社, 市场监管, 发改, 金融, 生态环境, 住建, 工信, 其他. */
export const DEPARTMENT_KINDS = [
  'tax', 'natural_resources', 'power', 'gas', 'human_resources', 'market_regulation', 'development_reform', 'finance', 'ecology', 'housing', 'industry', 'other',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** How many times 不满意 reopens a request before it escalates to the city instead. */
export const MAX_REOPENS = 2;

/** The owner types under which the files module keeps the service desk's attachments. */
export const REQUEST_FILE_OWNER = 'service_request';
export const VISIT_FILE_OWNER = 'service_visit';

/** An attachment as a request or a visit keeps it: the file's id in the files module and what lists show. */
export type StoredAttachment = { id: string; name: string; mime: string; sizeBytes: number };

/** Reminder kinds written by the deadline sweep. */
export const REMINDER_KINDS = ['due_soon', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
