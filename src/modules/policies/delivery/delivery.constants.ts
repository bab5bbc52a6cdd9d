/** Constants of 政策直达 (delivery): application states, actions, grant sources, match verdicts. */

/** An application's states: 已提交 → 区县通过 → 市级批准 → 已拨付; 退回 goes back to the enterprise. */
export const APPLICATION_STATES = ['submitted', 'district_approved', 'approved', 'returned', 'paid'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** What may be done to an application (POST /policy-applications/:id/reviews and …/payouts, …/resubmissions). */
export const APPLICATION_ACTIONS = ['district_approve', 'district_return', 'city_approve', 'city_return', 'resubmit', 'pay'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** A grant comes from an approved application or from a confirmed 免申即享 list. */
export const GRANT_SOURCES = ['application', 'exempt'] as const;
export type GrantSource = (typeof GRANT_SOURCES)[number];

/** An official's verdict on a rule's match (confirmed: the firm does qualify). */
export const MATCH_VERDICTS = ['confirmed', 'rejected'] as const;
export type MatchVerdict = (typeof MATCH_VERDICTS)[number];

/** Where a verdict was given. */
export const VERDICT_SOURCES = ['exempt_list', 'application_review'] as const;
export type VerdictSource = (typeof VERDICT_SOURCES)[number];

export const OUTBOX_STATES = ['pending', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Why a notice was withdrawn: the firm no longer matches the item, or the item is no longer in force. */
export const NOTICE_WITHDRAWAL_REASONS = ['unmatched', 'item_ended'] as const;
export type NoticeWithdrawalReason = (typeof NOTICE_WITHDRAWAL_REASONS)[number];
