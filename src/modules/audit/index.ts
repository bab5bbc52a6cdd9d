/** Audit trail: append-only record of every write. */
export { createAuditService, type AuditService, type AuditEntry } from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';
/** The change feed's reads: audit rows after a cursor (and inside the gaps it still waits for), and the latest id. */
export { findAuditChanges, findLatestAuditId, type AuditChange } from './audit.repository.ts';
