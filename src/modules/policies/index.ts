/** Policies (政策找企业): the rule field schema, the catalogue of 奖补事项, and in-memory matching. */
export { POLICY_FIELDS, fullYearsBetween, toRuleRow } from './policy-fields.ts';
export type { PolicyField, RegistryEnterprise, RuleRow } from './policy-fields.ts';
export {
  POLICY_LEVELS, VERIFICATION_STATES, PolicyItemSchema, checkCatalogue, isInForce, isIsoDate, loadStarterCatalogue, parseCatalogue,
} from './catalogue.ts';
export type { CatalogueProblem, PolicyItem, PolicyLevel, VerificationState } from './catalogue.ts';
export { createPolicyMatching, evaluateBenefit, matchesRowByRow } from './matching.ts';
export type {
  BenefitEstimate, EnterpriseMatch, EnterpriseNearMiss, ItemMatch, PolicyMatching, PolicyMatchingOptions, PolicyNearMiss,
} from './matching.ts';
export { createPoliciesService, flattenExplanation } from './policies.service.ts';
export type { ChangeFeedSource, MatchTiming, PoliciesService, PolicyRegistry } from './policies.service.ts';
/** The change feed: every process follows the audit log (NOTIFY + polling, gaps of the bigserial re-read) to keep its matches current. */
export { AUDIT_NOTIFY_CHANNEL, createChangeFeed } from './change-feed.ts';
export type { ChangeFeed, ChangeFeedDeps, ListenClient } from './change-feed.ts';
export { advanceCursor, gapRanges, startCursor } from './feed-cursor.ts';
export type { FeedCursor, FeedCursorOptions, FeedGap } from './feed-cursor.ts';
export { policiesRoutes } from './policies.routes.ts';
/** 政策直达 (delivery): applications and reviews, budgets, 免申即享 grants, the inbox and its outbox, the leaders' figures. */
export { attachNotices, createDeliveryService, deliveryRoutes, noticeJob, startDeliveryJobs, seedDeliveryDemo, createLogChannel } from './delivery/index.ts';
export type { DeliveryService, DeliveryDeps, DeliveryJobs, NotificationChannel, NotificationMessage } from './delivery/index.ts';
export type { PolicyItemRecord } from './catalogue-store.ts';
export { resolveAsOf } from './catalogue-store.ts';
export { ensureStarterCatalogue, readCatalogue } from './starter-catalogue.ts';
export { canWriteLevel, checkRule } from './authoring.service.ts';
export type { RuleIssue } from './authoring.service.ts';
/** Full re-match runs (rows with progress) and the pg-boss worker that does them. */
export { createPolicyMatchRuns } from './match-runs.ts';
export type { PolicyMatchRuns } from './match-runs.ts';
export { attachMatchRuns, MATCH_RUN_QUEUE, matchRunJob } from './policies.jobs.ts';
